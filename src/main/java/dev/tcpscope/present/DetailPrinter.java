package dev.tcpscope.present;

import dev.tcpscope.capture.CaptureInterface;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;

import java.lang.foreign.MemorySegment;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What {@code tshark -V}, {@code -O}, {@code -x}, {@code -T json}, {@code -T ek} and {@code -T pdml}
 * print for each frame, in tshark's arrangement (its {@code print_packet}): the detail tree, then
 * with {@code -x} a blank line and the hex dump, each packet followed by a blank line; or one JSON
 * object per packet in an array; or two Elasticsearch bulk lines per packet; or one PDML
 * {@code <packet>} element per packet. One frame at a time: nothing is kept between frames but the
 * analysis state.
 */
public final class DetailPrinter {
    /** The output format. */
    public enum Format { TEXT, JSON, EK, PDML }

    private final Details details;
    private final Format format;
    private final boolean tree;
    private final boolean hex;
    private final DetailText text;
    private final DetailJson json;
    private final DetailEk ek;
    private final ZoneId zone;
    private final Pdml pdml;
    /** With -T pdml: the capture file the header names, or null for no header and end (-w). */
    private String pdmlFile;
    /** With --color: the rules whose match colors each PDML packet, else null. */
    private dev.tcpscope.present.color.Colorizer colorizer;
    /** With -T ek -P: the packet list whose columns head each document, else null. */
    private PacketList summary;
    private final String[] columnTexts = new String[PacketList.COLUMN_TITLES.size()];

    private FieldsFormat chosen;

    /**
     * @param format          text, JSON, ek or PDML
     * @param tree            print the detail tree ({@code -V} or {@code -O}); JSON and PDML always
     *                        have it, ek has it unless only the summary was asked for ({@code -P})
     * @param hex             print the hex dump ({@code -x}): text after the tree, JSON and ek each
     *                        item's bytes ({@code _raw})
     * @param only            the protocols {@code -O} expands, or null for all
     * @param noDuplicateKeys JSON: merge items with the same key into arrays
     */
    public DetailPrinter(Format format, boolean tree, boolean hex, Set<String> only, boolean noDuplicateKeys,
                         ZoneId zone, Supplier<MacNames> macs) {
        this.details = new Details(zone, macs);
        if (format == Format.TEXT) {
            details.hiddenItems(false); // -V, -O print no hidden item
            details.expanded(only); // nor, with -O, any item of the protocols it does not name
        }
        this.format = format;
        this.tree = tree || format == Format.JSON || format == Format.PDML;
        this.hex = hex;
        this.text = new DetailText(only, !hex);
        // only the format's own writer: ek's names table holds every protocol's fields (the whole
        // field table and ek-fields.tsv), 60 ms of a -V run's start-up when made for nothing
        this.json = format == Format.JSON ? new DetailJson(noDuplicateKeys, zone) : null;
        this.ek = format == Format.EK ? new DetailEk(zone) : null;
        this.zone = zone;
        this.pdml = format == Format.PDML ? new Pdml(dev.tcpscope.proto.Protocols.fields()) : null;
    }

    /**
     * -T pdml: the header names {@code captureFile} as given on the command line; null writes
     * neither header nor end, as tshark with -w.
     */
    public DetailPrinter pdmlDocument(String captureFile) {
        this.pdmlFile = captureFile;
        return this;
    }

    /**
     * Heads each ek document with the packet-list columns of {@code list} ({@code -T ek -P}),
     * which must decode with the printer's decoder and see every frame; null for none.
     */
    public DetailPrinter summary(PacketList list) {
        this.summary = list;
        return this;
    }

    /**
     * Names each frame's coloring rule in its tree ({@code frame.coloring_rule.name} and
     * {@code .string}), as tshark does when {@code --color} is given; null for none.
     */
    public DetailPrinter coloring(dev.tcpscope.present.color.Colorizer colorizer) {
        details.coloring(colorizer);
        this.colorizer = colorizer; // and -T pdml colors each packet's element
        return this;
    }

    /**
     * JSON or ek with chosen fields ({@code -T json -e FIELD}): each frame's {@code layers} holds
     * only those fields, as arrays of their texts, instead of the tree; null for the whole tree.
     */
    public DetailPrinter fields(FieldsFormat chosen) {
        this.chosen = chosen;
        return this;
    }

    /** What comes before the first packet. */
    public void begin(StringBuilder out) {
        if (format == Format.JSON) {
            json.begin(out);
        } else if (format == Format.PDML && pdmlFile != null) {
            Pdml.begin(out, pdmlFile, java.time.ZonedDateTime.now(zone));
        }
    }

