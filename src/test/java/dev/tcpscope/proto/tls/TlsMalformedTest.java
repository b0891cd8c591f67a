package dev.tcpscope.proto.tls;

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
 * Malformed TLS is data, never an exception: a real ClientHello record (captures/
 * pcapplusplus-tls_grease.pcap) cut at every length and with random bytes changed goes through
 * the dissector, its tree and its fields without throwing, and a record whose body reads past its
 * end is marked as tshark marks it.
 */
class TlsMalformedTest {
    private static byte[] clientHelloRecord() throws IOException {
        byte[] file = Files.readAllBytes(Path.of("captures/pcapplusplus-tls_grease.pcap"));
        for (int i = 0; i + 5 < file.length; i++) {
            if (file[i] == 0x16 && file[i + 1] == 0x03 && file[i + 2] == 0x01 && file[i + 5] == 0x01) {
                int len = (file[i + 3] & 0xff) << 8 | file[i + 4] & 0xff;
                return Arrays.copyOfRange(file, i, i + 5 + len);
            }
        }
        throw new AssertionError("no ClientHello record in the capture");
    }

    /** Dissects {@code bytes} as one segment of a fresh conversation (no reassembly); returns the Info text. */
    private static String dissect(Tls tls, byte[] bytes, int frame) {
        PduContext ctx = new PduContext();
        ctx.session = tls.newSession();
        ctx.columns = new AppColumns();
        ctx.frame = frame;
        ctx.srcPort = 50000;
        ctx.dstPort = 443;
        ctx.forward = true;
        ctx.canDesegment = false;
        MemorySegment s = MemorySegment.ofArray(bytes);
        tls.dissect(s, 0, bytes.length, ctx);
        tls.tree(frame, new TlsFields.Collected(), p -> { });
        tls.collected(frame);
        return ctx.columns.info().toString();
    }

    @Test
    void theWholeRecordIsAClientHello() throws IOException {
        assertThat(dissect(new Tls(), clientHelloRecord(), 1)).isEqualTo("Client Hello");
    }

    @Test
    void everyTruncationAndRandomChangeIsData() throws IOException {
        byte[] record = clientHelloRecord();
        Tls tls = new Tls();
        int frame = 1;
        for (int n = 0; n <= record.length; n++) {
            dissect(tls, Arrays.copyOf(record, n), frame++);
        }
        Random random = new Random(12);
        for (int round = 0; round < 2000; round++) {
            byte[] b = record.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            dissect(tls, b, frame++);
        }
    }

    @Test
    void aHandshakeLengthPastTheRecordIsMalformed() throws IOException {
        byte[] b = clientHelloRecord();
        // the SNI list length (first extension of this ClientHello is GREASE, then server_name)
        // made to run past the extension: the body reads past the message
        int sni = indexOf(b, new byte[] {0x00, 0x00, 0x00, 0x15, 0x00, 0x13});
        b[sni + 4] = 0x7f;
        Tls tls = new Tls();
        assertThat(dissect(tls, b, 1)).isEqualTo("Client Hello[Malformed Packet]");
        assertThat(tls.tree(1, new TlsFields.Collected(), p -> { })).isEqualTo(LayerTree.End.MALFORMED);
    }

    private static int indexOf(byte[] b, byte[] p) {
        outer:
        for (int i = 0; i + p.length <= b.length; i++) {
            for (int k = 0; k < p.length; k++) {
                if (b[i + k] != p[k]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("pattern not found");
    }
}
