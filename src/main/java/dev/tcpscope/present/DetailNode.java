package dev.tcpscope.present;

import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * One item of a frame's detail tree, as Wireshark's {@code proto_tree} holds it: what {@code -V}
 * prints for it (its label), what {@code -T json} names it (its key, the field's filter name)
 * and the value JSON shows, with the flags that decide where it appears.
 *
 * <p>Three kinds, as in Wireshark: a {@link Kind#PROTOCOL} ({@code FT_PROTOCOL}: no value; in
 * JSON a protocol without children shows its label), a {@link Kind#FIELD} with a value, or
 * without one ({@code FT_NONE}: a label such as {@code tcp.analysis.retransmission}), and a
 * {@link Kind#TEXT} item that has no field at all (Wireshark's {@code hf_text_only}), whose
 * JSON key is its label.
 *
 * <p>A hidden item is left out of {@code -V} (with its subtree) but written to JSON, as tshark
 * does for {@code tcp.port} or {@code ip.addr}. A generated item is one Wireshark computed rather
 * than read: {@code -V} puts its label in brackets.
 *
 * <p>Trees are built per frame and dropped after printing; nothing here outlives a frame except
 * through the caller, so memory does not grow with the capture.
 */
public final class DetailNode implements Tree {
    /** What kind of tree item this is; see the class comment. */
    public enum Kind { PROTOCOL, FIELD, TEXT }

    private final Kind kind;
    private final String key;
    private String label;
    private String value;
    /**
     * The bytes whose colon-separated hex is the value, made only when asked for (-V never asks),
     * or null; JSON writes them without making the String ({@link #hexValue}).
     */
    private MemorySegment hexOf;
    private long hexOffset;
    private int hexLength;
    private boolean hidden;
    private boolean generated;
    private MemorySegment data;
    private long dataOffset;
    private int dataLength;
    private boolean timed;
    private long timeSeconds;
    private int timeNanos;
    private List<DetailNode> children;
    /** Where the item's bytes are (see {@link #at}): null when nothing said. */
    private MemorySegment at;
    private long atOffset;
    private int atLength;
    /** The field's bitmask where the registry's is not this item's ({@link Tree#bitmask}); -1 when not set. */
    private long bitmask = -1;

    private DetailNode(Kind kind, String key, String label, String value) {
        this.kind = kind;
        this.key = key;
        this.label = label;
        this.value = value;
    }

    /** The invisible root whose children are the frame's protocols. */
    public static DetailNode root() {
        return new DetailNode(Kind.TEXT, "", "", null);
    }

    /** Adds a protocol item ({@code FT_PROTOCOL}) such as {@code ip}. */
    @Override
    public DetailNode protocol(String key, String label) {
        return add(new DetailNode(Kind.PROTOCOL, key, label, null));
    }

    /** Adds a field with a value: {@code label} is the whole -V line, {@code value} what JSON shows. */
    @Override
    public DetailNode field(String key, String label, String value) {
        return add(new DetailNode(Kind.FIELD, key, label, value));
    }

    /**
     * Adds a field whose value is the hex of {@code len} bytes at {@code off} of {@code s}, colon
     * separated ({@code tcp.payload}, {@code data.data}), made only if something asks for it: a
     * payload's hex, which {@code -V} never prints, was a fifth of its time. The bytes must stay
     * valid for as long as the tree is (the frame's bytes are).
     */
    public DetailNode hexField(String key, String label, MemorySegment s, long off, int len) {
        DetailNode n = add(new DetailNode(Kind.FIELD, key, label, null));
        n.hexOf = s;
        n.hexOffset = off;
        n.hexLength = len;
        return n;
    }

    /** Adds a field without a value ({@code FT_NONE}): JSON shows it as an empty string. */
    @Override
    public DetailNode none(String key, String label) {
        return add(new DetailNode(Kind.FIELD, key, label, null));
    }

    /** Adds a hidden field: in JSON only. */
    @Override
    public DetailNode hidden(String key, String value) {
        return field(key, key, value).hide();
    }

    /** Adds a text item (no field): its JSON key is its label. */
    @Override
    public DetailNode text(String label) {
        return add(new DetailNode(Kind.TEXT, label, label, null));
    }

    private DetailNode add(DetailNode child) {
        if (children == null) {
            children = new ArrayList<>(8);
        }
        children.add(child);
        return child;
    }

    /**
     * Replaces the label. Wireshark appends to a protocol's label as its dissector reads on
     * ("Src Port: 80, Dst Port: ..."); the label shown is the one it had when dissection ended.
     */
    public DetailNode relabel(String newLabel) {
        label = newLabel;
        return this;
    }

    /** Marks this item generated: -V shows its label in brackets. */
    @Override
    public DetailNode generated() {
        generated = true;
        return this;
    }

    @Override
    public DetailNode expert(String key, Tree.Severity severity, Tree.Group group, String message) {
        return Expert.add(this, key, Expert.Severity.valueOf(severity.name()), Expert.Group.valueOf(group.name()), message);
    }

    @Override
    public DetailNode line(String key, String rawText, String value) {
        String label = Labels.represented(Labels.formatText(rawText));
        return key == null ? text(label) : field(key, label, value);
    }

    @Override
    public DetailNode string(String key, String name, String value) {
        return field(key, Labels.truncated(name, Labels.formatText(value)), value);
    }

    @Override
    public DetailNode bytes(String key, String name, MemorySegment s, long off, int len) {
        return field(key, Labels.truncated(name, Labels.hexShort(s, off, len)), Labels.hexColons(s, off, len)).at(s, off, len);
    }

    @Override
    public DetailNode dump(MemorySegment s, long off, int len) {
        return bytes(s, off, len);
    }

    @Override
    public DetailNode time(long epochSeconds, int nanos) {
        timed = true;
        timeSeconds = epochSeconds;
        timeNanos = nanos;
        return this;
    }

    /**
     * Records the bytes the item covers: {@code len} bytes at {@code off} of {@code s}, the same
     * segment and offsets the dissector read them from (a frame's bytes, or a reassembled PDU's).
     * {@code -T json -x}, {@code -T pdml} and the web view's byte highlighting turn them into a
     * position within the data source that holds them. A length of -1 means "to the end of the
     * data", as Wireshark's items; nothing recorded, the item has no position.
     */
    @Override
    public DetailNode at(MemorySegment s, long off, int len) {
        at = s;
        atOffset = off;
        atLength = len;
        return this;
    }

    /** Sets the length of an item whose end was found later ({@code proto_item_set_len}). */
    @Override
    public DetailNode length(int len) {
        atLength = len;
        return this;
    }

    /** Sets this item's bitmask, for a field name registered with more than one ({@link Tree#bitmask}). */
    @Override
    public DetailNode bitmask(long mask) {
        bitmask = mask;
        return this;
    }

    /** The bitmask {@link #bitmask(long)} set, or -1 when none was (the registry's applies). */
    public long bitmask() { return bitmask; }

    /**
     * Gives this item and its children (not theirs) that recorded no place an empty one at
     * {@code off} of {@code s}: where a dissector adds computed items with no length (PDML's
     * {@code pos}); the grandchildren, expert items and flags, are added with none in Wireshark.
     */
    public void placeUnplaced(MemorySegment s, long off) {
        if (at == null) {
            at(s, off, 0);
        }
        if (children != null) {
            for (DetailNode c : children) {
                if (c.at == null && !c.key().equals("_ws.expert")) {
                    c.at(s, off, 0);
                }
            }
        }
    }

    /** The segment of {@link #at}, or null when the item has no position. */
    public MemorySegment atSegment() { return at; }

    /** The offset of {@link #at} within {@link #atSegment}. */
    public long atOffset() { return atOffset; }

    /** The length of {@link #at} in bytes (-1: to the end of the data). */
    public int atLength() { return atLength; }

    /** Whether {@link #time} marked this field an absolute time. */
    public boolean isTime() { return timed; }

    /** The absolute time's seconds since the epoch (see {@link #time}). */
    public long timeSeconds() { return timeSeconds; }

    /** The absolute time's nanoseconds (see {@link #time}). */
    public int timeNanos() { return timeNanos; }

    /** Marks this item hidden: -V leaves it out. */
    @Override
    public DetailNode hide() {
        hidden = true;
        return this;
    }

    /**
     * Attaches the bytes of an undissected-data protocol item: {@code -V} without {@code -x}
     * prints them in hex under its label, as tshark does for {@code data}.
     */
    public DetailNode bytes(MemorySegment s, long offset, int length) {
        data = s;
        dataOffset = offset;
        dataLength = length;
        return this;
    }

    public Kind kind() { return kind; }

    /** The JSON key: the field name, or for a text item its label as it is now (it may have grown). */
    public String key() { return kind == Kind.TEXT ? label : key; }

    public String label() { return label; }

    /** The JSON value, or null for items without one. */
    public String value() {
        if (hexOf != null) {
            value = Labels.hexColons(hexOf, hexOffset, hexLength);
            hexOf = null;
        }
        return value;
    }

    /** Whether the item has a value ({@link #value()} is not null), without making it. */
    public boolean hasValue() {
        return value != null || hexOf != null;
    }

    /**
     * Writes the value in quotes when it is the hex of bytes not yet made into a String, and says
     * so; false writes nothing. A payload's hex straight from its bytes to the output.
     */
    boolean hexValue(LineWriter out) throws java.io.IOException {
        if (hexOf == null) {
            return false;
        }
        out.ascii('"');
        Labels.hex(out, hexOf, hexOffset, hexLength, true);
        out.ascii('"');
        return true;
    }

    /** As {@link #hexValue}, without the quotes (PDML's show attribute, which the hex needs no escape in). */
    boolean bareHexValue(LineWriter out) throws java.io.IOException {
        if (hexOf == null) {
            return false;
        }
        Labels.hex(out, hexOf, hexOffset, hexLength, true);
        return true;
    }

    public boolean isHidden() { return hidden; }

    public boolean isGenerated() { return generated; }

    /** The attached bytes (see {@link #bytes}), or null. */
    public MemorySegment data() { return data; }

    public long dataOffset() { return dataOffset; }

    public int dataLength() { return dataLength; }

    /** The children in order; empty when there are none. */
    public List<DetailNode> children() { return children == null ? List.of() : children; }

    public boolean hasChildren() { return children != null && !children.isEmpty(); }

    /** The last child added, or null. */
    public DetailNode lastChild() { return children == null || children.isEmpty() ? null : children.getLast(); }
}
