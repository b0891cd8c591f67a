package dev.tcpscope.proto;

/**
 * One item of a frame's detail tree as a protocol above TCP adds to it (Wireshark's
 * {@code proto_tree}): the protocols here build their {@code -V} / {@code -T json} trees through
 * this interface, so that they need nothing from the {@code present} stage that prints them.
 * Each adding method returns the new item, to which children can be added in turn.
 *
 * <p>An item has a label (what {@code -V} prints), a key (the field's filter name, what
 * {@code -T json} names it) and, for fields, the value JSON shows. See
 * {@code present.DetailNode}, the implementation, for the kinds and flags.
 */
public interface Tree {
    /** Expert severities (epan/proto.h PI_*). */
    enum Severity { COMMENT, CHAT, NOTE, WARNING, ERROR }

    /** Expert groups (epan/proto.h PI_*), the ones the protocols here use. */
    enum Group { CHECKSUM, SEQUENCE, RESPONSE_CODE, REQUEST_CODE, UNDECODED, REASSEMBLE, MALFORMED, PROTOCOL, SECURITY, DECRYPTION }

    /** Adds a protocol item ({@code FT_PROTOCOL}). */
    Tree protocol(String key, String label);

    /** Adds a field with a value: {@code label} is the whole -V line, {@code value} what JSON shows. */
    Tree field(String key, String label, String value);

    /** Adds a field without a value ({@code FT_NONE}). */
    Tree none(String key, String label);

    /** Adds a text item (no field); its JSON key is its label. */
    Tree text(String label);

    /** Adds a hidden field: in JSON only. */
    Tree hidden(String key, String value);

    /** Replaces the label (Wireshark's {@code proto_item_set_text} on an item already added). */
    Tree relabel(String label);

    /** Marks this item generated ({@code -V} shows it in brackets). */
    Tree generated();

    /** Marks this item hidden ({@code -V} leaves it out). */
    Tree hide();

    /**
     * Adds an item whose label a dissector set from raw text ({@code proto_item_set_text("%s",
     * format_text(...))}): control characters escaped, " [truncated]" in front when it is longer
     * than Wireshark's 240-byte label. With a null {@code key} it is a text item.
     */
    Tree line(String key, String rawText, String value);

    /** Adds an {@code FT_STRING} field as Wireshark labels it: "Name: value", escaped and truncated. */
    Tree string(String key, String name, String value);

    /** Adds an {@code FT_BYTES} field: "Name: hex…" (the first 36 bytes) and the bytes in JSON. */
    Tree bytes(String key, String name, java.lang.foreign.MemorySegment s, long off, int len);

    /** Attaches the bytes of a {@code data} item: {@code -V} prints them in hex under it. */
    Tree dump(java.lang.foreign.MemorySegment s, long off, int len);

    /**
     * Marks this field an {@code FT_ABSOLUTE_TIME} holding {@code epochSeconds} and {@code nanos}:
     * {@code -T ek} writes such a value in UTC ("2026-11-24T14:25:25.485160908Z"), not as its label
     * shows it. Trees that print no ek output ignore it.
     */
    default Tree time(long epochSeconds, int nanos) {
        return this;
    }

    /**
     * Records the bytes this item covers: {@code len} bytes at {@code off} of {@code s}, the
     * segment the dissector read them from ({@code -T json -x}, {@code -T pdml} and the web view
     * show where each item is). Trees that keep no positions ignore it.
     */
    default Tree at(java.lang.foreign.MemorySegment s, long off, int len) {
        return this;
    }

    /** Sets the length of an item whose end was found after it was added ({@code proto_item_set_len}). */
    default Tree length(int len) {
        return this;
    }

    /**
     * Sets the bitmask of this item's field where Wireshark registers its name more than once
     * with different masks, so that the name alone does not say which (packet-dns.c's
     * {@code dns.qry.class} is plain for DNS and masked 0x7fff for mDNS): {@code -T json -x}
     * writes the bitmask and, for a non-zero one, the masked value. Trees that keep no positions
     * ignore it.
     */
    default Tree bitmask(long mask) {
        return this;
    }

    /**
     * Sets the Wireshark field type (its ftenum number in 4.0's epan/ftypes/ftypes.h) of this item
     * where the name is registered with more than one width (packet-cip.c's {@code cip.class} as
     * FT_UINT8, FT_UINT16 and FT_UINT32): {@code -T json -x} writes it in the item's "_raw"
     * array. Trees that keep no positions ignore it.
     */
    default Tree ftype(int ftenum) {
        return this;
    }

    /** Adds an expert item under this item ({@code expert_add_info}), keyed by the expert field's name. */
    Tree expert(String key, Severity severity, Group group, String message);

    /** A tree that keeps nothing: running a dissection only to see whether it reads past its end. */
    Tree NOTHING = new Tree() {
        @Override public Tree protocol(String key, String label) { return this; }
        @Override public Tree field(String key, String label, String value) { return this; }
        @Override public Tree none(String key, String label) { return this; }
        @Override public Tree text(String label) { return this; }
        @Override public Tree hidden(String key, String value) { return this; }
        @Override public Tree relabel(String label) { return this; }
        @Override public Tree generated() { return this; }
        @Override public Tree hide() { return this; }
        @Override public Tree line(String key, String rawText, String value) { return this; }
        @Override public Tree string(String key, String name, String value) { return this; }
        @Override public Tree bytes(String key, String name, java.lang.foreign.MemorySegment s, long off, int len) { return this; }
        @Override public Tree dump(java.lang.foreign.MemorySegment s, long off, int len) { return this; }
        @Override public Tree expert(String key, Severity severity, Group group, String message) { return this; }
    };
}
