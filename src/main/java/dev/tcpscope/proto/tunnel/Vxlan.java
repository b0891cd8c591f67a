package dev.tcpscope.proto.tunnel;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * VXLAN's 8-byte header (RFC 7348, with the Group Based Policy extension of
 * draft-smith-vxlan-group-policy) as packet-vxlan.c shows it: the 16 flag bits with G, I, D and A
 * and the reserved rest, the group policy ID, the 24-bit VNI and a reserved byte. The Ethernet
 * frame after it is the wire layer's ({@code wire.Dissector}). One walk makes the columns, the
 * tree and the fields.
 */
public final class Vxlan {
    private Vxlan() { }

    private static final int G = 0x8000;
    private static final int I = 0x0800;
    private static final int D = 0x0040;
    private static final int A = 0x0008;
    private static final int RESERVED = 0x77b7;

    /**
     * Walks the header in {@code t}: sets the columns ("VXLAN", an empty Info, which the frame
     * inside then replaces) and adds the tree under {@code root}.
     *
     * @return null when the header was whole, or the exception that ended the walk
     */
    public static Tvb.Stop walk(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("VxLAN");
        info.setLength(0);
        try {
            Tree v = t.at(root.protocol("vxlan", "Virtual eXtensible Local Area Network"), 0, Math.min(8, t.cap));
            int flags = t.u16(0);
            StringBuilder label = new StringBuilder("Flags: ").append(String.format("0x%04x", flags));
            if ((flags & G) != 0) {
                label.append(", GBP Extension");
            }
            if ((flags & I) != 0) {
                label.append(", VXLAN Network ID (VNI)");
            }
            if ((flags & D) != 0) {
                label.append(", Don't Learn");
            }
            if ((flags & A) != 0) {
                label.append(", Policy Applied");
            }
            Tree f = t.at(v.field("vxlan.flags", label.toString(), String.format("0x%04x", flags)), 0, 2);
            flag(t, f, flags, G, "vxlan.flag_g", "GBP Extension", "Defined", "Not defined");
            flag(t, f, flags, I, "vxlan.flag_i", "VXLAN Network ID (VNI)", "True", "False");
            flag(t, f, flags, D, "vxlan.flag_d", "Don't Learn", "True", "False");
            flag(t, f, flags, A, "vxlan.flag_a", "Policy Applied", "True", "False");
            String reserved = String.format("0x%04x", flags & RESERVED);
            t.at(f.field("vxlan.flags_reserved", Text.bits(flags, RESERVED, 16) + " = Reserved(R): " + reserved, reserved)
                    .bitmask(RESERVED), 0, 2);
            int gbp = t.u16(2);
            t.at(v.field("vxlan.gbp", "Group Policy ID: " + gbp, Integer.toString(gbp)), 2, 2);
            long vni = t.u32(4) >>> 8;
            t.at(v.field("vxlan.vni", "VXLAN Network Identifier (VNI): " + vni, Long.toString(vni)), 4, 3);
            int r = t.u8(7);
            t.at(v.field("vxlan.reserved8", "Reserved: " + r, Integer.toString(r)), 7, 1);
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /**
     * VXLAN-GPE's header (draft-ietf-nvo3-vxlan-gpe, port 4790): 8 flag bits (version, I, P, O,
     * reserved), 16 reserved bits, the next protocol, VNI and a reserved byte.
     */
    public static Tvb.Stop walkGpe(Tvb t, Tree root, StringBuilder protocol, StringBuilder info) {
        protocol.setLength(0);
        protocol.append("VxLAN");
        info.setLength(0);
        try {
            Tree v = t.at(root.protocol("vxlan", "Virtual eXtensible Local Area Network"), 0, Math.min(8, t.cap));
            int flags = t.u8(0);
            String hex = String.format("0x%02x", flags);
            // GPE's flags and their reserved bits are 8-bit fields registered under VXLAN's 16-bit names
            Tree f = t.at(v.field("vxlan.flags", "Flags: " + hex, hex), 0, 1).ftype(FT_UINT8);
            bits(t, f, flags, 0x30, "vxlan.ver", "Version");
            bits(t, f, flags, 0x08, "vxlan.i_bit", "Instance");
            bits(t, f, flags, 0x04, "vxlan.p_bit", "Next Protocol Bit");
            bits(t, f, flags, 0x01, "vxlan.o_bit", "OAM bit");
            bits(t, f, flags, 0xc2, "vxlan.flags_reserved", "Reserved(R)").ftype(FT_UINT8);
            int r16 = t.u16(1);
            t.at(v.field("vxlan.reserved_16", "Reserved: " + r16, Integer.toString(r16)), 1, 2);
            int next = t.u8(3);
            String name = switch (next) {
                case 1 -> "IPv4";
                case 2 -> "IPv6";
                case 3 -> "Ethernet";
                case 4 -> "Network Service Header";
                case 5 -> "MPLS";
                default -> "Unknown";
            };
            t.at(v.field("vxlan.next_proto", "Next Protocol: " + name + " (" + next + ")", Integer.toString(next)), 3, 1);
            long vni = t.u32(4) >>> 8;
            t.at(v.field("vxlan.vni", "VXLAN Network Identifier (VNI): " + vni, Long.toString(vni)), 4, 3);
            int r = t.u8(7);
            t.at(v.field("vxlan.reserved8", "Reserved: " + r, Integer.toString(r)), 7, 1);
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }

    /** Wireshark 4.0's ftenum number of FT_UINT8. */
    private static final int FT_UINT8 = 4;

    private static Tree bits(Tvb t, Tree f, int flags, int mask, String key, String name) {
        int value = (flags & mask) >>> Integer.numberOfTrailingZeros(mask);
        return t.at(f.field(key, Text.bits(flags, mask, 8) + " = " + name + ": " + value, Integer.toString(value)).bitmask(mask), 0, 1);
    }

    private static void flag(Tvb t, Tree f, int flags, int mask, String key, String name, String yes, String no) {
        boolean set = (flags & mask) != 0;
        t.at(f.field(key, Text.bits(flags, mask, 16) + " = " + name + ": " + (set ? yes : no), set ? "1" : "0")
                .bitmask(mask), 0, 2);
    }
}
