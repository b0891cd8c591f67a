package dev.tcpscope.proto.dhcp;

import dev.tcpscope.proto.Tvb;

/**
 * A DNS name in RFC 1035 wire form inside an option (the FQDN option's binary encoding), read as
 * packet-dns.c's get_dns_name reads it: labels joined by dots, "&lt;Root&gt;" for the empty
 * name, compression pointers followed at most {@link #MAX_JUMPS} times (a pointer loop ends the
 * name there), never past the option's bytes.
 */
final class DhcpNames {
    private DhcpNames() { }

    static final int MAX_JUMPS = 255;

    static String name(Tvb t, int off, int len) {
        StringBuilder sb = new StringBuilder();
        int end = Math.min(t.cap, off + len);
        int p = off;
        int jumps = 0;
        while (p < end) {
            int l = t.u8(p);
            if (l == 0) {
                break;
            }
            if ((l & 0xc0) == 0xc0) {
                if (p + 1 >= end || ++jumps > MAX_JUMPS) {
                    break;
                }
                p = ((l & 0x3f) << 8 | t.u8(p + 1)) + off;
                continue;
            }
            if ((l & 0xc0) != 0 || p + 1 + l > end) {
                break;
            }
            if (!sb.isEmpty()) {
                sb.append('.');
            }
            for (int i = 0; i < l; i++) {
                int c = t.u8(p + 1 + i);
                sb.append(c >= 0x20 && c < 0x7f ? (char) c : '.');
            }
            p += 1 + l;
        }
        return sb.isEmpty() ? "<Root>" : sb.toString();
    }
}
