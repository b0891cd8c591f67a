package dev.tcpscope.capture;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Reads classic pcap files (draft-ietf-opsawg-pcap §4 file header, §5 packet record) the way
 * Wireshark's wiretap does: microsecond magic {@code A1B2C3D4}, nanosecond magic
 * {@code A1B23C4D}, the modified ("Kuznetzov", patch SS991029) magic {@code A1B2CD34} whose
 * record headers carry 8 extra bytes, each in either byte order.
 *
 * <p>Contracts matching tshark 4.0:
 * <ul>
 *   <li>major version below 2 is unsupported; versions 2.0–2.2 have caplen and len swapped,
 *       2.3 maybe swapped (swapped back when caplen &gt; len);</li>
 *   <li>the LinkType field's reserved bits 16–25 must be zero (draft §4, "LinkType and
 *       additional information"); the FCS bits 26–31 give an Ethernet frame's FCS length
 *       ({@link Frame#fcsLength()});</li>
 *   <li>a record whose captured length exceeds the maximum for the link type (262144 for most)
 *       is damage; a record cut by the end of the file is "cut short", and the records before
 *       it have already been returned; a header-only file has 0 records;</li>
 *   <li>the time-stamp seconds are unsigned 32-bit (years up to 2106, as wiretap reads them);
 *       a fraction of a second too large is carried into the seconds.</li>
 * </ul>
 */
final class PcapReader implements CaptureReader {
    static final int MAGIC_MICRO = 0xA1B2C3D4;
    static final int MAGIC_NANO = 0xA1B23C4D;
    static final int MAGIC_MODIFIED = 0xA1B2CD34;

    private static final int FILE_HEADER = 24;
    private static final int OFF_VERSION_MAJOR = 4;
    private static final int OFF_VERSION_MINOR = 6;
    private static final int OFF_SNAPLEN = 16;
    private static final int OFF_LINKTYPE = 20;
    private static final int OFF_TS_SEC = 0;
    private static final int OFF_TS_FRACTION = 4;
    private static final int OFF_INCL_LEN = 8;
    private static final int OFF_ORIG_LEN = 12;
    /** LinkType bits 16–25 (draft-ietf-opsawg-pcap §4), which wiretap requires to be zero. */
    private static final int LT_RESERVED1 = 0x03FF0000;

    private enum LengthOrder { NORMAL, SWAPPED, MAYBE_SWAPPED }

    private final Input in;
    private final String name;
    private final FileOrder order;
    private final boolean nanos;
    private final int recordHeader;
    private final int linkType;
    /** {@link Frame#fcsLength()} of every record. */
    private final int fcsLength;
    private final int maxCaptured;
    private final LengthOrder lengthOrder;
    private final List<CaptureInterface> interfaces;
    private final String format;
    private long number;
    private boolean failed;

    /**
     * Reads the file header at the start of {@code in}.
     *
     * @param magicLittleEndian the first four bytes read as a little-endian int
     */
    @Override
    public boolean mayBlock() {
        return in.mayBlock();
    }

    @Override
    public boolean streamed() {
        return in.streamed();
    }

    PcapReader(Input in, String name, int magicLittleEndian) throws IOException {
        this.in = in;
        this.name = name;
        ByteOrder order;
        int magic;
        if (isMagic(magicLittleEndian)) {
            order = ByteOrder.LITTLE_ENDIAN;
            magic = magicLittleEndian;
        } else {
            order = ByteOrder.BIG_ENDIAN;
            magic = Integer.reverseBytes(magicLittleEndian);
        }
        this.order = FileOrder.of(order);
        this.nanos = magic == MAGIC_NANO;
        this.recordHeader = magic == MAGIC_MODIFIED ? 24 : 16;
        this.format = switch (magic) {
            case MAGIC_NANO -> "pcap-nsec";
            case MAGIC_MODIFIED -> "pcap-modified";
            default -> "pcap";
        };
        if (in.fill(FILE_HEADER) < FILE_HEADER) {
            throw CaptureFormatException.cutShort(name);
        }
        MemorySegment s = in.segment();
        long b = in.base();
        int major = this.order.u16(s, b + OFF_VERSION_MAJOR);
        int minor = this.order.u16(s, b + OFF_VERSION_MINOR);
        int snaplen = this.order.i32(s, b + OFF_SNAPLEN);
        int network = this.order.i32(s, b + OFF_LINKTYPE);
        in.skip(FILE_HEADER);
        if (major < 2) {
            throw CaptureFormatException.unsupported(name, "pcap: major version " + major + " unsupported");
        }
        if ((network & LT_RESERVED1) != 0) {
            throw CaptureFormatException.unsupported(name, String.format(
                    "pcap: network type reserved field not zero (0x%08x)", network & LT_RESERVED1));
        }
        this.linkType = network & 0xFFFF;
        if (!wiretapReads(linkType)) {
            throw CaptureFormatException.unsupported(name, "pcap: network type "
                    + Integer.toUnsignedString(network) + " unknown or unsupported");
        }
        this.maxCaptured = maxSnapLength(linkType);
        // the FCS length bits count 16-bit units (libpcap's LT_FCS_LENGTH)
        this.fcsLength = ethernetFcs(linkType, (network & 0x04000000) != 0 ? (network >>> 28) * 16 : -1);
        this.lengthOrder = major == 2 && minor < 3 ? LengthOrder.SWAPPED
                : major == 2 && minor == 3 ? LengthOrder.MAYBE_SWAPPED : LengthOrder.NORMAL;
        this.interfaces = List.of(new CaptureInterface(linkType, Math.max(0, snaplen), null, null,
                nanos ? 9 : 6));
    }

    /** Whether a little-endian read of the first four bytes is a pcap magic in either order. */
    static boolean matches(int magicLittleEndian) {
        return isMagic(magicLittleEndian) || isMagic(Integer.reverseBytes(magicLittleEndian));
    }

    private static boolean isMagic(int magic) {
        return magic == MAGIC_MICRO || magic == MAGIC_NANO || magic == MAGIC_MODIFIED;
    }

    /**
     * The LINKTYPE_ values tshark 4.0.17 opens in a pcap file (its {@code pcap_to_wtap_map}),
     * measured with {@code scripts/linktypes-probe.sh}; any other value makes tshark refuse the
     * file, so we refuse it too and the packet lists stay identical.
     */
    private static final java.util.BitSet WIRETAP_LINK_TYPES = new java.util.BitSet(296);

    static {
        int[] known = {0, 1, 2, 3, 6, 7, 8, 9, 10, 11, 12, 13, 14, 16, 18, 19, 32, 50, 51, 99, 100,
            101, 104, 105, 106, 107, 108, 109, 112, 113, 114, 117, 118, 119, 121, 122, 123, 127, 128,
            129, 130, 131, 133, 135, 136, 137, 138, 139, 140, 141, 142, 143, 144, 147, 148, 149, 150,
            151, 152, 153, 154, 155, 156, 157, 158, 159, 160, 161, 162, 163, 165, 167, 169, 170, 171,
            172, 173, 177, 178, 179, 180, 181, 183, 184, 186, 187, 188, 189, 190, 192, 195, 196, 197,
            199, 200, 201, 202, 203, 204, 209, 210, 211, 212, 213, 214, 215, 220, 224, 225, 226, 227,
            228, 229, 230, 231, 235, 236, 237, 239, 240, 241, 242, 243, 245, 248, 249, 250, 251, 252,
            253, 254, 255, 256, 258, 259, 260, 264, 266, 268, 270, 271, 272, 273, 274, 275, 276, 279,
            280, 283, 287, 288, 290, 292, 293, 294, 295};
        for (int k : known) {
            WIRETAP_LINK_TYPES.set(k);
        }
    }

    /** Whether tshark 4.0 reads pcap files of this LINKTYPE_ value. */
    static boolean wiretapReads(int linkType) {
        return WIRETAP_LINK_TYPES.get(linkType);
    }

    /**
     * wiretap's {@code wtap_max_snaplen_for_encap}: the largest record it accepts for a link
     * type; bigger ones mean a corrupt file rather than a huge allocation.
     */
    /**
     * An Ethernet frame's FCS length in bytes from the length the file gives in bits (-1 when it
     * gives none), as wiretap converts it: a value below 8 is taken as bytes already.
     */
    static int ethernetFcs(int linkType, int bits) {
        if (linkType != LinkType.ETHERNET) {
            return -1;
        }
        return bits < 8 ? bits : bits / 8;
    }

    static int maxSnapLength(int linkType) {
        return switch (linkType) {
            case 249, 231 -> 128 * 1024 * 1024; // USBPCAP, DBUS
            case 279 -> 32 * 1024 * 1024;       // EBHSCR
            default -> 262_144;
        };
    }

    @Override
    public boolean next(Frame frame) throws IOException {
        if (failed) {
            return false;
        }
        try {
            return read(frame);
        } catch (CaptureFormatException e) {
            failed = true;
            throw e;
        }
    }

    private boolean read(Frame frame) throws IOException {
        long got = in.fill(recordHeader);
        if (got == 0) {
            return false;
        }
        if (got < recordHeader) {
            throw CaptureFormatException.cutShort(name);
        }
        MemorySegment s = in.segment();
        long b = in.base();
        long tsSec = order.u32(s, b + OFF_TS_SEC);
        long fraction = order.u32(s, b + OFF_TS_FRACTION);
        long captured = order.u32(s, b + OFF_INCL_LEN);
        long original = order.u32(s, b + OFF_ORIG_LEN);
        if (lengthOrder == LengthOrder.SWAPPED
                || (lengthOrder == LengthOrder.MAYBE_SWAPPED && captured > original)) {
            long t = captured;
            captured = original;
            original = t;
        }
        if (captured > maxCaptured) {
            throw CaptureFormatException.damaged(name, "pcap: File has " + captured
                    + "-byte packet, bigger than maximum of " + maxCaptured);
        }
        long total = recordHeader + captured;
        if (in.fill(total) < total) {
            throw CaptureFormatException.cutShort(name);
        }
        long unitsPerSecond = nanos ? 1_000_000_000L : 1_000_000L;
        long seconds = tsSec + fraction / unitsPerSecond;
        long rest = fraction % unitsPerSecond;
        int nanosOfSecond = (int) (nanos ? rest : rest * 1000);
        frame.set(++number, seconds, nanosOfSecond, nanos ? 9 : 6, linkType, 0,
                in.segment(), in.base() + recordHeader, (int) captured, (int) Math.min(original, Integer.MAX_VALUE));
        frame.setFcsLength(fcsLength);
        frame.setFile(in.file(), in.origin());
        in.skip(total);
        return true;
    }

    @Override
    public List<CaptureInterface> interfaces() { return interfaces; }

    @Override
    public String format() { return format; }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
