package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes pcapng (draft-ietf-opsawg-pcapng) as live captures are saved: one Section Header
 * Block (§4.1) with {@code shb_userappl}, an Interface Description Block (§4.2) per interface
 * with {@code if_name}, {@code if_description} and {@code if_tsresol} = 9, and an Enhanced
 * Packet Block (§4.3) per frame with its time stamp in nanoseconds since the epoch.
 *
 * <p>Little-endian, as libpcap and dumpcap write on x86. Not thread-safe. Each packet's block
 * is handed to the file as soon as it is written (one write per packet: live captures are
 * slow next to a disk), so a capture killed with SIGKILL keeps every packet it wrote, as
 * dumpcap's file does.
 */
public final class PcapngWriter implements Closeable {
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
    private long packets;

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
     * carry. Time stamps are always written with nanosecond resolution.
     */
    public int addInterface(CaptureInterface iface) throws IOException {
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
        putOption(IF_TSRESOL, new byte[] {9});
        buf.putShort((short) OPT_ENDOFOPT).putShort((short) 0).putInt(length);
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
        int caplen = frame.capturedLength();
        int length = EPB_FIXED + pad(caplen);
        ensure(length);
        long units = frame.hasTimestamp() ? frame.seconds() * NANOS + frame.nanos() : 0;
        buf.putInt(EPB).putInt(length).putInt(frame.interfaceId())
                .putInt((int) (units >>> 32)).putInt((int) units)
                .putInt(caplen).putInt(frame.originalLength());
        int pos = buf.position();
        MemorySegment.copy(frame.segment(), ValueLayout.JAVA_BYTE, frame.offset(), buf.array(), pos, caplen);
        pos += caplen;
        while ((pos & 3) != 0) {
            buf.put(pos++, (byte) 0);
        }
        buf.position(pos);
        buf.putInt(length);
        packets++;
        flush();
    }

    /** Packets written so far. */
    public long packets() { return packets; }

    /** Hands everything written so far to the stream and flushes it. */
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
