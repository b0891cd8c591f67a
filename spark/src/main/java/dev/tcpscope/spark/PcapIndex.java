package dev.tcpscope.spark;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a classic pcap file into pieces at record boundaries by walking its chain of record
 * headers (16 bytes each; the payload is never read), and notes for each piece the number of its
 * first frame and the earliest and latest time stamp in it, so that a piece whose time range
 * cannot match a query is skipped without being read. A header is accepted only while the chain
 * holds (captured length within the snapshot length bound and the file); at the first header
 * that does not, the rest of the file becomes one last piece, which the real reader reads and
 * reports as tshark would. A pcapng file is cut by {@link PcapngIndex}.
 */
final class PcapIndex {
    static final int FILE_HEADER = 24;
    private static final int RECORD_HEADER = 16;
    /** Larger than any record wiretap accepts (its maximum is 256 MiB). */
    private static final long MAX_RECORD = 256L << 20;

    /**
     * One piece: bytes [start, end) of the file, read after the bytes of {@code prefix} (pairs of
     * offset and length: the pcap file header, or a pcapng section's header and interface
     * blocks), frames from {@code firstNumber}, times in ns (unknown: the widest range).
     */
    record Piece(long[] prefix, long start, long end, long firstNumber, long frames, long minTime, long maxTime) { }

    private static final long[] HEADER = {0, FILE_HEADER};

    private PcapIndex() { }

    /** Whether {@code magic} (the first four bytes, little-endian) is a classic pcap file. */
    static boolean isPcap(int magic) {
        return switch (magic) {
            case 0xA1B2C3D4, 0xD4C3B2A1, 0xA1B23C4D, 0x4D3CB2A1 -> true;
            default -> false;
        };
    }

    /**
     * Pieces of about {@code pieceBytes} each, or null when the file is neither classic pcap nor
     * pcapng (compressed, the modified Kuznetzov format: those are read whole).
     */
    static List<Piece> pieces(Path file, long pieceBytes) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); Arena arena = Arena.ofConfined()) {
            long size = ch.size();
            if (size < FILE_HEADER) {
                return null;
            }
            MemorySegment m = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            int magic = m.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), 0);
            if (magic == PcapngIndex.SHB) {
                return PcapngIndex.pieces(m, size, pieceBytes);
            }
            if (!isPcap(magic)) {
                return null;
            }
            boolean little = magic == 0xA1B2C3D4 || magic == 0xA1B23C4D;
            boolean nanos = magic == 0xA1B23C4D || magic == 0x4D3CB2A1;
            ValueLayout.OfInt u32 = ValueLayout.JAVA_INT_UNALIGNED
                    .withOrder(little ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN);
            List<Piece> out = new ArrayList<>();
            long pos = FILE_HEADER;
            long start = pos;
            long first = 1;
            long n = 0;
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            while (pos + RECORD_HEADER <= size) {
                long incl = Integer.toUnsignedLong(m.get(u32, pos + 8));
                if (incl > MAX_RECORD || pos + RECORD_HEADER + incl > size) {
                    break; // the chain breaks: the reader takes the rest as it is
                }
                if (pos - start >= pieceBytes) {
                    out.add(new Piece(HEADER, start, pos, first, n - first + 1, min, max));
                    start = pos;
                    first = n + 1;
                    min = Long.MAX_VALUE;
                    max = Long.MIN_VALUE;
                }
                long sec = Integer.toUnsignedLong(m.get(u32, pos));
                long frac = Integer.toUnsignedLong(m.get(u32, pos + 4));
                long t = sec * 1_000_000_000L + (nanos ? frac : frac * 1000L);
                min = Math.min(min, t);
                max = Math.max(max, t);
                n++;
                pos += RECORD_HEADER + incl;
            }
            if (pos < size) {
                // a damaged or cut tail: no time range is known for it, so it is never skipped
                min = Long.MIN_VALUE;
                max = Long.MAX_VALUE;
            }
            out.add(new Piece(HEADER, start, size, first, n - first + 1, min, max));
            return out;
        }
    }
}
