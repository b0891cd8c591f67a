package dev.tcpscope.proto.dnp3;

import java.io.ByteArrayOutputStream;

/**
 * The application fragments of one address pair put together as packet-dnp.c 4.0.17 asks
 * reassemble.c to (fragment_add_seq_single_aging with the 6-bit transport sequence number as the
 * id, at most {@link Dnp3#MAX_FRAGMENTS} fragments), as crafted sequences show tshark doing it:
 *
 * <ul>
 *   <li>a fragment with FIR is fragment 0 of the message under its own number; when that is
 *   not complete, messages stored under the following numbers (fragments that came before their
 *   FIR) join it at their distance;</li>
 *   <li>another fragment joins the nearest message stored under a lower number, at its
 *   distance (numbers do not wrap: 0 never follows 63); when there is none it is stored as
 *   fragment 0 under its own number, without a look at whether that completes anything;</li>
 *   <li>a fragment whose place is taken is a duplicate: the first one's bytes stay, its FIN
 *   still counts; a second FIN at another place spoils the message for good;</li>
 *   <li>a message is complete when its FIR came, a FIN is in and every fragment up to it (fragments past the
 *   FIN are left out, reassemble.c's "too long fragment"); it then leaves the table.</li>
 * </ul>
 */
final class Reassembly {
    /**
     * A completed message: its bytes, each fragment's frame and length ({@code frames},
     * {@code lengths}: the ones put together, in order) and every part as the fragments tree lists
     * it, duplicates after the fragment whose place they took.
     */
    record Done(byte[] bytes, int[] frames, int[] lengths, java.util.List<Part> parts) { }

    /** One part of a message: its frame, where its bytes go, and for a duplicate whether they differ. */
    record Part(int frame, int offset, int length, boolean overlap, boolean conflict) { }

    /** A fragment whose place was taken. */
    private record Dup(int at, int frame, byte[] data) { }

    private static final int IDS = 64;

    /** A message being put together under one number. */
    private static final class Head {
        final byte[][] data = new byte[Dnp3.MAX_FRAGMENTS][];
        final int[] frames = new int[Dnp3.MAX_FRAGMENTS];
        int last = -1;
        boolean spoiled;
        /** A fragment with FIR came: only such a message is ever complete. */
        boolean first;
        final java.util.List<Dup> dups = new java.util.ArrayList<>(0);

        void put(int at, int frame, byte[] fragment, boolean fin) {
            if (at < 0 || at >= data.length) {
                return;
            }
            if (data[at] == null) {
                data[at] = fragment;
                frames[at] = frame;
            } else if (dups.size() < Dnp3.MAX_FRAGMENTS) {
                dups.add(new Dup(at, frame, fragment));
            }
            if (fin) {
                if (last < 0) {
                    last = at;
                } else if (last != at) {
                    spoiled = true;
                }
            }
        }
    }

    private final Head[] heads = new Head[IDS];

    /** Adds a fragment of frame {@code frame}; the message it completes, or null. */
    Done add(int frame, byte[] fragment, boolean fir, boolean fin, int seq) {
        if (fir) {
            Head h = head(seq);
            h.put(0, frame, fragment, fin);
            h.first = true;
            Done d = complete(seq);
            if (d != null) {
                return d;
            }
            for (int k = 1; k < Dnp3.MAX_FRAGMENTS && seq + k < IDS; k++) {
                Head later = heads[seq + k];
                if (later != null) {
                    for (int i = 0; i + k < Dnp3.MAX_FRAGMENTS; i++) {
                        if (later.data[i] != null) {
                            h.put(i + k, later.frames[i], later.data[i], later.last == i);
                        }
                    }
                    for (Dup dup : later.dups) {
                        h.put(dup.at() + k, dup.frame(), dup.data(), false);
                    }
                    h.spoiled |= later.spoiled;
                    heads[seq + k] = null;
                }
            }
            return complete(seq);
        }
        for (int k = 1; k < Dnp3.MAX_FRAGMENTS && seq - k >= 0; k++) {
            Head h = heads[seq - k];
            if (h != null) {
                h.put(k, frame, fragment, fin);
                return complete(seq - k);
            }
        }
        head(seq).put(0, frame, fragment, fin);
        return null;
    }

    private Head head(int id) {
        if (heads[id] == null) {
            heads[id] = new Head();
        }
        return heads[id];
    }

    /** The message under {@code id} when it is complete (it then leaves the table), else null. */
    private Done complete(int id) {
        Head h = heads[id];
        if (h == null || h.spoiled || h.last < 0 || !h.first) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int[] frames = new int[h.last + 1];
        int[] lengths = new int[h.last + 1];
        for (int i = 0; i <= h.last; i++) {
            if (h.data[i] == null) {
                return null;
            }
            out.writeBytes(h.data[i]);
            frames[i] = h.frames[i];
            lengths[i] = h.data[i].length;
        }
        heads[id] = null;
        byte[] bytes = out.toByteArray();
        java.util.List<Part> parts = new java.util.ArrayList<>(h.last + 1 + h.dups.size());
        int offset = 0;
        for (int i = 0; i <= h.last; i++) {
            parts.add(new Part(frames[i], offset, lengths[i], false, false));
            for (Dup d : h.dups) {
                if (d.at() == i) {
                    boolean conflict = d.data().length != lengths[i]
                            || !java.util.Arrays.equals(d.data(), h.data[i]);
                    parts.add(new Part(d.frame(), offset, d.data().length, true, conflict));
                }
            }
            offset += lengths[i];
        }
        return new Done(bytes, frames, lengths, parts);
    }
}
