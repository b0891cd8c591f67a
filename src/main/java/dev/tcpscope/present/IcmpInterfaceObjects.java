package dev.tcpscope.present;

import dev.tcpscope.field.NameTables;
import dev.tcpscope.present.IcmpExtensions.Outcome;
import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;
import java.util.Map;

/**
 * The two extension objects that name an interface, as packet-icmp.c shows them inside an
 * RFC 4884 extension structure ({@link IcmpExtensions}): the Interface Information Object
 * (class 2, RFC 5837 §4) and the Interface Identification Object (class 3, RFC 8335 §2.1).
 *
 * <p>Their reads follow the dissector's, not the RFCs' lengths: an object's fields may run into
 * the next object, and a read past the end of the message stops the frame as its bounds
 * exception does ({@link Outcome#STOPPED}). Offsets are absolute within the frame's segment.
 */
final class IcmpInterfaceObjects {
    private static final String NAME = "ICMP";
    /** Address family numbers (epan/afn.c) by value, from {@code tshark -G values}. */
    private static final Map<Integer, String> AFN = NameTables.loadSparse("afn.tsv");
    private static final String[] ROLES = {
        "IP interface upon which datagram arrived",
        "sub-IP component of an IP interface upon which datagram arrived",
        "IP interface through which datagram would be forwarded",
        "IP next-hop to which datagram would be forwarded",
    };

    private final Details x;

    IcmpInterfaceObjects(Details x) {
        this.x = x;
    }

    /** Whether the bytes up to {@code upTo} exist in ICMP layer {@code i}; if not, records the exception. */
    private boolean upTo(int i, long upTo) {
        return x.bounds(i, (int) (upTo - x.d.offset(i)), NAME);
    }

    /**
     * An Interface Information Object at {@code p} ending at {@code objEnd}: the C-Type's flag
     * bits, then the parts they announce, each read only when it is flagged: ifIndex, the IP
     * address sub-object, the name sub-object, the MTU.
     */
    Outcome information(DetailNode o, int i, MemorySegment s, long p, long objEnd, int ctype) {
        o.relabel("Interface Information Object");
        flags(o, s, p + 3, ctype);
        long end = x.d.offset(i) + x.d.reported(i);
        long q = p + 4;
        if ((ctype & 0x08) != 0) {
            if (!upTo(i, q + 4)) {
                return Outcome.STOPPED;
            }
            long index = Bytes.u32(s, q);
            o.field("icmp.int_info.index", "Interface Index: " + index, index).at(s, q, 4);
            q += 4;
        }
        if ((ctype & 0x04) != 0 && objEnd >= q + 2) {
            int afi = Bytes.u16(s, q);
            // the sub-object's item claims an IPv4 address's 8 bytes or an IPv6 address's 20
            int len = afi == 1 ? 8 : 20;
            if (!upTo(i, q + len)) {
                return Outcome.STOPPED;
            }
            DetailNode a = o.text("IP Address Sub-Object").at(s, q, len);
            a.field("icmp.int_info.afi", "Address Family Identifier: " + afi, afi).at(s, q, 2);
            a.field("icmp.reserved", "Reserved: " + Labels.hexShort(s, q + 2, 2), Labels.hexColons(s, q + 2, 2))
                    .at(s, q + 2, 2);
            q += 4;
            switch (afi) {
                case 1 -> {
                    String v = Labels.ipv4(s, q);
                    a.field("icmp.int_info.ipv4", "Source: " + v, v).at(s, q, 4);
                    q += 4;
                }
                case 2 -> {
                    String v = IpDetails.ipv6(s, q);
                    a.field("icmp.int_info.ipv6", "Source: " + v, v).at(s, q, 16);
                    q += 16;
                }
                default -> {
                    // packet-icmp.c gives the bytes the length "offset - end of object", which is
                    // negative inside the object: -1 reaches the end of the message, less throws
                    long n = q - objEnd;
                    if (n < -1) {
                        x.stop(NAME, true);
                        return Outcome.STOPPED;
                    }
                    n = n == -1 ? end - q : n;
                    if (!upTo(i, q + n)) {
                        return Outcome.STOPPED;
                    }
                    bytes(a, "icmp.int_info.ipunknown", "Source", s, q, (int) n);
                    return Outcome.SHOWN;
                }
            }
        }
        if ((ctype & 0x02) != 0) {
            // the name's length counts its own byte (RFC 5837 §4.3); packet-icmp.c compares it with
            // what follows that byte, so a name filling its object to the end is not shown
            int nameLen = 0;
            DetailNode sub = null;
            if (objEnd >= q + 1) {
                nameLen = Bytes.u8(s, q);
                if (!upTo(i, q + nameLen)) {
                    return Outcome.STOPPED;
                }
                sub = o.text("Interface Name Sub-Object").at(s, q, nameLen);
                sub.field("icmp.int_info.name_length", "Name Length: " + nameLen, nameLen).at(s, q, 1);
                q++;
            }
            if (objEnd >= q + nameLen) {
                long n = nameLen == 0 ? end - q : nameLen - 1; // a length of -1 reaches the end
                if (sub != null) {
                    if (!upTo(i, q + n)) {
                        return Outcome.STOPPED;
                    }
                    string(sub, "icmp.int_info.name", "Name", s, q, (int) n);
                }
                q += nameLen - 1;
            }
        }
        if ((ctype & 0x01) != 0) {
            if (!upTo(i, q + 4)) {
                return Outcome.STOPPED;
            }
            long mtu = Bytes.u32(s, q);
            o.field("icmp.int_info.mtu", "Maximum Transmission Unit: " + mtu, mtu).at(s, q, 4);
        }
        return Outcome.SHOWN;
    }

