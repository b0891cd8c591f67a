package dev.tcpscope.proto.dhcpv6;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * IANA Private Enterprise Numbers by name as tshark 4.0.17 shows them in DHCPv6's enterprise
 * fields (sminmpec.c's table): read once from Wireshark's installed {@code enterprises.tsv} (the
 * directory in env TCPSCOPE_WIRESHARK_DATA, else /usr/share/wireshark), a name ending before a
 * tab and '#' comment; "Unknown" for a number it does not list or when the file is missing.
 */
final class Enterprises {
    private Enterprises() { }

    private static volatile Map<Long, String> names;

    static String name(long pen) {
        Map<Long, String> m = names;
        if (m == null) {
            String dir = System.getenv("TCPSCOPE_WIRESHARK_DATA");
            m = load(Path.of(dir != null && !dir.isEmpty() ? dir : "/usr/share/wireshark", "enterprises.tsv"));
            names = m;
        }
        return m.getOrDefault(pen, "Unknown");
    }

    private static Map<Long, String> load(Path file) {
        Map<Long, String> m = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                if (tab <= 0 || line.startsWith("#")) {
                    continue;
                }
                String rest = line.substring(tab + 1);
                int next = rest.indexOf('\t');
                if (next >= 0) {
                    rest = rest.substring(0, next);
                }
                try {
                    m.putIfAbsent(Long.parseLong(line.substring(0, tab).strip()), rest.strip());
                } catch (NumberFormatException ignored) {
                    // a header line
                }
            }
        } catch (IOException e) {
            return Map.of();
        }
        return m;
    }
}
