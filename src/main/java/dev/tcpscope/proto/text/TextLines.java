package dev.tcpscope.proto.text;

import dev.tcpscope.proto.Media;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;

import java.lang.foreign.MemorySegment;
import java.util.List;
import java.util.function.Consumer;

/**
 * "Line-based text data" ({@code data-text-lines}, packet-text-media.c of Wireshark 4.0.17): the
 * media dissector of text/plain, text/html, text/css and the other line-based types in
 * {@link #MEDIA_TYPES}. It appends {@code (type)} to the Info column and shows the body a line
 * at a time, each line with its terminator, the item's label ending in the number of lines.
 * A body of more than 38 bytes that starts with {@code <?xml} goes to the XML dissector
 * ({@link dev.tcpscope.proto.xml.Xml}), which adds "/XML" to the Protocol column and nothing to
 * the Info column.
 */
public final class TextLines implements Media.Dissector {
    public static final TextLines DISSECTOR = new TextLines();

    /** The types packet-text-media.c registers in the "media_type" table. */
    public static final List<String> MEDIA_TYPES = List.of(
            "text/plain", "text/richtext", "text/enriched", "text/parameters", "text/html",
            "text/xml-external-parsed-entity", "text/css", "application/xml-external-parsed-entity",
            "text/javascript", "application/x-javascript", "application/x-tia-p25-issi",
            "application/x-tia-p25-sndcp", "application/x-ns-proxy-autoconfig",
            "text/vnd.sun.j2me.app-descriptor", "application/vnd.poc.refer-to", "application/vnd.drm.message",
            "application/x-wms-logplaystats", "application/x-rtsp-udp-packetpair");

    private TextLines() { }

    /** Its one field, the protocol's item ({@code -e data-text-lines} prints its label). */
    public static List<dev.tcpscope.field.Field> fields() {
        return List.of(dev.tcpscope.proto.Collected.field("data-text-lines", "Line-based text data",
                dev.tcpscope.field.FieldType.PROTOCOL, 0, Media::treeFields));
    }

    @Override
    public String name() { return "data-text-lines"; }

    @Override
    public boolean accepts(MemorySegment s, long off, int len) {
        return true; // it takes whatever it is given
    }

    @Override
    public boolean mayStopShort() { return false; }

    /** The body is XML by packet-text-media.c's test: handed to the XML dissector. */
    private static boolean xml(MemorySegment s, long off, int len) {
        return len > 38 && Text.startsWithIgnoreCase(s, off, len, "<?xml");
    }

    @Override
    public String protocolColumn(String mediaType, MemorySegment s, long off, int len) {
        return xml(s, off, len) ? dev.tcpscope.proto.xml.Xml.DISSECTOR.protocolColumn() : null;
    }

    @Override
    public boolean endsInBug(String mediaType, MemorySegment s, long off, int len) {
        return xml(s, off, len) && dev.tcpscope.proto.xml.Xml.DISSECTOR.endsInBug(mediaType, s, off, len);
    }

    @Override
    public String info(String mediaType, MemorySegment s, long off, int len) {
        return xml(s, off, len) || mediaType == null || mediaType.isEmpty() ? "" : " (" + mediaType + ")";
    }

    @Override
    public boolean tree(Tree root, String mediaType, MemorySegment s, long off, int len, Consumer<String> protocols) {
        if (xml(s, off, len)) {
            protocols.accept(dev.tcpscope.proto.xml.Xml.DISSECTOR.name()); // call_dissector(xml_handle)
            return dev.tcpscope.proto.xml.Xml.DISSECTOR.tree(root, mediaType, s, off, len, protocols);
        }
        boolean named = mediaType != null && !mediaType.isEmpty();
        int[] next = new int[1];
        int lines = 0;
        for (int at = 0; at < len; at += next[0]) {
            // tvb_find_line_end without desegmenting: a last line without terminator runs to the end
            Text.lineEnd(s, off + at, len - at, next, false);
            lines++;
        }
        Tree t = root.protocol("data-text-lines", "Line-based text data" + (named ? ": " + mediaType : "")
                + " (" + lines + " lines)").at(s, off, len);
        for (int at = 0; at < len; at += next[0]) {
            Text.lineEnd(s, off + at, len - at, next, false);
            t.line(null, Text.format(s, off + at, next[0]), null).at(s, off + at, next[0]);
        }
        return true;
    }
}
