package dev.tcpscope.present;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Organisation names of 24-bit OUIs, as {@code eth.dst.oui_resolved} shows them: the long name
 * (third column) of Wireshark's {@code manuf} file, or the short name when a line has no long
 * one. Only whole-OUI lines count (Wireshark's {@code get_manuf_name_if_known}); MA-M and MA-S
 * blocks do not.
 */
final class OuiNames {
    private static final OuiNames NONE = new OuiNames(Map.of());
    private final Map<Integer, String> names;

    private OuiNames(Map<Integer, String> names) {
        this.names = names;
    }

    static OuiNames none() {
        return NONE;
    }

    /** Wireshark's manuf from /usr/share/wireshark (or TCPSCOPE_WIRESHARK_DATA), as {@link MacNames#system()}. */
    static OuiNames system() {
        String dir = System.getenv("TCPSCOPE_WIRESHARK_DATA");
        Path manuf = Path.of(dir != null && !dir.isEmpty() ? dir : "/usr/share/wireshark", "manuf");
        Map<Integer, String> names = new HashMap<>();
        try {
            for (String line : Files.readAllLines(manuf, StandardCharsets.UTF_8)) {
                int hash = line.indexOf('#');
                String body = hash >= 0 ? line.substring(0, hash) : line;
                String[] cols = body.split("\t");
                if (cols.length < 2 || cols[0].contains("/")) {
                    continue;
                }
                String[] octets = cols[0].trim().split("[:.-]");
                if (octets.length != 3) {
                    continue;
                }
                try {
                    int oui = Integer.parseInt(octets[0], 16) << 16 | Integer.parseInt(octets[1], 16) << 8
                            | Integer.parseInt(octets[2], 16);
                    String name = cols.length >= 3 && !cols[2].isBlank() ? cols[2].trim() : cols[1].trim();
                    names.put(oui, name);
                } catch (NumberFormatException e) {
                    // not an address line
                }
            }
        } catch (IOException | RuntimeException e) {
            return NONE; // no manuf: tshark shows no resolved OUIs either
        }
        return new OuiNames(Map.copyOf(names));
    }

    /** The organisation of {@code oui}, or null. */
    String name(int oui) {
        return names.get(oui);
    }
}
