package dev.tcpscope.report;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code tcpscope stats} against tcptrace 6.6.7 ({@code tcptrace --csv -l -r -n}, Debian's
 * {@code tcptrace} package) on every curated capture: the columns that measure the same
 * quantity must agree, connection by connection and direction by direction. Rules, each
 * justified in docs/STATS.md ("Against tcptrace"):
 *
 * <ul>
 *   <li>Connections are matched by their two endpoints; a pair of endpoints that tcptrace or we
 *       see as more than one connection (ports reused) is skipped, as tcptrace does not split
 *       connections on a new SYN the way tshark's {@code tcp.stream} does.
 *   <li>RTTs: tcptrace prints milliseconds with one decimal (its mean from a floating sum), so
 *       ±0.1 ms, one printed digit; with no sample it prints 0.0 where we print nothing.
 *   <li>Unique bytes: ours is the sequence space the data covered, holes the capture missed
 *       included, so it is compared with tcptrace's unique bytes plus its "missed data"; where
 *       tcptrace prints NA for missed data (no SYN seen: a connection picked up midway), its
 *       unique bytes and throughput leave the holes out and are not compared.
 *   <li>MSS: tcptrace prints the option through a signed 16-bit value (65495 shows as
 *       4294967255); compared modulo 2^16.
 *   <li>Window scale: tcptrace shows 0 unless both SYNs offered the option; compared then only.
 *   <li>Throughput: tcptrace's "throughput" is unique bytes over the connection's elapsed time,
 *       our {@code goodput_Bps}; ±1 for rounding; tcptrace prints NA for a connection that lasted
 *       no time, we print nothing.
 *   <li>Idle time: tcptrace also counts the time from a direction's last packet to the end of
 *       the whole trace, so ours (between packets of the direction) can only be smaller.
 * </ul>
 *
 * Differences left are listed, each with its reason, in
 * {@code src/test/resources/stats/tcptrace-exceptions.tsv}; the test fails on any difference not
 * listed there and on a listed one that no longer occurs, so that the list stays true.
 */
class TcptraceAgreementTest {
    private static final Path CAPTURES = Path.of("captures");
    private static final Path EXCEPTIONS = Path.of("src/test/resources/stats/tcptrace-exceptions.tsv");
    /** tcptrace column (without _a2b/_b2a) → our column, and the tolerance (−1: ours ≤ theirs). */
    private static final Map<String, String> SAME = new LinkedHashMap<>();
    private static final Map<String, Double> TOLERANCE = new HashMap<>();

    static {
        SAME.put("total_packets", "packets");
        SAME.put("actual_data_pkts", "data_packets");
        SAME.put("actual_data_bytes", "payload_bytes");
        SAME.put("unique_bytes_sent", "unique_bytes");
        SAME.put("rexmt_data_bytes", "retrans_bytes");
        SAME.put("rexmt_data_pkts", "retrans_packets");
        SAME.put("resets_sent", "rst");
        SAME.put("zero_win_adv", "zero_windows");
        SAME.put("mss_requested", "mss");
        SAME.put("adv_wind_scale", "wscale");
        SAME.put("RTT_samples", "rtt_samples");
        SAME.put("RTT_min", "rtt_min_ms");
        SAME.put("RTT_max", "rtt_max_ms");
        SAME.put("RTT_avg", "rtt_avg_ms");
        SAME.put("throughput", "goodput_Bps");
        SAME.put("idletime_max", "idle_max_ms");
        TOLERANCE.put("RTT_min", 0.1001);
        TOLERANCE.put("RTT_max", 0.1001);
        TOLERANCE.put("RTT_avg", 0.1001);
        TOLERANCE.put("throughput", 1.0);
        TOLERANCE.put("idletime_max", -1.0);
    }

