package dev.tcpscope.present;

import dev.tcpscope.capture.CaptureInterface;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Reassembly;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@code tshark -V}, {@code -O}, {@code -x} and {@code -T json} print for each frame, in
 * tshark's arrangement (its {@code print_packet}): the detail tree, then with {@code -x} a blank
 * line and the hex dump, each packet followed by a blank line; or one JSON object per packet in
 * an array. One frame at a time: nothing is kept between frames but the analysis state.
 */
public final class DetailPrinter {
    /** The output format. */
    public enum Format { TEXT, JSON }

    private final Details details;
    private final Format format;
    private final boolean tree;
    private final boolean hex;
    private final DetailText text;
    private final DetailJson json;

    /**
     * @param format          text or JSON
     * @param tree            print the detail tree ({@code -V} or {@code -O}); JSON always has it
     * @param hex             print the hex dump ({@code -x}; text only)
     * @param only            the protocols {@code -O} expands, or null for all
     * @param noDuplicateKeys JSON: merge items with the same key into arrays
     */
    public DetailPrinter(Format format, boolean tree, boolean hex, Set<String> only, boolean noDuplicateKeys,
                         ZoneId zone, Supplier<MacNames> macs) {
        this.details = new Details(zone, macs);
        this.format = format;
        this.tree = tree || format == Format.JSON;
        this.hex = hex;
        this.text = new DetailText(only, !hex);
        this.json = new DetailJson(noDuplicateKeys, zone);
    }

    /**
     * Names each frame's coloring rule in its tree ({@code frame.coloring_rule.name} and
     * {@code .string}), as tshark does when {@code --color} is given; null for none.
     */
    public DetailPrinter coloring(dev.tcpscope.present.color.Colorizer colorizer) {
        details.coloring(colorizer);
        return this;
    }

    /** What comes before the first packet. */
    public void begin(StringBuilder out) {
        if (format == Format.JSON) {
            json.begin(out);
        }
    }

    /** Appends the output for the frame {@code decoder} has just decoded. */
    public void appendFrame(StringBuilder out, Decoder decoder, CaptureInterface iface, int section) {
        DetailNode root = tree ? details.build(decoder, iface, section) : null;
        Frame f = decoder.frame();
        switch (format) {
            case JSON -> json.appendPacket(out, root, f.seconds());
            case TEXT -> {
                if (root != null) {
                    text.append(out, root);
                    if (hex) {
                        out.append('\n');
                    }
                }
                if (hex) {
                    hexDump(out, f, decoder.dissection().reassembly(), Details.aboveSources(decoder));
                }
                out.append('\n');
            }
        }
    }

    /**
     * The hex dump of each data source, as tshark's {@code print_hex_data}: the frame alone, or,
     * when the frame completed an IP datagram, each source named ("Frame (N bytes):",
     * "Reassembled IPv4 (N bytes):") before its dump.
     */
    private static void hexDump(StringBuilder out, Frame f, Reassembly r, List<Map.Entry<String, byte[]>> above) {
        int cap = f.capturedLength();
        if (r == null && above.isEmpty()) {
            HexDump.append(out, f.segment(), f.offset(), cap);
            return;
        }
        out.append("Frame (").append(cap).append(Details.bytes(cap)).append("):\n");
        if (cap == 0) {
            return; // print_hex_data stops at the first empty source
        }
        HexDump.append(out, f.segment(), f.offset(), cap);
        if (r != null) {
            out.append(r.sourceName()).append(" (").append(r.length()).append(Details.bytes(r.length())).append("):\n");
            HexDump.append(out, r.segment(), r.offset(), r.length());
        }
        for (Map.Entry<String, byte[]> source : above) { // the protocols above TCP (HTTP's bodies)
            byte[] b = source.getValue();
            out.append(source.getKey()).append(" (").append(b.length).append(Details.bytes(b.length)).append("):\n");
            if (b.length == 0) {
                return;
            }
            HexDump.append(out, java.lang.foreign.MemorySegment.ofArray(b), 0, b.length);
        }
    }

    /** What comes after the last packet. */
    public void end(StringBuilder out) {
        if (format == Format.JSON) {
            json.end(out);
        }
    }
}