    /**
     * Writes the output for the frame {@code decoder} has just decoded straight to {@code out}:
     * no StringBuilder between the tree and the output's bytes (one that held a character beyond
     * Latin-1 took two bytes a char and made every label's copy a conversion; see
     * {@link #writeText}).
     */
    public void write(LineWriter out, Decoder decoder, CaptureInterface iface, int section) throws java.io.IOException {
        if (format == Format.TEXT) {
            writeText(out, decoder, iface, section);
        } else if (format == Format.PDML) {
            writePdml(out, decoder, iface, section);
        } else if (format == Format.EK) {
            writeEk(out, decoder, iface, section);
        } else if (chosen != null) {
            json.writeFields(out, chosen, decoder, decoder.frame().seconds());
        } else {
            json.writePacket(out, details.build(decoder, iface, section), decoder.frame().seconds(),
                    hex ? DataSources.of(decoder) : null);
        }
    }

    /**
     * Writes the text ({@code -V}, {@code -O}, {@code -x}) of the frame {@code decoder} has just
     * decoded straight to {@code out}: the tree's labels and the hex dumps go into its byte buffer
     * with no StringBuilder between (one that held the '…' of a long Data line took two bytes a
     * char and made every label's copy a conversion: a third of -V's time).
     */
    private void writeText(LineWriter out, Decoder decoder, CaptureInterface iface, int section) throws java.io.IOException {
        if (tree) {
            text.write(out, details.build(decoder, iface, section));
            if (hex) {
                out.newline();
            }
        }
        if (hex) {
            hexDump(out, DataSources.of(decoder));
        }
        out.newline();
    }

    /** Appends the output for the frame {@code decoder} has just decoded: {@link #write} into a StringBuilder. */
    public void appendFrame(StringBuilder out, Decoder decoder, CaptureInterface iface, int section) {
        LineWriter.into(out, w -> write(w, decoder, iface, section));
    }

    /**
     * The two ek lines of a frame: the summary when asked for, then the tree or the chosen fields
     * as tshark writes them only when it built a tree (not for -P alone).
     */
    private void writeEk(LineWriter out, Decoder decoder, CaptureInterface iface, int section) throws java.io.IOException {
        Frame f = decoder.frame();
        String[] columns = null;
        if (summary != null) {
            summary.columns(decoder, columnTexts);
            columns = columnTexts;
        }
        if (chosen != null && tree) {
            if (columns != null) {
                chosen.prepare(columns);
            } else {
                chosen.prepare(decoder);
            }
            ek.writeFields(out, f.seconds(), f.nanos(), columns, chosen, decoder);
        } else {
            ek.writePacket(out, f.seconds(), f.nanos(), columns, tree ? details.build(decoder, iface, section) : null,
                    hex && tree ? DataSources.of(decoder) : null);
        }
    }

    /** A frame's {@code <packet>}: the tree, or the chosen fields. */
    private void writePdml(LineWriter out, Decoder decoder, CaptureInterface iface, int section) throws java.io.IOException {
        Frame f = decoder.frame();
        Pdml.Geninfo g = new Pdml.Geninfo(f.number(), f.originalLength(), f.capturedLength(), f.seconds(), f.nanos(),
                details.absolute(f.seconds(), f.nanos()));
        if (chosen != null) {
            Pdml.writeFields(out, chosen, decoder, g, colorizer == null ? null : colorizer.match(decoder));
            return;
        }
        DetailNode root = details.build(decoder, iface, section);
        pdml.writePacket(out, root, DataSources.of(decoder), g, colorizer == null ? null : colorizer.match(decoder));
    }

    /**
     * The hex dump of each data source, as tshark's {@code print_hex_data}: the frame alone, or,
     * when the frame has more than one source (a reassembled IP datagram or TCP PDU, HTTP's
     * bodies), each named ("Frame (N bytes):", "Reassembled TCP (N bytes):") before its dump.
     */
    private static void hexDump(LineWriter out, DataSources sources) throws java.io.IOException {
        List<DataSources.Source> all = sources.list();
        if (all.size() == 1) {
            DataSources.Source f = all.getFirst();
            HexDump.write(out, f.segment(), f.offset(), f.length());
            return;
        }
        for (DataSources.Source src : all) {
            if (!source(out, src.name(), src.segment(), src.offset(), src.length())) {
                return;
            }
        }
    }

    /** One named data source; false when it is empty, where print_hex_data stops. */
    private static boolean source(LineWriter out, String name, MemorySegment s, long off, int len) throws java.io.IOException {
        out.line(name + " (" + len + Details.bytes(len) + "):");
        if (len == 0) {
            return false;
        }
        HexDump.write(out, s, off, len);
        return true;
    }

    /** What comes after the last packet. */
    public void end(StringBuilder out) {
        if (format == Format.JSON) {
            json.end(out);
        } else if (format == Format.PDML && pdmlFile != null) {
            Pdml.end(out);
        }
    }
}
