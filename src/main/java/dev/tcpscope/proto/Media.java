package dev.tcpscope.proto;

import dev.tcpscope.proto.gif.Gif;
import dev.tcpscope.proto.json.Json;
import dev.tcpscope.proto.png.Png;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.Map;

/**
 * Wireshark's "media_type" dissector table and the "http" heuristic list, for the media formats
 * tcpscope dissects: an HTTP body (after its codings) goes to the dissector its Content-Type
 * names; when that dissector declines the bytes, or there is none, each heuristic is tried in
 * turn (packet-http.c), and what none takes goes to the media or data dissector as before. A
 * media format is a package ({@code proto/gif}) plus a line in each table below.
 */
public final class Media {
    private Media() { }

    /** A dissector of one media format. */
    public interface Dissector {
        /** The protocol's filter name ({@code image-gif}), as {@code frame.protocols} lists it. */
        String name();

        /** Whether the bytes are this format (the dissector would not return 0 on them). */
        boolean accepts(MemorySegment s, long off, int len);

        /** What it appends to the Info column for bytes it accepts, given as {@code mediaType} (null: none). */
        String info(String mediaType, MemorySegment s, long off, int len);

        /** What it appends to the Protocol column after a "/" (JSON makes "HTTP/JSON"), or null. */
        default String protocolColumn() { return null; }

        /**
         * What it appends to the Protocol column for these bytes of type {@code mediaType}: by
         * default {@link #protocolColumn()}; XML names a DTD's root for the types DTDs register,
         * and data-text-lines says "XML" for the body it hands to XML.
         */
        default String protocolColumn(String mediaType, MemorySegment s, long off, int len) {
            return protocolColumn();
        }

        /**
         * Its items for bytes it accepts, at the frame's top level; false when it stopped where
         * it read past the bytes (Wireshark's bounds exception: the frame then ends "[Malformed
         * Packet: NAME]" and its Info "[Malformed Packet]").
         */
        boolean tree(Tree root, String mediaType, MemorySegment s, long off, int len,
                     java.util.function.Consumer<String> protocols);

        /**
         * Whether dissecting the bytes with a tree ends in a dissector bug (proto.c's DissectorError
         * for an item past its depth limit): {@link #tree} shows it, and the exception skips what
         * its caller would do after the call, such as packet-http.c's proto_item_set_len.
         */
        default boolean endsInBug(String mediaType, MemorySegment s, long off, int len) { return false; }

        /** Whether {@link #tree} can return false: when not, the packet list need not build the tree to know. */
        default boolean mayStopShort() { return true; }

        /**
         * Whether dissecting the bytes stops where it would read past them, with a tree or, for
         * the packet list when tshark builds none, without one; by default what {@link #tree}
         * says, walked over a tree that keeps nothing. A dissector that skips work without a tree
         * (file-jpeg.c's {@code if (!tree) return;}) answers for itself.
         */
        default boolean stopsShort(String mediaType, MemorySegment s, long off, int len, boolean tree) {
            return mayStopShort() && !tree(Tree.NOTHING, mediaType, s, off, len, protocol -> { });
        }
    }

    /**
     * What a media dissector throws where it would read past its bytes (Wireshark's bounds
     * exception); {@link #walk} catches it and its {@link Dissector#tree} returns false.
     */
    public static final class CutShort extends RuntimeException {
        public CutShort() {
            super(null, null, false, false);
        }
    }

    /** Runs a media dissector's walk over its bytes; false when it stopped with {@link CutShort}. */
    public static boolean walk(Runnable walk) {
        try {
            walk.run();
            return true;
        } catch (CutShort e) {
            return false; // Wireshark's bounds exception: nothing more is shown
        }
    }

    /**
     * packet-media.c's fields: {@code media} (its item, "Media Type") and {@code media.type} (the
     * bytes), from the frame's HTTP tree, where the media dissector's items are.
     */
    public static List<dev.tcpscope.field.Field> fields() {
        return List.of(
                Collected.field("media", "Media Type", dev.tcpscope.field.FieldType.PROTOCOL, 0,
                        Media::treeFields),
                Collected.field("media.type", "Media type", dev.tcpscope.field.FieldType.BYTES, 0,
                        Media::treeFields));
    }

    /**
     * The items of the frame's tree where media dissectors put theirs: HTTP's (a body), else
     * a mail protocol's ({@link #mailTreeFields}), for the fields of the media formats.
     */
    public static Collected treeFields(dev.tcpscope.tcp.Decoder d) {
        Collected http = dev.tcpscope.proto.http.Http.treeFields(d);
        if (http != null) {
            return http;
        }
        return mailTreeFields(d);
    }

    /** The items of the frame's SMTP tree, else its POP tree, else its IMAP tree: where an IMF message and its body are. */
    public static Collected mailTreeFields(dev.tcpscope.tcp.Decoder d) {
        Collected smtp = dev.tcpscope.proto.smtp.SmtpFields.treeFields(d);
        if (smtp != null) {
            return smtp;
        }
        dev.tcpscope.proto.pop.Pop pop = Collected.dissector(d, "pop", dev.tcpscope.proto.pop.Pop.class);
        Collected c = pop == null ? null : pop.treeFields(d.frame().number());
        if (c != null) {
            return c;
        }
        dev.tcpscope.proto.imap.Imap imap = Collected.dissector(d, "imap", dev.tcpscope.proto.imap.Imap.class);
        return imap == null ? null : imap.treeFields(d.frame().number());
    }

    private static final Map<String, Dissector> BY_TYPE = byType();

    private static Map<String, Dissector> byType() {
        Map<String, Dissector> m = new java.util.HashMap<>();
        m.put("image/gif", Gif.DISSECTOR);
        m.put("image/png", Png.DISSECTOR);
        for (String type : dev.tcpscope.proto.jfif.Jfif.MEDIA_TYPES) {
            m.put(type, dev.tcpscope.proto.jfif.Jfif.DISSECTOR);
        }
        for (String type : Json.MEDIA_TYPES) {
            m.put(type, Json.DISSECTOR);
        }
        for (String type : dev.tcpscope.proto.text.TextLines.MEDIA_TYPES) {
            m.put(type, dev.tcpscope.proto.text.TextLines.DISSECTOR);
        }
        // after data-text-lines: both register application/x-wms-logplaystats, and packet-xml.c's
        // registration, the later one, is the one the table keeps (tshark shows that body as XML)
        for (String type : dev.tcpscope.proto.xml.Xml.MEDIA_TYPES) {
            m.put(type, dev.tcpscope.proto.xml.Xml.DISSECTOR);
        }
        return Map.copyOf(m);
    }

    /** The media dissector whose filter name is {@code name}, or null. */
    public static Dissector byName(String name) {
        for (Dissector d : BY_TYPE.values()) {
            if (d.name().equals(name)) {
                return d;
            }
        }
        return null;
    }

    private static final List<Dissector> HEURISTICS = List.of(Gif.DISSECTOR,
            dev.tcpscope.proto.jfif.Jfif.DISSECTOR, Png.DISSECTOR);

    /** The dissector registered for media type {@code type} (lower case, no parameters), or null. */
    public static Dissector byType(String type) {
        return type == null ? null : BY_TYPE.get(type);
    }

    /** The first heuristic dissector that accepts the bytes, or null. */
    public static Dissector heuristic(MemorySegment s, long off, int len) {
        for (Dissector d : HEURISTICS) {
            if (d.accepts(s, off, len)) {
                return d;
            }
        }
        return null;
    }
}