    /**
     * The C-Type of an Interface Information Object as the bitmask item it is: the role, then
     * the names of the parts present (proto_tree_add_bitmask leaves integers without names out).
     */
    private static void flags(DetailNode o, MemorySegment s, long at, int ctype) {
        int role = ctype >> 6;
        StringBuilder label = new StringBuilder("C-Type: ").append(ctype).append(", Interface Role: ").append(ROLES[role]);
        String[] names = {"ifIndex", "IP Address", "Interface Name", "MTU"};
        for (int k = 0; k < 4; k++) {
            if ((ctype & (0x08 >> k)) != 0) {
                label.append(", ").append(names[k]);
            }
        }
        DetailNode c = o.field("icmp.ext.ctype", label.toString(), ctype).at(s, at, 1);
        c.field("icmp.int_info.role", Bits.pattern(ctype, 0xc0, 8) + "Interface Role: " + ROLES[role] + " (" + role + ")",
                Integer.toString(role)).at(s, at, 1);
        int reserved = (ctype >> 4) & 3;
        c.field("icmp.int_info.reserved", Bits.pattern(ctype, 0x30, 8) + "Reserved: " + reserved, reserved)
                .at(s, at, 1);
        boolean index = (ctype & 0x08) != 0;
        c.field("icmp.int_info.ifindex", Bits.pattern(ctype, 0x08, 8) + "ifIndex: " + (index ? "True" : "False"),
                index ? "1" : "0").at(s, at, 1);
        present(c, ctype, 0x04, "icmp.int_info.ipaddr", "IP Address").at(s, at, 1);
        present(c, ctype, 0x02, "icmp.int_info.name_present", "Interface Name").at(s, at, 1);
        present(c, ctype, 0x01, "icmp.int_info.mtu_present", "MTU").at(s, at, 1);
    }

    private static DetailNode present(DetailNode c, int ctype, int mask, String key, String name) {
        boolean set = (ctype & mask) != 0;
        return c.field(key, Bits.pattern(ctype, mask, 8) + name + ": " + (set ? "Present" : "Not Present"), set ? "1" : "0");
    }

    /**
     * An Interface Identification Object at {@code p} (the object's own length {@code objLen},
     * as the name is read with it): the interface by name, by index, or by address.
     */
    Outcome identification(DetailNode o, int i, MemorySegment s, long p, int objLen, long end, int ctype) {
        o.relabel("Interface Identification Object");
        if (end - p < 5) {
            return Outcome.UNKNOWN;
        }
        String by = switch (ctype) {
            case 1 -> "Identifies Interface By Name";
            case 2 -> "Identifies Interface By Index";
            case 3 -> "Identifies Interface By Address";
            default -> "Unknown C-Type " + ctype;
        };
        IcmpExtensions.ctype(o, s, p, ctype).relabel("C-Type: " + ctype + " (" + by + ")");
        long q = p + 4;
        switch (ctype) {
            case 1 -> {
                if (!upTo(i, q + objLen - 4)) {
                    return Outcome.STOPPED;
                }
                string(o, "icmp.int_ident.name", "Name", s, q, objLen - 4);
            }
            case 2 -> {
                if (!upTo(i, q + 4)) {
                    return Outcome.STOPPED;
                }
                long index = Bytes.u32(s, q);
                o.field("icmp.int_ident.index", "Interface Index: " + index, index).at(s, q, 4);
            }
            case 3 -> {
                return address(o, i, s, q, end) ? Outcome.SHOWN : Outcome.STOPPED;
            }
            default -> { }
        }
        return Outcome.SHOWN;
    }

