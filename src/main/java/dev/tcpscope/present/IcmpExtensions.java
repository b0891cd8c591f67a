package dev.tcpscope.present;

import dev.tcpscope.wire.Bytes;

import java.lang.foreign.MemorySegment;

/**
 * The two kinds of trailing extensions an ICMPv4 message can carry, as packet-icmp.c shows
 * them: Mobile IP agent advertisement extensions after a router advertisement's addresses
 * (RFC 2002, 3012; {@code dissect_mip_extensions}) and the multi-part extension structure
 * after a quoted datagram (RFC 4884, with MPLS label stack objects of RFC 4950;
 * {@code dissect_extensions}).
 *
 * <p>Both walk to the end of the message; an item whose bytes are not captured stops the
 * walk and records where dissection stopped, as the dissector's bounds exception does.
 */
final class IcmpExtensions {
    private static final String NAME = "ICMP";

    private final Details x;
    private final IcmpInterfaceObjects interfaces;

    IcmpExtensions(Details x) {
        this.x = x;
        this.interfaces = new IcmpInterfaceObjects(x);
    }

    private boolean upTo(int i, long end) {
        return x.bounds(i, (int) (end - x.d.offset(i)), NAME);
    }

    /** Mobile IP extensions from {@code at} to the end of ICMP layer {@code i}; false when bytes ran out. */
    boolean mobileIp(DetailNode m, int i, MemorySegment s, long at) {
        long end = x.d.offset(i) + x.d.reported(i);
        while (at < end) {
            if (!upTo(i, at + 1)) {
                return false;
            }
            int type = Bytes.u8(s, at);
            String name = switch (type) {
                case 0 -> "One byte padding extension";
                case 16 -> "Mobility Agent Advertisement Extension";
                case 19 -> "Prefix Lengths Extension";
                case 24 -> "Challenge Extension";
                default -> "Unknown ext " + type;
            };
            int len = 0;
            if (type != 0) {
                if (!upTo(i, at + 2)) {
                    // the length is read before the extension's item is added
                    return false;
                }
                len = Bytes.u8(s, at + 1);
            }
            DetailNode e = m.text("Ext: " + name).at(s, at, type == 0 ? 1 : len + 2);
            e.field("icmp.mip.type", "Extension Type: " + name + " (" + type + ")", type).at(s, at, 1);
            at++;
            if (type == 0) {
                continue;
            }
            e.field("icmp.mip.length", "Length: " + len, len).at(s, at, 1);
            at++;
            switch (type) {
                case 16 -> {
                    if (!agentAdvertisement(e, i, s, at, len)) {
                        return false;
                    }
                    at += 6 + Math.max(0, (len - 6) / 4) * 4L;
                }
                case 19 -> {
                    for (int k = 0; k < len; k++, at++) {
                        if (!upTo(i, at + 1)) {
                            return false;
                        }
                        int p = Bytes.u8(s, at);
                        e.field("icmp.mip.prefixlength", "Prefix Length: " + p, p).at(s, at, 1);
                    }
                }
                case 24 -> {
                    if (!upTo(i, at + len)) {
                        return false;
                    }
                    e.field("icmp.mip.challenge", Labels.truncated("Challenge", Labels.hexShort(s, at, len)),
                            Labels.hexColons(s, at, len)).at(s, at, len);
                    at += len;
                }
                default -> at += len;
            }
        }
        return true;
    }

    /** RFC 2002 §2.1.1: sequence number, registration lifetime, flags, care-of addresses. */
    private boolean agentAdvertisement(DetailNode e, int i, MemorySegment s, long at, int len) {
        if (!upTo(i, at + 2)) {
            return false;
        }
        int seq = Bytes.u16(s, at);
        e.field("icmp.mip.seq", "Sequence Number: " + seq, seq).at(s, at, 2);
        if (!upTo(i, at + 4)) {
            return false;
        }
        int life = Bytes.u16(s, at + 2);
        e.field("icmp.mip.life", "Registration Lifetime: " + life, life).at(s, at + 2, 2);
        if (!upTo(i, at + 6)) {
            return false;
        }
        int f = Bytes.u16(s, at + 4);
        String[] keys = {"r", "b", "h", "f", "m", "g", "v", "rt", "u", "x"};
        String[] names = {"Registration Required", "Busy", "Home Agent", "Foreign Agent", "Minimal Encapsulation",
            "GRE", "VJ Comp", "Reverse tunneling", "UDP tunneling", "Revocation support"};
        // proto_tree_add_bitmask appends the names of the flags that are set
        StringBuilder label = new StringBuilder("Flags: ").append(Labels.hex(f, 4));
        for (int k = 0; k < keys.length; k++) {
            if ((f & (0x8000 >> k)) != 0) {
                label.append(", ").append(names[k]);
            }
        }
        DetailNode flags = e.field("icmp.mip.flags", label.toString(), Labels.hex(f, 4)).at(s, at + 4, 2);
        for (int k = 0; k < keys.length; k++) {
            int mask = 0x8000 >> k;
            boolean set = (f & mask) != 0;
            flags.field("icmp.mip." + keys[k], Bits.pattern(f, mask, 16) + names[k] + ": " + (set ? "True" : "False"),
                    set ? "1" : "0").at(s, at + 4, 2);
        }
        int rsv = f & 0x3f;
        flags.field("icmp.mip.reserved", Bits.pattern(f, 0x3f, 16) + "Reserved: " + Labels.hex(rsv, 2), Labels.hex(rsv, 4))
                .at(s, at + 4, 2);
        long p = at + 6;
        for (int k = 0; k < (len - 6) / 4; k++, p += 4) {
            if (!upTo(i, p + 4)) {
                return false;
            }
            String a = Labels.ipv4(s, p);
            e.field("icmp.mip.coa", "Care-Of-Address: " + a, a).at(s, p, 4);
        }
        return true;
    }

