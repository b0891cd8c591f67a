package dev.tcpscope.present;

/**
 * Where a tree item's bytes are: the data source that holds them, the position within it and
 * the length, as Wireshark's {@code field_info} has them ({@code ds_tvb}, {@code start},
 * {@code length}). A length of -1 ("to the end") is resolved against the source.
 *
 * @param index the source's index among the frame's, or -1 for bytes that are no source of the
 *     frame (print.c finds no data for them and writes no hex)
 * @param invalid the item runs past its source's end (print.c writes "field length invalid!")
 */
public record Placed(DataSources.Source source, int index, int position, int length, boolean invalid) {
    /** The place of {@code n}'s bytes in {@code sources}, or null when it has none or covers no bytes. */
    public static Placed of(DetailNode n, DataSources sources) {
        return of(n, sources, false);
    }

    /**
     * As {@link #of(DetailNode, DataSources)}, with {@code empty}: also an item of length 0. An
     * undissected-data item that recorded no place ({@link DetailNode#at}) is placed at the bytes
     * it dumps ({@link DetailNode#bytes(java.lang.foreign.MemorySegment, long, int)}): they are
     * the bytes it covers.
     */
    public static Placed of(DetailNode n, DataSources sources, boolean empty) {
        java.lang.foreign.MemorySegment s = n.atSegment();
        long off = n.atOffset();
        int length = n.atLength();
        if (s == null && n.data() != null) {
            s = n.data();
            off = n.dataOffset();
            length = n.dataLength();
        }
        if (s == null) {
            return null;
        }
        int k = sources.locate(s, off);
        if (k < 0) {
            // bytes that are no source of the frame: a place without bytes to show (index -1)
            DataSources.Source u = sources.unlisted(s, off);
            if (u == null) {
                return null;
            }
            int pos = (int) (s.address() + off - u.segment().address() - u.offset());
            int len = length < 0 ? u.length() - pos : length;
            if (len == 0 && !empty) {
                return null;
            }
            return new Placed(u, -1, pos, len, false);
        }
        DataSources.Source src = sources.list().get(k);
        int pos = sources.position(k, s, off);
        int len = length < 0 ? src.length() - pos : length;
        if (n.kind() == DetailNode.Kind.PROTOCOL && (long) pos + len > src.length()) {
            len = Math.max(0, src.length() - pos); // proto.c clips a protocol item to the captured bytes
        }
        if (len == 0 && !empty) {
            return null;
        }
        return new Placed(src, k, pos, len, (long) pos + len > src.length());
    }
}
