package dev.tcpscope.filter;

import dev.tcpscope.UtcTimeZone;
import org.junit.jupiter.api.extension.ExtendWith;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each filter of {@code filter/counts.tsv} matches as many frames of its capture as tshark's
 * {@code -Y} printed, or is refused, as tshark refused it, with the same message. The counts
 * are made by {@code scripts/filter-counts.sh}; rows we do not match yet are listed with a
 * reason in {@code filter/counts-gaps.tsv}, which a row leaves as soon as it matches.
 */
// frame.time literals are local times; the counts were made in UTC
@ExtendWith(UtcTimeZone.class)
class FilterCountTest {
    private static final Path RES = Path.of("src/test/resources/filter");

    record Row(String capture, String filter, String count, String message) { }

    static List<Row> rows() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (String line : Files.readAllLines(RES.resolve("counts.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(new Row(f[0], f[1], f[2], f.length > 3 ? f[3] : ""));
        }
        return rows;
    }

    static Map<String, String> gaps() throws IOException {
        Map<String, String> gaps = new LinkedHashMap<>();
        for (String line : Files.readAllLines(RES.resolve("counts-gaps.tsv"), StandardCharsets.UTF_8)) {
            if (line.startsWith("#") || line.isBlank()) {
                continue;
            }
            String[] f = line.split("\t", -1);
            gaps.put(f[0] + "\t" + f[1], f.length > 2 ? f[2] : "");
        }
        return gaps;
    }

    static Stream<String> captures() throws IOException {
        return rows().stream().map(Row::capture).distinct().sorted();
    }

    @Test
    void theSuiteIsLargeAndCoversRefusals() throws IOException {
        List<Row> rows = rows();
        assertThat(rows.stream().map(Row::filter).distinct().count()).isGreaterThanOrEqualTo(300);
        assertThat(rows.stream().filter(r -> r.count().equals("reject")).count()).isGreaterThanOrEqualTo(60);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("captures")
    void filtersMatchAsManyFramesAsInTshark(String capture) throws IOException {
        List<Row> rows = rows().stream().filter(r -> r.capture().equals(capture)).toList();
        Map<String, String> gaps = gaps();
        List<String> problems = new ArrayList<>();
        List<DisplayFilter> filters = new ArrayList<>();
        List<Row> compiled = new ArrayList<>();
        for (Row r : rows) {
            try {
                DisplayFilter f = DisplayFilter.compile(r.filter(), dev.tcpscope.proto.Protocols.readFields());
                if (r.count().equals("reject")) {
                    check(problems, gaps, r, "tshark refuses it (" + r.message() + "), we accept it");
                } else {
                    filters.add(f);
                    compiled.add(r);
                }
            } catch (FilterSyntaxException e) {
                if (!r.count().equals("reject")) {
                    check(problems, gaps, r, "we refuse it: " + e.problem());
                } else if (!e.problem().equals(r.message())) {
                    check(problems, gaps, r, "message \"" + e.problem() + "\", tshark \"" + r.message() + "\"");
                } else {
                    check(problems, gaps, r, null);
                }
            }
        }
        long[] counts = new long[filters.size()];
        try (CaptureReader reader = Captures.open(Path.of("captures", capture).toString())) {
            Frame frame = new Frame();
            // decoded as `read` decodes, HTTP over reassembled TCP included (the counts are tshark's under that profile)
            Decoder d = new Decoder().payloads(dev.tcpscope.proto.Protocols.table());
            // as read does when a filter names the expert info fields: every frame's tree, in order
            dev.tcpscope.present.ExpertItems experts = rows.stream().anyMatch(r -> dev.tcpscope.proto.ExpertFields.named(r.filter()))
                    ? new dev.tcpscope.present.ExpertItems(java.time.ZoneOffset.UTC, dev.tcpscope.present.MacNames::system) : null;
            while (reader.next(frame)) {
                d.decode(frame);
                if (experts != null) {
                    experts.fill(d);
                }
                for (int i = 0; i < filters.size(); i++) {
                    if (filters.get(i).test(d)) {
                        counts[i]++;
                    }
                }
            }
        } catch (dev.tcpscope.capture.CaptureFormatException e) {
            // a damaged file: tshark also counted the frames before the damage
        }
        for (int i = 0; i < filters.size(); i++) {
            Row r = compiled.get(i);
            String got = Long.toString(counts[i]);
            check(problems, gaps, r, got.equals(r.count()) ? null : "matches " + got + ", tshark " + r.count());
        }
        assertThat(problems).as(capture).isEmpty();
    }

    private static void check(List<String> problems, Map<String, String> gaps, Row r, String difference) {
        boolean gap = gaps.containsKey(r.capture() + "\t" + r.filter());
        if (difference != null && !gap) {
            problems.add(r.filter() + ": " + difference);
        } else if (difference == null && gap) {
            problems.add(r.filter() + ": now agrees with tshark; take it off counts-gaps.tsv");
        }
    }
}
