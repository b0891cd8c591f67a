package dev.tcpscope.synth;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Reads the frames back out of a little-endian classic pcap file's bytes, for the tests that
 * mutate a protocol's real frames (Dnp3Test, KerberosTest, VncTest); {@link PcapWriter} writes
 * the mutants ({@link #mutateTcpPayloads} does both for any capture).
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

    /**
     * Writes {@code rounds} copies of the Ethernet/IPv4 frames of {@code captures} (pcap or
     * pcapng) to {@code out}, each copy's hosts renumbered so that its connections are new ones,
     * every TCP payload with a few random bytes changed (count and length fields included, so
     * huge values appear) and one in ten cut short. Returns how many payloads were changed.
     */
    public static int mutateTcpPayloads(java.nio.file.Path out, List<java.nio.file.Path> captures, long seed, int rounds)
            throws java.io.IOException {
        List<byte[]> frames = new ArrayList<>();
        for (java.nio.file.Path c : captures) {
            try (dev.tcpscope.capture.CaptureReader r = dev.tcpscope.capture.Captures.open(c.toString())) {
                dev.tcpscope.frame.Frame f = new dev.tcpscope.frame.Frame();
                while (r.next(f)) {
                    byte[] b = f.toByteArray();
                    if (f.linkType() == dev.tcpscope.frame.LinkType.ETHERNET && b.length >= 54 && b[12] == 0x08 && b[13] == 0x00) {
                        frames.add(b);
                    }
                }
            }
        }
        java.util.Random r = new java.util.Random(seed);
        int changed = 0;
        int t = 0;
        try (var os = java.nio.file.Files.newOutputStream(out);
             var w = new PcapWriter(os, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int round = 0; round < rounds; round++) {
                for (byte[] original : frames) {
                    byte[] f = original.clone();
                    f[14 + 15] = (byte) (round + 1); // the source and destination addresses' last bytes
                    f[14 + 19] = (byte) (round + 101);
                    int payload = payloadOffset(f);
                    int keep = f.length;
                    if (payload < f.length && f[14 + 9] == 6) {
                        int mutations = 1 + r.nextInt(4);
                        for (int k = 0; k < mutations; k++) {
                            int at = payload + r.nextInt(f.length - payload);
                            f[at] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : f[at] ^ 1 << r.nextInt(8));
                        }
                        changed++;
                        if (r.nextInt(10) == 0) {
                            keep = payload + r.nextInt(f.length - payload + 1);
                        }
                    }
                    w.write(t++ * 1_000_000_000L, f, 0, keep, f.length);
                }
            }
        }
        return changed;
    }

    /**
     * The Ethernet/IPv4 frames of the pcap files {@code captures} (names under {@code captures/})
     * to or from {@code port}, as seeds for {@link #mutateFrames}.
     */
    public static List<byte[]> framesOnPort(int port, String... captures) throws java.io.IOException {
        List<byte[]> seeds = new ArrayList<>();
        for (String c : captures) {
            for (byte[] f : ipv4Frames(java.nio.file.Files.readAllBytes(java.nio.file.Path.of("captures", c)), 42)) {
                int[] p = ports(f);
                if (p[0] == port || p[1] == port) {
                    seeds.add(f);
                }
            }
        }
        return seeds;
    }

    /**
     * Writes {@code count} frames to {@code out}, each a random one of {@code seeds} with one to
     * six random bytes of its payload changed (a third of them set anew, the rest one bit
     * flipped) and one in ten cut short.
     */
    public static void mutateFrames(java.nio.file.Path out, List<byte[]> seeds, long seed, int count)
            throws java.io.IOException {
        java.util.Random r = new java.util.Random(seed);
        try (var os = java.nio.file.Files.newOutputStream(out);
             var w = new PcapWriter(os, dev.tcpscope.frame.LinkType.ETHERNET, 65535, false)) {
            for (int i = 0; i < count; i++) {
                byte[] f = seeds.get(r.nextInt(seeds.size())).clone();
                int payload = payloadOffset(f);
                int mutations = 1 + r.nextInt(6);
                for (int k = 0; k < mutations && f.length > payload; k++) {
                    int at = payload + r.nextInt(f.length - payload);
                    f[at] = (byte) (r.nextInt(3) == 0 ? r.nextInt(256) : f[at] ^ 1 << r.nextInt(8));
                }
                int keep = r.nextInt(10) == 0 ? payload + r.nextInt(f.length - payload + 1) : f.length;
                w.write(1_700_000_000_000_000_000L + i * 1_000_000L, f, 0, keep, f.length);
            }
        }
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
