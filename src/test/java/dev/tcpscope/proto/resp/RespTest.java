package dev.tcpscope.proto.resp;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.DissectorTable;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import dev.tcpscope.tcp.PduDissector;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * RESP is what tshark 4.0.17 prints (goldens by scripts/make-resp-goldens.sh: the packet list of
 * every frame and, for the segments of port 6379 and the fuzzed capture's HTTP, -V, -2 -V,
 * -T json -x, -T pdml, -T ek, -T fields and -q -z expert) on the crafted captures/synth-resp.pcap
 * (RespScenarios), nine of Zeek's Redis captures and three of tcpdump's; its own reassembly
 * asks for what tshark's asks for; and mutated messages never end a dissection, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class RespTest {
    private static final Path DIR = Path.of("src/test/resources/golden/resp");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "tcp.port == 6379 || http", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(13 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void respIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    /** What one call answers: the Info, and the desegmentation asked for. */
    private record Answer(String info, int offset, int length) { }

    private static Answer call(Resp resp, String bytes, boolean toServer, boolean desegment) {
        byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
        PduContext ctx = new PduContext();
        ctx.frame = 1;
        ctx.columns = new AppColumns();
        ctx.srcPort = toServer ? 50000 : 6379;
        ctx.dstPort = toServer ? 6379 : 50000;
        ctx.canDesegment = desegment;
        resp.dissect(MemorySegment.ofArray(b), 0, b.length, ctx);
        return new Answer(ctx.columns.info().toString(), ctx.desegmentOffset, ctx.desegmentLength);
    }

    private static Resp resp() {
        DissectorTable t = Protocols.table();
        return (Resp) t.byName("resp");
    }

    @Test
    void aRequestNamesItsWordsAndAResponseItsValue() {
        Resp r = resp();
        assertThat(call(r, "*3\r\n$3\r\nSET\r\n$1\r\nk\r\n$1\r\nv\r\n", true, true).info()).isEqualTo("Request: SET k v");
        assertThat(call(r, "+OK\r\n:5\r\n-ERR no\r\n*2\r\n:1\r\n:2\r\n", false, true).info())
                .isEqualTo("Response: OK 5 Error: ERR no Array(2)");
        assertThat(call(r, "$120\r\n" + "a".repeat(120) + "\r\n", false, true).info()).isEqualTo("Response: BulkString(120)");
    }

    @Test
    void itAsksForWhatABulkStringLacksAndForOneMoreSegmentFromAnArraysStart() {
        Resp r = resp();
        Answer bulk = call(r, "+OK\r\n$10\r\nabc", false, true);
        assertThat(bulk).isEqualTo(new Answer("Response: OK [continuation]", 5, 9));
        Answer array = call(r, ":1\r\n*3\r\n*2\r\n:1\r\n:2", false, true);
        assertThat(array).isEqualTo(new Answer("Response: 1 Array(3) [continuation]", 4, PduDissector.ONE_MORE_SEGMENT));
        Answer line = call(r, "+no end", false, true);
        assertThat(line).isEqualTo(new Answer("Response: [continuation]", 0, PduDissector.ONE_MORE_SEGMENT));
        // an array whose bytes end at a line end is taken as complete, elements missing or not
        assertThat(call(r, "*3\r\n:1\r\n", false, true)).isEqualTo(new Answer("Response: Array(3)", 0, 0));
        // without desegmentation (a segment cut by the snap length) it shows what is there
        assertThat(call(r, "$10\r\nabc", false, false).info()).isEqualTo("Response: [partial] abc");
    }

    @Test
    void deepNestingAndHugeCountsAreBounded() {
        Resp r = resp();
        String deep = "*1\r\n".repeat(200_000) + ":1\r\n";
        long start = System.nanoTime();
        assertThat(call(r, deep, false, false).info()).startsWith("Response: Array(1)");
        assertThat(call(r, "*9223372036854775807\r\n:1\r\n", false, false).info()).isEqualTo("Response: Array(9223372036854775807)");
        assertThat(System.nanoTime() - start).isLessThan(5_000_000_000L);
    }

    /** The Info column keeps 4,095 bytes, as Wireshark's buffer does, whatever the calls of a frame write. */
    @Test
    void theInfoStopsAtWiresharksColumnLength() {
        Resp r = resp();
        String info = call(r, "+x\r\n".repeat(3000), false, true).info();
        assertThat(info.length()).isEqualTo(AppColumns.MAX_INFO - 1);
    }

    /** 20,000 mutations of RESP messages, some cut, with and without desegmentation: no exception, bounded time. */
    @Test
    void mutatedMessagesNeverThrow() {
        String[] seeds = {
            "*3\r\n$3\r\nSET\r\n$8\r\ngreeting\r\n$5\r\nhello\r\n", "+OK\r\n-ERR x\r\n:42\r\n$-1\r\n*-1\r\n*0\r\n",
            "*4\r\n$1\r\nf\r\n$5\r\nvalue\r\n*2\r\n:1\r\n*1\r\n+deep\r\n", "$300\r\n" + "z".repeat(60),
            "PING\r\nPING\r\n\r\n%1\r\n+k\r\n:1\r\n", "*1\r\n".repeat(40) + ":5\r\n"};
        Random rnd = new Random(6379);
        Resp r = resp();
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            byte[] m = seeds[rnd.nextInt(seeds.length)].getBytes(StandardCharsets.ISO_8859_1);
            int edits = 1 + rnd.nextInt(4);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(m.length);
                m[at] = (byte) switch (rnd.nextInt(5)) {
                    case 0 -> '\r';
                    case 1 -> '\n';
                    case 2 -> "+-:$*".charAt(rnd.nextInt(5));
                    case 3 -> '0' + rnd.nextInt(10);
                    default -> rnd.nextInt(256);
                };
            }
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(m.length + 1) : m.length;
            PduContext ctx = new PduContext();
            ctx.frame = i + 1;
            ctx.columns = new AppColumns();
            ctx.srcPort = rnd.nextBoolean() ? 6379 : 50000;
            ctx.dstPort = ctx.srcPort == 6379 ? 50000 : 6379;
            ctx.canDesegment = rnd.nextBoolean();
            r.dissect(MemorySegment.ofArray(m), 0, len, ctx);
            r.tree(i + 1, new Collected(), p -> { });
            assertThat(ctx.desegmentOffset).isBetween(0, Math.max(0, len));
        }
        assertThat((System.nanoTime() - start) / 1e9).as("seconds for 20,000 messages").isLessThan(60);
    }
}
