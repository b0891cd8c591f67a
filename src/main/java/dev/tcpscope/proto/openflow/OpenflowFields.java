package dev.tcpscope.proto.openflow;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The fields of tshark 4.0.17's five OpenFlow protocols ({@code openflow}, {@code openflow_v1},
 * {@code openflow_v4}, {@code openflow_v5}, {@code openflow_v6}) with their names, titles and
 * types from tshark's own registry (resources written by scripts/gen-registry-tables.sh), so
 * that filters, {@code -e} and {@code tcpscope fields} know every one. A name registered by two
 * of them (packet-openflow_v1.c's {@code openflow.version} is packet-openflow.c's too) is listed
 * once. Their values are the detail tree's items of the frame.
 */
public final class OpenflowFields {
    private OpenflowFields() { }

    public static List<Field> all() {
        List<Field> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        add(out, seen, Openflow.REG.fields("OpenFlow", OpenflowFields::of));
        add(out, seen, V1Walk.REG.fields("OpenFlow 1.0", OpenflowFields::of));
        for (VnWalk.Version v : VnWalk.Version.values()) {
            add(out, seen, v.reg.fields(v.title, OpenflowFields::of));
        }
        return out;
    }

    private static void add(List<Field> out, Set<String> seen, List<Field> fields) {
        for (Field f : fields) {
            if (seen.add(f.name())) {
                out.add(f);
            }
        }
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        Openflow x = Collected.dissector(d, "openflow", Openflow.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
