package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * Builds link + IPv4/IPv6 + TCP/UDP frames into one reused byte array, with correct IPv4 header
 * checksum (RFC 791 §3.1) and TCP/UDP checksums over the pseudo-header (RFC 9293 §3.1,
 * RFC 768, RFC 8200 §8.1). Building allocates nothing.
 *
 * <p>Set the addressing once ({@link #ipv4}, {@link #ipv6}, {@link #macs}), the per-segment
 * fields ({@link #ipId}, {@link #options()}, the payload source), then call {@link #tcp} or
 * {@link #udp}: it returns the frame's length, and the frame is {@code buffer()[0, length)} until
 * the next build. The payload is by default a fixed printable filler, chosen by an offset so
 * that a retransmission can carry the same bytes as the original; its checksum comes from
 * precomputed prefix sums, so a full-size segment costs no more to build than an ACK.
 * Not thread-safe.
 */
public final class FrameBuilder {
    /** TCP flag bits (RFC 9293 §3.1, RFC 3168 §6.1). */
    public static final int FIN = 0x01, SYN = 0x02, RST = 0x04, PSH = 0x08, ACK = 0x10, URG = 0x20,
            ECE = 0x40, CWR = 0x80;
    /** Largest TCP or UDP message (header and payload) built here, IPv4 or IPv6. */
    public static final int MAX_L4_LENGTH = 65535 - 40;

    private static final int ETHERTYPE_IPV4 = 0x0800, ETHERTYPE_IPV6 = 0x86dd;
    private static final int PROTO_TCP = 6, PROTO_UDP = 17;
    private static final VarHandle BE_SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle BE_INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    /** Filler payload: printable bytes; any even offset below FILLER_SPAN starts a payload. */
    private static final int FILLER_SPAN = 1 << 17;
    private static final byte[] FILLER = new byte[FILLER_SPAN + 65536];
    /** WORD_PREFIX[i] = sum of the big-endian 16-bit words FILLER[0, 2i). */
    private static final long[] WORD_PREFIX = new long[FILLER.length / 2 + 1];

    static {
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 0; i < FILLER.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            FILLER[i] = (byte) (32 + (int) ((x >>> 33) % 95));
        }
        for (int i = 0; i < FILLER.length / 2; i++) {
            WORD_PREFIX[i + 1] = WORD_PREFIX[i] + (((FILLER[2 * i] & 0xff) << 8) | (FILLER[2 * i + 1] & 0xff));
        }
    }

    private final byte[] buf = new byte[14 + 16 + 65535];
    private final TcpOptions options = new TcpOptions();
    private final byte[] srcMac = {2, 0, 0, 0, 0, 1};
    private final byte[] dstMac = {2, 0, 0, 0, 0, 2};
    private final byte[] src6 = new byte[16];
    private final byte[] dst6 = new byte[16];
    private int linkType = LinkType.ETHERNET;
    private boolean v6;
    private int src4 = 0x0a000001, dst4 = 0x0a000002;
    private int ipId;
    private int hopLimit = 64;
    private byte[] payloadSrc;      // null: the filler
    private int payloadOff;

    /** The array frames are built into. */
    public byte[] buffer() {
        return buf;
    }

    /** The options of the next TCP segment; cleared by nobody but the caller. */
    public TcpOptions options() {
        return options;
    }

    /** Link layer of the frames: {@link LinkType#ETHERNET}, {@link LinkType#RAW} or {@link LinkType#LINUX_SLL}. */
    public FrameBuilder linkType(int linkType) {
        switch (linkType) {
            case LinkType.ETHERNET, LinkType.RAW, LinkType.LINUX_SLL -> this.linkType = linkType;
            default -> throw new IllegalArgumentException("no frame layout for link type " + linkType);
        }
        return this;
    }

    /** Ethernet source and destination addresses (copied). */
    public FrameBuilder macs(byte[] src, byte[] dst) {
        System.arraycopy(src, 0, srcMac, 0, 6);
        System.arraycopy(dst, 0, dstMac, 0, 6);
        return this;
    }

    /** IPv4 source and destination, as big-endian ints (10.0.0.1 is 0x0a000001). */
    public FrameBuilder ipv4(int src, int dst) {
        v6 = false;
        src4 = src;
        dst4 = dst;
        return this;
    }

    /** IPv6 source and destination (copied). */
    public FrameBuilder ipv6(byte[] src, byte[] dst) {
        v6 = true;
        System.arraycopy(src, 0, src6, 0, 16);
        System.arraycopy(dst, 0, dst6, 0, 16);
        return this;
    }

    /** IPv4 identification of the next packet. */
    public FrameBuilder ipId(int id) {
        ipId = id;
        return this;
    }

    /** IPv4 TTL / IPv6 hop limit. */
    public FrameBuilder hopLimit(int h) {
        hopLimit = h;
        return this;
    }

    /** Payloads come from the filler, starting at {@code offset} (any int; reduced to an even offset). */
    public FrameBuilder fillerPayload(long offset) {
        payloadSrc = null;
        payloadOff = (int) Math.floorMod(offset, (long) FILLER_SPAN) & ~1;
        return this;
    }

    /** Copies {@code len} filler bytes, those {@link #fillerPayload} would use for {@code offset}, to {@code dst[at..]}. */
    static void filler(long offset, byte[] dst, int at, int len) {
        System.arraycopy(FILLER, (int) Math.floorMod(offset, (long) FILLER_SPAN) & ~1, dst, at, len);
    }

    private int urgent;

    /** The urgent pointer of the next TCP segment built (then 0 again); set URG in its flags. */
    public FrameBuilder urgent(int pointer) {
        urgent = pointer;
        return this;
    }

    /** Payloads come from {@code src} starting at {@code off} (not copied until a build). */
    public FrameBuilder payload(byte[] src, int off) {
        payloadSrc = src;
        payloadOff = off;
        return this;
    }

    /**
     * Builds a TCP segment with the current options and {@code payloadLen} payload bytes.
     *
     * @throws IllegalArgumentException if header and payload exceed {@link #MAX_L4_LENGTH}
     * @param flags  an OR of {@link #SYN}, {@link #ACK} ...
     * @param window the 16-bit window field as sent (already scaled down)
     * @return the frame's length
     */
    public int tcp(int srcPort, int dstPort, int seq, int ack, int flags, int window, int payloadLen) {
        int optLen = options.paddedLength();
        int hl = 20 + optLen;
        checkPayload(payloadLen, hl);
        int l4 = ipStart(hl + payloadLen, PROTO_TCP);
        BE_SHORT.set(buf, l4, (short) srcPort);
        BE_SHORT.set(buf, l4 + 2, (short) dstPort);
        BE_INT.set(buf, l4 + 4, seq);
        BE_INT.set(buf, l4 + 8, ack);
        buf[l4 + 12] = (byte) ((hl / 4) << 4);
        buf[l4 + 13] = (byte) flags;
        BE_SHORT.set(buf, l4 + 14, (short) window);
        BE_INT.set(buf, l4 + 16, 0);            // checksum, urgent pointer
        BE_SHORT.set(buf, l4 + 18, (short) urgent);
        urgent = 0;
        System.arraycopy(options.bytes, 0, buf, l4 + 20, options.length);
        for (int i = options.length; i < optLen; i++) buf[l4 + 20 + i] = TcpOptions.EOL;
        long sum = sum16(buf, l4, hl) + copyPayload(l4 + hl, payloadLen);
        BE_SHORT.set(buf, l4 + 16, (short) finish(sum + pseudoHeaderSum(hl + payloadLen, PROTO_TCP)));
        return l4 + hl + payloadLen;
    }

    /** Builds a UDP datagram with {@code payloadLen} payload bytes; returns the frame's length. */
    public int udp(int srcPort, int dstPort, int payloadLen) {
        checkPayload(payloadLen, 8);
        int l4 = ipStart(8 + payloadLen, PROTO_UDP);
        BE_SHORT.set(buf, l4, (short) srcPort);
        BE_SHORT.set(buf, l4 + 2, (short) dstPort);
        BE_SHORT.set(buf, l4 + 4, (short) (8 + payloadLen));
        BE_SHORT.set(buf, l4 + 6, (short) 0);
        long sum = sum16(buf, l4, 8) + copyPayload(l4 + 8, payloadLen);
        int c = finish(sum + pseudoHeaderSum(8 + payloadLen, PROTO_UDP));
        BE_SHORT.set(buf, l4 + 6, (short) (c == 0 ? 0xffff : c));   // RFC 768: 0 means "no checksum"
        return l4 + 8 + payloadLen;
    }

    private static void checkPayload(int payloadLen, int l4HeaderLen) {
        if (payloadLen < 0 || payloadLen + l4HeaderLen > MAX_L4_LENGTH) {
            throw new IllegalArgumentException("payload length " + payloadLen);
        }
    }

    /** Writes the link and IP headers for an L4 message of {@code l4Len} bytes; returns where L4 starts. */
    private int ipStart(int l4Len, int proto) {
        int p = switch (linkType) {
            case LinkType.ETHERNET -> {
                System.arraycopy(dstMac, 0, buf, 0, 6);
                System.arraycopy(srcMac, 0, buf, 6, 6);
                BE_SHORT.set(buf, 12, (short) (v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4));
                yield 14;
            }
            case LinkType.LINUX_SLL -> {              // https://www.tcpdump.org/linktypes/LINKTYPE_LINUX_SLL.html
                BE_SHORT.set(buf, 0, (short) 4);      // sent by us
                BE_SHORT.set(buf, 2, (short) 1);      // ARPHRD_ETHER
                BE_SHORT.set(buf, 4, (short) 6);
                System.arraycopy(srcMac, 0, buf, 6, 6);
                BE_SHORT.set(buf, 12, (short) 0);
                BE_SHORT.set(buf, 14, (short) (v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IPV4));
                yield 16;
            }
            default -> 0;                             // RAW: the packet starts with the IP header
        };
        if (v6) {
            BE_INT.set(buf, p, 0x60000000);
            BE_SHORT.set(buf, p + 4, (short) l4Len);
            buf[p + 6] = (byte) proto;
            buf[p + 7] = (byte) hopLimit;
            System.arraycopy(src6, 0, buf, p + 8, 16);
            System.arraycopy(dst6, 0, buf, p + 24, 16);
            return p + 40;
        }
        buf[p] = 0x45;
        buf[p + 1] = 0;
        BE_SHORT.set(buf, p + 2, (short) (20 + l4Len));
        BE_SHORT.set(buf, p + 4, (short) ipId);
        BE_SHORT.set(buf, p + 6, (short) 0x4000);     // DF
        buf[p + 8] = (byte) hopLimit;
        buf[p + 9] = (byte) proto;
        BE_SHORT.set(buf, p + 10, (short) 0);
        BE_INT.set(buf, p + 12, src4);
        BE_INT.set(buf, p + 16, dst4);
        BE_SHORT.set(buf, p + 10, (short) finish(sum16(buf, p, 20)));
        return p + 20;
    }

    private long pseudoHeaderSum(int l4Len, int proto) {
        if (v6) return sum16(src6, 0, 16) + sum16(dst6, 0, 16) + l4Len + proto;
        return (src4 >>> 16) + (src4 & 0xffff) + (dst4 >>> 16) + (dst4 & 0xffff) + proto + l4Len;
    }

    /** Copies the payload to {@code at} and returns its 16-bit word sum ({@code at} is even from the L4 start). */
    private long copyPayload(int at, int len) {
        if (payloadSrc != null) {
            System.arraycopy(payloadSrc, payloadOff, buf, at, len);
            return sum16(payloadSrc, payloadOff, len);
        }
        System.arraycopy(FILLER, payloadOff, buf, at, len);
        int words = len >>> 1;
        int w0 = payloadOff >>> 1;
        long sum = WORD_PREFIX[w0 + words] - WORD_PREFIX[w0];
        if ((len & 1) != 0) sum += (FILLER[payloadOff + len - 1] & 0xff) << 8;
        return sum;
    }

    /** Sum of big-endian 16-bit words; an odd last byte counts as its word's high byte. */
    static long sum16(byte[] b, int off, int len) {
        long sum = 0;
        int end = off + (len & ~1);
        for (int i = off; i < end; i += 2) sum += (char) (short) BE_SHORT.get(b, i);
        if ((len & 1) != 0) sum += (b[off + len - 1] & 0xff) << 8;
        return sum;
    }

    /** Folds a word sum to 16 bits and complements it: the Internet checksum (RFC 1071). */
    static int finish(long sum) {
        while ((sum >>> 16) != 0) sum = (sum & 0xffff) + (sum >>> 16);
        return (int) (~sum & 0xffff);
    }
}
