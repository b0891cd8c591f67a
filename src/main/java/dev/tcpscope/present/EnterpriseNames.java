package dev.tcpscope.present;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * IANA Private Enterprise Numbers by name, from Wireshark's {@code enterprises.tsv} when
 * Wireshark's data files are installed (the directory in env TCPSCOPE_WIRESHARK_DATA, else
 * /usr/share/wireshark), as tshark names them; "Unknown" otherwise.
 */
public final class EnterpriseNames {
    private static volatile EnterpriseNames system;

    private final Map<Long, String> names;

    private EnterpriseNames(Map<Long, String> names) {
        this.names = names;
    }

    /** The names from the installed Wireshark data, loaded once on first use. */
    public static EnterpriseNames system() {
        EnterpriseNames e = system;
        if (e == null) {
            String dir = System.getenv("TCPSCOPE_WIRESHARK_DATA");
            e = load(Path.of(dir != null && !dir.isEmpty() ? dir : "/usr/share/wireshark", "enterprises.tsv"));
            system = e;
        }
        return e;
    }

    /** Reads "number TAB name" lines; a missing or unreadable file gives an empty table. */
    static EnterpriseNames load(Path file) {
        Map<Long, String> names = new HashMap<>();
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            for (String line; (line = r.readLine()) != null; ) {
                int tab = line.indexOf('\t');
                if (tab <= 0 || line.startsWith("#")) {
                    continue;
                }
                try {
                    names.putIfAbsent(Long.parseLong(line.substring(0, tab).strip()), line.substring(tab + 1).strip());
                } catch (NumberFormatException ignored) {
                    // a header or comment line
                }
            }
        } catch (IOException e) {
            return new EnterpriseNames(Map.of());
        }
        return new EnterpriseNames(names);
    }

    /** The enterprise's name, or "Unknown". */
    public String name(long pen) {
        return names.getOrDefault(pen, "Unknown");
    }
}
