package dev.tcpscope.proto;

import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

/**
 * DNS, mDNS and LLMNR as tshark shows them, for every capture with such frames: the packet list
 * lines ({@code -Y "dns || mdns || llmnr"}), the DNS layers of {@code -V} and {@code -T json}, and
 * the DNS fields ({@code -T fields}). The goldens in {@code src/test/resources/golden/dns/} are made
 * by {@code scripts/make-dns-goldens.sh}, which cuts tshark's trees with
 * {@code scripts/dns-cut-V.awk} and {@code dns-cut-json.awk}; the same cut is applied here.
 * Goldens tcpscope does not match yet are listed, with the reason, in {@code known-gaps.tsv}
 * there (kept by the script); such a golden fails once it matches, so the list only shrinks.
 */
@ExtendWith(UtcTimeZone.class)
class DnsGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden/dns");
    private static final String FILTER = "dns || mdns || llmnr";

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = new ArrayList<>();
        try (Stream<Path> files = Files.list(DIR)) {
            for (Path p : files.sorted().toList()) {
                String f = p.getFileName().toString();
                for (String kind : List.of(".list.txt", ".V.txt", ".json", ".fields.tsv")) {
                    if (f.endsWith(kind)) {
                        all.add(Arguments.of(f.substring(0, f.length() - kind.length()), kind, f));
                    }
                }
            }
        }
        assertThat(all).as("goldens in %s", DIR).hasSizeGreaterThan(20);
        return all.stream();
    }

    @ParameterizedTest(name = "{2}")
    @MethodSource("goldens")
    void dnsIsWhatTsharkPrints(String capture, String kind, String golden) throws IOException {
        List<String> args = new ArrayList<>(List.of("read", "captures/" + capture));
        switch (kind) {
            case ".list.txt" -> args.addAll(List.of("-Y", FILTER));
            case ".V.txt" -> args.add("-V");
            case ".json" -> args.addAll(List.of("-T", "json"));
            default -> {
                args.addAll(List.of("-Y", FILTER, "-T", "fields", "-E", "header=y"));
                for (String field : fields()) {
                    args.addAll(List.of("-e", field));
                }
            }
        }
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        String text = outBytes.toString(StandardCharsets.UTF_8);
        List<String> actual = switch (kind) {
            case ".V.txt" -> cutV(text);
            case ".json" -> cutJson(text);
            default -> text.lines().toList();
        };
        List<String> expected = Files.readString(DIR.resolve(golden), StandardCharsets.UTF_8).lines().toList();
        boolean gap = knownGaps().contains(golden);
        for (int i = 0; i < Math.max(expected.size(), actual.size()); i++) {
            String e = i < expected.size() ? expected.get(i) : "<end>";
            String a = i < actual.size() ? actual.get(i) : "<end>";
            if (!e.equals(a)) {
                if (gap) {
                    return; // listed in known-gaps.tsv, with its reason
                }
                fail("%s: line %d differs%n  tshark:   %s%n  tcpscope: %s", golden, i + 1, e, a);
            }
        }
        if (gap) {
            fail("%s now matches tshark; take it off %s", golden, DIR.resolve("known-gaps.tsv"));
        }
    }

    /** The goldens tcpscope does not match yet (known-gaps.tsv: golden file, reason). */
    private static java.util.Set<String> knownGaps() throws IOException {
        java.util.Set<String> gaps = new java.util.HashSet<>();
        for (String row : Files.readAllLines(DIR.resolve("known-gaps.tsv"), StandardCharsets.UTF_8)) {
            if (!row.isBlank() && !row.startsWith("#")) {
                gaps.add(row.split("\t")[0]);
            }
        }
        return gaps;
    }

    /** The fields make-dns-goldens.sh asked for, from its VERSION file. */
    private static List<String> fields() throws IOException {
        for (String line : Files.readAllLines(DIR.resolve("VERSION"), StandardCharsets.UTF_8)) {
            if (line.startsWith("fields: ")) {
                return List.of(line.substring("fields: ".length()).trim().split(" +"));
            }
        }
        throw new IllegalStateException("no fields line in " + DIR.resolve("VERSION"));
    }

    private static final Pattern FRAME = Pattern.compile("^Frame [0-9]+:.*");
    private static final Pattern PROTOCOLS = Pattern.compile("^    \\[Protocols in frame:.*:(dns|mdns|llmnr).*");
    private static final Pattern DNS_TOP = Pattern.compile(
            "^((Domain Name System|Multicast Domain Name System|Link-local Multicast Name Resolution) \\(.*"
                    + "|\\[(Malformed Packet|Packet size limited during capture|BoundError Unreassembled Packet).*)");

    /** scripts/dns-cut-V.awk. */
    static List<String> cutV(String text) {
        List<String> out = new ArrayList<>();
        boolean keep = false;
        for (String line : text.lines().toList()) {
            if (FRAME.matcher(line).matches()) {
                out.add(line);
                keep = false;
                continue;
            }
            if (PROTOCOLS.matcher(line).matches()) {
                out.add(line);
                continue;
            }
            if (!line.isEmpty() && line.charAt(0) != ' ') {
                keep = DNS_TOP.matcher(line).matches();
            }
            if (keep) {
                out.add(line);
            }
        }
        return out;
    }

    /** scripts/dns-cut-json.awk. */
    static List<String> cutJson(String text) {
        List<String> out = new ArrayList<>();
        boolean keep = false;
        for (String line : text.lines().toList()) {
            if (line.startsWith("          \"frame.number\": ")) {
                out.add(line);
                continue;
            }
            if (line.startsWith("        \"dns\": ") || line.startsWith("        \"mdns\": ")
                    || line.startsWith("        \"llmnr\": ")) {
                keep = true;
            }
            if (keep) {
                out.add(line);
                if (line.startsWith("        }")) {
                    keep = false;
                }
            }
        }
        return out;
    }
}
