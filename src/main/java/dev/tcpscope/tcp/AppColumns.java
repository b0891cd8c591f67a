package dev.tcpscope.tcp;

/**
 * The Protocol and Info columns as the protocols above TCP leave them for one frame, following
 * Wireshark's column rules (epan/column-utils.c): an application dissector replaces the Info
 * text TCP wrote (TCP's analysis labels stay in front, fenced), a fence keeps what is written
 * before it, and TCP appends {@code [TCP segment of a reassembled PDU]} or a reassembly error.
 * The packet list merges this with the TCP line ({@code present.PacketList}).
 */
public final class AppColumns {
    private String protocol;
    private boolean protocolLocked;
    private final StringBuilder info = new StringBuilder(128);
    private boolean replaced;
    private int fence;
    private boolean touched;
    private boolean baseKept;
    /** What {@code col_prepend_fstr} put in front of the whole column (null: nothing). */
    private String prefix;

    private java.lang.foreign.MemorySegment macSegment;
    private long macSource = -1, macDestination = -1;
    private String sourceText, destinationText;

    /**
     * The Source and Destination columns as a dissector above TCP left pinfo's addresses: the MAC
     * addresses at {@code src} and {@code dst} of {@code s} (packet-openflow_v1.c hands a
     * PACKET_IN's frame to eth_withoutfcs and does not restore them).
     */
    public void setAddresses(java.lang.foreign.MemorySegment s, long src, long dst) {
        macSegment = s;
        macSource = src;
        macDestination = dst;
        sourceText = null;
        destinationText = null;
    }

    /** As {@link #setAddresses(java.lang.foreign.MemorySegment, long, long)}, addresses already written (IPv4). */
    public void setAddresses(String src, String dst) {
        macSegment = null;
        sourceText = src;
        destinationText = dst;
    }

    /** The MAC addresses' bytes for the Source and Destination columns, or null. */
    public java.lang.foreign.MemorySegment macSegment() { return macSegment; }

    public long macSource() { return macSource; }

    public long macDestination() { return macDestination; }

    /** The Source and Destination columns' text, or null. */
    public String sourceText() { return sourceText; }

    public String destinationText() { return destinationText; }

    void reset() {
        macSegment = null;
        sourceText = null;
        destinationText = null;
        protocol = null;
        protocolLocked = false;
        info.setLength(0);
        replaced = false;
        fence = 0;
        touched = false;
        baseKept = false;
        leadingSeparator = null;
        prefix = null;
    }

    /**
     * {@code col_prepend_fstr(COL_INFO)}: {@code text} goes in front of the whole column, TCP's
     * fenced analysis labels included (SSH's "Client: " before "[TCP Fast Retransmission] ").
     */
    public void prependInfo(String text) {
        prefix = text;
        touched = true;
    }

    /** What goes in front of the whole Info column, TCP's labels included (null: nothing). */
    public String infoPrefix() { return prefix; }

    /** {@code col_set_str(COL_PROTOCOL)}, unless TCP made the column read-only. */
    public void setProtocol(String p) {
        if (!protocolLocked) {
            protocol = p;
            touched = true;
        }
    }

    /** {@code col_set_str / col_add_str(COL_INFO)}: replaces the text after the fence. */
    public void setInfo(CharSequence text) {
        if (!replaced && !baseKept) {
            replaced = true;
        }
        info.setLength(fence);
        info.append(text);
        limit();
        touched = true;
    }

    /** COL_MAX_INFO_LEN (epan/column-info.h): the Info column's buffer, NUL included. */
    public static final int MAX_INFO = 4096;

    /**
     * How many chars of {@code info} Wireshark's fixed Info buffer keeps: at most {@link #MAX_INFO}
     * − 1 bytes of UTF-8 (g_strlcat cuts what does not fit; here the cut is moved back to a
     * character's start).
     */
    public static int kept(CharSequence info) {
        if (info.length() < MAX_INFO / 4) {
            return info.length();
        }
        int bytes = 0;
        for (int i = 0; i < info.length(); i++) {
            char c = info.charAt(i);
            int n = c < 0x80 ? 1 : c < 0x800 ? 2 : Character.isHighSurrogate(c) ? 4 : Character.isLowSurrogate(c) ? 0 : 3;
            if (bytes + n > MAX_INFO - 1) {
                return i;
            }
            bytes += n;
        }
        return info.length();
    }

    /** Cuts the text to what the column's buffer holds: whatever is written to a full column is lost. */
    private void limit() {
        info.setLength(kept(info));
    }

