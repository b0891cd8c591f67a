package dev.tcpscope.proto.cotp;

import java.lang.foreign.MemorySegment;

/**
 * One COTP TPDU as {@link Cotp} read it, kept until the frame's tree is built: its type and
 * header fields, where its user data lies, and what reassembly made of it.
 */
final class Tpdu {
    final MemorySegment s;
    /** Where the TPDU starts in {@link #s}, and the end of the TPKT payload it is in. */
    final long off;
    final long end;
    final int li;
    final int type;
    int dstRef;
    int srcRef;
    /** DT: the TPDU number, whether another DT follows (no EOT), the extended (4-byte) format, class 2-4's explicit dst-ref. */
    long tpduNr;
    boolean fragment;
    boolean extended;
    boolean class234;
    /** Where the user data starts; its length (to the end of the TPKT payload). */
    long dataOff;
    int dataLen;
    /** The reassembled user data when this DT completed a sequence of several, else null. */
    byte[] reassembled;
    /** The frames and lengths of the fragments of {@link #reassembled}, in order. */
    int[] segmentFrames;
    int[] segmentLengths;
    /** DR: its cause; ER: its reject cause. */
    int cause;
    /** Whether it is the first TPDU of its TPKT message. */
    boolean firstInMessage;
    /** A CR/CC's class and options byte. */
    int classOption;

    Tpdu(MemorySegment s, long off, long end, int li, int type) {
        this.s = s;
        this.off = off;
        this.end = end;
        this.li = li;
        this.type = type;
    }
}
