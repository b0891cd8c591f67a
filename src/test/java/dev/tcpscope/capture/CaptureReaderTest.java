package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Tiny captures built byte by byte: each pcap and pcapng rule, damage, and every input path. */
class CaptureReaderTest {
    @TempDir
    Path dir;

    // ---- fixtures -------------------------------------------------------------------------

    private static final class Bytes {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();
        private final ByteOrder order;

        Bytes(ByteOrder order) { this.order = order; }

        Bytes u16(int v) { return put(ByteBuffer.allocate(2).order(order).putShort((short) v)); }
        Bytes u32(long v) { return put(ByteBuffer.allocate(4).order(order).putInt((int) v)); }
        Bytes u64(long v) { return put(ByteBuffer.allocate(8).order(order).putLong(v)); }
        Bytes raw(byte[] b) { out.writeBytes(b); return this; }
        Bytes pad() { while (out.size() % 4 != 0) { out.write(0); } return this; }
        private Bytes put(ByteBuffer b) { out.writeBytes(b.array()); return this; }
        byte[] bytes() { return out.toByteArray(); }
    }

    private static byte[] payload(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i + 1);
        }
        return b;
    }

    private static Bytes pcapHeader(ByteOrder order, int magic, long linkType) {
        return new Bytes(order).u32(magic).u16(2).u16(4).u32(0).u32(0).u32(65535).u32(linkType);
    }

    private static Bytes pcapRecord(Bytes b, long sec, long frac, int caplen, int len) {
        return b.u32(sec).u32(frac).u32(caplen).u32(len).raw(payload(caplen));
    }

    private static byte[] block(ByteOrder order, int type, byte[] body) {
        Bytes inner = new Bytes(order).raw(body).pad();
        int length = inner.bytes().length + 12;
        return new Bytes(order).u32(type).u32(length).raw(inner.bytes()).u32(length).bytes();
    }

    private static byte[] shb(ByteOrder order) {
        return block(order, 0x0A0D0D0A, new Bytes(order).u32(0x1A2B3C4D).u16(1).u16(0).u64(-1).bytes());
    }

    private static byte[] option(ByteOrder order, int code, byte[] value) {
        return new Bytes(order).u16(code).u16(value.length).raw(value).pad().bytes();
    }

    private static byte[] idb(ByteOrder order, int linkType, int snaplen, byte[]... options) {
        Bytes b = new Bytes(order).u16(linkType).u16(0).u32(snaplen);
        for (byte[] o : options) {
            b.raw(o);
        }
        if (options.length > 0) {
            b.u32(0);
        }
        return block(order, 1, b.bytes());
    }

    private static byte[] epb(ByteOrder order, int iface, long ts, int caplen, int len) {
        return block(order, 6, new Bytes(order).u32(iface).u32(ts >>> 32).u32(ts).u32(caplen).u32(len)
                .raw(payload(caplen)).bytes());
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private Path file(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private record Got(List<Frame> frames, IOException error, CaptureReader reader) {}

    /** Reads everything through the mapped path and checks the stream path agrees. */
    private Got read(byte[] bytes) throws IOException {
        Path p = file("f.bin", bytes);
        Got mapped = openAndDrain(() -> Captures.open(p, "f.bin"));
        Got streamed = openAndDrain(() -> Captures.open(ConformanceTest.trickle(bytes), "f.bin"));
        assertThat(describe(streamed)).isEqualTo(describe(mapped));
        return mapped;
    }

    private interface Opener {
        CaptureReader open() throws IOException;
    }

    private static Got openAndDrain(Opener opener) throws IOException {
        try {
            return drain(opener.open());
        } catch (CaptureFormatException e) {
            return new Got(List.of(), e, null);
        }
    }

    private static Got drain(CaptureReader reader) throws IOException {
        List<Frame> frames = new ArrayList<>();
        IOException error = null;
        try (reader) {
            while (true) {
                Frame f = new Frame();
                if (!reader.next(f)) {
                    break;
                }
                // copy the bytes now: they are valid only until the next call
                Frame copy = new Frame();
                byte[] data = f.toByteArray();
                copy.set(f.number(), f.seconds(), f.nanos(), f.timestampDigits(), f.linkType(), f.interfaceId(),
                        java.lang.foreign.MemorySegment.ofArray(data), 0, f.capturedLength(), f.originalLength());
                copy.setRecord(f.kind(), f.hasTimestamp());
                copy.setFcsLength(f.fcsLength());
                frames.add(copy);
            }
            assertThat(reader.next(new Frame())).isFalse();
        } catch (CaptureFormatException e) {
            error = e;
        }
        return new Got(frames, error, reader);
    }

    private static List<String> describe(Got got) {
        List<String> d = new ArrayList<>();
        for (Frame f : got.frames()) {
            d.add(f.number() + " " + f.seconds() + "." + f.nanos() + "/" + f.timestampDigits() + " lt" + f.linkType()
                    + " if" + f.interfaceId() + " " + f.capturedLength() + "/" + f.originalLength()
                    + " " + java.util.Arrays.toString(f.toByteArray()));
        }
        d.add(String.valueOf(got.error() == null ? null : got.error().getMessage()));
        return d;
    }

    // ---- pcap -----------------------------------------------------------------------------

    @Test
    void pcapMicrosecondsLittleEndian() throws IOException {
        Bytes b = pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1);
        pcapRecord(b, 1_700_000_000L, 123_456, 4, 60);
        pcapRecord(b, 0xFFFF_FFFFL, 999_999, 2, 2);
        Got got = read(b.bytes());
        assertThat(got.error()).isNull();
        assertThat(got.frames()).hasSize(2);
        Frame f = got.frames().getFirst();
        assertThat(f.number()).isEqualTo(1);
        assertThat(f.seconds()).isEqualTo(1_700_000_000L);
        assertThat(f.nanos()).isEqualTo(123_456_000);
        assertThat(f.timestampDigits()).isEqualTo(6);
        assertThat(f.linkType()).isEqualTo(1);
        assertThat(f.capturedLength()).isEqualTo(4);
        assertThat(f.originalLength()).isEqualTo(60);
        assertThat(f.toByteArray()).containsExactly(1, 2, 3, 4);
        assertThat(got.frames().get(1).seconds()).isEqualTo(4_294_967_295L); // unsigned, past 2038
        assertThat(got.reader().format()).isEqualTo("pcap");
        assertThat(got.reader().interfaces()).containsExactly(new CaptureInterface(1, 65535, null, null, 6));
    }

    @Test
    void pcapNanosecondsBigEndian() throws IOException {
        Bytes b = pcapHeader(ByteOrder.BIG_ENDIAN, 0xA1B23C4D, 101);
        pcapRecord(b, 10, 999_999_999, 3, 3);
        Got got = read(b.bytes());
        Frame f = got.frames().getFirst();
        assertThat(f.nanos()).isEqualTo(999_999_999);
        assertThat(f.timestampDigits()).isEqualTo(9);
        assertThat(f.linkType()).isEqualTo(101);
        assertThat(got.reader().format()).isEqualTo("pcap-nsec");
    }

    @Test
    void pcapFractionBeyondOneSecondCarriesIntoSeconds() throws IOException {
        Bytes b = pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1);
        pcapRecord(b, 5, 2_500_000, 1, 1);
        Frame f = read(b.bytes()).frames().getFirst();
        assertThat(f.seconds()).isEqualTo(7);
        assertThat(f.nanos()).isEqualTo(500_000_000);
    }

    @Test
    void kuznetzovRecordsHaveEightMoreHeaderBytes() throws IOException {
        Bytes b = pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2CD34, 1);
        b.u32(1).u32(2).u32(3).u32(3).u32(7).u16(0x0800).raw(new byte[] {0, 0}).raw(payload(3));
        Got got = read(b.bytes());
        assertThat(got.error()).isNull();
        assertThat(got.frames()).hasSize(1);
        assertThat(got.frames().getFirst().toByteArray()).containsExactly(1, 2, 3);
        assertThat(got.reader().format()).isEqualTo("pcap-modified");
    }

    @Test
    void linkTypeFcsBitsAreMaskedAndReservedBitsRefused() throws IOException {
        Bytes fcs = pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 0x1400_0001L);
        pcapRecord(fcs, 1, 0, 1, 1);
        assertThat(read(fcs.bytes()).frames().getFirst().linkType()).isEqualTo(1);
        Got reserved = read(pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 0x0030_0001L).bytes());
        assertThat(reserved.error()).hasMessageContaining("reserved field not zero (0x00300000)");
    }

    @Test
    void theFcsLengthComesFromTheLinkTypeBitsInUnitsOf16Bits() throws IOException {
        Bytes fcs = pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 0x2400_0001L);
        pcapRecord(fcs, 1, 0, 1, 1);
        assertThat(read(fcs.bytes()).frames().getFirst().fcsLength()).isEqualTo(4);
        Bytes none = pcapRecord(pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1), 1, 0, 1, 1);
        assertThat(read(none.bytes()).frames().getFirst().fcsLength()).isEqualTo(-1);
    }

    @Test
    void linkTypesTsharkCannotReadAreRefusedLikeTshark() throws IOException {
        Got got = read(pcapRecord(pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 281), 1, 0, 1, 1).bytes());
        assertThat(got.frames()).isEmpty();
        assertThat(got.error()).hasMessageContaining("pcap: network type 281 unknown or unsupported");
    }

    @Test
    void headerOnlyPcapHasNoRecordsAndEmptyFileToo() throws IOException {
        Got got = read(pcapHeader(ByteOrder.BIG_ENDIAN, 0xA1B2C3D4, 1).bytes());
        assertThat(got.frames()).isEmpty();
        assertThat(got.error()).isNull();
        assertThat(read(new byte[0]).frames()).isEmpty();
    }

    @Test
    void cutShortRecordComesAfterTheGoodOnes() throws IOException {
        Bytes b = pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1);
        pcapRecord(b, 1, 0, 8, 8);
        byte[] whole = pcapRecord(b, 2, 0, 8, 8).bytes();
        byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 3);
        Got got = read(cut);
        assertThat(got.frames()).hasSize(1);
        assertThat(got.error()).hasMessage("The file \"f.bin\" appears to have been cut short in the middle of a packet.");
        byte[] halfHeader = java.util.Arrays.copyOf(whole, 24 + 16 + 8 + 5);
        assertThat(read(halfHeader).error()).hasMessageContaining("cut short");
    }

    @Test
    void caplenAboveTheLinkTypeMaximumIsDamage() throws IOException {
        Bytes b = pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1);
        pcapRecord(b, 1, 0, 2, 2);
        b.u32(1).u32(0).u32(262_145).u32(262_145);
        Got got = read(b.bytes());
        assertThat(got.frames()).hasSize(1);
        assertThat(got.error()).hasMessageContaining("pcap: File has 262145-byte packet, bigger than maximum of 262144");
    }

    @Test
    void caplenAboveSnaplenIsReadAsIs() throws IOException {
        Bytes b = new Bytes(ByteOrder.LITTLE_ENDIAN).u32(0xA1B2C3D4).u16(2).u16(4).u32(0).u32(0).u32(4).u32(1);
        pcapRecord(b, 1, 0, 6, 10);
        Frame f = read(b.bytes()).frames().getFirst();
        assertThat(f.capturedLength()).isEqualTo(6);
        assertThat(f.originalLength()).isEqualTo(10);
    }

    @Test
    void notACaptureFileSaysSo() throws IOException {
        byte[] text = "hello, this is text".getBytes(StandardCharsets.US_ASCII);
        assertThatThrownBy(() -> Captures.open(file("x.bin", text).toString()))
                .isInstanceOf(CaptureFormatException.class)
                .hasMessageContaining("x.bin\" is not a capture file in a format tcpscope reads (pcap, pcapng; gzip, zstd or lz4 compressed)");
        assertThatThrownBy(() -> Captures.open(dir.resolve("missing.pcap").toString()))
                .isInstanceOf(java.nio.file.NoSuchFileException.class);
    }

    @Test
    void gzipFilesAndStreamsAreDecompressed() throws IOException {
        byte[] pcap = pcapRecord(pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1), 3, 4, 5, 5).bytes();
        byte[] gz = ConformanceTest.gzip(pcap);
        Got got = read(gz);
        assertThat(got.frames()).hasSize(1);
        assertThat(got.frames().getFirst().toByteArray()).containsExactly(1, 2, 3, 4, 5);
        assertThat(drain(Captures.open(new ByteArrayInputStream(gz), "-")).frames()).hasSize(1);
    }

    @Test
    void zstdAndLz4CapturesReadLikeThePlainFile() throws IOException {
        Got plain = read(Files.readAllBytes(Path.of("captures/learn_tcp.pcapng")));
        Got lz4 = read(Files.readAllBytes(Path.of("captures/learn_tcp.pcapng.lz4")));
        assertThat(lz4.error()).isNull();
        assertThat(describe(lz4)).isEqualTo(describe(plain)).hasSize(20 + 1); // 20 frames, no error
        Got zst = read(Files.readAllBytes(Path.of("captures/pcapplusplus-pcapng-example.pcapng.zst")));
        assertThat(zst.error()).isNull();
        assertThat(zst.frames()).hasSize(159);
    }

    @Test
    void corruptCompressedDataIsReportedAsWiretapReportsIt() throws IOException {
        String damaged = "The file \"f.bin\" cannot be decompressed; it may be damaged or corrupt";
        byte[] zstd = {0x28, (byte) 0xB5, 0x2F, (byte) 0xFD, 0, 0, 0, 'j', 'u', 'n', 'k', '!', '!'};
        assertThat(read(zstd).error()).hasMessage(damaged + " (Data corruption detected).");
        byte[] lz4 = {0x04, 0x22, 0x4D, 0x18, 'j', 'u', 'n', 'k', '!', '!'};
        assertThat(read(lz4).error()).hasMessage(damaged + " (ERROR_reservedFlag_set).");
        byte[] gzip = {0x1F, (byte) 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 'g', 'a', 'r', 'b', 'a', 'g', 'e'}; // BTYPE 11
        assertThat(read(gzip).error()).hasMessage(damaged + " (invalid block type).");
    }

    @Test
    void compressedDataThatEndsEarlyEndsTheCapture() throws IOException {
        byte[] plain = Files.readAllBytes(Path.of("captures/learn_tcp.pcapng"));
        byte[] gz = ConformanceTest.gzip(plain);
        Got cut = read(java.util.Arrays.copyOf(gz, gz.length / 2));
        assertThat(cut.error()).hasMessage("The file \"f.bin\" appears to have been cut short in the middle of a packet.");
        assertThat(cut.frames()).isNotEmpty().hasSizeLessThan(20);
        // an LZ4 block cut in two yields nothing: wiretap then lists no packets and exits 0
        byte[] lz4 = Files.readAllBytes(Path.of("captures/learn_tcp.pcapng.lz4"));
        Got none = read(java.util.Arrays.copyOf(lz4, lz4.length / 2));
        assertThat(none.error()).isNull();
        assertThat(none.frames()).isEmpty();
    }

    @Test
    void streamsReuseOneBufferThatGrowsForBigRecords() throws IOException {
        Bytes b = pcapHeader(ByteOrder.LITTLE_ENDIAN, 0xA1B2C3D4, 1);
        for (int i = 0; i < 50; i++) {
            pcapRecord(b, i, 0, i % 2 == 0 ? 200_000 : 10, 200_000);
        }
        try (CaptureReader reader = Captures.open(new ByteArrayInputStream(b.bytes()), "-")) {
            Frame f = new Frame();
            java.util.Set<Object> buffers = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
            int n = 0;
            while (reader.next(f)) {
                buffers.add(f.segment().heapBase().orElseThrow());
                n++;
            }
            assertThat(n).isEqualTo(50);
            assertThat(buffers).hasSizeLessThanOrEqualTo(3); // the initial buffer and its growths only
        }
    }

    // ---- pcapng ---------------------------------------------------------------------------

    @Test
    void pcapngBothByteOrdersWithOptions() throws IOException {
        for (ByteOrder o : List.of(ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN)) {
            byte[] bytes = concat(shb(o),
                    idb(o, 1, 0, option(o, 2, "eth0\0".getBytes(StandardCharsets.UTF_8)),
                            option(o, 3, "uplink".getBytes(StandardCharsets.UTF_8)),
                            option(o, 9, new byte[] {3}), option(o, 14, ByteBuffer.allocate(8).order(o).putLong(100).array())),
                    idb(o, 113, 96),
                    block(o, 4, new byte[8]), block(o, 5, new byte[8]), block(o, 0x0000_0B0B, new byte[4]),
                    epb(o, 0, 1_234_567L, 3, 3),
                    epb(o, 1, 1_700_000_000_123_456L, 2, 9));
            Got got = read(bytes);
            assertThat(got.error()).isNull();
            assertThat(got.frames()).hasSize(2);
            Frame a = got.frames().get(0);
            assertThat(a.seconds()).isEqualTo(1234 + 100);
            assertThat(a.nanos()).isEqualTo(567_000_000);
            assertThat(a.timestampDigits()).isEqualTo(3);
            Frame b = got.frames().get(1);
            assertThat(b.linkType()).isEqualTo(113);
            assertThat(b.interfaceId()).isEqualTo(1);
            assertThat(b.seconds()).isEqualTo(1_700_000_000L);
            assertThat(b.nanos()).isEqualTo(123_456_000);
            assertThat(b.timestampDigits()).isEqualTo(6);
            assertThat(got.reader().interfaces()).containsExactly(
                    new CaptureInterface(1, 0, "eth0", "uplink", 3), new CaptureInterface(113, 96, null, null, 6));
        }
    }

    @Test
    void ifFcslenIsInBitsOrBytesAndEpbFlagsOverrideIt() throws IOException {
        ByteOrder o = ByteOrder.LITTLE_ENDIAN;
        // wiretap: below 8 the value is taken as bytes, else as bits; an EPB's flags give bytes
        byte[] flagged = block(o, 6, new Bytes(o).u32(0).u32(0).u32(0).u32(1).u32(1).raw(payload(1)).pad()
                .raw(option(o, 2, new Bytes(o).u32(4 << 5).bytes())).u32(0).bytes());
        byte[] bytes = concat(shb(o), idb(o, 1, 0), epb(o, 0, 1, 1, 1),
                idb(o, 1, 0, option(o, 13, new byte[] {0})), epb(o, 1, 1, 1, 1),
                idb(o, 1, 0, option(o, 13, new byte[] {32})), epb(o, 2, 1, 1, 1),
                idb(o, 1, 0, option(o, 13, new byte[] {4})), epb(o, 3, 1, 1, 1),
                flagged,
                idb(o, 113, 0, option(o, 13, new byte[] {32})), epb(o, 4, 1, 1, 1));
        assertThat(read(bytes).frames()).extracting(Frame::fcsLength).containsExactly(-1, 0, 4, 4, 4, -1);
    }

    @Test
    void powerOfTwoResolutionConvertsExactlyAndShowsTsharkDigits() throws IOException {
        ByteOrder o = ByteOrder.LITTLE_ENDIAN;
        // 123456789 / 2^10 s = 120563.2705078125 s; tshark 4.0 prints 120563.270507812 with 3 digits shown
        byte[] bytes = concat(shb(o), idb(o, 1, 0, option(o, 9, new byte[] {(byte) 0x8A})), epb(o, 0, 123_456_789L, 1, 1));
        Frame f = read(bytes).frames().getFirst();
        assertThat(f.seconds()).isEqualTo(120_563);
        assertThat(f.nanos()).isEqualTo(270_507_812);
        assertThat(f.timestampDigits()).isEqualTo(3);
        assertThat(PcapngReader.digits(0x80 | 20)).isEqualTo(6);
        assertThat(PcapngReader.digits(0x80 | 30)).isEqualTo(9);
        assertThat(PcapngReader.digits(4)).isEqualTo(3);
        assertThat(PcapngReader.digits(7)).isEqualTo(6);
        assertThat(PcapngReader.digits(0)).isZero();
        assertThat(PcapngReader.digits(25)).isEqualTo(9);
    }

    @Test
    void hugeTimestampsDoNotThrow() throws IOException {
        ByteOrder o = ByteOrder.BIG_ENDIAN;
        byte[] bytes = concat(shb(o), idb(o, 1, 0, option(o, 9, new byte[] {0})), epb(o, 0, -1L, 1, 1),
                idb(o, 1, 0, option(o, 9, new byte[] {(byte) 0xBF})), epb(o, 1, -1L, 1, 1),
                idb(o, 1, 0, option(o, 9, new byte[] {19})), epb(o, 2, -1L, 1, 1),
                idb(o, 1, 0, option(o, 9, new byte[] {100})), epb(o, 3, -1L, 1, 1));
        Got got = read(bytes);
        assertThat(got.error()).isNull();
        assertThat(got.frames()).hasSize(4);
        assertThat(got.frames().get(0).seconds()).isEqualTo(-1L); // 2^64-1 s wraps like time_t
        assertThat(got.frames().get(1).seconds()).isEqualTo(1L);
        assertThat(got.frames().get(1).nanos()).isEqualTo(999_999_999);
        assertThat(got.frames().get(2).seconds()).isEqualTo(1L);
        assertThat(got.frames().get(2).nanos()).isEqualTo(844_674_407);
        assertThat(got.frames().get(3).seconds()).isEqualTo(1L);
    }

    @Test
    void simplePacketUsesInterfaceZeroSnaplenAndHasNoTimestamp() throws IOException {
        ByteOrder o = ByteOrder.LITTLE_ENDIAN;
        byte[] spb = block(o, 3, new Bytes(o).u32(10).raw(payload(10)).bytes());
        Got got = read(concat(shb(o), idb(o, 1, 4), spb));
        Frame f = got.frames().getFirst();
        assertThat(f.capturedLength()).isEqualTo(4);
        assertThat(f.originalLength()).isEqualTo(10);
        assertThat(f.hasTimestamp()).isFalse();
        assertThat(f.interfaceId()).isZero();
    }

    @Test
    void obsoletePacketBlockAndCustomBlockAreFrames() throws IOException {
        ByteOrder o = ByteOrder.BIG_ENDIAN;
        byte[] pb = block(o, 2, new Bytes(o).u16(0).u16(0).u32(0).u32(5_000_000).u32(2).u32(2).raw(payload(2)).bytes());
        byte[] cb = block(o, 0x0000_0BAD, new Bytes(o).u32(32473).raw(payload(8)).bytes());
        Got got = read(concat(shb(o), idb(o, 1, 0), pb, cb));
        assertThat(got.frames()).hasSize(2);
        assertThat(got.frames().get(0).seconds()).isEqualTo(5);
        Frame custom = got.frames().get(1);
        assertThat(custom.kind()).isEqualTo(Frame.Kind.PCAPNG_CUSTOM_BLOCK);
        assertThat(custom.interfaceId()).isEqualTo(Frame.NO_INTERFACE);
        assertThat(custom.toByteArray()).containsExactly(payload(8));
    }

    @Test
    void newSectionResetsInterfacesAndByteOrder() throws IOException {
        ByteOrder le = ByteOrder.LITTLE_ENDIAN;
        ByteOrder be = ByteOrder.BIG_ENDIAN;
        byte[] bytes = concat(shb(le), idb(le, 1, 0), idb(le, 1, 0), epb(le, 1, 1_000_000, 1, 1),
                shb(be), idb(be, 0, 0), epb(be, 0, 2_000_000, 1, 1), epb(be, 1, 3_000_000, 1, 1));
        Got got = read(bytes);
        assertThat(got.frames()).hasSize(2);
        assertThat(got.frames().get(1).linkType()).isZero();
        assertThat(got.frames().get(1).interfaceId()).isZero();
        assertThat(got.error()).hasMessageContaining("interface index 1").hasMessageContaining("interface count 1");
        assertThat(got.reader().interfaces()).hasSize(3);
    }

    @Test
    void packetWithoutInterfaceIsDamage() throws IOException {
        ByteOrder o = ByteOrder.LITTLE_ENDIAN;
        Got got = read(concat(shb(o), epb(o, 0, 1, 1, 1)));
        assertThat(got.frames()).isEmpty();
        assertThat(got.error()).hasMessageContaining("interface index 0 at offset 28 is not less than interface count 0");
    }

    @Test
    void impossibleBlockLengthsStopWithoutLooping() throws IOException {
        ByteOrder o = ByteOrder.LITTLE_ENDIAN;
        byte[] good = concat(shb(o), idb(o, 1, 0), epb(o, 0, 1, 1, 1));
        for (long length : List.of(0L, 3L, 8L, 13L, 0xFFFF_FFF0L)) {
            Got got = read(concat(good, new Bytes(o).u32(0x0000_0BBB).u32(length).raw(new byte[16]).bytes()));
            assertThat(got.frames()).as("length %d", length).hasSize(1);
            assertThat(got.error()).as("length %d", length).hasMessageContaining("total block length " + length);
        }
        Got mismatch = read(concat(good, new Bytes(o).u32(0x0000_0BBB).u32(16).u32(0).u32(20).bytes()));
        assertThat(mismatch.error()).hasMessageContaining("(first 16 and second 20)");
        Got tooSmall = read(concat(good, block(o, 6, new Bytes(o).u32(0).u32(0).u32(0).u32(100).u32(100).bytes())));
        assertThat(tooSmall.error()).hasMessageContaining("too small for 100 bytes");
        Got cut = read(java.util.Arrays.copyOf(concat(good, good.length > 0 ? epb(o, 0, 2, 8, 8) : good), good.length + 20));
        assertThat(cut.frames()).hasSize(1);
        assertThat(cut.error()).hasMessageContaining("cut short");
    }

    @Test
    void unsupportedShbVersionInALaterSectionStopsThere() throws IOException {
        ByteOrder o = ByteOrder.LITTLE_ENDIAN;
        byte[] v2 = block(o, 0x0A0D0D0A, new Bytes(o).u32(0x1A2B3C4D).u16(2).u16(0).u64(-1).bytes());
        Got got = read(concat(shb(o), idb(o, 1, 0), epb(o, 0, 1, 1, 1), v2, idb(o, 1, 0), epb(o, 0, 1, 1, 1)));
        assertThat(got.frames()).hasSize(1);
        assertThat(got.error()).hasMessageContaining("pcapng: unknown SHB version 2.0");
    }

    @Test
    void filesBeyondTwoGigabytesAreMappedWithLongOffsets() throws IOException {
        ByteOrder o = ByteOrder.LITTLE_ENDIAN;
        Path p = dir.resolve("big.pcapng");
        int filler = 120 * 1024 * 1024;
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            byte[] head = concat(shb(o), idb(o, 1, 0));
            f.write(head);
            long at = head.length;
            while (at < (1L << 31) + 4096) {
                f.seek(at);
                f.write(new Bytes(o).u32(0x0000_0BBB).u32(filler).bytes());
                f.seek(at + filler - 4);
                f.write(new Bytes(o).u32(filler).bytes());
                at += filler;
            }
            f.seek(at);
            f.write(epb(o, 0, 42_000_000, 4, 4));
        }
        try (CaptureReader reader = Captures.open(p.toString())) {
            Frame frame = new Frame();
            assertThat(reader.next(frame)).isTrue();
            // The record lies past 2^31 in the file; the mapping window holding it starts near it.
            assertThat(frame.seconds()).isEqualTo(42);
            assertThat(frame.toByteArray()).containsExactly(1, 2, 3, 4);
            assertThat(reader.next(frame)).isFalse();
        }
    }
}