    /**
     * {@code col_append_str(COL_INFO)}. A leading space is the separator of TCP's
     * {@code col_append_sep_str(" ", "[TCP segment of a reassembled PDU]")}: it is dropped when a
     * dissector cleared the column ({@code col_clear}, as TLS does) and wrote nothing since, the
     * column then being empty.
     */
    public void appendInfo(CharSequence text) {
        if (!replaced) {
            baseKept = true;
        } else if (info.isEmpty() && !text.isEmpty() && text.charAt(0) == ' ') {
            text = text.subSequence(1, text.length());
            leadingSeparator = " ";
        }
        info.append(text);
        limit();
        touched = true;
    }

    /**
     * {@code col_append_sep_str(COL_INFO, sep, text)}: {@code sep} first unless the column is
     * empty. When it is empty as far as the protocols above TCP know, the separator is remembered
     * ({@link #leadingSeparator()}): TCP's analysis labels ("[TCP ACKed unseen segment] ") were in
     * tshark's column when the dissector wrote, so the packet list puts it after them.
     */
    public void appendSeparated(String sep, CharSequence text) {
        if (info.isEmpty()) {
            if (replaced) {
                leadingSeparator = sep;
            }
            appendInfo(text);
        } else {
            appendInfo(sep);
            info.append(text);
            limit();
        }
    }

    private String leadingSeparator;

    /** The separator a cleared column dropped in front of {@link #info()} (null: none). */
    public String leadingSeparator() { return replaced && !info.isEmpty() ? leadingSeparator : null; }

    /** {@code col_set_fence(COL_INFO)}. */
    public void fence() {
        if (!replaced) {
            baseKept = true;
        }
        fence = info.length();
    }

    void lockProtocol() { protocolLocked = true; }

    private String savedProtocol;
    private int savedLength, savedFence;
    private boolean savedReplaced, savedTouched, savedBaseKept;
    private String savedSeparator;
    private String savedPrefix;

    /** Remembers the columns, for {@link #restore()}. */
    void mark() {
        savedProtocol = protocol;
        savedLength = info.length();
        savedFence = fence;
        savedReplaced = replaced;
        savedTouched = touched;
        savedBaseKept = baseKept;
        savedSeparator = leadingSeparator;
        savedPrefix = prefix;
    }

    /** Puts the columns back as {@link #mark()} found them (text written since is dropped). */
    void restore() {
        protocol = savedProtocol;
        fence = savedFence;
        replaced = savedReplaced;
        touched = savedTouched;
        baseKept = savedBaseKept;
        leadingSeparator = savedSeparator;
        prefix = savedPrefix;
        if (info.length() > savedLength) {
            info.setLength(savedLength);
        }
    }

    /** The MAC addresses of a copy ({@link #copyOf}): the source's six bytes, then the destination's. */
    private byte[] macCopy;

    /**
     * Makes this a copy of what {@code o} holds for the packet list: its columns, its addresses
     * (MAC addresses copied out of the buffer they were in). The saved state is not copied.
     */
    public void copyOf(AppColumns o) {
        reset();
        protocol = o.protocol;
        protocolLocked = o.protocolLocked;
        info.append(o.info);
        replaced = o.replaced;
        fence = o.fence;
        touched = o.touched;
        baseKept = o.baseKept;
        leadingSeparator = o.leadingSeparator;
        prefix = o.prefix;
        sourceText = o.sourceText;
        destinationText = o.destinationText;
        if (o.macSegment != null) {
            if (macCopy == null) {
                macCopy = new byte[12];
            }
            java.lang.foreign.MemorySegment.copy(o.macSegment, java.lang.foreign.ValueLayout.JAVA_BYTE, o.macSource, macCopy, 0, 6);
            java.lang.foreign.MemorySegment.copy(o.macSegment, java.lang.foreign.ValueLayout.JAVA_BYTE, o.macDestination, macCopy, 6, 6);
            macSegment = java.lang.foreign.MemorySegment.ofArray(macCopy);
            macSource = 0;
            macDestination = 6;
        }
    }

    /** Whether anything above TCP touched the columns of this frame. */
    public boolean touched() { return touched; }

    /** The Protocol column, or null when TCP's stays. */
    public String protocol() { return protocol; }

    /** Whether {@link #info()} replaces TCP's Info text (true) or is appended to it (false). */
    public boolean replacesInfo() { return replaced; }

    /** The Info text written above TCP. */
    public CharSequence info() { return info; }
}
