package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class BytesTest {
    // bytes chosen so that every read has its high bit set: a signed read would go negative
    private final MemorySegment s = Fixtures.seg("ff fe 80 01 c0 a8 00 02 aa");

    @Test
    void unsignedBigEndian() {
        assertThat(Bytes.u8(s, 0)).isEqualTo(0xff);
        assertThat(Bytes.u8(s, 2)).isEqualTo(0x80);
        assertThat(Bytes.u16(s, 0)).isEqualTo(0xfffe);
        assertThat(Bytes.u16(s, 1)).isEqualTo(0xfe80);   // unaligned
        assertThat(Bytes.u32(s, 0)).isEqualTo(0xfffe8001L);
        assertThat(Bytes.u32(s, 4)).isEqualTo(0xc0a80002L);
        assertThat(Bytes.u32(s, 5)).isEqualTo(0xa80002aaL);
    }

    @Test
    void signedBigEndianKeepsTheBits() {
        assertThat(Bytes.i32(s, 0)).isEqualTo(0xfffe8001);
        assertThat(Bytes.i32(s, 0)).isNegative();
        assertThat(Bytes.i32(s, 4)).isEqualTo(0xc0a80002);
    }

    @Test
    void unsignedLittleEndian() {
        assertThat(Bytes.u16le(s, 0)).isEqualTo(0xfeff);
        assertThat(Bytes.u16le(s, 2)).isEqualTo(0x0180);
        assertThat(Bytes.u32le(s, 0)).isEqualTo(0x0180feffL);
        assertThat(Bytes.u32le(s, 4)).isEqualTo(0x0200a8c0L);
        assertThat(Bytes.u32le(s, 5)).isEqualTo(0xaa0200a8L);
    }

    @Test
    void readsPastTheSegmentThrow() {
        // Views rely on the dissector's one length check; the segment is the last line of defence.
        assertThatThrownBy(() -> Bytes.u32(s, 6)).isInstanceOf(IndexOutOfBoundsException.class);
        assertThatThrownBy(() -> Bytes.u8(s, 9)).isInstanceOf(IndexOutOfBoundsException.class);
    }
}
