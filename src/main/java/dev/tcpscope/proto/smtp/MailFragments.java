package dev.tcpscope.proto.smtp;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * The fragments of one mail message as SMTP's DATA and POP's RETR/TOP answers reassemble it
 * (reassemble.c fragment_add_seq_next): each fragment's frame and length, and the bytes, kept up
 * to {@link #MAX_MESSAGE} (beyond it only the fragments are counted: {@link #overflow}).
 */
public final class MailFragments {
    /** The most bytes of one message kept for IMF. */
    public static final int MAX_MESSAGE = 16 << 20;

    public byte[] data = new byte[256];
    public int length;
    public boolean overflow;
    public int[] frames = new int[4];
    public int[] lengths = new int[4];
    public int count;

    /** Adds the fragment {@code [off, off + len)} of {@code s}, seen in {@code frame}. */
    public void add(int frame, MemorySegment s, long off, int len) {
        if (count == frames.length) {
            frames = Arrays.copyOf(frames, count * 2);
            lengths = Arrays.copyOf(lengths, count * 2);
        }
        frames[count] = frame;
        lengths[count] = len;
        count++;
        if (overflow || (long) length + len > MAX_MESSAGE) {
            overflow = true;
            return;
        }
        if (length + len > data.length) {
            data = Arrays.copyOf(data, Math.max(length + len, data.length * 2));
        }
        MemorySegment.copy(s, ValueLayout.JAVA_BYTE, off, data, length, len);
        length += len;
    }
}
