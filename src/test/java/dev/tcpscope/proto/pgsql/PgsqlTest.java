package dev.tcpscope.proto.pgsql;

import dev.tcpscope.GoldenText;
import dev.tcpscope.UtcTimeZone;
import dev.tcpscope.cli.CliRun;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * PostgreSQL is what tshark 4.0.17 prints (goldens by scripts/make-pgsql-goldens.sh: the packet
 * list of every frame and, for the segments of port 5432, -V, -2 -V, -T json -x, -T pdml, -T ek,
 * -T fields and -q -z expert) on the crafted captures/synth-pgsql.pcap (PgsqlScenarios) and 14
 * captures of Arkime, PcapPlusPlus and Zeek; an SSL request answered 'S' hands the connection
 * to TLS; and mutated messages never end a dissection, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class PgsqlTest {
    private static final Path DIR = Path.of("src/test/resources/golden/pgsql");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "tcp.port == 5432", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(15 * 8);
        return all.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void pgsqlIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    /**
     * Zeek's psql-aws-ssl-require: the server answers the SSL request with 'S' (frame 6, Info "<",
     * no item: frame.protocols leaves pgsql out), and from the next segment on the connection is
     * TLS, which names PostgreSQL as the application of its records. (The capture is not among the
     * goldens: its -2 differs in TLS's reading of a record after a lost segment, docs/PGSQL.md.)
     */
    @Test
    void anSslRequestAnsweredSHandsTheConnectionToTls() {
        String capture = "captures/zeek-postgresql-psql-aws-ssl-require.pcap";
        List<String> list = CliRun.of("read", capture).out().lines().toList();
        assertThat(list.get(3)).contains("PGSQL 74 >");
        assertThat(list.get(5)).endsWith("PGSQL 67 <");
        assertThat(list.get(7)).contains("TLSv1 419 Client Hello");
        String answer = CliRun.of("read", capture, "-Y", "frame.number == 6", "-V").out();
        assertThat(answer).contains("[Protocols in frame: eth:ethertype:ip:tcp]").doesNotContain("PostgreSQL");
        String data = CliRun.of("read", capture, "-Y", "tls.app_data", "-V", "-c", "20").out();
        assertThat(data).contains("Application Data Protocol: PostgreSQL");
    }

    private static byte[] message(int type, byte[] body) {
        ByteBuffer b = ByteBuffer.allocate((type != 0 ? 1 : 0) + 4 + body.length);
        if (type != 0) {
            b.put((byte) type);
        }
        return b.putInt(body.length + 4).put(body).array();
    }

    /** 20,000 mutations of frontend and backend messages, some cut, with and without desegmentation: no exception, bounded time. */
    @Test
    void mutatedMessagesNeverThrow() {
        byte[][] seeds = {
            message(0, ByteBuffer.allocate(30).putInt(196608).put("user\0bob\0database\0db\0\0".getBytes()).array()),
            message('Q', "SELECT 1\0".getBytes()),
            message('T', ByteBuffer.allocate(2 + 9 + 18).putShort((short) 1).put("?column?\0".getBytes()).putInt(0).putShort((short) 0)
                    .putInt(23).putShort((short) 4).putInt(-1).putShort((short) 0).array()),
            message('D', ByteBuffer.allocate(2 + 4 + 1 + 4).putShort((short) 2).putInt(1).put((byte) '1').putInt(-1).array()),
            message('E', "SERROR\0C42P01\0Mnope\0\0".getBytes()),
            message('R', ByteBuffer.allocate(4 + 14 + 1).putInt(10).put("SCRAM-SHA-256\0".getBytes()).put((byte) 0).array()),
            message('B', ByteBuffer.allocate(2 + 2 + 2 + 2 + 2 + 4 + 1 + 2).put("\0\0".getBytes()).putShort((short) 0)
                    .putShort((short) 1).putShort((short) 0).putInt(1).put((byte) '7').putShort((short) 0).array()),
            message('v', ByteBuffer.allocate(8 + 4).putInt(0).putInt(1).put("_x\0\0".getBytes()).array())};
        Random r = new Random(5432);
        Pgsql p = (Pgsql) Protocols.table().byName("pgsql");
        Object session = p.newSession();
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            byte[] m = seeds[r.nextInt(seeds.length)].clone();
            int edits = 1 + r.nextInt(4);
            for (int e = 0; e < edits; e++) {
                m[r.nextInt(m.length)] = (byte) (r.nextInt(3) == 0 ? 0xff : r.nextInt(256));
            }
            int len = r.nextInt(4) == 0 ? r.nextInt(m.length + 1) : m.length;
            PduContext ctx = new PduContext();
            ctx.session = session;
            ctx.frame = i + 1;
            ctx.columns = new AppColumns();
            boolean toServer = r.nextBoolean();
            ctx.srcPort = toServer ? 40000 : 5432;
            ctx.dstPort = toServer ? 5432 : 40000;
            ctx.canDesegment = r.nextBoolean();
            ctx.truncated = !ctx.canDesegment && len < m.length;
            p.dissect(MemorySegment.ofArray(m), 0, len, ctx);
            p.tree(i + 1, new Collected(), x -> { });
        }
        assertThat((System.nanoTime() - start) / 1e9).as("seconds for 20,000 messages").isLessThan(60);
    }
}
