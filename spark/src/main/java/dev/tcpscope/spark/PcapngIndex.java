package dev.tcpscope.spark;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts a pcapng file into pieces at block boundaries by walking its blocks (type and length,
 * checked against the length that ends each block; block bodies are not read). Each piece is
 * read after its section's Section Header Block and every Interface Description Block the
 * section had before the piece, so interface numbers, link types and time resolutions mean in
 * the piece what they mean in the file. Records (enhanced, simple and obsolete packet blocks,
 * custom and systemd journal blocks) are counted, so each piece knows its first frame number. The
 * times of a piece are not gathered (they need each interface's resolution and offset): a pcapng
 * piece is never skipped for a time range. Where the chain of blocks breaks, the rest of the file
 * is one last piece, which the reader reads and reports as tshark would.
 */
final class PcapngIndex {
    static final int SHB = 0x0A0D0D0A;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int IDB = 1, PB = 2, SPB = 3, EPB = 6, JOURNAL = 9;
    private static final int CB_COPY = 0x00000BAD, CB_NO_COPY = 0x40000BAD;

    private PcapngIndex() { }

    static List<PcapIndex.Piece> pieces(MemorySegment m, long size, long pieceBytes) {
        List<PcapIndex.Piece> out = new ArrayList<>();
        ValueLayout.OfInt u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
        List<Long> header = new ArrayList<>(); // offset, length pairs of the section's SHB and IDBs
        long pos = 0;
        long start = 0;
        long[] startPrefix = new long[0];
        long first = 1;
        long n = 0;
        boolean broken = false;
        while (pos + 12 <= size) {
            int type = m.get(u32, pos);
            if (type == SHB) {
                if (pos + 12 > size) {
                    break;
                }
                int magic = m.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), pos + 8);
                if (magic == BYTE_ORDER_MAGIC) {
                    u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN);
                } else if (magic == Integer.reverseBytes(BYTE_ORDER_MAGIC)) {
                    u32 = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
                } else {
                    broken = true;
                    break;
                }
            }
            long length = Integer.toUnsignedLong(m.get(u32, pos + 4));
            if (length < 12 || length % 4 != 0 || pos + length > size
                    || Integer.toUnsignedLong(m.get(u32, pos + length - 4)) != length) {
                broken = true;
                break;
            }
            boolean record = switch (type) {
                case EPB, SPB, PB, JOURNAL, CB_COPY, CB_NO_COPY -> true;
                default -> false;
            };
            if (record && pos > start && pos - start >= pieceBytes) {
                out.add(new PcapIndex.Piece(startPrefix, start, pos, first, n - first + 1, Long.MIN_VALUE, Long.MAX_VALUE));
                start = pos;
                startPrefix = toArray(header);
                first = n + 1;
            }
            if (type == SHB) {
                header.clear();
                header.add(pos);
                header.add(length);
            } else if (type == IDB) {
                header.add(pos);
                header.add(length);
            }
            if (record) {
                n++;
            }
            pos += length;
        }
        if (broken || pos < size) {
            pos = size;
        }
        out.add(new PcapIndex.Piece(startPrefix, start, size, first, n - first + 1, Long.MIN_VALUE, Long.MAX_VALUE));
        return out;
    }

    private static long[] toArray(List<Long> pairs) {
        long[] a = new long[pairs.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = pairs.get(i);
        }
        return a;
    }
}
