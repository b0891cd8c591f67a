package dev.tcpscope.proto.quic;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.LayerTree;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The QUIC dissector on hostile input and at its caps (what tshark prints for the captures is
 * checked by QuicGoldenTest): mutated Initial packets never throw, and the connections and
 * CRYPTO bytes kept stay bounded.
 */
class QuicTest {
    /** The client's first Initial of tcpdump's quic_retry.pcap (LINKTYPE_NULL, IPv6, UDP): 1200 bytes. */
    private static byte[] realInitial() throws IOException {
        byte[] pcap = Files.readAllBytes(Path.of("captures/tcpdump-quic_retry.pcap"));
        int caplen = (pcap[24 + 8] & 0xff) | (pcap[24 + 9] & 0xff) << 8;
        int start = 24 + 16 + 4 + 40 + 8;
        return Arrays.copyOfRange(pcap, start, 24 + 16 + caplen);
    }

    private static String dissect(Quic q, byte[] d, int frame, long conversation) {
        PduContext c = new PduContext();
        AppColumns cols = new AppColumns();
        c.columns = cols;
        c.frame = frame;
        c.datagram = true;
        c.reportedLength = d.length;
        c.conversation = conversation;
        c.source = conversation * 31 + 1;
        c.destination = conversation * 31 + 2;
        c.stream = -1;
        q.dissect(MemorySegment.ofArray(d), 0, d.length, c);
        // the detail tree and the fields walk the frame again
        LayerTree.End end = q.tree(frame, new Collected(), p -> { });
        assertThat(end).isNotNull();
        return cols.info().toString();
    }

    @Test
    void aRealInitialOpens() throws IOException {
        byte[] initial = realInitial();
        assertThat(initial).hasSize(1200);
        Quic q = new Quic();
        assertThat(q.heuristic(MemorySegment.ofArray(initial), 0, initial.length)).isTrue();
        assertThat(dissect(q, initial, 1, 7)).isEqualTo("Initial, DCID=1bafab9fd70531bb, PKN: 0, CRYPTO, PADDING");
    }

    @Test
    void mutatedInitialsNeverThrow() throws IOException {
        byte[] initial = realInitial();
        Random r = new Random(9000);
        for (int i = 0; i < 3000; i++) {
            byte[] d = initial.clone();
            int flips = 1 + r.nextInt(6);
            for (int k = 0; k < flips; k++) {
                // the header (lengths, CID lengths, varints) more often than the sealed payload
                int at = r.nextInt(4) == 0 ? r.nextInt(d.length) : r.nextInt(Math.min(40, d.length));
                d[at] = (byte) r.nextInt(256);
            }
            if (r.nextInt(4) == 0) {
                d = Arrays.copyOf(d, 1 + r.nextInt(d.length));
            }
            Quic q = new Quic();
            // the heuristic decides as tshark's does; a decode-as takes the datagram regardless
            q.heuristic(MemorySegment.ofArray(d), 0, d.length);
            String info = dissect(q, d, 1, i);
            assertThat(info).isNotNull();
            // a second datagram on the same conversation: the connection state it left is sound
            dissect(q, initial, 2, i);
        }
    }

    @Test
    void malformedHeadersAreMarkedAsTsharkMarksThem() throws IOException {
        byte[] initial = realInitial();
        Quic q = new Quic();
        dissect(q, initial, 1, 1);
        // a long header that ends before its Token Length: UDP's Info stays, the mark follows it
        byte[] cut = Arrays.copyOf(initial, 15);
        assertThat(dissect(q, cut, 2, 1)).isEqualTo("[Malformed Packet]");
        // a DCID length of 21: not QUIC to the heuristic
        byte[] longCid = initial.clone();
        longCid[5] = 21;
        assertThat(new Quic().heuristic(MemorySegment.ofArray(longCid), 0, longCid.length)).isFalse();
        // a token length of 2^62-1 (an 8-byte varint)
        byte[] token = Arrays.copyOf(initial, 60);
        token[15] = (byte) 0xff;
        for (int i = 16; i < 23; i++) {
            token[i] = (byte) 0xff;
        }
        assertThat(dissect(q, token, 3, 1)).endsWith("[Malformed Packet]");
    }

    @Test
    void connectionsAreCapped() throws IOException {
        byte[] initial = realInitial();
        Quic q = new Quic();
        int n = QuicConnections.MAX_CONNECTIONS + 50;
        for (int i = 0; i < n; i++) {
            byte[] d = Arrays.copyOf(initial, 64); // header and a little payload: no decryption work
            d[6] = (byte) i;
            d[7] = (byte) (i >> 8);
            d[8] = (byte) (i >> 16);
            dissect(q, d, i + 1, 1000 + i);
        }
        assertThat(q.connections()).isEqualTo(QuicConnections.MAX_CONNECTIONS);
    }

    @Test
    void cryptoRunsAreBounded() {
        QuicCryptoStream cs = new QuicCryptoStream();
        // far ahead of the contiguous bytes: left out of the reassembly
        QuicCryptoStream.Shown s = cs.add(QuicCryptoStream.MAX_RUN_BYTES + 10, MemorySegment.ofArray(new byte[100]), 1, false);
        assertThat(s.reassembled).isNull();
        // more gaps than runs kept: the extra ones are dropped, nothing grows without bound
        for (int i = 0; i < QuicCryptoStream.MAX_RUNS * 4; i++) {
            cs.add(1 + i * 3L, MemorySegment.ofArray(new byte[1]), 2, false);
        }
        // the gap at 0 closes: the bytes that arrived in order go to TLS
        s = cs.add(0, MemorySegment.ofArray(new byte[] {1}), 3, false);
        assertThat(s.retransmission).isFalse();
        // the same bytes again: a retransmission
        assertThat(cs.add(0, MemorySegment.ofArray(new byte[] {1}), 4, false).retransmission).isTrue();
    }
}
