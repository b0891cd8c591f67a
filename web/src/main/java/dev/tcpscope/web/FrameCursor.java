package dev.tcpscope.web;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.tcpscope.capture.CaptureInterface;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.DataSources;
import dev.tcpscope.present.DetailNode;
import dev.tcpscope.present.Details;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.Placed;
import dev.tcpscope.present.color.FilterColorizer;
import dev.tcpscope.present.explain.Explainer;
import dev.tcpscope.present.explain.Explanation;
import dev.tcpscope.present.explain.HeaderFigure;
import dev.tcpscope.present.explain.Lang;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

/**
 * One frame's details for the page: the tree {@code read -V} prints (with each item's bytes),
 * the frame's bytes, and, asked for apart, the teacher's explanation in both languages with the
 * TCP header figure and each side's state after the packet.
 *
 * <p>TCP analysis and the explanations need every earlier frame, in order, and nothing of a
 * decoder can be kept per frame without memory growing with the capture. So two walks keep a
 * decoder each, positioned after the last frame asked for: the next frame forward costs one
 * frame's work. The details walk also keeps the trees of the last {@value #KEPT} frames it passed
 * (built only near the frame asked for), so stepping back a little is free; further back re-reads
 * the capture from its start (about 2 s per million frames).
 *
 * <p>Writing explanations costs ten times the decoding (40 µs a frame for the two languages),
 * so the teacher's walk explains only the frames of the streams asked about, and of the streams
 * around them in the list (the frames the arrow keys reach next); the first question about
 * another stream re-reads the capture once with it added (up to {@value #FOLLOWED} streams).
 */
final class FrameCursor implements AutoCloseable {
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    static final int KEPT = 128;
    static final int FOLLOWED = 512;
    /** The frames on each side of one asked about whose streams the teacher follows too. */
    private static final int AROUND = 64;

