package dev.tcpscope.proto.ptp;

import dev.tcpscope.field.FieldText;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * dissect_ptp_v2_timeInterval: an 8-byte time interval in 2^-16 nanoseconds as a text item
 * "name: %f nanoseconds" over its nanoseconds (the signed value shifted right 16, shown "Ns: n
 * nanoseconds") and its sub-nanoseconds (the low 16 bits over 65536, an FT_DOUBLE).
 */
final class PtpWalkIntervals {
    private PtpWalkIntervals() { }

    static void of(Tvb t, Tree parent, int off, String name, String nsField, String subnsField) {
        long raw = PtpWalk.u64(t, off);
        double d = raw / 65536.0;
        long ns = raw >> 16;
        int subns = t.u16(off + 6);
        Tree ti = t.at(parent.text(name + ": " + PtpWalk.fixed6(d) + " nanoseconds"), off, 8);
        String title = PtpTables.field(nsField).title();
        t.at(ti.field(nsField, title + ": Ns: " + ns + " nanoseconds", Long.toUnsignedString(ns)), off, 6);
        String v = FieldText.g(subns / 65536.0, 15);
        t.at(ti.field(subnsField, PtpTables.field(subnsField).title() + ": " + v, v), off + 6, 2);
    }
}
