package dev.tcpscope.proto.llc;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * packet-llc.c's fields with Wireshark 4.0.17's names, titles and types
 * ({@code tshark -G fields} rows, the walks' registries), their values the items of the walks
 * that build the tree.
 */
public final class LlcFields {
    private LlcFields() { }

    public static List<Field> llc() {
        List<Field> out = new java.util.ArrayList<>(Llc.REGISTRY.fields("Logical-Link Control", LlcFields::ofLlc));
        // packet-llc.c's basic format XID, a protocol of its own that the LLC walk builds
        out.add(Collected.field("basicxid", "Logical-Link Control Basic Format XID", dev.tcpscope.field.FieldType.PROTOCOL, 0,
                LlcFields::ofLlc));
        out.add(Collected.field("basicxid.llc.xid.format", "XID Format", dev.tcpscope.field.FieldType.UINT, 8,
                dev.tcpscope.field.Base.HEX, LlcFields::ofLlc));
        out.add(Collected.field("basicxid.llc.xid.types", "LLC Types/Classes", dev.tcpscope.field.FieldType.UINT, 8,
                dev.tcpscope.field.Base.HEX, LlcFields::ofLlc));
        out.add(Collected.field("basicxid.llc.xid.wsize", "Receive Window Size", dev.tcpscope.field.FieldType.UINT, 8,
                dev.tcpscope.field.Base.DEC, LlcFields::ofLlc));
        return out;
    }

    private static Collected ofLlc(Decoder d) {
        return Collected.ofLayers(d, Proto.LLC, (x, i, c) -> Llc.walk(tvb(x, i), c, new StringBuilder(), new StringBuilder()));
    }

    /** Whether BPDU layer {@code i} came through Cisco's PVST+ SNAP header. */
    public static boolean pvst(Dissection x, int i) {
        return i > 0 && x.proto(i - 1) == Proto.LLC && x.captured(i - 1) >= 2 && Llc.snap(x.segment(i - 1), x.offset(i - 1));
    }

    private static Tvb tvb(Dissection x, int i) {
        return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
    }
}
