package dev.tcpscope.present;

import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Set;

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
     * A numeric value not yet made into {@link #value} ({@link #field(String, String, long)}):
     * {@code -V} never reads a value, so the decimal String of a number is made only when asked.
     */
    private long number;
    private boolean numeric;
    private boolean hidden;
    private boolean generated;
    /** The children in order: the first {@link #childCount} of the array, or null. */
    private DetailNode[] children;
    private int childCount;
    /** Where the item's bytes are (see {@link #at}): null when nothing said. */
    private MemorySegment at;
    private long atOffset;
    private int atLength;
    /** What few items have (lazy hex, attached data, a time, a bitmask), or null: keeps the common item small. */
    private Rare rare;
    /**
     * Whether hidden items are left out of this tree as they are added ({@link #root(boolean)}):
     * {@code -V} prints none of them, and a frame has two dozen (eth.addr, ip.host, tcp.port ...).
     */
    private boolean dropsHidden;
    /** Whether this is {@link #SINK}, which keeps nothing added to it. */
    private boolean sink;
    /**
     * Whether this is a protocol {@code -O} does not expand: it keeps its label and nothing added
     * to it, as the children of such an item are never printed ({@link #root(boolean, Set)}).
     */
    private boolean collapsed;
    /** On a root for {@code -O}: the protocols whose items are kept; null keeps all. */
    private Set<String> expanded;

    /**
     * Where a hidden item goes in a tree that drops them: added items become the sink itself, and
     * what is set on it is never read. Shared by every tree (its fields are written, never read).
     */
    private static final DetailNode SINK = new DetailNode(Kind.TEXT, "", "", null);

    static {
        SINK.sink = true;
        SINK.dropsHidden = true;
    }

    /** The seldom-set parts of an item, apart so that the hundred items of a frame stay small. */
    private static final class Rare {
        /**
         * The bytes whose colon-separated hex is the value, made only when asked for (-V never asks),
         * or null; JSON writes them without making the String ({@link #hexValue}).
         */
        MemorySegment hexOf;
        long hexOffset;
        int hexLength;
        MemorySegment data;
        long dataOffset;
        int dataLength;
        boolean timed;
        long timeSeconds;
        int timeNanos;
        /** The field's bitmask where the registry's is not this item's ({@link Tree#bitmask}); -1 when not set. */
        long bitmask = -1;
        /** The field's type where the registry's is not this item's ({@link Tree#ftype}); -1 when not set. */
        int ftype = -1;
    }

    private Rare rare() {
        if (rare == null) {
            rare = new Rare();
        }
        return rare;
    }

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

    /**
     * A root as {@link #root()}; without {@code hiddenItems}, the hidden items added anywhere in
     * the tree through {@link #hidden} and {@link #hiddenField} are not kept (for {@code -V}).
     */
    public static DetailNode root(boolean hiddenItems) {
        return root(hiddenItems, null);
    }

    /**
     * A root as {@link #root(boolean)}, whose protocols not in {@code expanded} (unless it is null)
     * keep only their own line: {@code -O}, which prints nothing under them.
     */
    public static DetailNode root(boolean hiddenItems, Set<String> expanded) {
        DetailNode r = root();
        r.dropsHidden = !hiddenItems;
        r.expanded = expanded;
        return r;
    }

    /**
     * Whether items added to this one are kept: not under a protocol {@code -O} does not expand,
     * nor a dropped hidden item; a builder may skip making what would not be kept.
     */
    public boolean keepsItems() {
        return !collapsed && !sink;
    }

    /** Adds a protocol item ({@code FT_PROTOCOL}) such as {@code ip}. */
    @Override
    public DetailNode protocol(String key, String label) {
        DetailNode p = add(new DetailNode(Kind.PROTOCOL, key, label, null));
        if (expanded != null && p != SINK && !expanded.contains(key)) {
            p.collapsed = true;
        }
        return p;
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
        Rare r = n.rare();
        r.hexOf = s;
        r.hexOffset = off;
        r.hexLength = len;
        return n;
    }

    /**
     * Adds a field whose value is the decimal {@code value}: the same as {@link #field(String,
     * String, String)} with {@code Long.toString(value)}, made only if something reads it.
     */
    public DetailNode field(String key, String label, long value) {
        DetailNode n = add(new DetailNode(Kind.FIELD, key, label, null));
        n.number = value;
        n.numeric = true;
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
        return dropsHidden ? SINK : field(key, key, value).hide();
    }

    /** Adds a field and hides it: {@code field(key, label, value).hide()}, kept only where hidden items are. */
    public DetailNode hiddenField(String key, String label, String value) {
        return dropsHidden ? SINK : field(key, label, value).hide();
    }

    /** Adds a text item (no field): its JSON key is its label. */
    @Override
    public DetailNode text(String label) {
        return add(new DetailNode(Kind.TEXT, label, label, null));
    }

    private DetailNode add(DetailNode child) {
        if (sink || collapsed) {
            return SINK;
        }
        child.dropsHidden = dropsHidden;
        if (children == null) {
            children = new DetailNode[4];
        } else if (childCount == children.length) {
            children = java.util.Arrays.copyOf(children, childCount * 2);
        }
        children[childCount++] = child;
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
        // the value's hex made only when asked for ({@link #hexField}): -V never asks
        return hexField(key, Labels.truncated(name, Labels.hexShort(s, off, len)), s, off, len).at(s, off, len);
    }

    @Override
    public DetailNode dump(MemorySegment s, long off, int len) {
        return bytes(s, off, len);
    }

    @Override
    public DetailNode time(long epochSeconds, int nanos) {
        Rare r = rare();
        r.timed = true;
        r.timeSeconds = epochSeconds;
        r.timeNanos = nanos;
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
        rare().bitmask = mask;
        return this;
    }

    /** The bitmask {@link #bitmask(long)} set, or -1 when none was (the registry's applies). */
    public long bitmask() { return rare == null ? -1 : rare.bitmask; }

    /** Sets this item's field type, for a field name registered with more than one ({@link Tree#ftype}). */
    @Override
    public DetailNode ftype(int ftenum) {
        rare().ftype = ftenum;
        return this;
    }

    /** The type {@link #ftype(int)} set, or -1 when none was (the registry's applies). */
    public int ftype() { return rare == null ? -1 : rare.ftype; }

    /**
     * Gives this item and its children (not theirs) that recorded no place an empty one at
     * {@code off} of {@code s}: where a dissector adds computed items with no length (PDML's
     * {@code pos}); the grandchildren, expert items and flags, are added with none in Wireshark.
     */
    public void placeUnplaced(MemorySegment s, long off) {
        if (at == null) {
            at(s, off, 0);
        }
        for (int k = 0; k < childCount; k++) {
            DetailNode c = children[k];
            {
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
    public boolean isTime() { return rare != null && rare.timed; }

    /** The absolute time's seconds since the epoch (see {@link #time}). */
    public long timeSeconds() { return rare == null ? 0 : rare.timeSeconds; }

    /** The absolute time's nanoseconds (see {@link #time}). */
    public int timeNanos() { return rare == null ? 0 : rare.timeNanos; }

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
        Rare r = rare();
        r.data = s;
        r.dataOffset = offset;
        r.dataLength = length;
        return this;
    }

    public Kind kind() { return kind; }

    /** The JSON key: the field name, or for a text item its label as it is now (it may have grown). */
    public String key() { return kind == Kind.TEXT ? label : key; }

    public String label() { return label; }

    /** The JSON value, or null for items without one. */
    public String value() {
        if (numeric) {
            value = Long.toString(number);
            numeric = false;
        } else if (rare != null && rare.hexOf != null) {
            value = Labels.hexColons(rare.hexOf, rare.hexOffset, rare.hexLength);
            rare.hexOf = null;
        }
        return value;
    }

    /** Whether the item has a value ({@link #value()} is not null), without making it. */
    public boolean hasValue() {
        return value != null || numeric || rare != null && rare.hexOf != null;
    }

    /**
     * Writes the value in quotes when it is not yet a String (the hex of bytes, a number), and says
     * so; false writes nothing. A payload's hex straight from its bytes to the output.
     */
    boolean hexValue(LineWriter out) throws java.io.IOException {
        if (!numeric && (rare == null || rare.hexOf == null)) {
            return false;
        }
        out.ascii('"');
        bareHexValue(out);
        out.ascii('"');
        return true;
    }

    /** As {@link #hexValue}, without the quotes (PDML's show attribute, which the hex needs no escape in). */
    boolean bareHexValue(LineWriter out) throws java.io.IOException {
        if (numeric) {
            out.decimal(number);
            return true;
        }
        if (rare == null || rare.hexOf == null) {
            return false;
        }
        Labels.hex(out, rare.hexOf, rare.hexOffset, rare.hexLength, true);
        return true;
    }

    public boolean isHidden() { return hidden; }

    public boolean isGenerated() { return generated; }

    /** The attached bytes (see {@link #bytes}), or null. */
    public MemorySegment data() { return rare == null ? null : rare.data; }

    public long dataOffset() { return rare == null ? 0 : rare.dataOffset; }

    public int dataLength() { return rare == null ? 0 : rare.dataLength; }

    /** The children in order; empty when there are none. A view: the tree's writers use {@link #child}. */
    public List<DetailNode> children() {
        return children == null ? List.of() : java.util.Arrays.asList(children).subList(0, childCount);
    }

    /** How many children the item has. */
    public int childCount() { return childCount; }

    /** Child {@code k} (0-based, below {@link #childCount}). */
    public DetailNode child(int k) { return children[k]; }

    public boolean hasChildren() { return childCount > 0; }

    /** The last child added, or null. */
    public DetailNode lastChild() { return childCount == 0 ? null : children[childCount - 1]; }
}
