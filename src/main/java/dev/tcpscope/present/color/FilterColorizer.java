package dev.tcpscope.present.color;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.filter.FilterSyntaxException;
import dev.tcpscope.filter.Unknown;
import dev.tcpscope.tcp.Decoder;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Colors packets by evaluating coloring rules' display filters: each enabled rule's filter is
 * compiled once, and {@link #match} returns the first rule whose filter matches the decoded
 * frame (Wireshark's {@code color_filters_colorize_packet}).
 *
 * <p>Filters are compiled with {@link Unknown#ABSENT}: Wireshark's rules name protocols tcpscope
 * does not dissect ({@code hsrp.state}, {@code smb}, {@code http}),
 * which in Wireshark are known fields that TCP/IP-only frames lack; here they are fields that are
 * never present, so the rules that need them never match, while {@code http || tcp.port == 80}
 * still matches port 80. That is what tshark does when those protocols are disabled (the
 * transport-only profile the goldens use); with them enabled, tshark also colors, say, HTTP on
 * port 8080.
 *
 * <p>One instance is for one thread (compiled filters keep per-frame buffers).
 */
public final class FilterColorizer implements Colorizer {
    private final List<ColoringRule> rules;
    private final DisplayFilter[] filters;

    private FilterColorizer(List<ColoringRule> rules, DisplayFilter[] filters) {
        this.rules = rules;
        this.filters = filters;
    }

    /** Wireshark 4.0's default rules ({@link ColorFilters#defaults()}). */
    public static FilterColorizer defaults() {
        List<ColoringRule> rules = ColorFilters.defaults();
        List<ColorFilters.Line> lines = new ArrayList<>();
        for (int i = 0; i < rules.size(); i++) {
            lines.add(new ColorFilters.Line(i + 1, rules.get(i)));
        }
        return of(lines, "colorfilters");
    }

    /**
     * The rules of a colorfilters file.
     *
     * @throws ColorFilters.BadFile naming the file and line of a rule that cannot be read or whose
     *                              filter does not compile (with tshark's message)
     */
    public static FilterColorizer read(Path file) throws IOException {
        return of(ColorFilters.read(file), file.toString());
    }

    /**
     * Compiles the enabled rules of {@code lines} ({@code source} names their file in errors).
     *
     * @throws ColorFilters.BadFile for a rule whose filter does not compile
     */
    public static FilterColorizer of(List<ColorFilters.Line> lines, String source) {
        List<ColoringRule> rules = new ArrayList<>();
        List<DisplayFilter> filters = new ArrayList<>();
        for (ColorFilters.Line l : lines) {
            ColoringRule r = l.rule();
            if (r.disabled()) {
                continue; // kept in the file, never tried (nor compiled, as in Wireshark)
            }
            try {
                filters.add(DisplayFilter.compile(r.filter(), dev.tcpscope.proto.Protocols.fields(), Unknown.ABSENT));
            } catch (FilterSyntaxException e) {
                throw new ColorFilters.BadFile(source, l.number(),
                        "rule \"" + r.name() + "\": filter \"" + r.filter() + "\" does not compile: " + e.problem());
            }
            rules.add(r);
        }
        return new FilterColorizer(List.copyOf(rules), filters.toArray(DisplayFilter[]::new));
    }

    /** The enabled rules, in the order they are tried. */
    public List<ColoringRule> rules() {
        return rules;
    }

    /**
     * The first rule whose filter matches the frame {@code d} has just decoded, or null. This
     * is what tshark's {@code frame.coloring_rule.name} and {@code frame.coloring_rule.string}
     * show ({@link ColoringRule#name()}, {@link ColoringRule#filter()}).
     */
    @Override
    public ColoringRule match(Decoder d) {
        for (int i = 0; i < filters.length; i++) {
            if (filters[i].test(d)) {
                return rules.get(i);
            }
        }
        return null;
    }
}
