package dev.tcpscope.proto;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.field.Values;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.Desegmenter;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link Tree} that keeps only the fields a protocol adds, in order, so that the fields a
 * filter or {@code -T fields -e} asks for come from the very code that builds the detail tree
 * (Wireshark's fields are the tree's items). Built for one frame when a field of the protocol is
 * asked for, and dropped with the frame.
 */
public final class Collected implements Tree {
    private final List<Item> items;

    /** One field: its name, and a string value or bytes. */
    private record Item(String key, String value, MemorySegment s, long off, int len) { }

    public Collected() {
        this(new ArrayList<>());
    }

    /** Whether an item of field {@code key} was added. */
    public boolean has(String key) {
        for (Item i : items) {
            if (i.key.equals(key)) {
                return true;
            }
        }
        return false;
    }

    private Collected(List<Item> items) {
        this.items = items;
    }

    /**
     * Adds the values of field {@code key} to {@code v}: integers (types {@code UINT},
     * {@code BOOLEAN}, {@code FRAMENUM}) with {@link Values#addLong}, bytes with
     * {@link Values#addBytes}, the rest as strings.
     */
    public void values(String key, boolean integer, Values v) {
        values(key, integer ? FieldType.UINT : FieldType.STRING, v);
    }

    /** As {@link #values(String, boolean, Values)}, an IPV4 field's dotted value as its 32-bit number. */
    public void values(String key, FieldType type, Values v) {
        boolean integer = type == FieldType.UINT || type == FieldType.INT || type == FieldType.BOOLEAN || type == FieldType.FRAMENUM;
        for (Item i : items) {
            if (!i.key.equals(key)) {
                continue;
            }
            if (type == FieldType.IPV4 && i.value != null) {
                String[] q = i.value.split("\\.");
                long a = 0;
                for (String x : q) {
                    a = a << 8 | (Integer.parseInt(x) & 0xff);
                }
                v.addLong(a);
            } else if (type == FieldType.ETHER && i.value != null && i.s == null) {
                // an address item added with its text ("00:11:22:33:44:55"): its six bytes
                byte[] mac = java.util.HexFormat.ofDelimiter(":").parseHex(i.value);
                v.addBytes(MemorySegment.ofArray(mac), 0, mac.length);
            } else if (type == FieldType.IPV6 && i.value != null && i.s == null) {
                // an address item added with its text ("ff02::d"): its sixteen bytes
                byte[] a = java.net.InetAddress.ofLiteral(i.value).getAddress();
                if (a.length == 4) { // "::ffff:a.b.c.d" comes back as IPv4
                    byte[] m = new byte[16];
                    m[10] = (byte) 0xff;
                    m[11] = (byte) 0xff;
                    System.arraycopy(a, 0, m, 12, 4);
                    a = m;
                }
                v.addBytes(MemorySegment.ofArray(a), 0, a.length);
            } else if (i.s != null) {
                v.addBytes(i.s, i.off, i.len);
            } else if (integer) {
                try {
                    // a BASE_HEX item's value is written as the tree shows it, 0x...
                    v.addLong(i.value.startsWith("0x") ? Long.parseUnsignedLong(i.value.substring(2), 16) : decimal(i.value, type));
                } catch (NumberFormatException e) {
                    v.addPresent(); // not a number: the field is there all the same
                }
            } else if (i.value == null) {
                v.addPresent();
            } else if (type == FieldType.RELATIVE_TIME) {
                // written as the tree shows it, seconds with nine decimals
                try {
                    boolean neg = i.value.startsWith("-");
                    String[] p = (neg ? i.value.substring(1) : i.value).split("\\.");
                    long ns = Long.parseLong(p[0]) * 1_000_000_000L + (p.length > 1 ? Long.parseLong(p[1]) : 0);
                    v.addLong(neg ? -ns : ns);
                } catch (NumberFormatException e) {
                    v.addPresent();
                }
            } else if (type == FieldType.DOUBLE) {
                try {
                    v.addDouble(Double.parseDouble(i.value));
                } catch (NumberFormatException e) {
                    v.addPresent();
                }
            } else {
                v.addString(i.value);
            }
        }
    }

    /** Hands {@code sink} the bytes of each item of field {@code key} that holds bytes, in order. */
    public void bytes(String key, dev.tcpscope.tcp.PduTable.Bytes sink) {
        for (Item i : items) {
            if (i.s != null && i.key.equals(key)) {
                sink.add(i.s, i.off, i.len);
            }
        }
    }

