package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-igmp.pcap}: IGMP messages of every kind packet-igmp.c tells
 * apart, one a second, with the cases its reads make hard. Nothing here says what tshark shows;
 * the goldens (scripts/make-igmp-goldens.sh) do.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.IgmpScenarios captures/synth-igmp.pcap
 * </pre>
 *
 * Frames: version 0 requests and replies (each code kind, a reply pending); version 1 query and
 * report; version 2 general and group-specific queries, a report, a leave, a leave for 0.0.0.0;
 * version 3 queries with sources and a floating-point response code, reports whose records have
 * every record type, an unknown one, no sources, auxiliary data; multicast traceroute query,
 * request and response with blocks; DVMRP, PIMv1 and undefined types (unknown to tcpscope as to
 * a tshark with those dissectors off); a bad checksum; a version 2 message longer than 8 bytes
 * (the checksum covers 8); a message cut by the snap length inside a group record, one whose IP
 * length ends inside it, an empty one, and the first fragment of a fragmented datagram.
 */
public final class IgmpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] HOST = {10, 0, 0, 5};
    private static final byte[] ALL = {(byte) 224, 0, 0, 1};
    private static final byte[] REPORTS = {(byte) 224, 0, 0, 22};

    private final PcapWriter out;
    private long frames;

    private IgmpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 1_000_000_000L, frame, 0, captured, frame.length);
    }

    private void igmp(byte[] message) throws IOException {
        byte[] f = ethernet(0x0800, ipv4(2, HOST, ALL, message));
        write(f, f.length);
    }

    /** A message with its checksum set over {@code covered} bytes (all when 0). */
    private static byte[] sum(byte[] m, int covered) {
        m[2] = 0;
        m[3] = 0;
        int n = covered == 0 ? m.length : covered;
        byte[] part = java.util.Arrays.copyOf(m, n);
        return put16(m, 2, checksum(part));
    }

    private static byte[] ip(int a, int b, int c, int d) {
        return new byte[] {(byte) a, (byte) b, (byte) c, (byte) d};
    }

    private static byte[] v2(int type, int maxResp, byte[] group) {
        return sum(concat(new byte[] {(byte) type, (byte) maxResp, 0, 0}, group), 8);
    }

    private static byte[] v0(int type, int code, long id, byte[] group) {
        ByteBuffer b = ByteBuffer.allocate(20).put((byte) type).put((byte) code).putShort((short) 0).putInt((int) id).put(group)
                .put(hex("0102030405060708"));
        return sum(b.array(), 20);
    }

    private static byte[] record(int type, byte[] group, byte[][] sources, int auxWords) {
        ByteBuffer b = ByteBuffer.allocate(8 + sources.length * 4 + auxWords * 4).put((byte) type).put((byte) auxWords)
                .putShort((short) sources.length).put(group);
        for (byte[] s : sources) {
            b.put(s);
        }
        for (int k = 0; k < auxWords * 4; k++) {
            b.put((byte) (0xa0 + k));
        }
        return b.array();
    }

    private static byte[] v3Report(byte[]... records) {
        byte[] head = {0x22, 0, 0, 0, 0, 0, 0, (byte) records.length};
        return sum(concat(head, concat(records)), 0);
    }

    private static byte[] v3Query(int maxResp, byte[] group, int sqrv, int qqic, byte[]... sources) {
        ByteBuffer b = ByteBuffer.allocate(12 + sources.length * 4).put((byte) 0x11).put((byte) maxResp).putShort((short) 0)
                .put(group).put((byte) sqrv).put((byte) qqic).putShort((short) sources.length);
        for (byte[] s : sources) {
            b.put(s);
        }
        return sum(b.array(), 0);
    }

    private static byte[] traceroute(int type, int blocks) {
        ByteBuffer b = ByteBuffer.allocate(24 + blocks * 32).put((byte) type).put((byte) 32).putShort((short) 0)
                .put(ip(239, 1, 2, 3)).put(ip(10, 0, 0, 9)).put(ip(10, 0, 0, 5)).put(ip(10, 0, 0, 1)).put((byte) 64)
                .put((byte) 0x01).putShort((short) 0x0203);
        for (int k = 0; k < blocks; k++) {
            b.putInt(1000 + k).put(ip(10, 1, k, 1)).put(ip(10, 2, k, 1)).put(ip(10, 3, k, 1)).putInt(5).putInt(6).putInt(7)
                    .put((byte) (k == 0 ? 3 : 99)).put((byte) 1).put((byte) (k == 0 ? 0x58 : 0xbf)).put((byte) (k == 0 ? 0 : 0x83));
        }
        return sum(b.array(), 0);
    }

    private void scenarios() throws IOException {
        igmp(v0(1, 0, 42, ip(0, 0, 0, 0)));            // create group request, public
        igmp(v0(2, 3, 42, ip(232, 1, 1, 1)));          // create group reply, invalid group
        igmp(v0(4, 9, 43, ip(232, 1, 1, 1)));          // join reply pending 9 s
        igmp(v0(3, 0, 44, ip(232, 1, 1, 1)));          // join request: odd type, no code item
        igmp(sum(new byte[] {0x11, 0, 0, 0, 0, 0, 0, 0}, 8));                      // v1 query
        igmp(sum(concat(new byte[] {0x12, 0, 0, 0}, ip(239, 9, 9, 9)), 8));       // v1 report
        igmp(v2(0x11, 100, ip(0, 0, 0, 0)));           // v2 general query
        igmp(v2(0x11, 10, ip(239, 1, 1, 1)));          // v2 group-specific query
        igmp(v2(0x16, 0, ip(239, 1, 1, 1)));           // v2 report
        igmp(v2(0x17, 0, ip(239, 1, 1, 1)));           // leave
        igmp(v2(0x17, 0, ip(0, 0, 0, 0)));             // leave for 0.0.0.0: ", general"
        igmp(v3Query(0xfe, ip(0, 0, 0, 0), 0x0a, 125));                                    // float code, S set
        igmp(v3Query(100, ip(239, 5, 5, 5), 0x02, 60, ip(10, 9, 9, 1), ip(10, 9, 9, 2)));  // sources
        igmp(v3Query(100, ip(239, 5, 5, 6), 0x02, 60, ip(10, 9, 9, 1)));
        byte[][] none = new byte[0][];
        byte[][] one = {ip(192, 0, 2, 1)};
        byte[][] two = {ip(192, 0, 2, 1), ip(192, 0, 2, 2)};
        igmp(v3Report(record(1, ip(239, 0, 0, 1), two, 0), record(2, ip(239, 0, 0, 2), one, 0), record(3, ip(239, 0, 0, 3), none, 0),
                record(4, ip(239, 0, 0, 4), none, 0)));
        igmp(v3Report(record(5, ip(239, 0, 0, 5), one, 0), record(6, ip(239, 0, 0, 6), two, 0), record(5, ip(239, 0, 0, 7), none, 0),
                record(6, ip(239, 0, 0, 8), none, 0)));
        igmp(v3Report(record(9, ip(239, 0, 0, 9), none, 0), record(9, ip(239, 0, 0, 10), one, 1), record(2, ip(239, 0, 0, 11), none, 2)));
        igmp(v3Report());                               // no records: " - General query"
        igmp(traceroute(0x1f, 0));                     // query: the header only
        igmp(traceroute(0x1f, 1));                     // request
        igmp(traceroute(0x1e, 2));                     // response, two blocks
        igmp(sum(concat(new byte[] {0x13, 0, 0, 0}, hex("ff030000")), 0));   // DVMRP
        igmp(sum(concat(new byte[] {0x14, 0, 0, 0}, hex("10000000")), 0));   // PIMv1
        igmp(new byte[] {(byte) 0x99, 1, 2, 3, 4, 5});                        // undefined type
        igmp(new byte[] {0x42});                                               // undefined, type only
        byte[] bad = v2(0x16, 0, ip(239, 1, 1, 1));
        bad[3] ^= 0x55;
        igmp(bad);                                                             // bad checksum
        igmp(concat(v2(0x16, 0, ip(239, 1, 1, 2)), hex("deadbeef")));          // 12 bytes, checksum over 8
        byte[] cut = ethernet(0x0800, ipv4(2, HOST, REPORTS, v3Report(record(1, ip(239, 0, 0, 1), two, 0))));
        write(cut, cut.length - 5);                                            // snap length inside the sources
        byte[] shortReport = v3Report(record(1, ip(239, 0, 0, 1), two, 0));
        igmp(java.util.Arrays.copyOf(shortReport, 18));                        // IP length ends inside the record
        igmp(new byte[0]);                                                     // empty
        igmp(java.util.Arrays.copyOf(v2(0x11, 10, ip(239, 1, 1, 1)), 7));     // query, 7 bytes
        // the first fragment of a fragmented datagram (more fragments set): no reassembly, no checksum check
        byte[] frag = ipv4(2, HOST, REPORTS, v3Report(record(1, ip(239, 0, 0, 1), two, 0)));
        frag[6] = 0x20;
        frag[10] = 0;
        frag[11] = 0;
        put16(frag, 10, checksum(java.util.Arrays.copyOf(frag, 20)));
        byte[] ff = ethernet(0x0800, frag);
        write(ff, ff.length);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: IgmpScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            IgmpScenarios s = new IgmpScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
