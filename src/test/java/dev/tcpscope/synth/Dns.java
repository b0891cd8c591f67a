package dev.tcpscope.synth;

import java.nio.charset.StandardCharsets;

/**
 * The DNS messages of a synthetic lookup (RFC 1035 §4.1): a recursive query for the A record of
 * {@code hN-L.example.com}, and its answer, one A record behind a compression pointer to the
 * question's name, or "No such name" with no answer.
 */
final class Dns {
    /** Set in a lookup's number: the answer is rcode 3, "No such name". */
    static final long NXDOMAIN = 1L << 40;

    private Dns() { }

    /**
     * Writes the query ({@code response} false) or answer of lookup {@code lookup} of connection
     * {@code id} with transaction ID {@code txid} into {@code buf}; returns its length.
     */
    static int message(byte[] buf, boolean response, int txid, long id, long lookup) {
        boolean nx = (lookup & NXDOMAIN) != 0;
        int n = (int) (lookup & 0xffff);
        Tls.Bytes b = new Tls.Bytes();
        int flags = response ? 0x8180 | (nx ? 3 : 0) : 0x0100; // QR, RD, RA; rcode
        b.u16(txid).u16(flags).u16(1).u16(response && !nx ? 1 : 0).u16(0).u16(0);
        for (String label : ("h" + id + "-" + n + ".example.com").split("\\.")) {
            byte[] l = label.getBytes(StandardCharsets.US_ASCII);
            b.u8(l.length).raw(l);
        }
        b.u8(0).u16(1).u16(1);                               // type A, class IN
        if (response && !nx) {
            b.u16(0xc00c).u16(1).u16(1).u32(300).u16(4);     // the question's name, A, IN, TTL 300
            b.u8(198).u8(51).u8(100).u8((int) ((id + n) % 254) + 1);
        }
        byte[] m = b.bytes();
        System.arraycopy(m, 0, buf, 0, m.length);
        return m.length;
    }
}
