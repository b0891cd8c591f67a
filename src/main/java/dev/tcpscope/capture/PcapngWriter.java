package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng) as live captures and {@code tshark -w} save it: one
 * Section Header Block (§4.1) with {@code shb_userappl}, an Interface Description Block (§4.2)
 * per interface with {@code if_name}, {@code if_description} and {@code if_tsresol} (the
 * interface's own resolution, so that a reader shows as many digits as the original), and an
 * Enhanced Packet Block (§4.3) per frame. Saving a pcapng file keeps each packet's comments,
 * flags, hash and drop count (§4.3.1), and the custom (§4.8) and systemd journal blocks tshark
 * lists as frames, and the Decryption Secrets Blocks (§4.7); interfaces of every section go
 * into the one section written, in file order.
 *
 * <p>Little-endian, as libpcap and dumpcap write on x86. Not thread-safe. A live packet
 * ({@link #write(Frame)}) is handed to the file as soon as it is written (one write per packet:
 * live captures are slow next to a disk), so a capture killed with SIGKILL keeps every packet it
 * wrote, as dumpcap's file does; a saved copy of a file ({@link #write(CaptureReader, Frame)})
 * reaches the stream when the buffer fills or on {@link #flush()}/{@link #close()}.
 */
public final class PcapngWriter implements CaptureWriter {
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int EPB = 6;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final int OPT_ENDOFOPT = 0;
    private static final int SHB_USERAPPL = 4;
    private static final int IF_NAME = 2;
    private static final int IF_DESCRIPTION = 3;
    private static final int IF_TSRESOL = 9;
    private static final int EPB_FIXED = 32; // type, length, interface, ts high, ts low, caplen, len, trailing length
    private static final long NANOS = 1_000_000_000L;

    private final OutputStream out;
    private ByteBuffer buf = ByteBuffer.allocate(1 << 18).order(ByteOrder.LITTLE_ENDIAN);
    private int interfaces;
    /** Resolution digits of each interface added, for its EPB time stamps. */
    private int[] digits = new int[4];
    private long packets;
    private int secretsWritten;

    /** Starts a section on {@code out} (closed by {@link #close()}). */
    public PcapngWriter(OutputStream out) throws IOException {
        this.out = out;
        byte[] appl = "tcpscope 0.1.0".getBytes(StandardCharsets.UTF_8);
        int length = 28 + option(appl.length) + 4;
        ensure(length);
        buf.putInt(SHB).putInt(length).putInt(BYTE_ORDER_MAGIC).putShort((short) 1).putShort((short) 0)
                .putLong(-1); // section length unknown
        putOption(SHB_USERAPPL, appl);
        buf.putShort((short) OPT_ENDOFOPT).putShort((short) 0).putInt(length);
    }

    /** Creates (or truncates) {@code file} and starts a section in it. */
    public static PcapngWriter create(Path file) throws IOException {
        return new PcapngWriter(new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    }

    /**
     * Describes an interface and returns its id, the {@link Frame#interfaceId()} its frames must
     * carry. Its frames' time stamps are written in units of its resolution.
     */
    public int addInterface(CaptureInterface iface) throws IOException {
        int resolution = Math.clamp(iface.timestampDigits(), 0, 9);
        byte[] name = iface.name() == null ? null : iface.name().getBytes(StandardCharsets.UTF_8);
        byte[] description = iface.description() == null ? null : iface.description().getBytes(StandardCharsets.UTF_8);
        int length = 20 + (name == null ? 0 : option(name.length))
                + (description == null ? 0 : option(description.length)) + option(1) + 4;
        ensure(length);
        buf.putInt(IDB).putInt(length).putShort((short) iface.linkType()).putShort((short) 0)
                .putInt(iface.snapLength());
        if (name != null) {
            putOption(IF_NAME, name);
        }
        if (description != null) {
            putOption(IF_DESCRIPTION, description);
        }
        putOption(IF_TSRESOL, new byte[] {(byte) resolution});
        buf.putShort((short) OPT_ENDOFOPT).putShort((short) 0).putInt(length);
        if (interfaces == digits.length) {
            digits = java.util.Arrays.copyOf(digits, interfaces * 2);
        }
        digits[interfaces] = resolution;
        return interfaces++;
    }

    /**
     * Appends {@code frame} as an Enhanced Packet Block on its interface; its bytes are copied
     * now, so a live frame may be written and then released.
     *
     * @throws IllegalArgumentException for a frame that is not a packet or names an interface
     *                                  not added
     */
    public void write(Frame frame) throws IOException {
        if (frame.kind() != Frame.Kind.PACKET || frame.interfaceId() < 0 || frame.interfaceId() >= interfaces) {
            throw new IllegalArgumentException("frame " + frame.number() + " is not a packet of an interface of this file");
        }
        writePacket(frame, frame.interfaceId(), null);
        flush(); // a live capture killed with SIGKILL keeps every packet written, as dumpcap's file does
    }

    @Override
    public void write(CaptureReader reader, Frame frame) throws IOException {
        List<CaptureInterface> all = reader.interfaces();
        while (interfaces < all.size()) {
            addInterface(all.get(interfaces)); // as tshark's process_new_idbs: every IDB read so far, in order
        }
        if (reader instanceof PcapngReader r) {
            List<byte[]> keys = r.secrets();
            for (; secretsWritten < keys.size(); secretsWritten++) {
                byte[] block = keys.get(secretsWritten);
                ensure(block.length);
                buf.put(block);
            }
        }
        switch (frame.kind()) {
            case PACKET -> {
                // the section-local id, as tshark 4.0 writes it: a later section's frame names the
                // first section's interface with that id, as tshark itself then shows it
                int id = frame.interfaceId();
                if (id < 0 || id >= interfaces) {
                    throw new UnwritableFrameException("Frame " + frame.number() + " names no interface of the file.");
                }
                writePacket(frame, id, reader instanceof PcapngReader r ? r.lastOptions() : null);
            }
            case PCAPNG_CUSTOM_BLOCK -> {
                if (frame.customBlockCopyable()) { // pcapng_write_custom_block: never one marked do-not-copy
                    writeBlock(CB_COPY, frame, (int) frame.customBlockPen());
                }
            }
            case SYSTEMD_JOURNAL_EXPORT -> writeBlock(SYSTEMD_JOURNAL_EXPORT, frame, null);
        }
    }

    private void writePacket(Frame frame, int id, PacketOptions options) throws IOException {
        int caplen = frame.capturedLength();
        int optionBytes = options == null ? 0 : options.length();
        int length = EPB_FIXED + pad(caplen) + (optionBytes == 0 ? 0 : optionBytes + 4);
        ensure(length);
        long units = frame.hasTimestamp() ? frame.seconds() * POW10[digits[id]] + frame.nanos() / POW10[9 - digits[id]] : 0;
        buf.putInt(EPB).putInt(length).putInt(id)
                .putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(caplen).putInt(frame.originalLength());
        putBytes(frame);
        if (optionBytes != 0) {
            options.copyTo(buf);
            buf.putShort((short) OPT_ENDOFOPT).putShort((short) 0);
        }
        buf.putInt(length);
        packets++;
    }

    /** A custom block (with its PEN) or a systemd journal export block holding the frame's bytes. */
    private void writeBlock(int type, Frame frame, Integer pen) throws IOException {
        int n = frame.capturedLength();
        int length = 12 + (pen == null ? 0 : 4) + pad(n);
        ensure(length);
        buf.putInt(type).putInt(length);
        if (pen != null) {
            buf.putInt(pen);
        }
        putBytes(frame);
        buf.putInt(length);
    }

    private void putBytes(Frame frame) {
        int n = frame.capturedLength();
        int pos = buf.position();
        MemorySegment.copy(frame.segment(), ValueLayout.JAVA_BYTE, frame.offset(), buf.array(), pos, n);
        pos += n;
        while ((pos & 3) != 0) {
            buf.put(pos++, (byte) 0);
        }
        buf.position(pos);
    }

    private static final long[] POW10 = {1, 10, 100, 1000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000, NANOS};
    private static final int CB_COPY = 0x00000BAD;
    private static final int SYSTEMD_JOURNAL_EXPORT = 9;

    /**
     * The options of a packet block read from a pcapng file that a saved copy keeps: comments
     * ({@code opt_comment}), {@code epb_flags}, {@code epb_hash}, {@code epb_dropcount}, each
     * {@code [code, length, value]} re-encoded little-endian (numbers byte-swapped when the
     * source was big-endian), without the end-of-options marker.
     */
    record PacketOptions(byte[] bytes, int length) {
        void copyTo(ByteBuffer to) {
            to.put(bytes, 0, length);
        }
    }

    /** Packets written so far. */
    public long packets() { return packets; }

    @Override
    public void flush() throws IOException {
        drain();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            flush();
        }
    }

    private void ensure(int length) throws IOException {
        if (buf.remaining() < length) {
            drain();
            if (buf.capacity() < length) {
                buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
    }

    private void drain() throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
    }

    private void putOption(int code, byte[] value) {
        buf.putShort((short) code).putShort((short) value.length).put(value);
        for (int i = value.length; (i & 3) != 0; i++) {
            buf.put((byte) 0);
        }
    }

    private static int option(int valueLength) {
        return 4 + pad(valueLength);
    }

    private static int pad(int n) {
        return (n + 3) & ~3;
    }
}
