package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/** The Internet checksum (RFC 1071) as epan/in_cksum.c computes it, and the value it says a wrong one should have. */
public final class InternetChecksum {
    private InternetChecksum() { }

    /** The complemented ones'-complement sum of {@code len} bytes: 0 when a stored checksum among them is right. */
    public static int of(MemorySegment s, long off, int len) {
        long sum = 0;
        for (int k = 0; k + 1 < len; k += 2) {
            sum += Bytes.u16(s, off + k);
        }
        if ((len & 1) != 0) {
            sum += Bytes.u8(s, off + len - 1) << 8;
        }
        while ((sum >> 16) != 0) {
            sum = (sum & 0xffff) + (sum >> 16);
        }
        return (int) (~sum & 0xffff);
    }

    /** in_cksum_shouldbe(): the checksum field value that would have made the sum zero. */
    public static int shouldBe(int stored, int computed) {
        int sum = (~stored & 0xffff) + (~computed & 0xffff);
        sum = (sum & 0xffff) + (sum >> 16);
        sum = (sum & 0xffff) + (sum >> 16);
        return ~sum & 0xffff;
    }
}
