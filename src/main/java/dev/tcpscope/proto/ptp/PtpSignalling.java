package dev.tcpscope.proto.ptp;

import dev.tcpscope.field.FieldText;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The TLVs of a Signalling message as packet-ptp.c shows them: each TLV's type item with its
 * length under it, then the unicast negotiation TLVs' message type, interval (with its period and
 * rate) and duration, an organization extension's identifiers (White Rabbit's message ID), any
 * other TLV's value as data. The loop runs to the message's end and moves at least four bytes a
 * TLV.
 */
final class PtpSignalling {
    private PtpSignalling() { }

    private static final int OUI_CERN = 0x080030;
    private static final int OUI_ITU_T = 0x0019a7;

    static void tlvs(Tvb t, Tree p) {
        int end = t.rep;
        for (int off = 44; off < end; ) {
            Tree ti = Items.add(t, p, "ptp.v2.sig.tlv.tlvType", off, 2);
            int type = t.u16(off);
            int length = t.u16(off + 2);
            Items.add(t, ti, "ptp.v2.sig.tlv.lengthField", off + 2, 2);
            switch (type) {
                case 4, 5 -> {
                    Items.add(t, ti, "ptp.v2.sig.tlv.messageType", off + 4, 1);
                    int log = (byte) t.u8(off + 5);
                    Tree lp = Items.add(t, ti, "ptp.v2.sig.tlv.logInterMessagePeriod", off + 5, 1);
                    double period = Math.pow(2, log);
                    t.at(lp.field("ptp.v2.sig.tlv.logInterMessagePeriod.period",
                            "period: every " + FieldText.g(period, 6) + " seconds", Integer.toString(log)), off + 5, 1);
                    t.at(lp.field("ptp.v2.sig.tlv.logInterMessagePeriod.rate",
                            "rate: " + FieldText.g(1 / period, 6) + " packets/sec", Integer.toString(log)), off + 5, 1);
                    Items.add(t, ti, "ptp.v2.sig.tlv.durationField", off + 6, 4);
                    if (type == 5) {
                        Items.add(t, ti, "ptp.v2.sig.tlv.renewalInvited", off + 11, 1);
                    }
                }
                case 6, 7 -> Items.add(t, ti, "ptp.v2.sig.tlv.messageType", off + 4, 1);
                case 3 -> {
                    Items.add(t, ti, "ptp.v2.an.oe.organizationId", off + 4, 3);
                    long org = PtpWalk.u24(t, off + 4);
                    if (org == OUI_CERN || org == OUI_ITU_T) {
                        return; // White Rabbit's and ITU-T's TLVs are not shown yet (docs/PTP.md)
                    }
                    Items.add(t, ti, "ptp.v2.an.oe.organizationSubType", off + 7, 3);
                }
                default -> Items.add(t, ti, "ptp.v2.sig.tlv.data", off + 4, length);
            }
            off += 4 + length;
        }
    }

    /**
     * The one TLV of an 802.1AS Signalling message, at 44: a message interval request (type 3) or
     * a gPTP-capable TLV (type 0x8000); packet-ptp.c shows no other. Its organization subtype is
     * compared as the subtype's first two bytes, which for the standard subtypes are 0, so 4.0.17
     * titles every type 0x8000 TLV "gPTP-capable TLV" and shows no flags there (measured).
     */
    static void as(Tvb t, Tree p) {
        int length = t.u16(46);
        int type = t.u16(44);
        switch (type) {
            case 3 -> {
                t.need(44, length + 4); // the subtree item checks its bytes
                Tree tl = t.at(p.text("Message Interval Request TLV"), 44, length + 4);
                header(t, tl);
                Items.add(t, tl, "ptp.as.sig.tlv.linkdelayinterval", 54, 1);
                Items.add(t, tl, "ptp.as.sig.tlv.timesyncinterval", 55, 1);
                Items.add(t, tl, "ptp.as.sig.tlv.announceinterval", 56, 1);
                Tree f = Items.add(t, tl, "ptp.as.sig.tlv.flags", 57, 1);
                Items.add(t, f, "ptp.as.sig.tlv.flags.rateratio", 57, 1);
                Items.add(t, f, "ptp.as.sig.tlv.flags.meanlinkdelay", 57, 1);
                Items.add(t, f, "ptp.as.sig.tlv.flags.stepreceivecapable", 57, 1);
            }
            case 0x8000 -> {
                if (t.u16(51) != 0) {
                    return; // a subtype whose first bytes are not 0: not shown yet (docs/PTP.md)
                }
                t.need(44, length + 4);
                Tree tl = t.at(p.text("gPTP-capable TLV"), 44, length + 4);
                header(t, tl);
                Items.add(t, tl, "ptp.as.sig.tlv.gptpcapablemessageinterval", 54, 1);
            }
            default -> { } // packet-ptp.c shows nothing more
        }
    }

    private static void header(Tvb t, Tree tl) {
        Items.add(t, tl, "ptp.as.sig.tlvType", 44, 2);
        Items.add(t, tl, "ptp.as.sig.lengthField", 46, 2);
        Items.add(t, tl, "ptp.as.sig.tlv.organizationId", 48, 3);
        Items.add(t, tl, "ptp.as.sig.tlv.organizationSubType", 51, 3);
    }
}
