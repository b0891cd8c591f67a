package dev.tcpscope.proto.vrrp;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.InternetChecksum;
import dev.tcpscope.wire.Proto;

import java.lang.foreign.MemorySegment;

/**
 * VRRP (IP protocol 112; RFC 3768 version 2, RFC 5798 version 3) as packet-vrrp.c shows it:
 * Info "Announcement (vN)", the version and type, router ID, priority, address count, version
 * 3's 12-bit interval or version 2's authentication type and interval, the checksum (version 3
 * over the IP pseudo-header, as the "v3_checksum_as_in_v2" preference leaves it by default), the
 * addresses, IPv6 ones when the datagram is IPv6, and a simple-text password. One walk makes
 * the columns, the tree and the fields, in packet-vrrp.c's order of reads.
 */
public final class Vrrp {
    private Vrrp() { }

    /** The IP layer's addresses, for the version 3 pseudo-header and the address width. */
    public record Ip(byte[] src, byte[] dst) {
        boolean v6() { return src.length == 16; }

        /** The addresses of the IP layer below layer {@code i} of {@code d} (pinfo->src and dst). */
        public static Ip below(Dissection d, int i) {
            for (int k = i - 1; k >= 0; k--) {
                MemorySegment s = d.segment(k);
                long off = d.offset(k);
                if (d.proto(k) == Proto.IPV4) {
                    return new Ip(bytes(s, off + 12, 4), bytes(s, off + 16, 4));
                }
                if (d.proto(k) == Proto.IPV6) {
                    return new Ip(bytes(s, off + 8, 16), bytes(s, off + 24, 16));
                }
            }
            return new Ip(new byte[4], new byte[4]);
        }