    /**
     * The RFC 4884 extension structure from {@code at} to the end of the message: version,
     * checksum (always verified, over the structure), then each object; MPLS label stack
     * objects are decoded entry by entry, other objects are named by class and C-Type.
     */
    boolean multiPart(DetailNode m, int i, MemorySegment s, long at) {
        long end = x.d.offset(i) + x.d.reported(i);
        int len = (int) (end - at);
        // an FT_NONE item is cut short at the end of the captured bytes (proto.c)
        long captured = x.d.offset(i) + x.d.captured(i);
        DetailNode ext = m.none("icmp.ext", "ICMP Multi-Part Extensions")
                .at(s, at, (int) Math.max(0, Math.min(len, captured - at)));
        if (len < 4) {
            return true;
        }
        if (!upTo(i, at + 1)) {
            return false;
        }
        int version = Bytes.u8(s, at) >> 4;
        ext.field("icmp.ext.version", "Version: " + version, version).at(s, at, 1);
        if (!upTo(i, at + 2)) {
            return false;
        }
        int res = Bytes.u16(s, at) & 0x0fff;
        ext.field("icmp.ext.res", Bits.pattern(Bytes.u16(s, at), 0x0fff, 16) + "Reserved: " + Labels.hex(res, 3),
                Labels.hex(res, 4)).at(s, at, 2);
        if (!upTo(i, at + len)) {
            return false;
        }
        int sum = Bytes.u16(s, at + 2);
        int computed = IcmpDetails.internetChecksum(s, at, len);
        String hex = Labels.hex(sum, 4);
        if (computed == 0) {
            ext.field("icmp.ext.checksum", "Checksum: " + hex + " [correct]", hex).at(s, at + 2, 2);
            ext.field("icmp.ext.checksum.status", "Checksum Status: Good", "1").generated().at(s, at + 2, 0);
        } else {
            String should = Labels.hex(IcmpDetails.shouldBe(sum, computed), 4);
            // proto_tree_add_checksum's wording and expert item
            DetailNode c = ext.field("icmp.ext.checksum", "Checksum: " + hex + " incorrect, should be " + should, hex)
                    .at(s, at + 2, 2);
            Expert.add(c, "icmp.ext.checksum_bad", Expert.Severity.WARNING, Expert.Group.CHECKSUM,
                    "Bad checksum [should be " + should + "]");
            ext.field("icmp.ext.checksum.status", "Checksum Status: Bad", "0").generated().at(s, at + 2, 0);
        }
        if (version != 1 && version != 2) {
            ext.relabel("ICMP Multi-Part Extensions (unsupported version)");
            return true;
        }
        long p = at + 4;
        int interfaceInformation = 0;
        while (end - p >= 4) {
            int objLen = Bytes.u16(s, p);
            long objEnd = p + Math.min(objLen, end - p);
            int cls = Bytes.u8(s, p + 2);
            int ctype = Bytes.u8(s, p + 3);
            DetailNode o = ext.text("Unknown object").at(s, p, (int) Math.max(objEnd - p, 4));
            o.field("icmp.ext.length", "Length: " + objLen, objLen).at(s, p, 2);
            o.field("icmp.ext.class", "Class: " + className(cls) + " (" + cls + ")", cls).at(s, p + 2, 1);
            if (objLen < 4) {
                o.relabel("Object with bad length");
                break;
            }
            Outcome outcome = switch (cls) {
                case 0 -> extendedPayload(o, s, p, objEnd, ctype);
                case 1 -> labelStack(o, s, p, objEnd, ctype);
                case 2 -> {
                    Outcome shown = interfaces.information(o, i, s, p, objEnd, ctype);
                    if (++interfaceInformation > 4 && shown != Outcome.STOPPED) {
                        o.relabel("More than 4 Interface Information Objects");
                    }
                    yield shown;
                }
                case 3 -> interfaces.identification(o, i, s, p, objLen, end, ctype);
                default -> Outcome.UNKNOWN;
            };
            if (outcome == Outcome.STOPPED) {
                return false;
            }
            if (outcome == Outcome.UNKNOWN) {
                // the generic part adds the C-Type again after a class's own handler added it
                ctype(o, s, p, ctype);
                o.relabel("Unknown object (" + cls + "/" + ctype + ")");
                data(o, s, p + 4, (int) (objEnd - p - 4));
            }
            if (objEnd - p < objLen) {
                o.relabel(o.label() + " (truncated)");
            }
            p = objEnd;
        }
        return true;
    }

