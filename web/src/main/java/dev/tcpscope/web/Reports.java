package dev.tcpscope.web;

import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.present.color.FilterColorizer;
import dev.tcpscope.present.explain.Explainer;
import dev.tcpscope.present.explain.Lang;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.stats.TapArgumentException;
import dev.tcpscope.stats.Taps;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * What the page's Statistics menu shows: tshark's {@code -z} reports (conversations, endpoints,
 * expert information, protocol hierarchy, Follow TCP Stream) as tshark prints them, and the
 * flow graph of a stream (the teacher's summary and ladder, as {@code explain --ladder}). Each is
 * one pass over the capture; a finished capture's reports are kept for the next ask.
 */
final class Reports {
    /** The {@code -z} arguments the page may ask for; nothing else reaches the taps. */
    private static final Pattern ALLOWED = Pattern.compile(
            "(conv|endpoints),(eth|ip|ipv6|tcp|udp)|expert|io,phs|ptype,tree|plen,tree|ip_hosts,tree|http,tree|dns,tree"
                    + "|follow,tcp,(ascii|hex),\\d{1,9}");
    private static final int KEPT = 16;

    private final CaptureIndex index;
    private final Views views;
    private final Map<String, List<String>> kept = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, List<String>> e) {
            return size() > KEPT;
        }
    };

    Reports(CaptureIndex index, Views views) {
        this.index = index;
        this.views = views;
    }

    /** tshark's {@code -z ARG} report, one string a line; IllegalArgumentException for another ARG. */
    List<String> statistic(String arg, String tab) throws IOException, Views.Busy, Views.Cancelled {
        if (!ALLOWED.matcher(arg).matches()) {
            throw new IllegalArgumentException("statistic not offered here: " + arg);
        }
        return cached("z " + arg, () -> {
            Taps taps;
            try {
                taps = Taps.of(List.of(arg), new Taps.Context(Protocols.fields(), TimeFormat.Kind.RELATIVE,
                        ZoneId.systemDefault(), MacNames::system));
            } catch (TapArgumentException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            views.pass(tab, taps::packet);
            StringBuilder out = new StringBuilder();
            List<String> failed = taps.draw(out);
            if (!failed.isEmpty()) {
                throw new IllegalArgumentException(failed.getFirst());
            }
            return List.of(out.toString().split("\n", -1));
        });
    }

    /** The teacher's summary and ladder of TCP stream {@code stream}, in {@code lang}. */
    List<String> flow(int stream, Lang lang, FilterColorizer colorizer, String tab)
            throws IOException, Views.Busy, Views.Cancelled {
        return cached("flow " + stream + " " + lang, () -> {
            Explainer explainer = new Explainer(lang, colorizer);
            views.pass(tab, explainer::explain);
            if (!explainer.hasStream(stream)) {
                throw new IllegalArgumentException("the capture has no TCP stream " + stream
                        + (explainer.streamCount() == 0 ? "" : " (streams: 0.." + (explainer.streamCount() - 1) + ")"));
            }
            List<String> lines = new ArrayList<>(explainer.summary(stream));
            lines.add("");
            lines.addAll(explainer.ladder(stream));
            return lines;
        });
    }

    private interface Work {
        List<String> run() throws IOException, Views.Busy, Views.Cancelled;
    }

    private List<String> cached(String key, Work work) throws IOException, Views.Busy, Views.Cancelled {
        synchronized (kept) {
            List<String> done = kept.get(key);
            if (done != null) {
                return done;
            }
        }
        boolean complete = index.done();
        List<String> result = work.run();
        if (complete) {
            synchronized (kept) {
                kept.put(key, result);
            }
        }
        return result;
    }
}
