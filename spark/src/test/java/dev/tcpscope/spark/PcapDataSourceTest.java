package dev.tcpscope.spark;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The pcap data source against tshark: every capture that has a {@code tshark -2 -T fields}
 * golden of the TCP analysis fields (src/test/resources/golden/tcp, made by
 * scripts/make-goldens.sh) is read in one Spark query, and each file's rows, written as tshark
 * writes fields, must equal the golden line for line: frame counts, stream numbers, relative
 * numbers and every analysis flag.
 */
class PcapDataSourceTest {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/tcp");
    private final SparkSession spark = LocalSpark.get();

    @Test
    void everyCaptureGivesWhatTsharkTwoPassGives() throws IOException {
        Map<String, List<String>> golden = new TreeMap<>();
        List<String> header = null;
        try (var files = Files.list(GOLDEN)) {
            for (Path g : files.filter(p -> p.toString().endsWith(".2.tsv.gz")).sorted().toList()) {
                List<String> lines = gunzip(g);
                header = List.of(lines.getFirst().split("\t", -1));
                String capture = g.getFileName().toString().replace(".2.tsv.gz", "");
                golden.put("captures/" + capture, lines.subList(1, lines.size()));
            }
        }
        assertThat(golden).hasSizeGreaterThan(30);
        Dataset<Row> rows = spark.read().format("pcap")
                .option("fields", String.join(",", header))
                .option("occurrence", "all")
                .load(golden.keySet().toArray(new String[0]));
        List<Field> fields = header.stream().map(FieldTable.standard()::get).toList();
        Map<String, List<String>> got = new HashMap<>();
        for (Row r : rows.collectAsList()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                if (i > 0) {
                    line.append('\t');
                }
                line.append(TsharkText.of(fields.get(i), r, i + 1));
            }
            got.computeIfAbsent(r.getString(0), k -> new ArrayList<>()).add(line.toString());
        }
        // the lines the core's GoldenTcpFieldsTest knows it does not match yet (with why)
        Map<String, java.util.Set<Integer>> gaps = new HashMap<>();
        for (String row : Files.readAllLines(Path.of("src/test/resources/golden/tcp-known-gaps.tsv"))) {
            String[] f = row.split("\t");
            if (!row.startsWith("#") && f.length > 1 && f[0].endsWith(".2")) {
                gaps.computeIfAbsent("captures/" + f[0].substring(0, f[0].length() - 2), k -> new java.util.HashSet<>())
                        .add(Integer.parseInt(f[1]));
            }
        }
        int lines = 0;
        for (var e : golden.entrySet()) {
            List<String> mine = got.getOrDefault(e.getKey(), List.of());
            mine.sort(java.util.Comparator.comparingLong(s -> Long.parseLong(s.substring(0, s.indexOf('\t')))));
            List<String> want = new ArrayList<>(e.getValue());
            for (int line : gaps.getOrDefault(e.getKey(), java.util.Set.of())) {
                if (line <= mine.size() && line <= want.size()) {
                    mine.set(line - 1, "known gap");
                    want.set(line - 1, "known gap");
                }
            }
            assertThat(mine).as(e.getKey()).containsExactlyElementsOf(want);
            lines += mine.size();
        }
        assertThat(lines).isGreaterThan(10_000);
    }

    @Test
    void aFileReadInManyPiecesGivesTheRowsOfOnePiece() {
        String fields = "frame.number,frame.time_epoch,ip.src,ip.dst,tcp.srcport,tcp.dstport,tcp.flags,tcp.len,frame.len";
        Dataset<Row> whole = spark.read().format("pcap").option("fields", fields)
                .load("captures/synth-traffic-12k.pcap");
        Dataset<Row> pieces = spark.read().format("pcap").option("fields", fields).option("splitSize", "65536")
                .load("captures/synth-traffic-12k.pcap");
        assertThat(pieces.rdd().getNumPartitions()).isGreaterThan(10);
        assertThat(whole.rdd().getNumPartitions()).isEqualTo(1);
        List<Row> a = whole.orderBy("frame_number").collectAsList();
        List<Row> b = pieces.orderBy("frame_number").collectAsList();
        assertThat(b).hasSize(a.size()).isEqualTo(a);
        assertThat(a.getLast().getLong(1)).isEqualTo(a.size());
    }

    /** A pcapng file of two sections cut into pieces, each read after its section's header blocks. */
    @Test
    void aPcapngFileReadInManyPiecesGivesTheRowsOfOnePiece(@TempDir Path dir) throws IOException {
        Path one = dir.resolve("one.pcapng");
        try (var reader = dev.tcpscope.capture.Captures.open("captures/synth-traffic-12k.pcap");
             var writer = dev.tcpscope.capture.PcapngWriter.create(one)) {
            dev.tcpscope.frame.Frame f = new dev.tcpscope.frame.Frame();
            boolean first = true;
            while (reader.next(f)) {
                if (first) {
                    writer.addInterface(reader.interfaces().getFirst());
                    first = false;
                }
                writer.write(f);
            }
        }
        Path two = dir.resolve("two-sections.pcapng");
        byte[] bytes = Files.readAllBytes(one);
        Files.write(two, bytes);
        Files.write(two, bytes, java.nio.file.StandardOpenOption.APPEND);
        String fields = "frame.number,frame.time_epoch,ip.src,tcp.srcport,tcp.dstport,tcp.flags,frame.len,frame.interface_id";
        Dataset<Row> whole = spark.read().format("pcap").option("fields", fields).load(two.toString());
        Dataset<Row> pieces = spark.read().format("pcap").option("fields", fields).option("splitSize", "100000")
                .load(two.toString());
        assertThat(pieces.rdd().getNumPartitions()).isGreaterThan(20);
        List<Row> a = whole.orderBy("frame_number").collectAsList();
        List<Row> b = pieces.orderBy("frame_number").collectAsList();
        assertThat(a).hasSize(24_000);
        assertThat(b).isEqualTo(a);
    }

    @Test
    void aColumnThatNeedsEarlierFramesKeepsTheFileWhole() {
        Dataset<Row> df = spark.read().format("pcap").option("fields", "frame.number,tcp.stream")
                .option("splitSize", "65536").load("captures/synth-traffic-12k.pcap");
        assertThat(df.rdd().getNumPartitions()).isEqualTo(1);
    }

    @Test
    void piecesOutsideTheQueriedTimeRangeAreNotRead() {
        String fields = "frame.number,frame.time_epoch,tcp.srcport";
        Dataset<Row> all = spark.read().format("pcap").option("fields", fields).option("splitSize", "65536")
                .load("captures/synth-traffic-12k.pcap");
        List<Row> ordered = all.orderBy("frame_number").collectAsList();
        java.math.BigDecimal from = ordered.get(ordered.size() / 2).getDecimal(2);
        java.math.BigDecimal to = ordered.get(ordered.size() / 2 + 100).getDecimal(2);
        long expected = ordered.stream().filter(r -> r.getDecimal(2).compareTo(from) >= 0
                && r.getDecimal(2).compareTo(to) <= 0).count();
        ReadSpec.OPENED.set(0);
        long n = all.where(all.col("frame_time_epoch").geq(from).and(all.col("frame_time_epoch").leq(to))).count();
        assertThat(n).isEqualTo(expected);
        int pieces = all.rdd().getNumPartitions();
        assertThat(ReadSpec.OPENED.get()).isBetween(1L, 3L).isLessThan(pieces);
    }

    @Test
    void headerFiltersArePushedAndTheAnswerStaysRight() {
        Dataset<Row> df = spark.read().format("pcap").option("fields", "frame.number,ip.src,tcp.dstport,tcp.stream")
                .load("captures/arkime-wireshark-retrans.pcap");
        long byHand = df.collectAsList().stream()
                .filter(r -> "172.17.96.143".equals(r.getString(2)) && !r.isNullAt(3) && r.getLong(3) == 4000).count();
        Dataset<Row> q = df.where("ip_src = '172.17.96.143' AND tcp_dstport = 4000");
        assertThat(q.queryExecution().executedPlan().toString()).contains("ip.src == 172.17.96.143");
        assertThat(q.count()).isEqualTo(byHand).isGreaterThan(10);
    }

    @Test
    void damagedFilesKeepTheOtherFilesRows(@TempDir Path dir) throws IOException {
        Path good = dir.resolve("a-good.pcapng");
        Files.copy(Path.of("captures/learn_tcp.pcapng"), good);
        byte[] whole = Files.readAllBytes(Path.of("captures/arkime-wireshark-retrans.pcap"));
        Files.write(dir.resolve("b-cut.pcap"), java.util.Arrays.copyOf(whole, whole.length - 100));
        Files.writeString(dir.resolve("c-notes.txt"), "not a capture\n");
        Files.copy(Path.of("captures/learn_tcp.pcapng"), dir.resolve("d-good.pcapng"));

        Dataset<Row> df = spark.read().format("pcap").option("fields", "frame.number,tcp.stream")
                .load(dir.toString()).select("file", "frame_number", "error");
        List<Row> rows = df.collectAsList();
        Map<String, Long> frames = new TreeMap<>();
        Map<String, String> errors = new TreeMap<>();
        for (Row r : rows) {
            String name = Path.of(r.getString(0)).getFileName().toString();
            if (r.isNullAt(2)) {
                frames.merge(name, 1L, Long::sum);
            } else {
                errors.put(name, r.getString(2));
            }
        }
        assertThat(frames).containsEntry("a-good.pcapng", 20L).containsEntry("d-good.pcapng", 20L);
        assertThat(frames.get("b-cut.pcap")).isGreaterThan(100L);
        assertThat(errors).containsOnlyKeys("b-cut.pcap", "c-notes.txt");
        assertThat(errors.get("b-cut.pcap")).contains("cut short");
        assertThat(errors.get("c-notes.txt")).contains("format");

        // without the error column: the same frames, the damage only in the log
        assertThat(spark.read().format("pcap").option("fields", "frame.number")
                .load(dir.toString()).select("frame_number").count()).isEqualTo(frames.values().stream().mapToLong(x -> x).sum());
        assertThatThrownBy(() -> spark.read().format("pcap").option("fields", "frame.number").option("onError", "fail")
                .load(dir.toString()).select("frame_number").collectAsList())
                .hasStackTraceContaining("tcpscope: The file");
    }

    /**
     * A capture cut into a ring of files at record boundaries: with {@code analysis=merged} the
     * files are the capture again, and every analysis field equals tshark -2 on the original;
     * analysed per file, the stream numbers and the analysis start again in each file.
     */
    @Test
    void aRingOfFilesMergedIsTheCaptureItWasCutFrom(@TempDir Path dir) throws IOException {
        for (String capture : List.of("arkime-wireshark-retrans.pcap", "synth-tcp-flags.pcap")) {
            Path original = Path.of("captures", capture);
            Path ring = Files.createDirectories(dir.resolve(capture));
            byte[] bytes = Files.readAllBytes(original);
            List<PcapIndex.Piece> pieces = PcapIndex.pieces(original, bytes.length / 4);
            assertThat(pieces).hasSizeGreaterThanOrEqualTo(3);
            for (int i = 0; i < pieces.size(); i++) {
                PcapIndex.Piece p = pieces.get(i);
                try (var out = Files.newOutputStream(ring.resolve("ring_%05d.pcap".formatted(i + 1)))) {
                    out.write(bytes, 0, PcapIndex.FILE_HEADER);
                    out.write(bytes, (int) p.start(), (int) (p.end() - p.start()));
                }
            }
            List<String> golden = gunzip(GOLDEN.resolve(capture + ".2.tsv.gz"));
            String fields = golden.getFirst().replace('\t', ',');
            List<Field> header = List.of(golden.getFirst().split("\t", -1)).stream()
                    .map(FieldTable.standard()::get).toList();
            List<String> merged = lines(spark.read().format("pcap").option("fields", fields)
                    .option("occurrence", "all").option("analysis", "merged").load(ring.toString()), header);
            assertThat(merged).as(capture).containsExactlyElementsOf(golden.subList(1, golden.size()));
            List<String> perFile = lines(spark.read().format("pcap").option("fields", fields)
                    .option("occurrence", "all").load(ring.toString()), header);
            assertThat(perFile).as(capture).hasSameSizeAs(merged).isNotEqualTo(merged);
        }
    }

    private static List<String> lines(Dataset<Row> rows, List<Field> fields) {
        List<String> out = new ArrayList<>();
        for (Row r : rows.collectAsList()) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < fields.size(); i++) {
                line.append(i > 0 ? "\t" : "").append(TsharkText.of(fields.get(i), r, i + 1));
            }
            out.add(line.toString());
        }
        return out;
    }

    @Test
    void anUnknownFieldIsOneClearError() {
        assertThatThrownBy(() -> spark.read().format("pcap").option("fields", "tcp.nonsense")
                .load("captures/learn_tcp.pcapng").schema())
                .hasMessageContaining("\"tcp.nonsense\" is not a field tcpscope knows");
    }

    private static List<String> gunzip(Path p) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(p)), StandardCharsets.UTF_8))) {
            return r.lines().toList();
        }
    }
}