    /** What an object's class handler did: showed it, found its C-Type unknown, or ran past the bytes. */
    enum Outcome { SHOWN, UNKNOWN, STOPPED }

    /** packet-icmp.c names classes 1 to 3 only: class 0 is "Unknown" even where it is handled. */
    private static String className(int cls) {
        return switch (cls) {
            case 1 -> "MPLS Label Stack Class";
            case 2 -> "Interface Information Object";
            case 3 -> "Interface Identification Object";
            default -> "Unknown";
        };
    }

    static DetailNode ctype(DetailNode o, MemorySegment s, long p, int ctype) {
        return o.field("icmp.ext.ctype", "C-Type: " + ctype, ctype).at(s, p + 3, 1);
    }

    /** An object's undecoded payload ({@code icmp.ext.data}), when it has any. */
    private static void data(DetailNode o, MemorySegment s, long at, int n) {
        if (n > 0) {
            o.field("icmp.ext.data", Labels.truncated("Data", Labels.hexShort(s, at, n)), Labels.hexColons(s, at, n))
                    .at(s, at, n);
        }
    }

    /** Class 0, C-Type 1 (RFC 4950 §7): more of the original datagram than the quote held. */
    private static Outcome extendedPayload(DetailNode o, MemorySegment s, long p, long objEnd, int ctype) {
        ctype(o, s, p, ctype);
        if (ctype != 1) {
            return Outcome.UNKNOWN;
        }
        o.relabel("Extended Payload");
        data(o, s, p + 4, (int) (objEnd - p - 4));
        return Outcome.SHOWN;
    }

    /** Class 1, C-Type 1 (RFC 4950 §7): the MPLS label stack the datagram arrived with. */
    private static Outcome labelStack(DetailNode o, MemorySegment s, long p, long objEnd, int ctype) {
        ctype(o, s, p, ctype);
        if (ctype != 1) {
            return Outcome.UNKNOWN;
        }
        o.relabel("MPLS Stack Entry");
        long q = p + 4;
        for (; q + 4 <= objEnd; q += 4) {
            labelStackEntry(o, s, q);
        }
        if (q < objEnd) {
            o.field("icmp.mpls.data", "Data: " + Labels.hexShort(s, q, (int) (objEnd - q)),
                    Labels.hexColons(s, q, (int) (objEnd - q))).at(s, q, (int) (objEnd - q));
        }
        return Outcome.SHOWN;
    }

    /** One MPLS label stack entry (RFC 3032): label, experimental bits, bottom of stack, TTL. */
    private static void labelStackEntry(DetailNode o, MemorySegment s, long q) {
        int word = Bytes.u16(s, q) << 8 | Bytes.u8(s, q + 2);
        int label = word >>> 4;
        int exp = (word >> 1) & 7;
        int bottom = word & 1;
        int ttl = Bytes.u8(s, q + 3);
        DetailNode e = o.text("Label: " + label + ", Exp: " + exp + ", S: " + bottom + ", TTL: " + ttl).at(s, q, 4);
        e.field("icmp.mpls.label", Bits.pattern(word, 0xfffff0, 24) + "Label: " + label, label).at(s, q, 3);
        e.field("icmp.mpls.exp", Bits.pattern(word, 0x0e, 24) + "Experimental: " + exp, exp).at(s, q + 2, 1);
        e.field("icmp.mpls.s", Bits.pattern(word, 0x01, 24) + "Stack bit: " + (bottom == 1 ? "Set" : "Not set"),
                Integer.toString(bottom)).at(s, q + 2, 1);
        e.field("icmp.mpls.ttl", "Time to live: " + ttl, ttl).at(s, q + 3, 1);
    }
}