    /** Where a protocol's fields come from: its collected items for the decoder's current frame, or null. */
    public interface Source {
        Collected of(Decoder d);
    }

    /**
     * A field read from a protocol's collected items: {@code type} UINT or INT (with {@code bits}),
     * BOOLEAN, STRING, BYTES, PROTOCOL or NONE.
     */
    public static Field field(String name, String title, FieldType type, int bits, Source source) {
        return field(name, title, type, bits, type == FieldType.UINT || type == FieldType.INT ? Base.DEC : Base.NONE, source);
    }

    /**
     * As {@link #field(String, String, FieldType, int, Source)}, shown in {@code base}: an
     * integer's base, or {@link Base#ALLOW_ZERO} for a byte field whose empty value is {@code <none>}.
     */
    public static Field field(String name, String title, FieldType type, int bits, Base base, Source source) {
        if (type == FieldType.PROTOCOL) {
            // -T fields writes a protocol item's label when the dissector gave it one of its own
            // (proto_tree_add_protocol_format, proto_item_append_text), else the filter name
            return new Field(name, title, type, 0, base, (d, v) -> {
                Collected c = source.of(d);
                if (c != null) {
                    for (Item i : c.items) {
                        if (i.key.equals(name)) {
                            v.addString(title.equals(i.value) ? name : i.value);
                        }
                    }
                }
            });
        }
        dev.tcpscope.field.Extractor e = (d, v) -> {
            Collected c = source.of(d);
            if (c != null) {
                c.values(name, type, v);
            }
        };
        return new Field(name, title, type, type == FieldType.UINT || type == FieldType.INT ? bits : 0, base, e);
    }

    /** A decimal item value; an FT_UINT64 above Long.MAX_VALUE (PTP's correction.ns of a negative correction) kept unsigned. */
    private static long decimal(String value, FieldType type) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            if (type == FieldType.UINT) {
                return Long.parseUnsignedLong(value);
            }
            throw e;
        }
    }

    /** Walks one layer of a dissection into a collection (a protocol above IP: IGMP, VRRP). */
    @FunctionalInterface
    public interface LayerWalk {
        void walk(dev.tcpscope.wire.Dissection x, int i, Collected into);
    }

    /**
     * The items of every {@code p} layer of the frame {@code d} decoded, then of the datagram its
     * ICMP error quotes, each walked by {@code walk}; null when there is none.
     */
    public static Collected ofLayers(Decoder d, dev.tcpscope.wire.Proto p, LayerWalk walk) {
        Collected c = null;
        for (dev.tcpscope.wire.Dissection x = d.dissection(); x != null; x = x.quote()) {
            for (int i = 0; i < x.count(); i++) {
                if (x.proto(i) == p) {
                    if (c == null) {
                        c = new Collected();
                    }
                    walk.walk(x, i, c);
                }
            }
        }
        return c;
    }

    /** The registered dissector named {@code name} of the decoder's table, if it is a {@code type}. */
    public static <T> T dissector(Decoder d, String name, Class<T> type) {
        Desegmenter g = d.desegmenter();
        if (g == null || d.frame() == null || !(g.table() instanceof DissectorTable t)) {
            return null;
        }
        Object x = t.byName(name);
        return type.isInstance(x) ? type.cast(x) : null;
    }

    private Collected add(String key, String value) {
        if (key != null) {
            items.add(new Item(key, value, null, 0, 0));
        }
        return this;
    }

    @Override
    public Tree protocol(String key, String label) { return add(key, label); } // -e of a protocol: its label

    @Override
    public Tree field(String key, String label, String value) { return add(key, value); }

    @Override
    public Tree none(String key, String label) { return add(key, null); }

    @Override
    public Tree text(String label) { return this; }

    @Override
    public Tree hidden(String key, String value) { return add(key, value); }

    @Override
    public Tree relabel(String label) { return this; }

    @Override
    public Tree generated() { return this; }

    @Override
    public Tree hide() { return this; }

    @Override
    public Tree line(String key, String rawText, String value) { return add(key, value); }

    @Override
    public Tree string(String key, String name, String value) { return add(key, value); }

    @Override
    public Tree bytes(String key, String name, MemorySegment s, long off, int len) {
        if (key != null) {
            items.add(new Item(key, null, s, off, len));
        }
        return this;
    }

    @Override
    public Tree dump(MemorySegment s, long off, int len) { return this; }

    @Override
    public Tree expert(String key, Severity severity, Group group, String message) {
        // the expert item's own field (FT_NONE): a filter names it ("rlogin.terminal_speed.invalid")
        return key == null ? this : add(key, null);
    }
}
