package dev.tcpscope.proto.ptp;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * A PTPv2 Management message's body as packet-ptp.c shows it: the target port, the boundary hops,
 * the action, the management TLV's type and length and, for a management TLV, its ID and the data
 * item with the decoded data set under it. Decoded here: the clock description and the default,
 * current, parent and port data sets (the IDs the captures hold); the data of other IDs shows as
 * the data item alone (docs/PTP.md).
 */
final class PtpManagement {
    private PtpManagement() { }

    static void walk(Tvb t, Tree p) {
        Items.add(t, p, "ptp.v2.mm.targetportidentity", 34, 8);
        Items.add(t, p, "ptp.v2.mm.targetportid", 42, 2);
        Items.add(t, p, "ptp.v2.mm.startingboundaryhops", 44, 1);
        Items.add(t, p, "ptp.v2.mm.boundaryhops", 45, 1);
        Items.add(t, p, "ptp.v2.mm.action", 46, 1);
        Items.add(t, p, "ptp.v2.mm.tlvType", 48, 2);
        Items.add(t, p, "ptp.v2.mm.lengthField", 50, 2);
        int type = t.u16(48);
        int length = t.u16(50);
        if (type == 2) {
            Items.add(t, p, "ptp.v2.mm.managementErrorId", 52, 2);
            Items.add(t, p, "ptp.v2.mm.managementId", 54, 2);
            Items.add(t, p, "ptp.v2.mm.reserved", 56, 4);
            if (length > 10) { // measured on 4.0.17: a length of 10 shows no display data, 12 does
                text(t, p, 60, "ptp.v2.mm.displayData", "ptp.v2.mm.displayData.length");
            }
            return;
        }
        if (type != 1) {
            return;
        }
        Items.add(t, p, "ptp.v2.mm.managementId", 52, 2);
        int id = t.u16(52);
        if (length <= 2) {
            return;
        }
        Tree d = Items.add(t, p, "ptp.v2.mm.data", 54, length - 2);
        int o = 54;
        switch (id) {
            case 0x0001 -> clockDescription(t, d, o);
            case 0x2000 -> {
                Items.add(t, d, "ptp.v2.mm.twoStep", o, 1);
                Items.add(t, d, "ptp.v2.mm.SlavOnly", o, 1);
                Items.add(t, d, "ptp.v2.mm.reserved", o + 1, 1);
                Items.add(t, d, "ptp.v2.mm.numberPorts", o + 2, 2);
                Items.add(t, d, "ptp.v2.mm.priority1", o + 4, 1);
                Items.add(t, d, "ptp.v2.mm.clockclass", o + 5, 1);
                Items.add(t, d, "ptp.v2.mm.clockaccuracy", o + 6, 1);
                Items.add(t, d, "ptp.v2.mm.clockvariance", o + 7, 2);
                Items.add(t, d, "ptp.v2.mm.priority2", o + 9, 1);
                Items.add(t, d, "ptp.v2.mm.clockidentity", o + 10, 8);
                Items.add(t, d, "ptp.v2.mm.domainNumber", o + 18, 1);
                Items.add(t, d, "ptp.v2.mm.reserved", o + 19, 1);
            }
            case 0x2001 -> {
                Items.add(t, d, "ptp.v2.mm.stepsRemoved", o, 2);
                PtpWalkIntervals.of(t, d, o + 2, "Offset from Master", "ptp.v2.mm.offset.ns", "ptp.v2.mm.offset.subns");
                PtpWalkIntervals.of(t, d, o + 10, "Mean path delay", "ptp.v2.mm.pathDelay.ns", "ptp.v2.mm.pathDelay.subns");
            }
            case 0x2002 -> {
                Items.add(t, d, "ptp.v2.mm.parentclockidentity", o, 8);
                Items.add(t, d, "ptp.v2.mm.parentsourceportid", o + 8, 2);
                Items.add(t, d, "ptp.v2.mm.parentstats", o + 10, 1);
                Items.add(t, d, "ptp.v2.mm.reserved", o + 11, 1);
                Items.add(t, d, "ptp.v2.mm.observedParentOffsetScaledLogVariance", o + 12, 2);
                Items.add(t, d, "ptp.v2.mm.observedParentClockPhaseChangeRate", o + 14, 4);
                Items.add(t, d, "ptp.v2.mm.grandmasterPriority1", o + 18, 1);
                Items.add(t, d, "ptp.v2.mm.grandmasterclockclass", o + 19, 1);
                Items.add(t, d, "ptp.v2.mm.grandmasterclockaccuracy", o + 20, 1);
                Items.add(t, d, "ptp.v2.mm.grandmasterclockvariance", o + 21, 2);
                Items.add(t, d, "ptp.v2.mm.grandmasterPriority2", o + 23, 1);
                Items.add(t, d, "ptp.v2.mm.grandmasterclockidentity", o + 24, 8);
            }
            case 0x2004 -> {
                Items.add(t, d, "ptp.v2.mm.clockidentity", o, 8);
                Items.add(t, d, "ptp.v2.mm.PortNumber", o + 8, 2);
                Items.add(t, d, "ptp.v2.mm.portState", o + 10, 1);
                Items.add(t, d, "ptp.v2.mm.logMinDelayReqInterval", o + 11, 1);
                PtpWalkIntervals.of(t, d, o + 12, "Peer mean path delay", "ptp.v2.mm.peerMeanPathDelay.ns",
                        "ptp.v2.mm.peerMeanPathDelay.subns");
                Items.add(t, d, "ptp.v2.mm.logAnnounceInterval", o + 20, 1);
                Items.add(t, d, "ptp.v2.mm.announceReceiptTimeout", o + 21, 1);
                Items.add(t, d, "ptp.v2.mm.logSyncInterval", o + 22, 1);
                Items.add(t, d, "ptp.v2.mm.delayMechanism", o + 23, 1);
                Items.add(t, d, "ptp.v2.mm.logMinPdelayReqInterval", o + 24, 1);
                Items.add(t, d, "ptp.v2.mm.versionNumber", o + 25, 1);
            }
            case 0x2005 -> one(t, d, o, "ptp.v2.mm.priority1");
            case 0x2006 -> one(t, d, o, "ptp.v2.mm.priority2");
            case 0x2007 -> one(t, d, o, "ptp.v2.mm.domainNumber");
            case 0x2009 -> one(t, d, o, "ptp.v2.mm.logAnnounceInterval");
            case 0x200a -> one(t, d, o, "ptp.v2.mm.announceReceiptTimeout");
            case 0x200b -> one(t, d, o, "ptp.v2.mm.logSyncInterval");
            case 0x6000 -> one(t, d, o, "ptp.v2.mm.delayMechanism");
            case 0x6001 -> one(t, d, o, "ptp.v2.mm.logMinPdelayReqInterval");
            default -> { } // other IDs: the data item alone (docs/PTP.md)
        }
    }

