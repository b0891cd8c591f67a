package dev.tcpscope.proto.dnp3;

import java.io.ByteArrayOutputStream;

/**
 * The application fragments of one direction put together as packet-dnp.c asks reassemble.c to
 * (fragment_add_seq_single with the transport sequence number): a fragment with FIR starts a
 * message (dropping one left open), each next one must carry the next sequence number (modulo
 * 64), and one with FIN completes it; at most {@link Dnp3#MAX_FRAGMENTS} fragments. Fragments
 * that join nothing are left unreassembled.
 */
final class Reassembly {
    /** A completed message: its bytes and each fragment's frame and length. */
    record Done(byte[] bytes, int[] frames, int[] lengths) { }

    private ByteArrayOutputStream open;
    private int[] frames = new int[Dnp3.MAX_FRAGMENTS];
    private int[] lengths = new int[Dnp3.MAX_FRAGMENTS];
    private int count;
    private int lastSeq;

    /** Adds a fragment of frame {@code frame}; the message it completes, or null. */
    Done add(int frame, byte[] fragment, boolean fir, boolean fin, int seq) {
        if (fir) {
            open = new ByteArrayOutputStream();
            count = 0;
        } else if (open == null || seq != ((lastSeq + 1) & 0x3f) || count >= Dnp3.MAX_FRAGMENTS) {
            return null;
        }
        open.writeBytes(fragment);
        frames[count] = frame;
        lengths[count] = fragment.length;
        count++;
        lastSeq = seq;
        if (!fin) {
            return null;
        }
        Done d = new Done(open.toByteArray(), java.util.Arrays.copyOf(frames, count), java.util.Arrays.copyOf(lengths, count));
        open = null;
        count = 0;
        return d;
    }
}
