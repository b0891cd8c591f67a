package dev.tcpscope.proto.ptp;

import dev.tcpscope.proto.EtherNames;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One PTPv2 message (IEEE 1588-2008 and -2019, IEEE 802.1AS) as Wireshark 4.0.17's packet-ptp.c
 * shows it with default preferences (no Sync/Follow_Up or Pdelay analysis: the
 * {@code ptp.analyze_ptp_messages} preference is off).
 *
 * <p>In packet-ptp.c's order: the Protocol column is "PTPv2"; the first byte, the message length
 * and the flags are read; the Info column is set (the message type's name, a Management message's
 * "Management (...) ACTION" from its TLV, a Signalling message's White Rabbit TLVs); only then,
 * and only when tshark builds a tree ({@code tree}), the tree: the header, the message length
 * checked against the bytes (past them: an expert item and the bytes' length used; below 4: an
 * expert item and nothing more; else the message is cut to its length, what follows being
 * Ethernet padding), then the body of the message type. Every TLV loop advances by at least four
 * bytes over at most 65,535, so its work is bounded.
 */
public final class PtpWalk {
    private PtpWalk() { }

    static final int SYNC = 0x0;
    static final int DELAY_REQ = 0x1;
    static final int PDELAY_REQ = 0x2;
    static final int PDELAY_RESP = 0x3;
    static final int FOLLOW_UP = 0x8;
    static final int DELAY_RESP = 0x9;
    static final int PDELAY_RESP_FOLLOW_UP = 0xa;
    static final int ANNOUNCE = 0xb;
    static final int SIGNALLING = 0xc;
    static final int MANAGEMENT = 0xd;

    /** The TLV types packet-ptp.c dissects. */
    private static final int TLV_MANAGEMENT = 1;
    private static final int TLV_MANAGEMENT_ERROR_STATUS = 2;
    private static final int TLV_ORGANIZATION_EXTENSION = 3;
    private static final int TLV_REQUEST_UNICAST = 4;
    private static final int TLV_GRANT_UNICAST = 5;
    private static final int TLV_CANCEL_UNICAST = 6;
    private static final int TLV_ACK_CANCEL_UNICAST = 7;
    private static final int TLV_PATH_TRACE = 8;
    private static final int TLV_ALTERNATE_TIME_OFFSET = 9;
    private static final int OUI_CERN = 0x080030;
    private static final int CERN_WR_TLV = 0xdead01;

    /**
     * Walks the PTPv2 message in {@code t}: sets the columns and, when {@code tree}, adds the tree
     * under {@code root}. Without {@code tree} but with a root (tshark's expert tap without a
     * tree), only the items up to the message length check are added, for its expert items.
     *
     * @param overEthernet carried by EtherType 0x88F7 (with majorSdoId bit 0x1, an 802.1AS message)
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, boolean overEthernet, boolean tree, Tree root, StringBuilder protocol,
            StringBuilder info) {
        try {
            protocol.setLength(0);
            protocol.append("PTPv2");
            int first = t.u8(0);
            int majorSdoId = first & 0xf0;
            boolean as = (majorSdoId & 0x10) != 0 && overEthernet;
            int type = first & 0x0f;
            int msgLen = t.u16(2);
            int flags = t.u16(6);
            info(t, type, msgLen, info);
            if (!tree && root == Tree.NOTHING) {
                return null;
            }
            new PtpWalk.Body(t, root, as, type, flags, msgLen).walk(!tree);
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /** The Info column, set before the tree (so an exception in the tree leaves it). */
    private static void info(Tvb t, int type, int msgLen, StringBuilder info) {
        info.setLength(0);
        if (type == MANAGEMENT) {
            int tlvType = t.u16(48);
            if (tlvType == TLV_MANAGEMENT) {
                int id = t.u16(52);
                int action = t.u8(46) & 0x0f;
                String name = PtpNames.managementInfo(id);
                String act = PtpTables.value("ptp.v2.mm.action", action);
                info.append("Management (").append(name == null ? "Unknown management Id " + id : name).append(") ")
                        .append(act == null ? "Unknown Action " + action : act);
                return;
            }
            if (tlvType == TLV_MANAGEMENT_ERROR_STATUS) {
                int id = t.u16(52);
                String name = PtpTables.value("ptp.v2.mm.managementErrorId", id);
                info.append("Management Error Message (").append(name == null ? "Unknown Error Id " + id : name).append(')');
                return;
            }
        }
        String name = PtpTables.value("ptp.v2.messagetype", type);
        info.append(name == null ? "Unknown PTP Message (" + type + ")" : name);
        if (type == SIGNALLING) {
            for (int off = 44; off + 4 <= msgLen; ) {
                int length = t.u16(off + 2);
                int tlvType = t.u16(off);
                if (tlvType == TLV_ORGANIZATION_EXTENSION) {
                    long org = u24(t, off + 4);
                    long sub = u24(t, off + 7);
                    if (org == OUI_CERN && sub == CERN_WR_TLV) {
                        info.append(" WR ");
                        int id = t.u16(off + 10);
                        String wr = PtpTables.value("ptp.v2.sig.oe.cern.wr.wrMessageID", id);
                        info.append(wr == null ? "Unknown PTP WR Message (" + id + ")" : wr);
                    }
                }
                off += 4 + length;
            }
        }
    }

    static long u24(Tvb t, int off) {
        return (long) t.u8(off) << 16 | t.u16(off + 1);
    }

    static long u48(Tvb t, int off) {
        return (long) t.u16(off) << 32 | t.u32(off + 2);
    }

    static long u64(Tvb t, int off) {
        return t.u32(off) << 32 | t.u32(off + 4);
    }

    /** The tree of one message: the header after the message type, then the body. */
    private static final class Body {
        private Tvb t;
        private final Tree root;
        private final boolean as;
        private final int type;
        private final int flags;
        private int msgLen;
        private Tree p;

        Body(Tvb t, Tree root, boolean as, int type, int flags, int msgLen) {
            this.t = t;
            this.root = root;
            this.as = as;
            this.type = type;
            this.flags = flags;
            this.msgLen = msgLen;
        }

        /** @param headerOnly tshark builds no tree: only the message length's expert items are reported */
        void walk(boolean headerOnly) {
            Tree top = t.at(root.protocol("ptp", "Precision Time Protocol (IEEE1588)"), 0, t.rep);
            p = top;
            Items.add(t, p, "ptp.v2.majorsdoid", 0, 1);
            Items.add(t, p, "ptp.v2.messagetype", 0, 1);
            Items.add(t, p, "ptp.v2.minorversionptp", 1, 1);
            Items.add(t, p, "ptp.v2.versionptp", 1, 1);
            Tree lenItem = Items.add(t, p, "ptp.v2.messagelength", 2, 2);
            if (msgLen > t.rep) {
                lenItem.expert("ptp.v2.msg_len_too_large", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Message length goes past the end of the packet");
                msgLen = t.rep;
            } else if (msgLen < 4) {
                lenItem.expert("ptp.v2.msg_len_too_small", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                        "Message length too short to include the message length field");
                return;
            } else {
                // set_actual_length: the message ends at its length, within what was captured
                t = new Tvb(t.s, t.base, Math.min(t.cap, msgLen), msgLen, t.fragment);
                top.length(msgLen);
                t.at(top, 0, msgLen);
            }
            if (headerOnly) {
                return;
            }
            Items.add(t, p, "ptp.v2.domainnumber", 4, 1);
            Items.add(t, p, "ptp.v2.minorsdoid", 5, 1);
            Tree f = Items.add(t, p, "ptp.v2.flags", 6, 2);
            for (String flag : new String[] {"security", "specific2", "specific1", "unicast", "twostep", "alternatemaster",
                    "synchronizationUncertain", "frequencytraceable", "timetraceable", "timescale", "utcreasonable", "li59",
                    "li61"}) {
                Items.add(t, f, "ptp.v2.flags." + flag, 6, 2);
            }
            timeInterval(p, 8, "correctionField", "ptp.v2.correction.ns", "ptp.v2.correction.subns");
            Items.add(t, p, "ptp.v2.messagetypespecific", 16, 4);
            Tree clock = Items.add(t, p, "ptp.v2.clockidentity", 20, 8);
            if (t.u16(23) == 0xfffe) {
                long oui = u24(t, 20);
                t.need(20, 3);
                t.at(clock.bytes("ptp.v2.clockidentity_manuf", "MAC Vendor", t.s, t.base + 20, 3)
                        .relabel("MAC Vendor: " + manufacturer(oui)), 20, 3);
            }
            Items.add(t, p, "ptp.v2.sourceportid", 28, 2);
            Items.add(t, p, "ptp.v2.sequenceid", 30, 2);
            Items.add(t, p, "ptp.v2.controlfield", 32, 1);
            Items.add(t, p, "ptp.v2.logmessageperiod", 33, 1);
            switch (type) {
                case ANNOUNCE -> announce();
                case SYNC -> {
                    if (as && (flags & 0x0200) != 0) {
                        Items.add(t, p, "ptp.v2.sync.reserved", 34, 10);
                    } else {
                        timestamp("ptp.v2.sdr.origintimestamp", 34);
                    }
                    if (as && (flags & 0x0200) == 0) {
                        if (msgLen >= 76) {
                            followUpTlv();
                        } else {
                            top.expert("ptp.v2.sync_no_fup_tlv", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                                    "No Follow Up TLV for this gPTP One Step Sync");
                        }
                    }
                }
                case DELAY_REQ -> timestamp("ptp.v2.sdr.origintimestamp", 34);
                case FOLLOW_UP -> {
                    timestamp("ptp.v2.fu.preciseorigintimestamp", 34);
                    long sec = u48(t, 34);
                    long ns = t.u32(40);
                    long v = (sec * 1_000_000_000L + ns) & 0xffffffffL;
                    t.at(p.field("ptp.v2.fu.preciseorigintimestamp.32bit", "preciseOriginTimestamp (32bit): " + v,
                            Long.toString(v)).hide().generated(), 34, 10);
                    if (as) {
                        followUpTlv();
                    }
                }
                case DELAY_RESP -> {
                    timestamp("ptp.v2.dr.receivetimestamp", 34);
                    Items.add(t, p, "ptp.v2.dr.requestingsourceportidentity", 44, 8);
                    Items.add(t, p, "ptp.v2.dr.requestingsourceportid", 52, 2);
                }
                case PDELAY_REQ -> {
                    if (!as) {
                        timestamp("ptp.v2.pdrq.origintimestamp", 34);
                    }
                }
                case PDELAY_RESP -> {
                    timestamp("ptp.v2.pdrs.requestreceipttimestamp", 34);
                    Items.add(t, p, "ptp.v2.pdrs.requestingportidentity", 44, 8);
                    Items.add(t, p, "ptp.v2.pdrs.requestingsourceportid", 52, 2);
                }
                case PDELAY_RESP_FOLLOW_UP -> {
                    timestamp("ptp.v2.pdfu.responseorigintimestamp", 34);
                    Items.add(t, p, "ptp.v2.pdfu.requestingportidentity", 44, 8);
                    Items.add(t, p, "ptp.v2.pdfu.requestingsourceportid", 52, 2);
                }
                case SIGNALLING -> signalling();
                case MANAGEMENT -> PtpManagement.walk(t, p);
                default -> { } // not a valid message type: nothing more
            }
        }

        /** A timestamp's seconds (48 bits) and nanoseconds items, {@code prefix}.seconds and .nanoseconds. */
        private void timestamp(String prefix, int off) {
            Items.add(t, p, prefix + ".seconds", off, 6);
            Items.add(t, p, prefix + ".nanoseconds", off + 6, 4);
        }

        private void timeInterval(Tree parent, int off, String name, String nsField, String subnsField) {
            PtpWalkIntervals.of(t, parent, off, name, nsField, subnsField);
        }

        /** The 802.1AS Follow_Up information TLV at 44. */
        private void followUpTlv() {
            int length = t.u16(46);
            t.need(44, length + 4); // the subtree item checks its bytes
            Tree tl = t.at(p.text("Follow Up information TLV"), 44, length + 4);
            Items.add(t, tl, "ptp.as.fu.tlvType", 44, 2);
            Items.add(t, tl, "ptp.as.fu.lengthField", 46, 2);
            Items.add(t, tl, "ptp.as.fu.organizationId", 48, 3);
            Items.add(t, tl, "ptp.as.fu.organizationSubType", 51, 3);
            Items.add(t, tl, "ptp.as.fu.cumulativeScaledRateOffset", 54, 4);
            Items.add(t, tl, "ptp.as.fu.gmTimeBaseIndicator", 58, 2);
            Items.add(t, tl, "ptp.as.fu.lastGmPhaseChange", 60, 12);
            Items.add(t, tl, "ptp.as.fu.scaledLastGmFreqChange", 72, 4);
        }

        private void announce() {
            if (!as) {
                timestamp("ptp.v2.an.origintimestamp", 34);
            }
            Items.add(t, p, "ptp.v2.an.origincurrentutcoffset", 44, 2);
            Items.add(t, p, "ptp.v2.an.priority1", 47, 1);
            Items.add(t, p, "ptp.v2.an.grandmasterclockclass", 48, 1);
            Items.add(t, p, "ptp.v2.an.grandmasterclockaccuracy", 49, 1);
            Items.add(t, p, "ptp.v2.an.grandmasterclockvariance", 50, 2);
            Items.add(t, p, "ptp.v2.an.priority2", 52, 1);
            Items.add(t, p, "ptp.v2.an.grandmasterclockidentity", 53, 8);
            Items.add(t, p, "ptp.v2.an.localstepsremoved", 61, 2);
            Items.add(t, p, "ptp.v2.timesource", 63, 1);
            if (msgLen <= 64) {
                return;
            }
            int total = 0;
            while (t.rep - (64 + total) >= 4) {
                int off = 64 + total;
                int tlvType = t.u16(off);
                int length = t.u16(off + 2);
                String name = PtpTables.value("ptp.v2.an.tlvType", tlvType);
                t.need(off, length + 4); // the subtree item checks its bytes
                Tree tl = t.at(p.text((name == null ? "Unknown (" + tlvType + ")" : name) + " TLV"), off, length + 4);
                Items.add(t, tl, "ptp.v2.an.tlvType", off, 2);
                Items.add(t, tl, "ptp.v2.an.lengthField", off + 2, 2);
                switch (tlvType) {
                    case TLV_ORGANIZATION_EXTENSION -> {
                        Items.add(t, tl, "ptp.v2.an.oe.organizationId", off + 4, 3);
                        long org = u24(t, off + 4);
                        long sub = u24(t, off + 7);
                        if (org == OUI_CERN) {
                            Items.add(t, tl, "ptp.v2.an.oe.organizationSubType", off + 7, 3);
                            if (sub == CERN_WR_TLV) {
                                Items.add(t, tl, "ptp.v2.an.oe.cern.wr.wrMessageID", off + 10, 2);
                                Tree wf = Items.add(t, tl, "ptp.v2.an.oe.cern.wr.wrFlags", off + 12, 2);
                                Items.add(t, wf, "ptp.v2.an.oe.cern.wr.wrFlags.wrModeOn", off + 12, 2);
                                Items.add(t, wf, "ptp.v2.an.oe.cern.wr.wrFlags.calibrated", off + 12, 2);
                                Items.add(t, wf, "ptp.v2.an.oe.cern.wr.wrFlags.wrConfig", off + 12, 2);
                            } else {
                                Items.add(t, tl, "ptp.v2.an.oe.dataField", off + 10, length - 6);
                            }
                        } else {
                            // the IEEE C37.238 profile's TLVs are left as data (PtpNames says which ones tshark decodes)
                            Items.add(t, tl, "ptp.v2.an.oe.organizationSubType", off + 7, 3);
                            Items.add(t, tl, "ptp.v2.an.oe.dataField", off + 10, length - 6);
                        }
                    }
                    case TLV_ALTERNATE_TIME_OFFSET -> {
                        Items.add(t, tl, "ptp.v2.an.atoi.keyField", off + 4, 1);
                        Items.add(t, tl, "ptp.v2.an.atoi.currentOffset", off + 5, 4);
                        Items.add(t, tl, "ptp.v2.an.atoi.jumpSeconds", off + 9, 4);
                        Items.add(t, tl, "ptp.v2.an.atoi.timeOfNextJump", off + 13, 6);
                        PtpManagement.text(t, tl, off + 19, "ptp.v2.an.atoi.displayName", "ptp.v2.an.atoi.displayName.length");
                    }
                    case TLV_PATH_TRACE -> {
                        // packet-ptp.c places every path sequence after the first TLV, whichever TLV this is
                        for (int k = 0; k < length; k += 8) {
                            Items.add(t, tl, "ptp.v2.an.pathsequence", 68 + k, 8);
                        }
                    }
                    default -> Items.add(t, tl, "ptp.v2.an.tlv.data", off + 4, length);
                }
                total += length + 4;
            }
        }

        private void signalling() {
            Items.add(t, p, "ptp.v2.sig.targetportidentity", 34, 8);
            Items.add(t, p, "ptp.v2.sig.targetportid", 42, 2);
            if (as) {
                PtpSignalling.as(t, p);
                return;
            }
            PtpSignalling.tlvs(t, p);
        }
    }

    /** C's {@code printf("%f")}: six decimals, rounded as the exact binary value is. */
    static String fixed6(double d) {
        if (Double.isNaN(d) || Double.isInfinite(d)) {
            return Double.isNaN(d) ? "nan" : d > 0 ? "inf" : "-inf";
        }
        String s = new BigDecimal(d).setScale(6, RoundingMode.HALF_EVEN).toPlainString();
        return d == 0 && 1 / d < 0 ? "-" + s : s;
    }

    /** tvb_get_manuf_name: the short name of the OUI in the manuf file, else its colon hex form. */
    static String manufacturer(long oui) {
        String name = EtherNames.name(oui << 24);
        String plain = EtherNames.plain(oui << 24);
        if (!name.equals(plain) && name.endsWith("_00:00:00")) {
            return name.substring(0, name.length() - "_00:00:00".length());
        }
        return plain.substring(0, 8);
    }

    /** Text's bit picture of {@code value} under {@code mask} in a {@code width}-bit field. */
    static String bits(long value, long mask, int width) {
        return Text.bits((int) value, (int) mask, width);
    }
}