    /** A one-byte data set value and its reserved byte. */
    private static void one(Tvb t, Tree d, int o, String field) {
        Items.add(t, d, field, o, 1);
        Items.add(t, d, "ptp.v2.mm.reserved", o + 1, 1);
    }

    private static void clockDescription(Tvb t, Tree d, int o) {
        Tree ct = Items.add(t, d, "ptp.v2.mm.clockType", o, 2);
        for (String k : new String[] {"OC", "BC", "p2p_TC", "e2e_TC", "MM", "reserved"}) {
            Items.add(t, ct, "ptp.v2.mm.clockType." + k, o, 2);
        }
        o += 2;
        o = text(t, d, o, "ptp.v2.mm.physicalLayerProtocol", "ptp.v2.mm.physicalLayerProtocol.length");
        int n = t.u16(o);
        Items.add(t, d, "ptp.v2.mm.physicalAddressLength", o, 2);
        o += 2;
        Items.add(t, d, "ptp.v2.mm.physicalAddress", o, n);
        o += n;
        int s = t.u16(o + 2);
        Tree pa = Items.add(t, d, "ptp.v2.mm.protocolAddress", o + 4, s);
        Items.add(t, pa, "ptp.v2.mm.networkProtocol", o, 2);
        Items.add(t, pa, "ptp.v2.mm.protocolAddress.length", o + 2, 2);
        Items.add(t, pa, "ptp.v2.mm.protocolAddress", o + 4, s);
        o += 4 + s;
        Items.add(t, d, "ptp.v2.mm.manufacturerIdentity", o, 3);
        Items.add(t, d, "ptp.v2.mm.reserved", o + 3, 1);
        o += 4;
        o = text(t, d, o, "ptp.v2.mm.productDescription", "ptp.v2.mm.productDescription.length");
        o = text(t, d, o, "ptp.v2.mm.revisionData", "ptp.v2.mm.revisionData.length");
        o = text(t, d, o, "ptp.v2.mm.userDescription", "ptp.v2.mm.userDescription.length");
        Items.add(t, d, "ptp.v2.mm.profileIdentity", o, 6);
        o += 6;
        if ((o - 54) % 2 != 0) {
            Items.add(t, d, "ptp.v2.mm.pad", o, 1);
        }
    }

    /** dissect_ptp_v2_text: a PTPText (a length byte, then that many characters); returns the offset after it. */
    static int text(Tvb t, Tree parent, int off, String field, String lengthField) {
        int length = t.u8(off);
        Tree item = Items.add(t, parent, field, off + 1, length);
        Items.add(t, item, lengthField, off, 1);
        Items.add(t, item, field, off + 1, length);
        return off + 1 + length;
    }
}