    @Test
    void columnsThatMeanTheSameAgreeWithTcptrace() throws Exception {
        List<Path> files;
        try (Stream<Path> s = Files.list(CAPTURES)) {
            files = s.filter(p -> p.toString().matches(".*\\.(pcap|pcapng)")).sorted().toList();
        }
        Set<String> listed = Files.readAllLines(EXCEPTIONS).stream()
                .filter(l -> !l.isBlank() && !l.startsWith("#"))
                .map(l -> String.join("\t", List.of(l.split("\t")).subList(0, 4)))
                .collect(Collectors.toSet());
        List<String> differences = new ArrayList<>();
        Map<String, int[]> agreement = new TreeMap<>();
        for (Path f : files) {
            compare(f, differences, agreement);
        }
        StringBuilder summary = new StringBuilder();
        agreement.forEach((k, v) -> summary.append(String.format("%-18s %d/%d%n", k, v[0], v[1])));
        System.out.print("tcptrace agreement per column (agreeing/compared):\n" + summary);
        List<String> unlisted = differences.stream().filter(d -> !listed.contains(key(d))).toList();
        Set<String> seen = differences.stream().map(TcptraceAgreementTest::key).collect(Collectors.toSet());
        List<String> stale = listed.stream().filter(l -> !seen.contains(l)).sorted().toList();
        assertThat(unlisted).as("differences from tcptrace not in %s", EXCEPTIONS).isEmpty();
        assertThat(stale).as("exceptions in %s that no longer occur", EXCEPTIONS).isEmpty();
        assertThat(agreement.get("total_packets")[1]).as("connections compared").isGreaterThan(250);
    }

    private static String key(String difference) {
        return String.join("\t", List.of(difference.split("\t")).subList(0, 4));
    }

    private static void compare(Path f, List<String> differences, Map<String, int[]> agreement) throws Exception {
        List<Map<String, String>> theirs = csv(tcptrace(f), true);
        if (theirs.isEmpty()) {
            return;
        }
        List<Map<String, String>> ours = csv(stats(f), false);
        Map<String, List<Map<String, String>>> ourRows = new HashMap<>();
        for (Map<String, String> r : ours) {
            ourRows.computeIfAbsent(endpoints(r.get("src"), r.get("sport"), r.get("dst"), r.get("dport")), k -> new ArrayList<>()).add(r);
        }
        Map<String, Integer> tcptraceCount = new HashMap<>();
        for (Map<String, String> c : theirs) {
            tcptraceCount.merge(endpoints(c.get("host_a"), c.get("port_a"), c.get("host_b"), c.get("port_b")), 1, Integer::sum);
            tcptraceCount.merge(endpoints(c.get("host_b"), c.get("port_b"), c.get("host_a"), c.get("port_a")), 1, Integer::sum);
        }
        for (Map<String, String> c : theirs) {
            String ab = endpoints(c.get("host_a"), c.get("port_a"), c.get("host_b"), c.get("port_b"));
            String ba = endpoints(c.get("host_b"), c.get("port_b"), c.get("host_a"), c.get("port_a"));
            if (tcptraceCount.get(ab) != 1 || tcptraceCount.get(ba) != 1 || ourRows.getOrDefault(ab, List.of()).size() != 1
                    || ourRows.getOrDefault(ba, List.of()).size() != 1) {
                continue; // ports reused: tcptrace and tcp.stream split connections differently
            }
            Map<String, String> a2b = ourRows.get(ab).getFirst();
            Map<String, String> b2a = ourRows.get(ba).getFirst();
            boolean bothScale = !a2b.get("wscale").isEmpty() && !b2a.get("wscale").isEmpty();
            for (String dir : List.of("a2b", "b2a")) {
                Map<String, String> o = dir.equals("a2b") ? a2b : b2a;
                for (Map.Entry<String, String> e : SAME.entrySet()) {
                    String col = e.getKey();
                    String t = c.get(col + "_" + dir);
                    String v = o.get(e.getValue());
                    if (t == null) {
                        continue;
                    }
                    if (col.startsWith("RTT_") && !col.equals("RTT_samples") && "0".equals(c.get("RTT_samples_" + dir))) {
                        continue; // no sample: tcptrace prints 0.0, we print nothing
                    }
                    if (col.equals("adv_wind_scale") && !bothScale) {
                        continue;
                    }
                    String missed = c.getOrDefault("missed_data_" + dir, "NA");
                    if ((col.equals("unique_bytes_sent") || col.equals("throughput")) && missed.equals("NA")
                            && !t.equals("0") && !t.equals("NA")) {
                        continue; // no SYN seen: tcptrace cannot say what the capture missed, so its figure leaves holes out
                    }
                    if (col.equals("unique_bytes_sent") && missed.matches("[0-9]{19,}")) {
                        continue; // tcptrace's missed-data counter wrapped below zero (2^64 - n): no figure to compare
                    }
                    if (col.equals("unique_bytes_sent") && missed.matches("[0-9]+")) {
                        t = Long.toString(Long.parseLong(t) + Long.parseLong(missed));
                    }
                    if (col.equals("throughput") && t.equals("NA")) {
                        t = "";
                    }
                    if (col.equals("mss_requested") && !t.isEmpty()) {
                        t = Long.toString(Long.parseLong(t) & 0xffff);
                    }
                    if (col.equals("mss_requested") && t.equals("0")) {
                        t = ""; // tcptrace's 0: no option
                    }
                    int[] n = agreement.computeIfAbsent(col, k -> new int[2]);
                    n[1]++;
                    if (agrees(t, v, TOLERANCE.getOrDefault(col, 0.0))) {
                        n[0]++;
                    } else {
                        differences.add(f.getFileName() + "\t" + c.get("conn_#") + "\t" + dir + "\t" + e.getValue()
                                + "\ttcptrace " + t + ", ours " + v);
                    }
                }
            }
        }
        differences.forEach(d -> { if (d.startsWith(f.getFileName().toString())) System.out.println(d); });
    }

