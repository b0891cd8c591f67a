package dev.tcpscope;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The launcher caps each JIT compilation's work memory ({@code -XX:CompileCommand=MemLimit}). A
 * method whose C1 compilation passes the cap is given up by both compilers and stays interpreted
 * for the whole run: until session 40, {@code IpDetails.ipv4} and {@code TcpDetails.tcp} (11-18 MB
 * of C1 memory, their labels' string concatenations inlined whole) ran interpreted for every
 * frame of {@code -V}. This runs tcpscope in a JVM with the launcher's compile commands, C1 only
 * and thresholds so low that every method a capture reaches is compiled, and requires that no
 * C1 compilation of tcpscope's code hit the cap. (C2 may: the cap is there to stop it.)
 */
class CompileBudgetTest {

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "synth-traffic-12k.pcap, -V",
            "synth-traffic-12k.pcap, -T json",
            "arkime-openssl-tls1_2.pcap, -V",
            "arkime-modbus.pcap, -V",
            "pcapplusplus-DnsPackets.pcap, -V",
            "pcapplusplus-four_ipv6_http_streams.pcap, -V",
            "pcapplusplus-650HttpResponses.pcap, -V",
            "gopacket-cip-2000.pcap, -V",
            "gopacket-ethernetIP.pcap, -T json",
            "arkime-gtp-iphone.pcap, -V",
            "arkime-pim.pcap, -V",
            "zeek-ftp-cwd-navigation.pcap, -2 -V",
    })
    void noC1CompilationPassesTheLaunchersCap(String capture, String mode) throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> cmd = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(launcherCompileCommands());
        cmd.addAll(List.of("-XX:TieredStopAtLevel=3", "-XX:CompileThresholdScaling=0.01", "-XX:+PrintCompilation",
                "-cp", System.getProperty("java.class.path"), "dev.tcpscope.cli.Main", "read"));
        cmd.addAll(List.of(mode.split(" ")));
        cmd.add("captures/" + capture);
        Path out = Files.createTempFile("compile-budget", ".txt");
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("finished").isTrue();
            List<String> skipped;
            try (var lines = Files.lines(out, StandardCharsets.ISO_8859_1)) {
                skipped = lines.filter(l -> l.contains("hit memory limit") && l.contains("dev.tcpscope.")).toList();
            }
            assertThat(skipped).as("C1 compilations of tcpscope's code over the cap (they run interpreted)").isEmpty();
            assertThat(p.exitValue()).isZero();
        } finally {
            Files.deleteIfExists(out);
        }
    }

    /** The {@code -XX:CompileCommand=...} options of the launcher's JVM flags, as it runs {@code read}. */
    static List<String> launcherCompileCommands() throws IOException {
        String launcher = Files.readString(Path.of("tcpscope"));
        Matcher flags = Pattern.compile("(?m)^flags=\\((.*)\\)$").matcher(launcher);
        assertThat(flags.find()).as("the launcher's flags=(...) line").isTrue();
        List<String> out = new ArrayList<>();
        Matcher cc = Pattern.compile("-XX:CompileCommand=\\S+").matcher(flags.group(1));
        while (cc.find()) {
            out.add(cc.group());
        }
        assertThat(out).anyMatch(c -> c.startsWith("-XX:CompileCommand=MemLimit,"));
        return out;
    }
}
