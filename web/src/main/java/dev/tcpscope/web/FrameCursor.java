package dev.tcpscope.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpscope.capture.CaptureInterface;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.DetailNode;
import dev.tcpscope.present.Details;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.color.FilterColorizer;
import dev.tcpscope.present.explain.Explainer;
import dev.tcpscope.present.explain.Explanation;
import dev.tcpscope.present.explain.HeaderFigure;
import dev.tcpscope.present.explain.Lang;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Tcp;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * One frame's details for the page: the tree {@code read -V} prints (with each item's bytes),
 * the frame's bytes, and the teacher's explanation in both languages with the TCP header figure
 * and each side's state after the packet.
 *
 * <p>TCP analysis and the explanations need every earlier frame, in order. The cursor keeps one
 * decoder positioned after the last frame asked for: the next frame forward costs one frame's
 * work (stepping through a capture with the arrow keys), a frame backwards re-reads the capture
 * from its start. Nothing is kept per frame, so memory stays flat.
 *
 * <p>Writing explanations is most of a frame's cost (40 µs a frame for the two languages, ten
 * times the decoding), so only the frames of the streams asked about are explained: the first
 * question about another stream re-reads the capture once with that stream added (up to
 * {@value #FOLLOWED} streams).
 */
final class FrameCursor implements AutoCloseable {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    static final int FOLLOWED = 64;

    private final Path file;
    private final FilterColorizer colorizer;
    private final java.util.function.LongToIntFunction streamOf;
    private final java.util.Set<Integer> followed = new java.util.HashSet<>();
    private CaptureReader reader;
    private Decoder decoder;
    private Details details;
    private Explainer english, chinese;
    private final Frame frame = new Frame();
    private long at;

    /** {@code streamOf} names a frame's TCP stream (-1: none) before the cursor reaches it. */
    FrameCursor(Path file, FilterColorizer colorizer, java.util.function.LongToIntFunction streamOf) {
        this.file = file;
        this.colorizer = colorizer;
        this.streamOf = streamOf;
    }

    /**
     * The details of frame {@code number} (1-based), or null when the capture has fewer frames.
     */
    synchronized ObjectNode frame(long number) throws IOException {
        boolean fresh = false;
        boolean restart = reader == null || number <= at;
        int target = streamOf.applyAsInt(number);
        if (target >= 0 && !followed.contains(target)) {
            if (followed.size() >= FOLLOWED) {
                followed.clear();
            }
            followed.add(target);
            restart = true; // its earlier frames were not explained
        }
        if (restart) {
            reopen();
            fresh = true;
        }
        Explanation en = null, zh = null;
        while (at < number) {
            boolean more;
            try {
                more = reader.next(frame);
            } catch (dev.tcpscope.capture.CaptureFormatException e) {
                more = false; // damaged or, live, not written whole yet
            }
            if (!more) {
                if (fresh) {
                    return null;
                }
                // a live capture's file has grown since it was opened: read it again
                reopen();
                fresh = true;
                continue;
            }
            at++;
            decoder.decode(frame);
            decoder.display(); // the list shows every frame: deltas are from the previous one
            if (at == number || decoder.tcp() != null && followed.contains(decoder.tcp().stream)) {
                en = english.explain(decoder);
                zh = chinese.explain(decoder);
            }
        }
        return describe(en, zh);
    }

    private void reopen() throws IOException {
        close();
        reader = Captures.open(file.toString());
        decoder = new Decoder().payloads(Protocols.table());
        details = new Details(ZoneId.systemDefault(), MacNames::system);
        details.coloring(colorizer);
        english = new Explainer(Lang.EN, colorizer);
        chinese = new Explainer(Lang.ZH, colorizer);
        at = 0;
    }

    private ObjectNode describe(Explanation en, Explanation zh) {
        ObjectNode out = JSON.objectNode();
        out.put("number", frame.number());
        byte[] bytes = frame.toByteArray();
        out.put("bytes", java.util.HexFormat.of().formatHex(bytes));
        DetailNode root = details.build(decoder, interfaceOf(), reader.section());
        Dissection d = decoder.dissection();
        int tcpHeader = tcpHeaderLength(d);
        ArrayNode tree = out.putArray("tree");
        for (DetailNode n : root.children()) {
            if (!n.isHidden()) {
                tree.add(node(n, d, null, null, tcpHeader, bytes.length));
            }
        }
        ObjectNode teacher = out.putObject("teacher");
        teacher.set("en", lines(en == null ? List.of() : en.lines()));
        teacher.set("zh", lines(zh == null ? List.of() : zh.lines()));
        teacher.set("figure", lines(HeaderFigure.draw(decoder, true)));
        if (en != null && en.stream() >= 0) {
            teacher.put("stream", en.stream());
            teacher.put("role", en.role() == null ? "" : en.role().name());
            String[] states = english.states(en.stream());
            if (states != null) {
                ObjectNode s = teacher.putObject("states");
                s.put("client", states[0]);
                s.put("server", states[1]);
                s.put("clientAddress", states[2]);
                s.put("serverAddress", states[3]);
            }
        }
        return out;
    }

    private CaptureInterface interfaceOf() {
        int id = frame.interfaceId();
        List<CaptureInterface> all = reader.interfaces();
        return reader.section() >= 0 && id >= 0 && id < all.size() ? all.get(id) : null;
    }

    private int tcpHeaderLength(Dissection d) {
        int t = decoder.tcpLayer();
        if (t < 0 || d.captured(t) < Tcp.MIN_HEADER_LENGTH) {
            return 20;
        }
        return Tcp.headerLength(d.segment(t), d.offset(t));
    }

    /**
     * One tree item as {@code {l: label, k: key, g: generated, r: [start, length], c: [...]}};
     * {@code layer} is the byte range of the protocol it belongs to, {@code parent} its parent's
     * (what a field without a place of its own, such as a flag bit, highlights).
     */
    private ObjectNode node(DetailNode n, Dissection d, int[] layer, int[] parent, int tcpHeader, int frameLength) {
        ObjectNode o = JSON.objectNode();
        o.put("l", n.isGenerated() ? "[" + n.label() + "]" : n.label());
        String key = n.key();
        o.put("k", key);
        if (n.kind() == DetailNode.Kind.FIELD && n.value() != null) {
            o.put("v", n.value());
        }
        int[] range = null;
        int[] own = layer;
        if (n.kind() == DetailNode.Kind.PROTOCOL) {
            if (key.equals("frame")) {
                own = new int[] {0, frameLength};
            } else {
                int i = ByteRanges.layer(d, key);
                int t = decoder.tcpLayer();
                int udp = d.last(dev.tcpscope.wire.Proto.UDP);
                if (i >= 0) {
                    own = ByteRanges.ofLayer(d, i);
                } else if (t >= 0) {
                    own = ByteRanges.payload(d, t, tcpHeader, frameLength);
                } else if (udp >= 0) {
                    own = ByteRanges.payload(d, udp, 8, frameLength);
                } else {
                    own = null;
                }
            }
            range = own;
        } else if (!n.isGenerated() && layer != null) {
            range = ByteRanges.field(key, layer, tcpHeader);
            if (range == null) {
                range = parent;
            }
        }
        if (range != null && range[1] > 0) {
            o.putArray("r").add(range[0]).add(range[1]);
        }
        if (n.isGenerated()) {
            o.put("g", true);
        }
        if (n.hasChildren()) {
            ArrayNode c = o.putArray("c");
            for (DetailNode child : n.children()) {
                if (!child.isHidden()) {
                    // the frame's own items (times, numbers, lengths) have no bytes, as in Wireshark
                boolean frameItem = key.equals("frame");
                c.add(node(child, d, frameItem ? null : own, frameItem ? null : range, tcpHeader, frameLength));
                }
            }
        }
        return o;
    }

    private static ArrayNode lines(List<String> lines) {
        ArrayNode a = JSON.arrayNode();
        lines.forEach(a::add);
        return a;
    }

    @Override
    public synchronized void close() throws IOException {
        if (reader != null) {
            reader.close();
            reader = null;
        }
    }
}