    /** RFC 8335's address form: family, length, reserved byte, then addresses while they fit. */
    private boolean address(DetailNode o, int i, MemorySegment s, long q, long end) {
        if (!upTo(i, q + 2)) {
            return false;
        }
        int afi = Bytes.u16(s, q);
        String family = AFN.get(afi);
        o.field("icmp.int_ident.afi", "Address Family Identifier: " + (family != null ? family : "Unknown") + " (" + afi + ")",
                Integer.toString(afi)).at(s, q, 2);
        if (!upTo(i, q + 3)) {
            return false;
        }
        int len = Bytes.u8(s, q + 2);
        o.field("icmp.int_ident.addr_length", "Address Length: " + len, len).at(s, q + 2, 1);
        if (!upTo(i, q + 4)) {
            return false;
        }
        bytes(o, "icmp.int_ident.reserved", "Reserved", s, q + 3, 1);
        q += 4;
        switch (afi) {
            case 1 -> {
                for (; len >= 4 && end - q >= 4; len -= 4, q += 4) {
                    String v = Labels.ipv4(s, q);
                    o.field("icmp.int_ident.ipv4", "Address: " + v, v).at(s, q, 4);
                }
            }
            case 2 -> {
                for (; len >= 16 && end - q >= 16; len -= 16, q += 16) {
                    String v = IpDetails.ipv6(s, q);
                    o.field("icmp.int_ident.ipv6", "Address: " + v, v).at(s, q, 16);
                }
            }
            default -> bytes(o, "icmp.int_ident.address", "Address", s, q, (int) (end - q));
        }
        return true;
    }

    /**
     * Where the reads of {@link #information} (class 2) or {@link #identification} (class 3)
     * end for the object at {@code p}, for the packet list, which builds no tree: past
     * {@code end} (the message's end) they throw. {@link Long#MAX_VALUE} when a read throws
     * wherever the message ends. Keep in step with the two builders above.
     */
    static long reach(MemorySegment s, long p, int objLen, long objEnd, long end, int cls) {
        int ctype = Bytes.u8(s, p + 3);
        long q = p + 4;
        if (cls == 3) {
            return end - p < 5 ? q : switch (ctype) {
                case 1 -> q + objLen - 4;
                case 2, 3 -> q + 4; // an address is read only while it fits
                default -> q;
            };
        }
        long far = q;
        if ((ctype & 0x08) != 0) {
            q += 4;
            far = q;
        }
        if ((ctype & 0x04) != 0 && objEnd >= q + 2) {
            int afi = Bytes.u16(s, q);
            long item = q + (afi == 1 ? 8 : 20);
            if (item > end) {
                return item;
            }
            if (afi != 1 && afi != 2) {
                long n = q + 4 - objEnd;
                return n < -1 ? Long.MAX_VALUE : Math.max(item, n == -1 ? end : q + 4 + n);
            }
            far = item;
            q = item;
        }
        if ((ctype & 0x02) != 0) {
            int nameLen = 0;
            if (objEnd >= q + 1) {
                nameLen = Bytes.u8(s, q);
                far = Math.max(far, q + nameLen);
                q++;
            }
            if (objEnd >= q + nameLen) {
                far = Math.max(far, nameLen == 0 ? end : q + nameLen - 1);
                q += nameLen - 1;
            }
        }
        return (ctype & 0x01) != 0 ? Math.max(far, q + 4) : far;
    }

    /** An {@code FT_BYTES} item; an empty one shows {@code <MISSING>}. */
    private static void bytes(DetailNode parent, String key, String name, MemorySegment s, long at, int n) {
        String label = n == 0 ? name + ": <MISSING>" : Labels.truncated(name, Labels.hexShort(s, at, n));
        parent.field(key, label, Labels.hexColons(s, at, n)).at(s, at, n);
    }

    /** An {@code ENC_ASCII} string item, with proto.c's expert when bytes follow its NUL. */
    private static void string(DetailNode parent, String key, String name, MemorySegment s, long at, int n) {
        String text = Labels.asciiString(s, at, n);
        DetailNode f = parent.field(key, Labels.truncated(name, Labels.formatText(text)), text).at(s, at, n);
        if (dev.tcpscope.proto.Text.trailingStray(s, at, n)) {
            Expert.add(f, "_ws.string.trailing_stray_characters", Expert.Severity.WARNING, Expert.Group.UNDECODED,
                    "Trailing stray characters");
        }
    }
}