    private final Path file;
    private final FilterColorizer colorizer;
    private final java.util.function.LongToIntFunction streamOf;
    private final Walk details = new Walk();
    private final Walk teacher = new Walk();
    private final java.util.Map<Long, ObjectNode> kept = new java.util.LinkedHashMap<>(KEPT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, ObjectNode> e) {
            return size() > KEPT;
        }
    };
    private final java.util.Map<Long, ObjectNode> taught = new java.util.LinkedHashMap<>(KEPT * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(java.util.Map.Entry<Long, ObjectNode> e) {
            return size() > KEPT;
        }
    };
    private final java.util.Set<Integer> followed = new java.util.HashSet<>();
    private Details tree;
    private Explainer english, chinese;

    /** {@code streamOf} names a frame's TCP stream (-1: none) before the walks reach it. */
    FrameCursor(Path file, FilterColorizer colorizer, java.util.function.LongToIntFunction streamOf) {
        this.file = file;
        this.colorizer = colorizer;
        this.streamOf = streamOf;
    }

    /** One pass over the capture with its own decoder. */
    private final class Walk {
        CaptureReader reader;
        Decoder decoder;
        final Frame frame = new Frame();
        long at;

        void reopen() throws IOException {
            close();
            reader = Captures.open(file.toString());
            decoder = new Decoder().payloads(Protocols.table().tree(true)); // Wireshark colors its list: a tree each frame
            at = 0;
        }

        /**
         * Decodes up to frame {@code number}, handing each decoded frame to {@code each}; false
         * when the capture has fewer frames. A live capture's file that has grown since it was
         * opened is read again.
         */
        boolean to(long number, boolean restart, Runnable onReopen, java.util.function.LongConsumer each) throws IOException {
            boolean fresh = false;
            if (restart || reader == null || number <= at) {
                reopen();
                onReopen.run();
                fresh = true;
            }
            while (at < number) {
                boolean more;
                try {
                    more = reader.next(frame);
                } catch (dev.tcpscope.capture.CaptureFormatException e) {
                    more = false; // damaged or, live, not written whole yet
                }
                if (!more) {
                    if (fresh) {
                        return false;
                    }
                    reopen();
                    onReopen.run();
                    fresh = true;
                    continue;
                }
                at++;
                decoder.decode(frame);
                decoder.display(); // the list shows every frame: deltas are from the previous one
                each.accept(at);
            }
            return true;
        }

        void close() throws IOException {
            if (reader != null) {
                reader.close();
                reader = null;
            }
        }
    }

    /** The details of frame {@code number} (1-based), or null when the capture has fewer frames. */
    synchronized ObjectNode frame(long number) throws IOException {
        ObjectNode done = kept.get(number);
        if (done != null) {
            return done;
        }
        boolean found = details.to(number, false, () -> {
            tree = new Details(ZoneId.systemDefault(), MacNames::system);
            tree.coloring(colorizer);
        }, n -> {
            if (n > number - KEPT) {
                kept.put(n, describe(details));
            }
        });
        return found ? kept.get(number) : null;
    }

    /** The teacher's part for frame {@code number}, or null when the capture has fewer frames. */
    synchronized ObjectNode teacher(long number) throws IOException {
        ObjectNode done = taught.get(number);
        if (done != null) {
            return done;
        }
        int target = streamOf.applyAsInt(number);
        boolean restart = false;
        if (target >= 0 && !followed.contains(target)) {
            if (followed.size() + 2 * AROUND >= FOLLOWED) {
                followed.clear();
            }
            for (long n = Math.max(1, number - AROUND); n <= number + AROUND; n++) {
                int s = streamOf.applyAsInt(n);
                if (s >= 0) {
                    followed.add(s);
                }
            }
            followed.add(target);
            restart = true; // its earlier frames were not explained
        }
        boolean found = teacher.to(number, restart, () -> {
            english = new Explainer(Lang.EN, colorizer);
            chinese = new Explainer(Lang.ZH, colorizer);
        }, n -> {
            TcpRecord r = teacher.decoder.tcp();
            if (n == number || r != null && followed.contains(r.stream)) {
                Explanation en = english.explain(teacher.decoder);
                Explanation zh = chinese.explain(teacher.decoder);
                if (n > number - KEPT) {
                    taught.put(n, teach(en, zh));
                }
            }
        });
        return found ? taught.get(number) : null;
    }

    private ObjectNode describe(Walk w) {
        Frame frame = w.frame;
        ObjectNode out = JSON.objectNode();
        out.put("number", frame.number());
        DetailNode root = tree.build(w.decoder, interfaceOf(w), w.reader.section());
        DataSources sources = DataSources.of(w.decoder);
        ArrayNode named = out.putArray("sources");
        for (DataSources.Source src : sources.list()) {
            ObjectNode o = named.addObject();
            o.put("name", src.name());
            byte[] b = src.segment().asSlice(src.offset(), src.length()).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
            o.put("bytes", java.util.HexFormat.of().formatHex(b));
        }
        ArrayNode items = out.putArray("tree");
        for (DetailNode n : root.children()) {
            if (!n.isHidden()) {
                items.add(node(n, sources, null));
            }
        }
        return out;
    }

    private ObjectNode teach(Explanation en, Explanation zh) {
        ObjectNode teacher = JSON.objectNode();
        teacher.put("number", this.teacher.frame.number());
        teacher.set("en", lines(en == null ? List.of() : en.lines()));
        teacher.set("zh", lines(zh == null ? List.of() : zh.lines()));
        teacher.set("figure", lines(HeaderFigure.draw(this.teacher.decoder, true)));
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
        return teacher;
    }

    private static CaptureInterface interfaceOf(Walk w) {
        int id = w.frame.interfaceId();
        List<CaptureInterface> all = w.reader.interfaces();
        return w.reader.section() >= 0 && id >= 0 && id < all.size() ? all.get(id) : null;
    }

    /**
     * One tree item as {@code {l: label, k: key, v: value, g: generated, r: [start, length], s:
     * source, c: [...]}}: {@code r} is where its bytes are in data source {@code s} (0, the
     * frame's, when absent), as the dissector placed it ({@link DetailNode#at}). An item with no
     * place of its own that is not generated highlights its parent's bytes ({@code parent}).
     */
    private static ObjectNode node(DetailNode n, DataSources sources, Placed parent) {
        ObjectNode o = JSON.objectNode();
        o.put("l", n.isGenerated() ? "[" + n.label() + "]" : n.label());
        o.put("k", n.key());
        if (n.kind() == DetailNode.Kind.FIELD && n.value() != null) {
            o.put("v", n.value());
        }
        Placed p = Placed.of(n, sources);
        if (p == null && !n.isGenerated() && !n.key().startsWith("frame.")) {
            p = parent;
        }
        if (p != null && p.length() > 0) {
            int len = Math.min(p.length(), p.source().length() - p.position());
            o.putArray("r").add(p.position()).add(Math.max(0, len));
            if (p.index() > 0) {
                o.put("s", p.index());
            }
        }
        if (n.isGenerated()) {
            o.put("g", true);
        }
        if (n.hasChildren()) {
            ArrayNode c = o.putArray("c");
            for (DetailNode child : n.children()) {
                if (!child.isHidden()) {
                    c.add(node(child, sources, p));
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
        details.close();
        teacher.close();
    }
}
