package dev.tcpscope.synth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the frames back out of a little-endian classic pcap file's bytes, for the tests that
 * mutate a protocol's real frames (Dnp3Test, KerberosTest, VncTest); {@link PcapWriter} writes
 * the mutants.
 */
public final class PcapRecords {
    private PcapRecords() { }

    /**
     * The Ethernet frames carrying IPv4 (EtherType 0x0800) of at least {@code min} bytes, in file
     * order; reading stops at a record that runs past the end.
     */
    public static List<byte[]> ipv4Frames(byte[] pcap, int min) {
        List<byte[]> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int pos = 24;
        while (pos + 16 <= pcap.length) {
            int incl = b.getInt(pos + 8);
            if (incl < 0 || pos + 16 + incl > pcap.length) {
                break;
            }
            byte[] f = Arrays.copyOfRange(pcap, pos + 16, pos + 16 + incl);
            pos += 16 + incl;
            if (f.length >= min && f[12] == 0x08 && f[13] == 0x00) {
                out.add(f);
            }
        }
        return out;
    }

    /** Ethernet + IPv4 + TCP (by its data offset) or UDP: where the payload starts. */
    public static int payloadOffset(byte[] f) {
        int ip = 14;
        int l4 = ip + (f[ip] & 0x0f) * 4;
        return f[ip + 9] == 6 ? l4 + ((f[l4 + 12] & 0xff) >> 4) * 4 : l4 + 8;
    }

    /** The source and destination ports of a TCP or UDP frame from {@link #ipv4Frames}. */
    public static int[] ports(byte[] f) {
        int l4 = 14 + (f[14] & 0x0f) * 4;
        return new int[] {(f[l4] & 0xff) << 8 | f[l4 + 1] & 0xff, (f[l4 + 2] & 0xff) << 8 | f[l4 + 3] & 0xff};
    }
}
