package dev.tcpscope.present;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * Organisation names of 24-bit OUIs, as {@code eth.dst.oui_resolved} shows them: the long name
 * (third column) of Wireshark's {@code manuf} file, or the short name when a line has no long
 * one. Only whole-OUI lines count (Wireshark's {@code get_manuf_name_if_known}); MA-M and MA-S
 * blocks do not. A view of what {@link MacNames} read (see {@link MacNames#ouiNames()}): the
 * line of an OUI is read when the OUI is first asked for.
 */
final class OuiNames {
    private static final OuiNames NONE = new OuiNames(new byte[0], new MacTable(1));
    private final byte[] text;
    private final MacTable lines;
    private final Map<Integer, String> names = new HashMap<>();

    OuiNames(byte[] text, MacTable lines) {
        this.text = text;
        this.lines = lines;
    }

    static OuiNames none() {
        return NONE;
    }

    /** The organisation of {@code oui}, or null. */
    String name(int oui) {
        String name = names.get(oui);
        if (name == null && !names.containsKey(oui)) {
            int at = lines.get(oui);
            name = at < 0 ? null : longName(at);
            names.put(oui, name);
        }
        return name;
    }

    /** The tab-separated line's third column, or its second when that is blank; null if malformed. */
    private String longName(int at) {
        int end = at;
        while (end < text.length && text[end] != '\n') end++;
        String line = new String(text, at, end - at, StandardCharsets.UTF_8);
        int hash = line.indexOf('#');
        String body = hash >= 0 ? line.substring(0, hash) : line;
        String[] cols = body.split("\t");
        if (cols.length < 2 || cols[0].contains("/")) {
            return null;
        }
        String[] octets = cols[0].trim().split("[:.-]");
        if (octets.length != 3) {
            return null;
        }
        return cols.length >= 3 && !cols[2].isBlank() ? cols[2].trim() : cols[1].trim();
    }
}