    private static boolean agrees(String theirs, String ours, double tolerance) {
        if (theirs.isEmpty() || ours.isEmpty() || theirs.equals("NA")) {
            return theirs.isEmpty() && ours.isEmpty() || theirs.equals("NA") && ours.isEmpty();
        }
        double t = Double.parseDouble(theirs);
        double o = Double.parseDouble(ours);
        return tolerance < 0 ? o <= t + 0.0501 : Math.abs(t - o) <= tolerance;
    }

    /** Two endpoints in one canonical text (IPv6 addresses written alike on both sides). */
    private static String endpoints(String a, String pa, String b, String pb) {
        return canonical(a) + "/" + pa + ">" + canonical(b) + "/" + pb;
    }

    private static String canonical(String address) {
        try {
            return InetAddress.getByName(address).getHostAddress();
        } catch (IOException e) {
            return address;
        }
    }

    private static String tcptrace(Path f) throws Exception {
        Process p = new ProcessBuilder("tcptrace", "--csv", "-l", "-r", "-n", f.toString())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] out = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("tcptrace on %s finished", f).isTrue();
        return new String(out, StandardCharsets.UTF_8);
    }

    private static String stats(Path f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                "stats", f.toString(), "--format", "csv");
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Rows of a CSV text (tcptrace's: '#' comment lines, blank lines, padded fields). */
    static List<Map<String, String>> csv(String text, boolean tcptrace) {
        List<String> lines = text.lines().filter(l -> !l.isBlank() && !(tcptrace && l.startsWith("#"))).toList();
        List<Map<String, String>> rows = new ArrayList<>();
        if (lines.isEmpty()) {
            return rows;
        }
        String[] head = lines.getFirst().split(",", -1);
        for (String line : lines.subList(1, lines.size())) {
            String[] cells = line.split(",", -1);
            Map<String, String> row = new HashMap<>();
            for (int i = 0; i < head.length && i < cells.length; i++) {
                row.put(head[i].trim(), cells[i].trim());
            }
            rows.add(row);
        }
        return rows;
    }
}
