package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Writes the classic pcap format (draft-ietf-opsawg-pcap §4-5) as wiretap's {@code libpcap.c}
 * does for tshark's {@code -F pcap} (microsecond magic {@code A1B2C3D4}, fractions truncated)
 * and {@code -F nsecpcap} (nanosecond magic {@code A1B23C4D}): little-endian, version 2.4, the
 * link type and snapshot length of the first interface. A pcap file has one link type, so a
 * record of another link type, or one that is not a packet, cannot be saved (tshark's messages).
 */
public final class PcapWriter implements CaptureWriter {
    private static final int MAGIC_MICRO = 0xA1B2C3D4;
    private static final int MAGIC_NANO = 0xA1B23C4D;
    /** wiretap's WTAP_MAX_PACKET_SIZE_STANDARD, the snapshot length of an interface that gives none. */
    private static final int MAX_SNAPLEN = 262144;

    private final OutputStream out;
    private final boolean nanos;
    private ByteBuffer buf = ByteBuffer.allocate(1 << 18).order(ByteOrder.LITTLE_ENDIAN);
    private int linkType = -1;

    PcapWriter(OutputStream out, boolean nanos) {
        this.out = out;
        this.nanos = nanos;
    }

    @Override
    public void write(CaptureReader reader, Frame frame) throws IOException {
        if (frame.kind() != Frame.Kind.PACKET) {
            throw new UnwritableFrameException("Record " + frame.number()
                    + " has a record type that can't be saved in a \"" + (nanos ? "nsecpcap" : "pcap") + "\" file.");
        }
        if (linkType < 0) {
            CaptureInterface iface = reader.interfaceOf(frame);
            int snaplen = iface == null || iface.snapLength() == 0 ? MAX_SNAPLEN : iface.snapLength();
            linkType = frame.linkType();
            ensure(24);
            buf.putInt(nanos ? MAGIC_NANO : MAGIC_MICRO).putShort((short) 2).putShort((short) 4)
                    .putInt(0).putInt(0).putInt(snaplen).putInt(linkType);
        } else if (frame.linkType() != linkType) {
            throw new UnwritableFrameException("Frame " + frame.number() + " has a network type that differs from the"
                    + " network type of earlier packets, which isn't supported in a \"Wireshark/tcpdump/... - pcap\" file.");
        }
        int caplen = frame.capturedLength();
        ensure(16 + caplen);
        buf.putInt((int) frame.seconds()).putInt(nanos ? frame.nanos() : frame.nanos() / 1000)
                .putInt(caplen).putInt(frame.originalLength());
        int pos = buf.position();
        MemorySegment.copy(frame.segment(), ValueLayout.JAVA_BYTE, frame.offset(), buf.array(), pos, caplen);
        buf.position(pos + caplen);
    }

    @Override
    public void flush() throws IOException {
        out.write(buf.array(), 0, buf.position());
        buf.clear();
        out.flush();
    }

    @Override
    public void close() throws IOException {
        try (out) {
            if (linkType < 0) {
                // no packet: tshark still writes a header, with its default link type (Ethernet)
                ensure(24);
                buf.putInt(nanos ? MAGIC_NANO : MAGIC_MICRO).putShort((short) 2).putShort((short) 4)
                        .putInt(0).putInt(0).putInt(MAX_SNAPLEN).putInt(1);
            }
            flush();
        }
    }

    private void ensure(int length) throws IOException {
        if (buf.remaining() < length) {
            out.write(buf.array(), 0, buf.position());
            buf.clear();
            if (buf.capacity() < length) {
                buf = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
            }
        }
    }
}
