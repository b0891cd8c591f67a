package dev.tcpscope.wire;

import java.lang.foreign.MemorySegment;

/** TCP header view (RFC 9293 §3.1) and option kinds (IANA "TCP Option Kind Numbers"). */
public final class Tcp {
    public static final int SRC_PORT = 0;
    public static final int DST_PORT = 2;
    public static final int SEQ = 4;
    public static final int ACK = 8;
    public static final int OFFSET_FLAGS = 12;
    public static final int WINDOW = 14;
    public static final int CHECKSUM = 16;
    public static final int URGENT = 18;
    public static final int MIN_HEADER_LENGTH = 20;

    public static final int FIN = 0x001;
    public static final int SYN = 0x002;
    public static final int RST = 0x004;
    public static final int PSH = 0x008;
    public static final int ACK_FLAG = 0x010;
    public static final int URG = 0x020;
    public static final int ECE = 0x040;
    public static final int CWR = 0x080;
    /** RFC 3540 nonce sum (Wireshark 4.0 still calls bit 8 "NS"; RFC 9768 later reassigned it "AE"). */
    public static final int NS = 0x100;
    /** The three reserved bits in front of NS. */
    public static final int RESERVED = 0xe00;

    public static final int OPT_EOL = 0;
    public static final int OPT_NOP = 1;
    public static final int OPT_MSS = 2;
    public static final int OPT_WS = 3;
    public static final int OPT_SACK_PERM = 4;
    public static final int OPT_SACK = 5;
    public static final int OPT_TIMESTAMP = 8;
    public static final int OPT_MD5 = 19;
    public static final int OPT_QUICK_START = 27;
    public static final int OPT_USER_TIMEOUT = 28;
    public static final int OPT_AO = 29;
    public static final int OPT_MPTCP = 30;
    public static final int OPT_TFO = 34;
    public static final int OPT_EXP1 = 253;
    public static final int OPT_EXP2 = 254;

    private Tcp() {}

    public static int srcPort(MemorySegment s, long off) { return Bytes.u16(s, off + SRC_PORT); }

    public static int dstPort(MemorySegment s, long off) { return Bytes.u16(s, off + DST_PORT); }

    public static long seq(MemorySegment s, long off) { return Bytes.u32(s, off + SEQ); }

    public static long ack(MemorySegment s, long off) { return Bytes.u32(s, off + ACK); }

    /** Data offset in bytes (4 × the 4-bit field). */
    public static int headerLength(MemorySegment s, long off) { return (Bytes.u8(s, off + OFFSET_FLAGS) >>> 4) * 4; }

    /** The 12 flag bits: reserved(3) NS CWR ECE URG ACK PSH RST SYN FIN. */
    public static int flags(MemorySegment s, long off) { return Bytes.u16(s, off + OFFSET_FLAGS) & 0x0fff; }

    public static int window(MemorySegment s, long off) { return Bytes.u16(s, off + WINDOW); }

    public static int urgentPointer(MemorySegment s, long off) { return Bytes.u16(s, off + URGENT); }
}
