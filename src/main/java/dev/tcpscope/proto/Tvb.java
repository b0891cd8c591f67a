package dev.tcpscope.proto;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The bytes a dissector above TCP or UDP walks, as Wireshark's tvb holds them: {@code cap}
 * captured bytes of {@code rep} reported ones from {@code base} of {@code s}. Every read is
 * bounds-checked the way tvbuff.c checks it: past the captured bytes but within the reported
 * length is a cut capture ({@link Stop#SHORT}), past the reported length a malformed message
 * ({@link Stop#MALFORMED}); the walk stops there, as the dissector stops on the exception.
 */
public class Tvb {
    public final MemorySegment s;
    public final long base;
    public final int cap;
    public final int rep;
    /**
     * The bytes are a PDU cut at a TCP segment's end (tvb_set_fragment): reading past them, within
     * the PDU, is a FragmentBoundsError.
     */
    public final boolean fragment;

    public Tvb(MemorySegment s, long base, int cap, int rep) {
        this(s, base, cap, rep, false);
    }

    public Tvb(MemorySegment s, long base, int cap, int rep, boolean fragment) {
        this.s = s;
        this.base = base;
        this.cap = cap;
        this.rep = rep;
        this.fragment = fragment;
    }

    /** Why a walk stopped: Wireshark's BoundsError (cut by the snap length) or ReportedBoundsError. */
    public static final class Stop extends RuntimeException {
        final boolean malformed;
        final boolean unreassembled;

        private Stop(boolean malformed, boolean unreassembled) {
            super(null, null, false, false);
            this.malformed = malformed;
            this.unreassembled = unreassembled;
        }

        public static final Stop SHORT = new Stop(false, false);
        public static final Stop MALFORMED = new Stop(true, false);
        public static final Stop FRAGMENT = new Stop(false, true);

        /** The packet list's marker (epan/show_exception.c). */
        public String info() {
            return unreassembled ? "[BoundErrorUnreassembled Packet]" : malformed ? "[Malformed Packet]"
                    : "[Packet size limited during capture]";
        }

        /**
         * As epan/show_exception.c shows it: in an unreassembled IP fragment ({@code pinfo->fragmented})
         * a malformed message is taken for the missing rest of the datagram.
         */
        public Stop shown(boolean fragmented) {
            return fragmented && malformed ? FRAGMENT : this;
        }

        public LayerTree.End end() {
            return unreassembled ? LayerTree.End.UNREASSEMBLED : malformed ? LayerTree.End.MALFORMED : LayerTree.End.SHORT;
        }
    }

    /** Runs a walk over the bytes: {@link LayerTree.End#OK}, or how the {@link Stop} that ended it ends the tree. */
    public static LayerTree.End walk(Runnable walk) {
        try {
            walk.run();
            return LayerTree.End.OK;
        } catch (Stop stop) {
            return stop.end();
        }
    }

    /** Records that {@code t} covers {@code [off, off + len)} of the bytes ({@link Tree#at}); returns {@code t}. */
    public Tree at(Tree t, int off, int len) {
        return t.at(s, base + off, len);
    }

    /** Throws unless {@code [off, off + len)} is captured. */
    public void need(int off, int len) {
        if (off < 0 || len < 0 || (long) off + len > cap) {
            boolean within = off >= 0 && len >= 0 && (long) off + len <= rep;
            throw within ? fragment ? Stop.FRAGMENT : Stop.SHORT : Stop.MALFORMED;
        }
    }

    public int u8(int off) {
        need(off, 1);
        return s.get(ValueLayout.JAVA_BYTE, base + off) & 0xff;
    }

    public int u16(int off) {
        need(off, 2);
        return (s.get(ValueLayout.JAVA_BYTE, base + off) & 0xff) << 8 | s.get(ValueLayout.JAVA_BYTE, base + off + 1) & 0xff;
    }

    public long u32(int off) {
        need(off, 4);
        return (long) u16(off) << 16 | u16(off + 2);
    }

    /** tvb_find_guint8: where {@code b} first is among at most {@code max} captured bytes from {@code off}; -1 when not. */
    public int find(int off, int max, int b) {
        int end = (int) Math.min((long) off + Math.max(max, 0), cap);
        for (int i = Math.max(off, 0); i < end; i++) {
            if ((s.get(ValueLayout.JAVA_BYTE, base + i) & 0xff) == b) {
                return i;
            }
        }
        return -1;
    }

    /** The captured bytes {@code [off, off + len)} as a copy (after {@link #need}). */
    public byte[] copy(int off, int len) {
        need(off, len);
        byte[] b = new byte[len];
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, base + off, b, 0, len);
        return b;
    }

    /** Bytes as Latin-1 characters (one char per byte), for names and strings shown escaped. */
    public String latin1(int off, int len) {
        return new String(copy(off, len), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    /**
     * An FT_STRING item of {@code n} ASCII bytes at {@code off} under {@code parent} (after
     * {@link #need}), with proto.c's "Trailing stray characters" expert item for bytes after a NUL.
     */
    public Tree string(Tree parent, String key, String title, int off, int n) {
        need(off, n);
        Tree item = parent.string(key, title, Text.ascii(s, base + off, n)).at(s, base + off, n);
        if (Text.trailingStray(s, base + off, n)) {
            item.expert("_ws.string.trailing_stray_characters", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                    "Trailing stray characters");
        }
        return item;
    }
}
