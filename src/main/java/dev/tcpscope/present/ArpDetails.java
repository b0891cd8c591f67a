package dev.tcpscope.present;

import dev.tcpscope.wire.Arp;
import dev.tcpscope.wire.Bytes;
import java.lang.foreign.MemorySegment;

/**
 * The ARP/RARP tree (RFC 826, RFC 903) as packet-arp.c 4.0.17 builds it: the fixed fields one by
 * one as their bytes are read, the opcode in the title once the Info column's reads are done, the
 * gratuitous/probe/announcement marks, then each address while it is captured. Its short name in
 * error markers is "ARP/RARP".
 */
final class ArpDetails {
    private static final String SHORT_NAME = "ARP/RARP";

    private final Details x;

    ArpDetails(Details x) {
        this.x = x;
    }

    boolean build(int i) {
        MemorySegment s = x.d.segment(i);
        long off = x.d.offset(i);
        int cap = x.d.captured(i);
        int rep = x.d.reported(i);
        x.protocol("arp");
        // the hardware type is read before the protocol item exists
        if (!x.bounds(i, 2, SHORT_NAME)) {
            return false;
        }
        String detail = Arp.titleDetail(s, off, cap, rep);
        DetailNode a = x.root.protocol("arp", "Address Resolution Protocol" + (detail == null ? "" : " (" + detail + ")"))
                .at(s, off, cap);
        int hrd = Arp.hardwareType(s, off);
        a.field("arp.hw.type", "Hardware type: " + (hrd == 1 ? "Ethernet" : "Unknown") + " (" + hrd + ")",
                Integer.toString(hrd)).at(s, off, 2);
        if (!x.bounds(i, Arp.PROTOCOL_TYPE + 2, SHORT_NAME)) {
            return false;
        }
        int pro = Arp.protocolType(s, off);
        a.field("arp.proto.type", "Protocol type: " + LinkDetails.etherTypeName(pro), Labels.hex(pro, 4))
                .at(s, off + Arp.PROTOCOL_TYPE, 2);
        if (!x.bounds(i, Arp.HARDWARE_SIZE + 1, SHORT_NAME)) {
            return false;
        }
        int hln = Arp.hardwareSize(s, off);
        a.field("arp.hw.size", "Hardware size: " + hln, hln).at(s, off + Arp.HARDWARE_SIZE, 1);
        if (!x.bounds(i, Arp.PROTOCOL_SIZE + 1, SHORT_NAME)) {
            return false;
        }
        int pln = Arp.protocolSize(s, off);
        a.field("arp.proto.size", "Protocol size: " + pln, pln).at(s, off + Arp.PROTOCOL_SIZE, 1);
        a.length(Math.min(Arp.length(s, off), cap)); // packet-arp.c's tot_len, cut short at the captured end
        return opcode(i, s, off, cap, rep, a, detail, hrd, pro, hln, pln);
    }

    /*
     * build is cut in three (opcode, addresses): each label's string concatenation is a call site
     * that C1 inlines whole, and the method in one piece took 14 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The opcode, the generated kinds, then the addresses. */
    private boolean opcode(int i, MemorySegment s, long off, int cap, int rep, DetailNode a, String detail, int hrd, int pro,
                           int hln, int pln) {
        if (!x.bounds(i, Arp.OPCODE + 2, SHORT_NAME)) {
            return false;
        }
        int op = Arp.opcode(s, off);
        String opName = Arp.opcodeName(op);
        a.field("arp.opcode", "Opcode: " + (opName != null ? opName : "Unknown") + " (" + op + ")", op)
                .at(s, off + Arp.OPCODE, 2);
        int length = Arp.length(s, off);
        if (rep < length) {
            x.stop(SHORT_NAME, true); // the packet cannot be shrunk to a length it does not have
            return false;
        }
        if (detail == null) {
            x.stop(SHORT_NAME, false); // the Info column's reads ran past the capture
            return false;
        }
        int kind = Arp.kind(s, off, cap);
        if ((kind & Arp.GRATUITOUS) != 0) {
            a.field("arp.isgratuitous", "Is gratuitous: True", "1").generated();
        }
        if ((kind & Arp.PROBE) != 0) {
            a.field("arp.isprobe", "Is probe: True", "1").generated();
        }
        if ((kind & Arp.ANNOUNCEMENT) != 0) {
            a.field("arp.isannouncement", "Is announcement: True", "1").generated();
        }
        return addresses(i, s, off, a, hrd, pro, hln, pln, op, length);
    }

    /** The sender's and target's addresses (a DRARP error's status for the target's protocol address). */
    private boolean addresses(int i, MemorySegment s, long off, DetailNode a, int hrd, int pro, int hln, int pln, int op,
                              int length) {
        boolean ether = Arp.etherHardware(hrd, hln);
        boolean ipv4 = Arp.ipv4Protocol(pro, pln);
        long sha = off + Arp.FIXED_LENGTH;
        long spa = sha + hln;
        long tha = spa + pln;
        long tpa = tha + hln;
        if (!hardware(a, i, s, sha, hln, ether, "src", "Sender")
                || !protocolAddress(a, i, s, spa, pln, ipv4, "src", "Sender")
                || !hardware(a, i, s, tha, hln, ether, "dst", "Target")) {
            return false;
        }
        if (pln != 0 && op == Arp.OP_DRARP_ERROR) {
            if (!x.bounds(i, (int) (tpa - off) + 1, SHORT_NAME)) {
                return false;
            }
            int status = Bytes.u8(s, tpa);
            a.field("arp.dst.drarp_error_status", "DRARP error status: " + drarpStatus(status) + " (" + status + ")",
                    Integer.toString(status)).at(s, tpa, 1);
        } else if (!protocolAddress(a, i, s, tpa, pln, ipv4, "dst", "Target")) {
            return false;
        }
        x.consumed(i, length);
        return true;
    }

    private boolean hardware(DetailNode a, int i, MemorySegment s, long at, int len, boolean ether, String key, String who) {
        if (len == 0) {
            return true;
        }
        if (!x.bounds(i, (int) (at - x.d.offset(i)) + len, SHORT_NAME)) {
            return false;
        }
        if (ether) {
            a.field("arp." + key + ".hw_mac", who + " MAC address: " + x.link.named(s, at), Labels.mac(s, at)).at(s, at, len);
        } else {
            a.field("arp." + key + ".hw", who + " hardware address: " + Labels.hexShort(s, at, len),
                    Labels.hexColons(s, at, len)).at(s, at, len);
        }
        return true;
    }

    private boolean protocolAddress(DetailNode a, int i, MemorySegment s, long at, int len, boolean ipv4,
                                    String key, String who) {
        if (len == 0) {
            return true;
        }
        if (!x.bounds(i, (int) (at - x.d.offset(i)) + len, SHORT_NAME)) {
            return false;
        }
        if (ipv4) {
            String ip = Labels.ipv4(s, at);
            a.field("arp." + key + ".proto_ipv4", who + " IP address: " + ip, ip).at(s, at, len);
        } else {
            a.field("arp." + key + ".proto", who + " protocol address: " + Labels.hexShort(s, at, len),
                    Labels.hexColons(s, at, len)).at(s, at, len);
        }
        return true;
    }

    private static String drarpStatus(int status) {
        return switch (status) {
            case 1 -> "restricted";
            case 2 -> "no address";
            case 3 -> "serverdown";
            case 4 -> "moved";
            case 5 -> "failure";
            default -> "Unknown";
        };
    }
}
