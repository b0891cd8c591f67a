package dev.tcpscope.proto.tunnel;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * GTP (3GPP TS 29.281 GTPv1-U, TS 29.060 GTPv1-C and GTP') as packet-gtp.c shows its header:
 * the flags, message type (Info), length, TEID, the optional sequence number, N-PDU number and
 * next extension header type, and the extension headers, PDCP PDU numbers decoded and others
 * by their length. Information elements of control messages are not decoded. A T-PDU's
 * datagram is the wire layer's ({@code wire.Dissector}); the packet list then shows
 * "GTP &lt;X&gt;" with X the datagram's protocol. One walk makes the columns, the tree and the fields.
 */
public final class Gtp {
    private Gtp() { }

    /**
     * Walks the header in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @return null when the header was whole, or the exception that ended the walk
     */
    public static Tvb.Stop walk(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("GTP");
        info.setLength(0);
        boolean prime = t.cap >= 1 && (t.u8(0) & 0x10) == 0;
        if (prime) {
            return prime(t, root, info);
        }
        Tree g = t.at(root.protocol("gtp", "GPRS Tunneling Protocol"), 0, t.cap);
        try {
            Tvb.Stop stop = header(t, g, info);
            if (stop == null) {
                int data = dev.tcpscope.wire.UdpTunnel.tpduData(t.s, t.base, t.cap);
                if (data > 0) {
                    t.at(root.bytes("gtp.tpdu_data", "T-PDU Data", t.s, t.base + t.cap - data, data), t.cap - data, data);
                }
            }
            return stop;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /** GTP' (TS 32.295, packet-gtp.c's gtpprime): flags, message type, length, sequence number, and a 20-octet header's rest. */
    private static Tvb.Stop prime(Tvb t, Tree root, StringBuilder info) {
        Tree g = t.at(root.protocol("gtpprime", "GPRS Tunneling Protocol Prime"), 0, t.cap);
        try {
            int flags = t.u8(0);
            String fh = String.format("0x%02x", flags);
            Tree f = t.at(g.field("gtp.flags", "Flags: " + fh, fh), 0, 1);
            int version = flags >>> 5;
            t.at(f.field("gtp.prim.flags.version", Text.bits(flags, 0xe0, 8) + " = Version: " + version,
                    Integer.toString(version)).bitmask(0xe0), 0, 1);
            t.at(f.field("gtp.flags.payload", Text.bits(flags, 0x10, 8) + " = Protocol type: GTP' (0)", "0").bitmask(0x10), 0, 1);
            int reserved = flags >>> 1 & 7;
            t.at(f.field("gtp.flags.reserved", Text.bits(flags, 0x0e, 8) + " = Reserved: " + reserved,
                    Integer.toString(reserved)).bitmask(0x0e), 0, 1);
            boolean six = (flags & 1) != 0;
            t.at(f.field("gtp.flags.hdr_length", Text.bits(flags, 0x01, 8) + " = Header length: "
                    + (six ? "6-Octet Header" : "20-Octet Header"), six ? "1" : "0").bitmask(0x01), 0, 1);
            messageType(t, g, info);
            length(t, g);
            int seq = t.u16(4);
            String seqHex = String.format("0x%04x", seq);
            t.at(g.field("gtp.seq_number", "Sequence number: " + seqHex + " (" + seq + ")", seqHex), 4, 2);
            if (!six) {
                t.need(6, 14);
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /** The GTPv1 or GTPv0 header's items under {@code g}. */
    private static Tvb.Stop header(Tvb t, Tree g, StringBuilder info) {
        {
            int flags = t.u8(0);
            int version = flags >>> 5;
            String fh = String.format("0x%02x", flags);
            Tree f = t.at(g.field("gtp.flags", "Flags: " + fh, fh), 0, 1);
            t.at(f.field("gtp.flags.version", Text.bits(flags, 0xe0, 8) + " = Version: " + versionName(version)
                    + " (" + version + ")", Integer.toString(version)).bitmask(0xe0), 0, 1);
            int pt = flags >>> 4 & 1;
            t.at(f.field("gtp.flags.payload", Text.bits(flags, 0x10, 8) + " = Protocol type: " + (pt == 1 ? "GTP" : "GTP'")
                    + " (" + pt + ")", Integer.toString(pt)).bitmask(0x10), 0, 1);
            if (version == 0 && pt == 1) {
                return v0(t, g, f, flags, info);
            }
            if (version != 1 || pt != 1) {
                messageType(t, g, info);
                return null;
            }
            int reserved = flags >>> 3 & 1;
            t.at(f.field("gtp.flags.reserved", Text.bits(flags, 0x08, 8) + " = Reserved: " + reserved,
                    Integer.toString(reserved)).bitmask(0x08), 0, 1);
            yesNo(t, f, flags, 0x04, "gtp.flags.e", "Is Next Extension Header present?");
            yesNo(t, f, flags, 0x02, "gtp.flags.s", "Is Sequence Number present?");
            yesNo(t, f, flags, 0x01, "gtp.flags.pn", "Is N-PDU number present?");
            int type = messageType(t, g, info);
            length(t, g);
            long teid = t.u32(4);
            String teidHex = String.format("0x%08x", teid);
            t.at(g.field("gtp.teid", "TEID: " + teidHex + " (" + teid + ")", teidHex), 4, 4);
            int pos = 8;
            if ((flags & 0x07) != 0) {
                int seq = t.u16(8);
                if ((flags & 0x02) != 0) {
                    String seqHex = String.format("0x%04x", seq);
                    t.at(g.field("gtp.seq_number", "Sequence number: " + seqHex + " (" + seq + ")", seqHex), 8, 2);
                }
                int npdu = t.u8(10);
                if ((flags & 0x01) != 0) {
                    String n = String.format("0x%02x", npdu);
                    t.at(g.field("gtp.npdu_number", "N-PDU Number: " + n, n), 10, 1);
                }
                int next = t.u8(11);
                pos = 12;
                if ((flags & 0x04) != 0) {
                    nextType(t, g, 11, next);
                    int walked = 0;
                    while (next != 0 && walked++ < 64) {
                        int len = t.u8(pos) * 4;
                        if (len == 0) {
                            Tree e = t.at(g.none("gtp.ext_hdr", "Extension header"), pos, 1);
                            t.at(e.field("gtp.ext_hdr.length", "Extension Header Length: 0", "0"), pos, 1)
                                    .expert("gtp.ext_length.invalid", Tree.Severity.ERROR, Tree.Group.MALFORMED,
                                            "Extension header length is zero");
                            return null; // packet-gtp.c returns there
                        }
                        Tree e = t.at(g.none("gtp.ext_hdr", "Extension header (" + extName(next) + ")"), pos, len);
                        Tree l = t.at(e.field("gtp.ext_hdr.length", "Extension Header Length: " + len / 4,
                                Integer.toString(len / 4)), pos, 1);
                        if (next == 0xc0 && len != 4) {
                            l.expert("gtp.ext_length.invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                                    "The length field for the PDCP SN Extension header should be 1.");
                        }
                        if (next == 0xc0 && len == 4) {
                            int sn = t.u16(pos + 1);
                            t.at(e.field("gtp.ext_hdr.pdcp_sn", "PDCP Sequence Number: " + sn, Integer.toString(sn)), pos + 1, 2);
                        } else if (next == 0x40 && len == 4) {
                            int port = t.u16(pos + 1);
                            t.at(e.field("gtp.ext_hdr.udp_port", "UDP Port: " + port, Integer.toString(port)), pos + 1, 2);
                        }
                        next = t.u8(pos + len - 1);
                        nextType(t, e, pos + len - 1, next);
                        pos += len;
                    }
                }
            }
            if (type == 255) {
                t.at(g, 0, pos); // a T-PDU's item ends with the header; its datagram is not GTP's
            }
            return null;
        }
    }

    /** The message type at byte 1 (every GTP version's), and its name in Info; returns it. */
    private static int messageType(Tvb t, Tree g, StringBuilder info) {
        int type = t.u8(1);
        String typeHex = String.format("0x%02x", type);
        t.at(g.field("gtp.message", "Message Type: " + messageName(type) + " (" + typeHex + ")", typeHex), 1, 1);
        info.append(messageName(type));
        return type;
    }

    /** The length at bytes 2-3 (every GTP version's). */
    private static void length(Tvb t, Tree g) {
        int length = t.u16(2);
        t.at(g.field("gtp.length", "Length: " + length, Integer.toString(length)), 2, 2);
    }

    /** GTPv0's 20-byte header (GSM 09.60): sequence number, flow label, SNDCP N-PDU number, TID. */
    private static Tvb.Stop v0(Tvb t, Tree g, Tree f, int flags, StringBuilder info) {
        int reserved = flags >>> 1 & 7;
        t.at(f.field("gtp.flags.reserved", Text.bits(flags, 0x0e, 8) + " = Reserved: " + reserved,
                Integer.toString(reserved)).bitmask(0x0e), 0, 1);
        yesNo(t, f, flags, 0x01, "gtp.flags.snn", "Is SNDCP N-PDU included?");
        int type = messageType(t, g, info);
        length(t, g);
        int seq = t.u16(4);
        String seqHex = String.format("0x%04x", seq);
        t.at(g.field("gtp.seq_number", "Sequence number: " + seqHex + " (" + seq + ")", seqHex), 4, 2);
        String flow = String.format("0x%04x", t.u16(6));
        t.at(g.field("gtp.flow_label", "Flow label: " + flow, flow), 6, 2);
        String sndcp = String.format("0x%02x", t.u8(8));
        t.at(g.field("gtp.sndcp_number", "SNDCP N-PDU LLC Number: " + sndcp, sndcp), 8, 1);
        StringBuilder tid = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            int b = t.u8(12 + i);
            tid.append(Character.forDigit(b & 0xf, 16)).append(Character.forDigit(b >>> 4, 16));
        }
        t.at(g.string("gtp.tid", "TID", tid.toString()), 12, 8);
        if (type == 255) {
            t.at(g, 0, 20);
        }
        return null;
    }

    private static void nextType(Tvb t, Tree parent, int off, int next) {
        String hex = String.format("0x%02x", next);
        t.at(parent.field("gtp.ext_hdr.next", "Next extension header type: " + extName(next) + " (" + hex + ")", hex), off, 1);
    }

    private static void yesNo(Tvb t, Tree f, int flags, int mask, String key, String name) {
        boolean set = (flags & mask) != 0;
        t.at(f.field(key, Text.bits(flags, mask, 8) + " = " + name + ": " + (set ? "Yes" : "No"), set ? "1" : "0")
                .bitmask(mask), 0, 1);
    }

    static String versionName(int v) {
        return switch (v) {
            case 0 -> "GTP release 97/98 version";
            case 1 -> "GTP release 99 version";
            case 2 -> "GTPv2-C";
            default -> "None";
        };
    }

    /** gtp.ext_hdr.next's names (tshark 4.0.17 {@code -G values}). */
    static String extName(int v) {
        return switch (v) {
            case 0x00 -> "No more extension headers";
            case 0x01 -> "MBMS support indication";
            case 0x02 -> "MS Info Change Reporting support indication";
            case 0x03 -> "Long PDCP PDU Number";
            case 0x20 -> "Service Class Indicator";
            case 0x40 -> "UDP Port number";
            case 0x81 -> "RAN container";
            case 0x82 -> "Long PDCP PDU number";
            case 0x83 -> "Xw RAN container";
            case 0x84 -> "NR RAN container";
            case 0x85 -> "PDU Session container";
            case 0xc0 -> "PDCP PDU number";
            case 0xc1 -> "Suspend Request";
            case 0xc2 -> "Suspend Response";
            default -> "Unknown";
        };
    }

    /** gtp.message's names (tshark 4.0.17 {@code -G values}). */
    public static String messageName(int type) {
        return switch (type) {
            case 0 -> "For future use";
            case 1 -> "Echo request";
            case 2 -> "Echo response";
            case 3 -> "Version not supported";
            case 4 -> "Node alive request";
            case 5 -> "Node alive response";
            case 6 -> "Redirection request";
            case 7 -> "Redirection response";
            case 16 -> "Create PDP context request";
            case 17 -> "Create PDP context response";
            case 18 -> "Update PDP context request";
            case 19 -> "Update PDP context response";
            case 20 -> "Delete PDP context request";
            case 21 -> "Delete PDP context response";
            case 22 -> "Initiate PDP Context Activation Request";
            case 23 -> "Initiate PDP Context Activation Response";
            case 24 -> "Delete AA PDP Context Request";
            case 25 -> "Delete AA PDP Context Response";
            case 26 -> "Error indication";
            case 27 -> "PDU notification request";
            case 28 -> "PDU notification response";
            case 29 -> "PDU notification reject request";
            case 30 -> "PDU notification reject response";
            case 31 -> "Supported extension header notification";
            case 32 -> "Send routing information for GPRS request";
            case 33 -> "Send routing information for GPRS response";
            case 34 -> "Failure report request";
            case 35 -> "Failure report response";
            case 36 -> "Note MS GPRS present request";
            case 37 -> "Note MS GPRS present response";
            case 48 -> "Identification request";
            case 49 -> "Identification response";
            case 50 -> "SGSN context request";
            case 51 -> "SGSN context response";
            case 52 -> "SGSN context acknowledgement";
            case 53 -> "Forward relocation request";
            case 54 -> "Forward relocation response";
            case 55 -> "Forward relocation complete";
            case 56 -> "Relocation cancel request";
            case 57 -> "Relocation cancel response";
            case 58 -> "Forward SRNS context";
            case 59 -> "Forward relocation complete acknowledge";
            case 60 -> "Forward SRNS context acknowledge";
            case 61 -> "UE Registration Query Request";
            case 62 -> "UE Registration Query Response";
            case 70 -> "RAN Information Relay";
            case 96 -> "MBMS Notification Request";
            case 97 -> "MBMS Notification Response";
            case 98 -> "MBMS Notification Reject Request";
            case 99 -> "MBMS Notification Reject Response";
            case 100 -> "Create MBMS Context Request";
            case 101 -> "Create MBMS Context Response";
            case 102 -> "Update MBMS Context Request";
            case 103 -> "Update MBMS Context Response";
            case 104 -> "Delete MBMS Context Request";
            case 105 -> "Delete MBMS Context Response";
            case 112 -> "MBMS Registration Request";
            case 113 -> "MBMS Registration Response";
            case 114 -> "MBMS De-Registration Request";
            case 115 -> "MBMS De-Registration Response";
            case 116 -> "MBMS Session Start Request";
            case 117 -> "MBMS Session Start Response";
            case 118 -> "MBMS Session Stop Request";
            case 119 -> "MBMS Session Stop Response";
            case 120 -> "MBMS Session Update Request";
            case 121 -> "MBMS Session Update Response";
            case 128 -> "MS Info Change Notification Request";
            case 129 -> "MS Info Change Notification Response";
            case 240 -> "Data record transfer request";
            case 241 -> "Data record transfer response";
            case 254 -> "End Marker";
            case 255 -> "T-PDU";
            default -> "Unknown";
        };
    }
}
