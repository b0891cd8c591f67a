package dev.tcpscope.synth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.tcpscope.frame.LinkType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

/** Checks the builder's checksums with a plain, independent RFC 1071 sum. */
class FrameBuilderTest {
    private static final byte[] V6_A = new byte[16], V6_B = new byte[16];

    static {
        V6_A[0] = 0x20; V6_A[1] = 0x01; V6_A[15] = 1;
        V6_B[0] = 0x20; V6_B[1] = 0x01; V6_B[15] = 2;
    }

    private static int sum(byte[] b, int off, int len) {
        long s = 0;
        for (int i = 0; i < len; i += 2) {
            s += ((b[off + i] & 0xff) << 8) | (i + 1 < len ? b[off + i + 1] & 0xff : 0);
        }
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return (int) s;
    }

    /** The one's complement sum over the pseudo-header and the segment, checksum included: 0xffff when right. */
    private static int l4Verify(byte[] f, int ip, boolean v6) {
        int l4 = ip + (v6 ? 40 : 20);
        int l4Len = v6 ? ((f[ip + 4] & 0xff) << 8 | (f[ip + 5] & 0xff)) : ((f[ip + 2] & 0xff) << 8 | (f[ip + 3] & 0xff)) - 20;
        int proto = f[ip + (v6 ? 6 : 9)] & 0xff;
        long s = (v6 ? sum(f, ip + 8, 32) : sum(f, ip + 12, 8)) + proto + l4Len + sum(f, l4, l4Len);
        while ((s >>> 16) != 0) s = (s & 0xffff) + (s >>> 16);
        return (int) s;
    }

    @Test
    void ipv4TcpWithOptionsAndFillerPayloadHasValidChecksums() {
        FrameBuilder fb = new FrameBuilder().ipv4(0x0a000001, 0xc6120001).ipId(0x1234);
        fb.options().clear().mss(1460).sackPermitted().timestamps(1, 0).nop().windowScale(7);
        for (int len : new int[] {0, 1, 2, 1447, 1448}) {
            int n = fb.fillerPayload(len * 31L).tcp(40000, 5201, 0xfffffff0, 7, FrameBuilder.SYN | FrameBuilder.ACK, 502, len);
            byte[] f = fb.buffer();
            assertThat(n).isEqualTo(14 + 20 + 40 + len);
            assertThat(sum(f, 14, 20)).as("IPv4 header sum").isEqualTo(0xffff);
            assertThat(l4Verify(f, 14, false)).as("TCP checksum, payload %d", len).isEqualTo(0xffff);
            assertThat(f[14 + 20 + 12] & 0xff).as("data offset").isEqualTo(10 << 4);   // 40-byte header
        }
    }

    @Test
    void ipv6TcpWithSackAndExplicitOddPayloadHasValidChecksum() {
        byte[] payload = "GET / HTTP/1.1\r\n\r\n!".getBytes();
        FrameBuilder fb = new FrameBuilder().ipv6(V6_A, V6_B).payload(payload, 0);
        fb.options().clear().nop().nop().timestamps(5, 6).nop().nop().sack(new int[] {100, 200, 300, 400}, 2);
        int n = fb.tcp(1, 2, 3, 4, FrameBuilder.ACK | FrameBuilder.PSH, 100, payload.length);
        assertThat(n).isEqualTo(14 + 40 + 20 + 32 + payload.length);
        assertThat(l4Verify(fb.buffer(), 14, true)).isEqualTo(0xffff);
    }

    @Test
    void udpOverRawAndSllHasValidChecksums() {
        FrameBuilder fb = new FrameBuilder().linkType(LinkType.RAW).ipv4(0x7f000001, 0x7f000002).fillerPayload(0);
        assertThat(fb.udp(53, 5353, 33)).isEqualTo(20 + 8 + 33);
        assertThat(l4Verify(fb.buffer(), 0, false)).isEqualTo(0xffff);
        fb.linkType(LinkType.LINUX_SLL).ipv6(V6_A, V6_B);
        assertThat(fb.udp(53, 5353, 100)).isEqualTo(16 + 40 + 8 + 100);
        assertThat(l4Verify(fb.buffer(), 16, true)).isEqualTo(0xffff);
    }

    @Test
    void optionsRefuseToOverflowFortyBytes() {
        TcpOptions o = new TcpOptions().timestamps(1, 2).sack(new int[8], 3).sackPermitted();
        assertThat(o.length()).isEqualTo(38);
        assertThatThrownBy(() -> o.mss(1460)).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void pcapWriterWritesHeadersLittleEndianAndCutsAtSnaplen() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (PcapWriter w = new PcapWriter(bytes, LinkType.ETHERNET, 64, true)) {
            w.write(1_700_000_000_123_456_789L, new byte[100], 0, 100);
        }
        ByteBuffer b = ByteBuffer.wrap(bytes.toByteArray()).order(ByteOrder.LITTLE_ENDIAN);
        assertThat(b.getInt(0)).isEqualTo(PcapWriter.MAGIC_NANOS);
        assertThat(b.getInt(16)).isEqualTo(64);
        assertThat(b.getInt(20)).isEqualTo(LinkType.ETHERNET);
        assertThat(b.getInt(24)).isEqualTo(1_700_000_000);
        assertThat(b.getInt(28)).isEqualTo(123_456_789);
        assertThat(b.getInt(32)).as("incl_len").isEqualTo(64);
        assertThat(b.getInt(36)).as("orig_len").isEqualTo(100);
        assertThat(b.capacity()).isEqualTo(24 + 16 + 64);
    }
}
