package dev.tcpscope.field;

import dev.tcpscope.wire.Mpls;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

import static dev.tcpscope.field.FieldType.*;

/**
 * {@code mpls.*} (packet-mpls.c), one occurrence per label stack entry down to the bottom of the
 * stack as far as the entries were captured; {@code pweth*} (packet-pw-eth.c) for an Ethernet
 * pseudowire's control word; {@code pwach.*} for an associated channel.
 */
public final class MplsFields {
    private MplsFields() { }

    /** The MPLS item's label for the entry at {@code p}: "MultiProtocol Label Switching Header, Label: 18, Exp: 0, S: 0, TTL: 254". */
    public static String entryLabel(MemorySegment s, long p) {
        int label = Mpls.label(s, p);
        return "MultiProtocol Label Switching Header, Label: " + label
                + (label <= Mpls.MAX_RESERVED ? " (" + Mpls.specialName(label) + ")" : "")
                + ", Exp: " + Mpls.exp(s, p) + ", S: " + (Mpls.bottom(s, p) ? 1 : 0) + ", TTL: " + Mpls.ttl(s, p);
    }

    /** Something read from each captured entry of a stack. */
    @FunctionalInterface
    private interface EntryReader {
        void read(MemorySegment s, long p, Values v);
    }

    private static Extractor entries(EntryReader r) {
        return Layers.each(Proto.MPLS, (s, off, cap, v) -> {
            for (int pos = 0; pos + Mpls.ENTRY_LENGTH <= cap; pos += Mpls.ENTRY_LENGTH) {
                r.read(s, off + pos, v);
                if (Mpls.bottom(s, off + pos)) {
                    return;
                }
            }
        });
    }

    static List<Field> all() {
        List<Field> f = new ArrayList<>();
        f.add(Field.of("mpls", "MultiProtocol Label Switching Header", PROTOCOL,
                entries((s, p, v) -> v.addString(entryLabel(s, p)))));
        f.add(Field.integer("mpls.label", "MPLS Label", UINT, 32, Base.DEC, entries((s, p, v) -> v.addLong(Mpls.label(s, p)))));
        f.add(Field.integer("mpls.exp", "MPLS Experimental Bits", UINT, 32, Base.DEC, entries((s, p, v) -> v.addLong(Mpls.exp(s, p)))));
        f.add(Field.integer("mpls.bottom", "MPLS Bottom Of Label Stack", UINT, 32, Base.DEC,
                entries((s, p, v) -> v.addLong(Mpls.bottom(s, p) ? 1 : 0))));
        f.add(Field.integer("mpls.ttl", "MPLS TTL", UINT, 32, Base.DEC, entries((s, p, v) -> v.addLong(Mpls.ttl(s, p)))));
        f.add(Field.of("pweth.cw", "PW Control Word (ethernet)", BOOLEAN, Layers.each(Proto.PW_ETH_CW, (s, off, cap, v) -> {
            if (cap >= 4) {
                v.addLong(1);
            }
        })));
        f.add(Field.of("pwethcw", "PW Ethernet Control Word", PROTOCOL, Layers.each(Proto.PW_ETH_CW, (s, off, cap, v) -> {
            if (cap >= 4) {
                v.addString("PW Ethernet Control Word");
            }
        })));
        f.add(Layers.uint("pweth.cw.sequence_number", "PW sequence number (ethernet)", 16, Base.DEC, Proto.PW_ETH_CW,
                Layers.ALL, 2, 2, 0));
        f.add(Field.of("pwach", "PW Associated Channel Header", PROTOCOL, Layers.each(Proto.PW_ACH, (s, off, cap, v) -> {
            if (cap >= 4) {
                v.addString("PW Associated Channel Header");
            }
        })));
        f.add(Layers.uint("pwach.ver", "Channel Version", 8, Base.DEC, Proto.PW_ACH, Layers.ALL, 0, 1, 0x0f));
        f.add(Layers.uint("pwach.res", "Reserved", 8, Base.HEX, Proto.PW_ACH, Layers.ALL, 1, 1, 0));
        f.add(Layers.uint("pwach.channel_type", "Channel Type", 16, Base.HEX, Proto.PW_ACH, Layers.ALL, 2, 2, 0));
        return f;
    }

}
