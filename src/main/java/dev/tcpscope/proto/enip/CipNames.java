package dev.tcpscope.proto.enip;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The value names of EtherNet/IP and CIP as tshark 4.0.17 shows them: encapsulation commands and
 * statuses, Common Packet Format item types, CIP classes, services and general statuses, PCCC
 * statuses and function codes, vendors and device types. They live in {@code cip-names.tsv}
 * beside this class (table, value, name), written from {@code tshark -G values} (its {@code V}
 * rows for the fields {@code cip.class}, {@code cip.sc}, {@code cip.genstat}, {@code enip.command}
 * ...), so that the long tables (1221 vendors) stay data.
 */
final class CipNames {
    private CipNames() { }

    private static final Map<String, Map<Integer, String>> TABLES = load();

    private static Map<String, Map<Integer, String>> load() {
        Map<String, Map<Integer, String>> t = new HashMap<>();
        try (InputStream in = CipNames.class.getResourceAsStream("cip-names.tsv")) {
            if (in == null) {
                throw new IllegalStateException("cip-names.tsv missing");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null; ) {
                String[] f = line.split("\t", 3);
                if (f.length == 3) {
                    t.computeIfAbsent(f[0], k -> new HashMap<>()).put(Integer.parseInt(f[1]), f[2]);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return t;
    }

    /** The name of {@code v} in table {@code table} (a field name of tshark's), or null. */
    static String name(String table, int v) {
        Map<Integer, String> m = TABLES.get(table);
        return m == null ? null : m.get(v);
    }

    /** val_to_str: the name, else {@code fallback} formatted with {@code v}. */
    static String name(String table, int v, String fallback) {
        String n = name(table, v);
        return n != null ? n : String.format(fallback, v);
    }

    static String command(int v) { return name("enip.command", v, "Unknown Command (0x%04x)"); }

    static String cipClass(int v) { return name("cip.class", v); }

    static String service(int v) { return name("cip.sc", v); }

    static String genstat(int v) { return name("cip.genstat", v, "Unknown Response (%x)"); }

    /** packet-cip.c's cip_id_state_vals (ListIdentity's state). */
    static String idState(int v) {
        return switch (v) {
            case 0 -> "Nonexistent";
            case 1 -> "Device Self Testing";
            case 2 -> "Standby";
            case 3 -> "Operational";
            case 4 -> "Major Recoverable Fault";
            case 5 -> "Major Unrecoverable Fault";
            default -> null;
        };
    }

    /** cip_logical_seg_vals: "8-Bit Class Segment" ... by the segment byte's type and format bits. */
    static String logicalSegment(int typeFormat) {
        String[] kinds = {"Class", "Instance", "Member", "Connection Point", "Attribute"};
        int kind = typeFormat >> 2;
        int format = typeFormat & 3;
        if (kind < kinds.length && format < 3) {
            return (8 << format) + "-Bit " + kinds[kind] + " Segment";
        }
        return switch (typeFormat) {
            case 0x14 -> "Electronic Key Segment";
            case 0x18 -> "8-Bit Service ID Segment";
            case 0x1C -> "8-Bit Extended Logical Segment";
            case 0x1D -> "16-Bit Extended Logical Segment";
            case 0x1E -> "32-Bit Extended Logical Segment";
            default -> "Reserved";
        };
    }
}
