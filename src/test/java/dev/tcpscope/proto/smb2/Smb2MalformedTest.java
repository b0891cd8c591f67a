package dev.tcpscope.proto.smb2;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile NBSS and SMB2: 20,000 random mutations (byte flips, NBSS lengths, NextCommand
 * offsets, structure sizes and blob offsets made huge or backwards, cuts) of the real messages
 * of captures/suricata-smb2-peter-minus-p191.pcap, captures/synth-smb2.pcap and
 * captures/zeek-dce-rpc-20-fids.pcap (negotiation, NTLMSSP session setup, creates, compound
 * chains, DCE/RPC binds and calls over named pipes, a pipe's PDU left waiting for more ...) go through the dissector and its tree
 * without an exception escaping, in bounded time.
 */
class Smb2MalformedTest {
    @Test
    void mutationsNeverThrow() throws IOException {
        List<byte[]> messages = new ArrayList<>();
        messages.addAll(payloads(Path.of("captures/suricata-smb2-peter-minus-p191.pcap"), 60));
        messages.addAll(payloads(Path.of("captures/synth-smb2.pcap"), 80));
        messages.addAll(payloads(Path.of("captures/zeek-dce-rpc-20-fids.pcap"), 80));
        assertThat(messages).hasSizeGreaterThan(60);
        Random r = new Random(2026);
        Nbss nbss = new Nbss(port -> null);
        Object session = nbss.newSession();
        long start = System.nanoTime();
        for (int round = 0; round < 20000; round++) {
            byte[] m = messages.get(r.nextInt(messages.size())).clone();
            int flips = 1 + r.nextInt(6);
            for (int i = 0; i < flips; i++) {
                int at = r.nextInt(m.length);
                m[at] = (byte) switch (r.nextInt(4)) {
                    case 0 -> 0xff;
                    case 1 -> 0;
                    default -> r.nextInt(256);
                };
            }
            if (r.nextInt(4) == 0 && m.length > 90) {
                // a NextCommand, a StructureSize or a blob offset pointing anywhere
                int at = 4 + (r.nextBoolean() ? 20 : 64 + r.nextInt(Math.min(40, m.length - 70)));
                if (at + 4 <= m.length) {
                    ByteBuffer.wrap(m).order(ByteOrder.LITTLE_ENDIAN).putInt(at, r.nextInt());
                }
            }
            int cap = r.nextInt(5) == 0 ? r.nextInt(m.length + 1) : m.length;
            dissect(nbss, session, m, cap, round + 1, r.nextBoolean());
        }
        assertThat((System.nanoTime() - start) / 1_000_000_000.0).as("seconds for 20,000 messages").isLessThan(60);
    }

    private static void dissect(Nbss nbss, Object session, byte[] m, int cap, int frame, boolean reassembled) {
        PduContext ctx = new PduContext();
        ctx.session = session;
        ctx.frame = frame;
        ctx.columns = new AppColumns();
        ctx.srcPort = 49200;
        ctx.dstPort = 445;
        ctx.reassembled = reassembled;
        ctx.truncated = cap < m.length;
        ctx.reportedLength = m.length;
        ctx.canDesegment = false;
        nbss.dissect(MemorySegment.ofArray(m), 0, cap, ctx);
        nbss.tree(frame, new Collected(), p -> { });
    }

    /** The TCP payloads of the first {@code max} frames of an Ethernet/IPv4 pcap that carry any. */
    static List<byte[]> payloads(Path pcap, int max) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        int pos = 24;
        for (int n = 0; n < max && pos + 16 <= b.limit(); n++) {
            int incl = b.getInt(pos + 8);
            int data = pos + 16;
            pos = data + incl;
            if (incl < 54 || (b.get(data + 12) & 0xff) != 0x08 || b.get(data + 13) != 0) {
                continue;
            }
            int ip = data + 14;
            int ihl = (b.get(ip) & 0x0f) * 4;
            int total = (b.get(ip + 2) & 0xff) << 8 | b.get(ip + 3) & 0xff;
            int tcp = ip + ihl;
            int doff = (b.get(tcp + 12) >> 4 & 0x0f) * 4;
            int payload = tcp + doff;
            int end = Math.min(ip + total, data + incl);
            if (end - payload >= 8) {
                byte[] p = new byte[end - payload];
                b.get(payload, p);
                out.add(p);
            }
        }
        return out;
    }
}
