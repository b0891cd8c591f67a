package dev.tcpscope.proto.isakmp;

import dev.tcpscope.proto.Registry;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The value strings of packet-isakmp.c's fields as tshark 4.0.17 lists them (values.tsv, written
 * by scripts/gen-registry-tables.sh), kept per registration: the dissector registers several
 * names twice, once with IKEv1's table and once with IKEv2's ({@code isakmp.prop.protoid},
 * {@code isakmp.id.type}, {@code isakmp.notify.msgtype} ...), and {@code tshark -G values} prints
 * the two tables one after the other. A second table starts where the values start over from the first one's first value. Also the
 * Vendor ID prefixes ({@code vendors.tsv}) that bytesprefix_to_str matches.
 */
final class Names {
    private record Range(long low, long high, String text) { }

    /** Per field, its tables in registration order: IKEv1's first. */
    private final Map<String, List<List<Range>>> tables = new HashMap<>();
    private final List<byte[]> vendorPrefixes = new ArrayList<>();
    private final List<String> vendorNames = new ArrayList<>();

    Names() {
        Map<String, Long> last = new HashMap<>();
        Registry.read(Names.class, "values.tsv", p -> {
            if (!p[0].equals("V") && !p[0].equals("R")) {
                return;
            }
            boolean range = p[0].equals("R");
            long low = Long.decode(p[2]);
            long high = range ? Long.decode(p[3]) : low;
            String text = range ? p[4] : p[3];
            List<List<Range>> ts = tables.computeIfAbsent(p[1], k -> new ArrayList<>());
            // a second table starts over from the first one's first value (IKEv1's tables are not
            // all in order: notify.msgtype lists 40503-40959 after 40960-65535)
            Long first = last.get(p[1]);
            if (first == null || low == first) {
                ts.add(new ArrayList<>());
                last.put(p[1], low);
            }
            ts.get(ts.size() - 1).add(new Range(low, high, text));
        });
        Registry.read(Names.class, "vendors.tsv", p -> {
            byte[] b = new byte[p[0].length() / 2];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) Integer.parseInt(p[0].substring(2 * i, 2 * i + 2), 16);
            }
            vendorPrefixes.add(b);
            vendorNames.add(p[1]);
        });
    }

    /**
     * The name of {@code v} in field {@code field}'s table for IKE version {@code version} (the
     * second table for version 2 where there are two), or null when it has no table or no entry.
     */
    String find(String field, int version, long v) {
        List<List<Range>> ts = tables.get(field);
        if (ts == null) {
            return null;
        }
        List<Range> t = ts.get(version == 2 && ts.size() > 1 ? 1 : 0);
        for (Range r : t) {
            if (v >= r.low && v <= r.high) {
                return r.text;
            }
        }
        return null;
    }

    boolean has(String field) {
        return tables.containsKey(field);
    }

    /** bytesprefix_to_str over the vendor table: the first entry whose bytes begin {@code vid}, else "Unknown Vendor ID". */
    String vendor(byte[] vid) {
        for (int i = 0; i < vendorPrefixes.size(); i++) {
            byte[] p = vendorPrefixes.get(i);
            if (vid.length >= p.length && java.util.Arrays.equals(vid, 0, p.length, p, 0, p.length)) {
                return vendorNames.get(i);
            }
        }
        return "Unknown Vendor ID";
    }
}