        private static byte[] bytes(MemorySegment s, long off, int n) {
            byte[] b = new byte[n];
            MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, off, b, 0, n);
            return b;
        }
    }

    /**
     * Walks the message in {@code t}: sets the columns and adds the tree under {@code root}.
     *
     * @return null when the walk ended, or the exception that ended it
     */
    public static Tvb.Stop walk(Tvb t, Ip ip, boolean fragmented, Tree root, StringBuilder protocol, StringBuilder info) {
        try {
            protocol.setLength(0);
            protocol.append("VRRP");
            info.setLength(0);
            int verType = t.u8(0);
            int version = verType >> 4;
            info.append("Announcement (v").append(version).append(')');
            Tree v = t.at(root.protocol("vrrp", "Virtual Router Redundancy Protocol"), 0, t.cap);
            int priority = t.u8(2);
            int count = t.u8(3);
            typeVersion(t, v, verType, version);
            int id = t.u8(1);
            t.at(v.field("vrrp.virt_rtr_id", "Virtual Rtr ID: " + id, Integer.toString(id)), 1, 1);
            t.at(v.field("vrrp.prio", "Priority: " + priority + " (" + priorityName(priority) + ")", Integer.toString(priority)), 2, 1);
            t.at(v.field("vrrp.addr_count", "Addr Count: " + count, Integer.toString(count)), 3, 1);
            int auth = interval(t, v, version);
            checksum(t, v, ip, version, fragmented);
            int off = addresses(t, v, ip, count);
            if (auth == 1) {
                t.string(v, "vrrp.auth_string", "Authentication String", off, 8);
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop.shown(fragmented);
        }
    }

    /*
     * walk is cut into pieces (typeVersion, interval, addresses): each label's string
     * concatenation is a call site that C1 inlines whole, and the method in one piece took 20 MB
     * to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The version and type byte. */
    private static void typeVersion(Tvb t, Tree v, int verType, int version) {
        int type = verType & 0x0f;
        String typeName = type == 1 ? "Advertisement" : "Unknown";
        Tree vt = t.at(v.field("vrrp.typever", "Version " + version + ", Packet type " + type + " (" + typeName + ")",
                Integer.toString(verType)), 0, 1);
        t.at(vt.field("vrrp.version", Text.bits(verType, 0xf0, 8) + " = VRRP protocol version: " + version,
                Integer.toString(version)).bitmask(0xf0), 0, 1);
        t.at(vt.field("vrrp.type", Text.bits(verType, 0x0f, 8) + " = VRRP packet type: " + typeName + " (" + type + ")",
                Integer.toString(type)).bitmask(0x0f), 0, 1);
    }

    /** Version 3's advertisement interval, or version 2's auth type and interval; returns the auth type (0 for 3). */
    private static int interval(Tvb t, Tree v, int version) {
        int auth = 0;
        if (version == 3) {
            int b = t.u8(4);
            t.at(v.field("vrrp.reserved_mbz", Text.bits(b, 0xf0, 8) + " = Reserved: " + (b >> 4), Integer.toString(b >> 4))
                    .bitmask(0xf0), 4, 1);
            int w = t.u16(4);
            t.at(v.field("vrrp.short_adver_int", Text.bits(w, 0x0fff, 16) + " = Adver Int: " + (w & 0x0fff),
                    Integer.toString(w & 0x0fff)).bitmask(0x0fff), 4, 2);
        } else {
            auth = t.u8(4);
            t.at(v.field("vrrp.auth_type", "Auth Type: " + authName(auth) + " (" + auth + ")", Integer.toString(auth)), 4, 1);
            int interval = t.u8(5);
            t.at(v.field("vrrp.adver_int", "Adver Int: " + interval, Integer.toString(interval)), 5, 1);
        }
        return auth;
    }

    /** The {@code count} virtual addresses from 8; returns the offset after them. */
    private static int addresses(Tvb t, Tree v, Ip ip, int count) {
        int off = 8;
        for (int k = 0; k < count; k++) {
            if (ip.v6()) {
                byte[] a = t.copy(off, 16);
                String s = Text.ipv6(a);
                t.at(v.field("vrrp.ipv6_addr", "IPv6 Address: " + s, s), off, 16);
                off += 16;
            } else {
                t.need(off, 4);
                String s = t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
                t.at(v.field("vrrp.ip_addr", "IP Address: " + s, s), off, 4);
                off += 4;
            }
        }
        return off;
    }

    /** proto_tree_add_checksum over the message (and, for version 3, the pseudo-header) when it is whole. */
    private static void checksum(Tvb t, Tree v, Ip ip, int version, boolean fragmented) {
        int sum = t.u16(6);
        String hex = String.format("0x%04x", sum);
        if (fragmented || t.cap < t.rep) {
            t.at(v.field("vrrp.checksum", "Checksum: " + hex + " [unverified]", hex), 6, 2);
            t.at(v.field("vrrp.checksum.status", "Checksum Status: Unverified", "2").generated(), 6, 0);
            return;
        }
        int computed;
        if (version == 3) {
            byte[] pseudo = new byte[ip.src.length * 2 + 8];
            System.arraycopy(ip.src, 0, pseudo, 0, ip.src.length);
            System.arraycopy(ip.dst, 0, pseudo, ip.src.length, ip.dst.length);
            int p = ip.src.length * 2;
            int len = t.rep;
            pseudo[p] = (byte) (len >>> 24);
            pseudo[p + 1] = (byte) (len >>> 16);
            pseudo[p + 2] = (byte) (len >>> 8);
            pseudo[p + 3] = (byte) len;
            pseudo[p + 7] = 112;
            int a = ~InternetChecksum.of(MemorySegment.ofArray(pseudo), 0, pseudo.length) & 0xffff;
            int b = ~InternetChecksum.of(t.s, t.base, t.rep) & 0xffff;
            // one's-complement sum of both parts (each even in length), complemented
            int s = a + b;
            s = (s & 0xffff) + (s >> 16);
            computed = ~s & 0xffff;
        } else {
            computed = InternetChecksum.of(t.s, t.base, t.rep);
        }
        if (computed == 0) {
            t.at(v.field("vrrp.checksum", "Checksum: " + hex + " [correct]", hex), 6, 2);
            t.at(v.field("vrrp.checksum.status", "Checksum Status: Good", "1").generated(), 6, 0);
        } else {
            String should = String.format("0x%04x", InternetChecksum.shouldBe(sum, computed));
            Tree c = t.at(v.field("vrrp.checksum", "Checksum: " + hex + " incorrect, should be " + should, hex), 6, 2);
            c.expert("vrrp.checksum_bad.expert", Tree.Severity.WARNING, Tree.Group.CHECKSUM, "Bad checksum [should be " + should + "]");
            t.at(v.field("vrrp.checksum.status", "Checksum Status: Bad", "0").generated(), 6, 0);
        }
    }

    private static String priorityName(int p) {
        return switch (p) {
            case 0 -> "Current Master has stopped participating in VRRP";
            case 100 -> "Default priority for a backup VRRP router";
            case 255 -> "This VRRP router owns the virtual router's IP address(es)";
            default -> "Non-default backup priority";
        };
    }

    private static String authName(int a) {
        return switch (a) {
            case 0 -> "No Authentication";
            case 1 -> "Simple Text Authentication [RFC 2338] / Reserved [RFC 3768]";
            case 2 -> "IP Authentication Header [RFC 2338] / Reserved [RFC 3768]";
            default -> "Unknown";
        };
    }
}
