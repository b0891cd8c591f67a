package dev.tcpscope.frame;

import java.lang.foreign.MemorySegment;

/**
 * One captured record: where its bytes are, when it was seen and on which link.
 *
 * <p>A frame is a mutable cursor that a {@code CaptureReader} refills for every record, so the
 * listing path allocates nothing per packet. Its bytes are {@code segment[offset, offset+capturedLength)}:
 * for a file that is a slice of the memory mapping, for a stream a reused buffer. Anything that
 * must outlive the next call to {@code next} has to be copied out.
 */
public final class Frame {
    /** {@link #interfaceId()} of a record that belongs to no interface (a pcapng custom block). */
    public static final int NO_INTERFACE = -1;

    /**
     * What a record is. Almost every record is a packet; tshark also lists pcapng custom blocks
     * and systemd journal exports as frames, so readers return them too, in file order.
     */
    public enum Kind { PACKET, PCAPNG_CUSTOM_BLOCK, SYSTEMD_JOURNAL_EXPORT }

    private long number;
    private long seconds;
    private int nanos;
    private int timestampDigits = 9;
    private int linkType;
    private int interfaceId;
    private int capturedLength;
    private int originalLength;
    private MemorySegment segment = MemorySegment.NULL;
    private long offset;
    private Kind kind = Kind.PACKET;
    private boolean hasTimestamp = true;

    /** Refills this frame; called by readers only. */
    public void set(long number, long seconds, int nanos, int timestampDigits, int linkType,
                    int interfaceId, MemorySegment segment, long offset, int capturedLength,
                    int originalLength) {
        this.number = number;
        this.seconds = seconds;
        this.nanos = nanos;
        this.timestampDigits = timestampDigits;
        this.linkType = linkType;
        this.interfaceId = interfaceId;
        this.segment = segment;
        this.offset = offset;
        this.capturedLength = capturedLength;
        this.originalLength = originalLength;
        this.kind = Kind.PACKET;
        this.hasTimestamp = true;
        this.fcsLength = -1;
        this.file = null;
        this.comments = NO_COMMENTS;
    }

    private static final String[] NO_COMMENTS = new String[0];
    private String[] comments = NO_COMMENTS;

    /** Sets the record's comments (pcapng {@code opt_comment}, in order); called by readers only, after {@link #set}. */
    public void setComments(String[] comments) {
        this.comments = comments;
    }

    /** The record's comments (pcapng {@code opt_comment}), none for most frames; not to be modified. */
    public String[] comments() { return comments; }

    private FileBytes file;
    private long fileOrigin;

    /**
     * Says that {@link #segment()} is a mapping of {@code file} whose offset 0 is file position
     * {@code origin}; called by readers only, after {@link #set}, which makes the file unknown again.
     */
    public void setFile(FileBytes file, long origin) {
        this.file = file;
        this.fileOrigin = origin;
    }

    /**
     * The file this frame's {@link #segment()} maps, from which its bytes can be read again after
     * the next record (see {@link #filePosition}); null for streams, decompressed files and live
     * captures, whose buffers are reused.
     */
    public FileBytes file() { return file; }

    /** The file position of byte {@code segmentOffset} of {@link #segment()}; meaningful when {@link #file()} is not null. */
    public long filePosition(long segmentOffset) { return fileOrigin + segmentOffset; }

    private int fcsLength = -1;

    /**
     * Sets how many bytes of frame check sequence end an Ethernet frame, when the file says
     * (pcapng {@code if_fcslen} or {@code epb_flags}, the FCS bits of a pcap link type); called by
     * readers only, after {@link #set}, which makes it unknown again.
     */
    public void setFcsLength(int bytes) {
        this.fcsLength = bytes;
    }

    /**
     * Bytes of frame check sequence at the end of an Ethernet frame: 0 when the file says there
     * is none, 4 when it says there is one, -1 when it does not say (Wireshark then guesses from
     * the trailer's length).
     */
    public int fcsLength() { return fcsLength; }

    /**
     * Marks the record just {@link #set} as something other than a timestamped packet; called by
     * readers only. A record without a time stamp (a pcapng Simple Packet Block, a custom block)
     * reports 0 seconds and tshark leaves its time fields empty.
     */
    public void setRecord(Kind kind, boolean hasTimestamp) {
        this.kind = kind;
        this.hasTimestamp = hasTimestamp;
    }

    private long customBlockPen;
    private boolean customBlockCopyable;

    /** For a {@link Kind#PCAPNG_CUSTOM_BLOCK}: its Private Enterprise Number and copy rule (pcapng §4.8). */
    public void setCustomBlock(long pen, boolean copyable) {
        this.customBlockPen = pen;
        this.customBlockCopyable = copyable;
    }

    /** The Private Enterprise Number of a custom block. */
    public long customBlockPen() { return customBlockPen; }

    /** Whether a custom block may be copied to a new file (block type 0x00000BAD rather than 0x40000BAD). */
    public boolean customBlockCopyable() { return customBlockCopyable; }

    /** What this record is; {@link Kind#PACKET} for all but a few pcapng blocks. */
    public Kind kind() { return kind; }

    /** False when the record carries no time stamp (pcapng SPB, custom blocks). */
    public boolean hasTimestamp() { return hasTimestamp; }

    /** Frame number, 1-based, in capture order ({@code frame.number}). */
    public long number() { return number; }

    /** Whole seconds since the Unix epoch (may be negative). */
    public long seconds() { return seconds; }

    /** Nanoseconds within {@link #seconds()}, 0..999,999,999. */
    public int nanos() { return nanos; }

    /**
     * Decimal digits of the fraction that the capture's resolution supports (6 for microsecond
     * pcap, 9 for nanosecond pcap or pcapng {@code if_tsresol=9}); tshark prints times with this many.
     */
    public int timestampDigits() { return timestampDigits; }

    /** The LINKTYPE_ value of the interface this record came from, see {@link LinkType}; -1 for non-packet records. */
    public int linkType() { return linkType; }

    /**
     * pcapng interface index within the file (0 for pcap), {@code frame.interface_id};
     * {@link #NO_INTERFACE} for records that belong to none.
     */
    public int interfaceId() { return interfaceId; }

    /** Bytes present in the capture ({@code frame.cap_len}). */
    public int capturedLength() { return capturedLength; }

    /** Bytes on the wire ({@code frame.len}); may exceed the captured length when a snaplen cut it. */
    public int originalLength() { return originalLength; }

    /** The memory that holds this frame's bytes, starting at {@link #offset()}. */
    public MemorySegment segment() { return segment; }

    /** Where the frame's first byte is inside {@link #segment()}. */
    public long offset() { return offset; }

    /**
     * Makes this a copy of {@code o} whose bytes are at {@code offset} of {@code segment} (a copy
     * of its own); the file it maps is left out, for the copy's bytes are no mapping of it.
     */
    public void copyOf(Frame o, MemorySegment segment, long offset) {
        set(o.number, o.seconds, o.nanos, o.timestampDigits, o.linkType, o.interfaceId, segment, offset,
                o.capturedLength, o.originalLength);
        kind = o.kind;
        hasTimestamp = o.hasTimestamp;
        fcsLength = o.fcsLength;
        comments = o.comments;
        customBlockPen = o.customBlockPen;
        customBlockCopyable = o.customBlockCopyable;
    }

    /** Copies the captured bytes out, for tests and for data that must outlive the frame. */
    public byte[] toByteArray() {
        return segment.asSlice(offset, capturedLength).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }
}
