package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigInteger;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Reads pcapng (draft-ietf-opsawg-pcapng) the way Wireshark 4.0's wiretap does.
 *
 * <p>Blocks (§4.1 general structure: type, total length, body, total length again):
 * <ul>
 *   <li>Section Header Block (§4.1): either byte order, version 1.0 or 1.2 only; every SHB starts
 *       a section with its own byte order and its own interfaces;</li>
 *   <li>Interface Description Block (§4.2) with {@code if_name} (2), {@code if_description}
 *       (3), {@code if_tsresol} (9), {@code if_fcslen} (13) and {@code if_tsoffset} (14);
 *       an Enhanced Packet Block's {@code epb_flags} FCS length overrides {@code if_fcslen};</li>
 *   <li>Enhanced Packet Block (§4.3), Simple Packet Block (§4.4; captured length is the
 *       smaller of the original length and interface 0's snaplen) and the obsolete Packet
 *       Block (appendix, type 2) become frames;</li>
 *   <li>Custom Blocks (§4.8) and systemd Journal Export Blocks become frames without a time
 *       stamp or interface, because tshark lists them;</li>
 *   <li>everything else (NRB, ISB, decryption secrets, unknown types) is skipped.</li>
 * </ul>
 *
 * <p>Interface ids in frames are section-local, as tshark's {@code frame.interface_id} is;
 * {@link #interfaces()} lists every IDB of the file and {@link #interfaceOf} maps a frame to its. A block whose length is below 12, not a multiple of 4,
 * larger than wiretap's maximum, or unequal to its trailing copy is damage; a block cut by the
 * end of the input is "cut short". Records before the damage have been returned.
 */
final class PcapngReader implements CaptureReader {
    static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int PB = 2;
    private static final int SPB = 3;
    private static final int EPB = 6;
    private static final int ISB = 5;
    private static final int SYSTEMD_JOURNAL_EXPORT = 9;
    private static final int DSB = 0x0A;
    /** Decryption Secrets Blocks kept for a saved copy, at most this many (they are rare and small). */
    private static final int MAX_SECRETS = 256;
    private static final int CB_COPY = 0x00000BAD;
    private static final int CB_NO_COPY = 0x40000BAD;
    private static final int MIN_CB = 16;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;

    private static final int MIN_BLOCK = 12;
    private static final int MIN_SHB = 28;
    private static final int MIN_IDB = 20;
    private static final int MIN_EPB = 32;
    private static final int MIN_PB = 32;
    private static final int MIN_SPB = 16;
    /** wiretap's MAX_BLOCK_SIZE: an EPB holding the largest packet any link type allows, plus options. */
    private static final long MAX_BLOCK = MIN_EPB + 128L * 1024 * 1024 + 131072;

    private static final int OPT_ENDOFOPT = 0;
    private static final int OPT_IF_NAME = 2;
    private static final int OPT_IF_DESCRIPTION = 3;
    private static final int OPT_IF_FCSLEN = 13;
    private static final int OPT_EPB_FLAGS = 2;
    private static final int OPT_IF_TSRESOL = 9;
    private static final int OPT_IF_TSOFFSET = 14;

    /** Time-stamp arithmetic of one interface; built once per IDB. */
    /** An interface's clock and link; {@code fcsBits} is its {@code if_fcslen} as wiretap keeps it (-1 when absent). */
    private record Clock(int linkType, int snapLength, int maxCaptured, int digits,
                         int binaryExponent, long decimalUnits, long offsetSeconds, int fcsBits) {}

    private final Input in;
    private final String name;
    private final List<CaptureInterface> interfaces = new ArrayList<>();
    private final List<CaptureInterface> interfacesView = Collections.unmodifiableList(interfaces);
    private final List<Clock> clocks = new ArrayList<>();
    /** The byte order of the current section (constant layouts: see {@link FileOrder}). */
    private FileOrder endian = FileOrder.of(ByteOrder.nativeOrder());
    private int sectionBase;
    /** Index of the current section: -1 before the first SHB is read. */
    private int section = -1;
    private long number;
    private boolean failed;

    /**
     * Reads the first Section Header Block.
     *
     * @throws CaptureFormatException if it is not a valid SHB (the file is then not pcapng)
     */
    @Override
    public boolean mayBlock() {
        return in.mayBlock();
    }

    @Override
    public boolean streamed() {
        return in.streamed();
    }

    PcapngReader(Input in, String name) throws IOException {
        this.in = in;
        this.name = name;
        readSectionHeader(true);
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (failed) {
            return false;
        }
        try {
            while (true) {
                int outcome = readBlock(frame);
                if (outcome != SKIPPED) {
                    return outcome == FRAME;
                }
            }
        } catch (CaptureFormatException e) {
            failed = true;
            throw e;
        }
    }

    private static final int END = 0;
    private static final int FRAME = 1;
    private static final int SKIPPED = 2;

    private int readBlock(Frame frame) throws IOException {
        long got = in.fill(8);
        if (got == 0) {
            return END;
        }
        if (got < 8) {
            throw CaptureFormatException.cutShort(name);
        }
        MemorySegment s = in.segment();
        long b = in.base();
        int type = endian.i32(s, b);
        if (type == SHB) {
            readSectionHeader(false);
            return SKIPPED;
        }
        long length = endian.u32(s, b + 4);
        checkLength(length, MIN_BLOCK, "block");
        switch (type) {
            case IDB -> checkLength(length, MIN_IDB, "an IDB");
            case EPB -> checkLength(length, MIN_EPB, "an EPB");
            case PB -> checkLength(length, MIN_PB, "a PB");
            case SPB -> checkLength(length, MIN_SPB, "an SPB");
            case CB_COPY, CB_NO_COPY -> checkLength(length, MIN_CB, "a CB");
            default -> { }
        }
        if (in.fill(length) < length) {
            throw CaptureFormatException.cutShort(name);
        }
        s = in.segment();
        b = in.base();
        checkTrailer(s, b, length);
        boolean isFrame = switch (type) {
            case IDB -> {
                readInterface(s, b, length);
                yield false;
            }
            case EPB -> {
                readEnhancedPacket(frame, s, b, length);
                yield true;
            }
            case PB -> {
                readObsoletePacket(frame, s, b, length);
                yield true;
            }
            case SPB -> {
                readSimplePacket(frame, s, b, length);
                yield true;
            }
            case CB_COPY, CB_NO_COPY -> {
                // §4.8: tshark lists custom blocks as frames holding the data after the PEN.
                frame.set(++number, 0, 0, 9, -1, Frame.NO_INTERFACE, s, b + 12, (int) (length - MIN_CB),
                        (int) (length - MIN_CB));
                frame.setRecord(Frame.Kind.PCAPNG_CUSTOM_BLOCK, false);
                frame.setCustomBlock(endian.u32(s, b + 8), type == CB_COPY);
                yield true;
            }
            case DSB -> {
                keepSecrets(s, b, length);
                yield false;
            }
            case SYSTEMD_JOURNAL_EXPORT -> {
                // §4.7-era block 9: one journal entry, padded with NULs to 32 bits.
                long end = length - 4;
                while (end > 8 && s.get(ValueLayout.JAVA_BYTE, b + end - 1) == 0) {
                    end--;
                }
                frame.set(++number, 0, 0, 9, -1, Frame.NO_INTERFACE, s, b + 8, (int) (end - 8), (int) (end - 8));
                frame.setRecord(Frame.Kind.SYSTEMD_JOURNAL_EXPORT, false);
                yield true;
            }
            case ISB -> {
                checkOptions(s, b + 20, b + length - 4); // §4.6: options after the counters' time stamp
                yield false;
            }
            default -> false;
        };
        in.skip(length);
        if (type != EPB) {
            optionsSegment = null;
        }
        return isFrame ? FRAME : SKIPPED;
    }

    private void checkLength(long length, int minimum, String what) throws CaptureFormatException {
        if (length < minimum) {
            throw CaptureFormatException.damaged(name, "pcapng: total block length " + length + " of "
                    + what + " at offset " + in.position() + " is less than the minimum " + minimum);
        }
        if (length % 4 != 0) {
            throw CaptureFormatException.damaged(name, "pcapng: total block length " + length
                    + " at offset " + in.position() + " is not a multiple of 4");
        }
        if (length > MAX_BLOCK) {
            throw CaptureFormatException.damaged(name, "pcapng: total block length " + length
                    + " at offset " + in.position() + " is too large (> " + MAX_BLOCK + ")");
        }
    }

    private void checkTrailer(MemorySegment s, long b, long length) throws CaptureFormatException {
        long trailer = endian.u32(s, b + length - 4);
        if (trailer != length) {
            throw CaptureFormatException.damaged(name, "pcapng: total block lengths (first " + length
                    + " and second " + trailer + ") at offset " + in.position() + " don't match");
        }
    }

    /** §4.1: byte-order magic decides the section's byte order, then length and version. */
    private void readSectionHeader(boolean first) throws IOException {
        long got = in.fill(12);
        if (got < 12) {
            if (first) {
                throw CaptureFormatException.notACapture(name);
            }
            throw CaptureFormatException.cutShort(name);
        }
        MemorySegment s = in.segment();
        long b = in.base();
        int magic = s.get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), b + 8);
        ByteOrder order;
        if (magic == BYTE_ORDER_MAGIC) {
            order = ByteOrder.LITTLE_ENDIAN;
        } else if (Integer.reverseBytes(magic) == BYTE_ORDER_MAGIC) {
            order = ByteOrder.BIG_ENDIAN;
        } else if (first) {
            throw CaptureFormatException.notACapture(name);
        } else {
            throw CaptureFormatException.damaged(name, String.format(
                    "pcapng: unknown byte-order magic number 0x%08x at offset %d", magic, in.position()));
        }
        endian = FileOrder.of(order);
        long length = endian.u32(s, b + 4);
        checkLength(length, MIN_SHB, "an SHB");
        if (in.fill(length) < length) {
            throw CaptureFormatException.cutShort(name);
        }
        s = in.segment();
        b = in.base();
        int major = endian.u16(s, b + 12);
        int minor = endian.u16(s, b + 14);
        if (!(major == 1 && (minor == 0 || minor == 2))) {
            throw CaptureFormatException.unsupported(name, "pcapng: unknown SHB version " + major + "." + minor);
        }
        checkOptions(s, b + 24, b + length - 4);
        checkTrailer(s, b, length);
        sectionBase = interfaces.size();
        section++;
        clocks.clear();
        in.skip(length);
    }

    /** Walks an option list (§3.5) only to find damage, as wiretap does for SHB options. */
    private void checkOptions(MemorySegment s, long from, long to) throws CaptureFormatException {
        long p = from;
        while (p < to) {
            int length = optionLength(s, p, to);
            if (endian.u16(s, p) == OPT_ENDOFOPT) {
                return;
            }
            p += 4 + ((length + 3) & ~3);
        }
    }

    private int optionLength(MemorySegment s, long p, long to) throws CaptureFormatException {
        if (to - p < 4) {
            throw CaptureFormatException.damaged(name, "pcapng: Not enough data for option header");
        }
        int length = endian.u16(s, p + 2);
        if (((length + 3) & ~3) > to - p - 4) {
            throw CaptureFormatException.damaged(name,
                    "pcapng: Not enough data to handle option of length " + length);
        }
        return length;
    }

    /** §4.2: link type, snaplen and the options that shape time stamps and names. */
    private void readInterface(MemorySegment s, long b, long length) throws CaptureFormatException {
        int linkType = endian.u16(s, b + 8);
        int snapLength = endian.i32(s, b + 12);
        String ifName = null;
        String description = null;
        int tsresol = 6;
        long offsetSeconds = 0;
        int fcsBits = -1;
        long p = b + 16;
        long to = b + length - 4;
        while (p < to) {
            int optLength = optionLength(s, p, to);
            int code = endian.u16(s, p);
            if (code == OPT_ENDOFOPT) {
                break;
            }
            long value = p + 4;
            switch (code) {
                case OPT_IF_NAME -> ifName = string(s, value, optLength);
                case OPT_IF_DESCRIPTION -> description = string(s, value, optLength);
                case OPT_IF_TSRESOL -> {
                    if (optLength == 1) {
                        tsresol = Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, value));
                    }
                }
                case OPT_IF_TSOFFSET -> {
                    if (optLength == 8) {
                        offsetSeconds = endian.i64(s, value);
                    }
                }
                case OPT_IF_FCSLEN -> {
                    if (optLength == 1) {
                        fcsBits = Byte.toUnsignedInt(s.get(ValueLayout.JAVA_BYTE, value));
                    }
                }
                default -> { }
            }
            p = value + ((optLength + 3) & ~3);
        }
        Clock clock = clock(linkType, snapLength, tsresol, offsetSeconds, fcsBits);
        clocks.add(clock);
        interfaces.add(new CaptureInterface(linkType, Math.max(0, snapLength), ifName, description,
                clock.digits()));
    }

    private static String string(MemorySegment s, long from, int length) {
        byte[] bytes = s.asSlice(from, length).toArray(ValueLayout.JAVA_BYTE);
        int end = bytes.length;
        while (end > 0 && bytes[end - 1] == 0) {
            end--;
        }
        return new String(bytes, 0, end, StandardCharsets.UTF_8);
    }

    /**
     * {@code if_tsresol} (§4.2): high bit clear means 10^-k seconds, set means 2^-k. Digits follow
     * wiretap 4.0, which keeps one of six display precisions (0, 1, 2, 3, 6, 9) chosen from the
     * units per second; out-of-range exponents count as 2^64-1 units per second, as in wiretap.
     */
    static int digits(int tsresol) {
        int exponent = tsresol & 0x7F;
        boolean binary = (tsresol & 0x80) != 0;
        long units;
        if (binary) {
            units = exponent < 64 ? 1L << exponent : -1L;
        } else {
            units = exponent < 20 ? pow10Unsigned(exponent) : -1L;
        }
        if (Long.compareUnsigned(units, 1_000_000_000L) >= 0) {
            return 9;
        } else if (units >= 1_000_000L) {
            return 6;
        } else if (units >= 1_000L) {
            return 3;
        } else if (units >= 100L) {
            return 2;
        } else if (units >= 10L) {
            return 1;
        }
        return 0;
    }

    private static long pow10Unsigned(int exponent) {
        long r = 1;
        for (int i = 0; i < exponent; i++) {
            r *= 10; // 10^19 still fits in an unsigned 64-bit value
        }
        return r;
    }

    private static Clock clock(int linkType, int snapLength, int tsresol, long offsetSeconds, int fcsBits) {
        int exponent = tsresol & 0x7F;
        boolean binary = (tsresol & 0x80) != 0;
        int binaryExponent = -1;
        long decimalUnits;
        if (binary && exponent < 64) {
            binaryExponent = exponent;
            decimalUnits = 0;
        } else if (!binary && exponent < 20) {
            decimalUnits = pow10Unsigned(exponent);
        } else {
            decimalUnits = -1L; // 2^64-1 units per second, wiretap's fallback
        }
        return new Clock(linkType, snapLength, PcapReader.maxSnapLength(linkType), digits(tsresol),
                binaryExponent, decimalUnits, offsetSeconds, fcsBits);
    }

    private static final long NANOS = 1_000_000_000L;

    /** Whole seconds of a raw 64-bit unsigned time stamp, before {@code if_tsoffset}. */
    private static long seconds(Clock c, long ts) {
        if (c.binaryExponent() >= 0) {
            return c.binaryExponent() == 0 ? ts : ts >>> c.binaryExponent();
        }
        return Long.divideUnsigned(ts, c.decimalUnits());
    }

    /** Nanoseconds of the fraction, truncated, computed exactly without floating point. */
    private static int nanos(Clock c, long ts) {
        int k = c.binaryExponent();
        if (k == 0) {
            return 0;
        }
        if (k > 0) {
            long rem = ts & ((1L << k) - 1); // k <= 63
            long lo = rem * NANOS;
            long hi = Math.unsignedMultiplyHigh(rem, NANOS);
            return (int) ((hi << (64 - k)) | (lo >>> k));
        }
        long units = c.decimalUnits();
        long rem = Long.remainderUnsigned(ts, units);
        if (units == -1L) {
            return BigInteger.valueOf(rem).multiply(BigInteger.valueOf(NANOS))
                    .divide(new BigInteger(Long.toUnsignedString(units))).intValue();
        }
        if (Long.compareUnsigned(units, NANOS) <= 0) {
            return (int) (rem * (NANOS / units));
        }
        return (int) Long.divideUnsigned(rem, Long.divideUnsigned(units, NANOS));
    }

    private Clock clockFor(long localId) throws CaptureFormatException {
        if (localId >= clocks.size()) {
            throw CaptureFormatException.damaged(name, "pcapng: interface index " + localId
                    + " at offset " + in.position() + " is not less than interface count " + clocks.size());
        }
        return clocks.get((int) localId);
    }

    private void emit(Frame frame, Clock c, int localId, long ts, MemorySegment s, long data,
                      long captured, long original, long room) throws CaptureFormatException {
        if (captured > c.maxCaptured()) {
            throw CaptureFormatException.damaged(name, "pcapng: cap_len " + captured
                    + " is larger than " + c.maxCaptured());
        }
        if (captured > room) {
            throw CaptureFormatException.damaged(name, "pcapng: block at offset " + in.position()
                    + " is too small for " + captured + " bytes of packet data");
        }
        frame.set(++number, seconds(c, ts) + c.offsetSeconds(), nanos(c, ts), c.digits(), c.linkType(),
                localId, s, data, (int) captured, (int) Math.min(original, Integer.MAX_VALUE));
        frame.setFcsLength(PcapReader.ethernetFcs(c.linkType(), c.fcsBits()));
        if (s == in.segment()) {
            frame.setFile(in.file(), in.origin());
        }
    }

    /** §4.3 Enhanced Packet Block. */
    private void readEnhancedPacket(Frame frame, MemorySegment s, long b, long length) throws CaptureFormatException {
        long id = endian.u32(s, b + 8);
        Clock c = clockFor(id);
        long ts = ((long) endian.i32(s, b + 12) << 32) | endian.u32(s, b + 16);
        long captured = endian.u32(s, b + 20);
        long original = endian.u32(s, b + 24);
        emit(frame, c, (int) id, ts, s, b + 28, captured, original, length - MIN_EPB);
        // wiretap walks every option of the block: one that runs past it is damage, not data
        checkOptions(s, b + 28 + ((captured + 3) & ~3), b + length - 4);
        optionsSegment = s;
        optionsFrom = b + 28 + ((captured + 3) & ~3);
        optionsTo = b + length - 4;
        int flags = packetOptions(frame, s, optionsFrom, optionsTo);
        int fcsBytes = (flags >>> 5) & 0xf;
        if (fcsBytes != 0) {
            frame.setFcsLength(PcapReader.ethernetFcs(c.linkType(), fcsBytes * 8));
        }
    }

    private static final String[] NO_COMMENTS = new String[0];

    /**
     * One walk over an EPB's options: gives {@code frame} its {@code opt_comment} values (§3.5,
     * UTF-8, up to a NUL some writers add, as wiretap keeps them) and returns {@code epb_flags}
     * (§4.3.1), or 0. A list that runs out of its block just ends there.
     */
    private int packetOptions(Frame frame, MemorySegment s, long p, long to) {
        int flags = 0;
        boolean haveFlags = false;
        String[] comments = NO_COMMENTS;
        while (p + 4 <= to) {
            int code = endian.u16(s, p);
            int length = endian.u16(s, p + 2);
            if (code == OPT_ENDOFOPT || p + 4 + length > to) {
                break;
            }
            if (code == OPT_EPB_FLAGS && length == 4 && !haveFlags) {
                flags = endian.i32(s, p + 4);
                haveFlags = true;
            } else if (code == OPT_COMMENT) {
                byte[] text = s.asSlice(p + 4, length).toArray(ValueLayout.JAVA_BYTE);
                int n = 0;
                while (n < text.length && text[n] != 0) {
                    n++;
                }
                comments = java.util.Arrays.copyOf(comments, comments.length + 1);
                comments[comments.length - 1] = new String(text, 0, n, java.nio.charset.StandardCharsets.UTF_8);
            }
            p += 4 + ((length + 3) & ~3);
        }
        frame.setComments(comments);
        return flags;
    }

    /** Appendix: the obsolete Packet Block, an EPB with a 16-bit interface id and drop count. */
    private void readObsoletePacket(Frame frame, MemorySegment s, long b, long length) throws CaptureFormatException {
        int id = endian.u16(s, b + 8);
        Clock c = clockFor(id);
        long ts = ((long) endian.i32(s, b + 12) << 32) | endian.u32(s, b + 16);
        long captured = endian.u32(s, b + 20);
        long original = endian.u32(s, b + 24);
        emit(frame, c, id, ts, s, b + 28, captured, original, length - MIN_PB);
    }

    /** §4.4 Simple Packet Block: interface 0, no time stamp, captured = min(len, snaplen). */
    private void readSimplePacket(Frame frame, MemorySegment s, long b, long length) throws CaptureFormatException {
        if (clocks.isEmpty()) {
            throw CaptureFormatException.damaged(name, "pcapng: SPB at offset " + in.position()
                    + " appeared before any IDB in the section");
        }
        Clock c = clocks.getFirst();
        long original = endian.u32(s, b + 8);
        long captured = original;
        long snap = Integer.toUnsignedLong(c.snapLength());
        if (snap != 0 && captured > snap) {
            captured = snap;
        }
        emit(frame, c, 0, 0, s, b + 12, captured, original, length - MIN_SPB);
        frame.setRecord(Frame.Kind.PACKET, false);
    }

    @Override
    public List<CaptureInterface> interfaces() { return interfacesView; }

    @Override
    public CaptureInterface interfaceOf(Frame frame) {
        int id = frame.interfaceId();
        return id == Frame.NO_INTERFACE || sectionBase + id >= interfaces.size()
                ? null : interfaces.get(sectionBase + id);
    }

    @Override
    public int section() { return section; }

    private final List<byte[]> secrets = new ArrayList<>();

    /**
     * §4.7 Decryption Secrets Block: kept whole (re-encoded little-endian, without options) so
     * that a saved copy carries the TLS keys tshark uses to decrypt, as tshark's copy does.
     */
    private void keepSecrets(MemorySegment s, long b, long length) {
        if (length < 20 || secrets.size() == MAX_SECRETS) {
            return;
        }
        long dataLength = endian.u32(s, b + 12);
        if (16 + dataLength + 4 > length) {
            return;
        }
        int total = (int) (16 + ((dataLength + 3) & ~3) + 4);
        java.nio.ByteBuffer block = java.nio.ByteBuffer.allocate(total).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        block.putInt(DSB).putInt(total).putInt(endian.i32(s, b + 8)).putInt((int) dataLength);
        block.put(s.asSlice(b + 16, dataLength).toArray(ValueLayout.JAVA_BYTE));
        block.putInt(total - 4, total);
        secrets.add(block.array());
    }

    /** The Decryption Secrets Blocks read so far, each a whole little-endian block. */
    List<byte[]> secrets() {
        return secrets;
    }

    /** Where the options of the last record are, when it was an EPB (valid until the next read). */
    private MemorySegment optionsSegment;
    private long optionsFrom, optionsTo;

    private static final int OPT_COMMENT = 1;
    private static final int OPT_EPB_HASH = 3;
    private static final int OPT_EPB_DROPCOUNT = 4;

    /**
     * The options of the last record that a saved copy keeps (tshark copies a packet's comments,
     * flags, hash and drop count), little-endian; null when there are none or the record was no
     * EPB. A list that runs out of its block ends there.
     */
    PcapngWriter.PacketOptions lastOptions() {
        if (optionsSegment == null) {
            return null;
        }
        MemorySegment s = optionsSegment;
        java.nio.ByteBuffer out = java.nio.ByteBuffer.allocate((int) (optionsTo - optionsFrom))
                .order(java.nio.ByteOrder.LITTLE_ENDIAN);
        for (long p = optionsFrom; p + 4 <= optionsTo; ) {
            int code = endian.u16(s, p);
            int length = endian.u16(s, p + 2);
            long padded = (length + 3) & ~3;
            if (code == OPT_ENDOFOPT || p + 4 + padded > optionsTo) {
                break;
            }
            long value = p + 4;
            boolean keep = switch (code) {
                case OPT_COMMENT, OPT_EPB_HASH -> true;
                case OPT_EPB_FLAGS -> length == 4;
                case OPT_EPB_DROPCOUNT -> length == 8;
                default -> false;
            };
            if (keep) {
                out.putShort((short) code).putShort((short) length);
                switch (code) {
                    case OPT_EPB_FLAGS -> out.putInt(endian.i32(s, value));
                    case OPT_EPB_DROPCOUNT -> out.putLong(endian.i64(s, value));
                    default -> {
                        out.put(s.asSlice(value, length).toArray(ValueLayout.JAVA_BYTE));
                        for (int i = length; (i & 3) != 0; i++) {
                            out.put((byte) 0);
                        }
                    }
                }
            }
            p = value + padded;
        }
        return out.position() == 0 ? null : new PcapngWriter.PacketOptions(out.array(), out.position());
    }

    @Override
    public String format() { return "pcapng"; }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
