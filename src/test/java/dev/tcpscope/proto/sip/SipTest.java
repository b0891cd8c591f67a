package dev.tcpscope.proto.sip;

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
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * SIP and SDP are what tshark 4.0.17 prints (goldens by scripts/make-sip-goldens.sh: the packet
 * list of every frame and, for the frames of port 5060 and every SIP frame, -V, -2 -V, -T json -x,
 * -T pdml, -T ek, -T fields and -q -z expert) on the crafted captures/synth-sip.pcap, Zeek's,
 * Suricata's, PcapPlusPlus's and Arkime's SIP captures; its reassembly over TCP asks for what
 * tshark's asks for; and mutated real messages never end a dissection, in bounded time.
 */
@ExtendWith(UtcTimeZone.class)
class SipTest {
    private static final Path DIR = Path.of("src/test/resources/golden/sip");
    private static final String[][] KINDS = {
        {".2.V.txt.gz", "-2 -V"}, {".V.txt.gz", "-V"}, {".ek.json.gz", "-T ek"}, {".json.gz", "-T json -x"},
        {".pdml.gz", "-T pdml"}, {".fields.tsv", "-T fields -E header=y"}, {".expert.txt", "-q -z expert"}, {".txt", ""}};

    /**
     * The goldens tcpscope does not match yet (docs/SIP.md): the PIDF body's XML, which tshark's
     * XML dissects by its DTD (presence.* fields) and proto/xml as generic tags, in JSON, EK and
     * PDML; and the second pass of Zeek's capture, whose SDP bodies list the Call-IDs of the RTP
     * set-up packet-sdp.c shares between offers in a way not followed here.
     */
    private static final Set<String> KNOWN_GAPS = Set.of(
            "pcapplusplus-sip_not_sdp.pcap.json.gz", "pcapplusplus-sip_not_sdp.pcap.ek.json.gz",
            "pcapplusplus-sip_not_sdp.pcap.pdml.gz", "zeek-sip-wireshark.pcap.2.V.txt.gz");

    static Stream<Arguments> goldens() throws IOException {
        List<Arguments> all = GoldenText.protocolGoldens(DIR, "sip || udp.port == 5060 || tcp.port == 5060", KINDS).toList();
        assertThat(all).as("goldens in %s", DIR).hasSize(14 * 8);
        return all.stream().filter(a -> !KNOWN_GAPS.contains((String) a.get()[0]));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("goldens")
    void sipIsWhatTsharkPrints(String golden, String capture, List<String> options) throws IOException {
        GoldenText.readPrints(DIR, golden, capture, options);
    }

    private static Sip sip() {
        DissectorTable t = Protocols.table();
        return (Sip) t.byName("sip");
    }

    /** What one call answers: the Info, and the desegmentation asked for. */
    private record Answer(String info, int offset, int length) { }

    private static int frame;

    private static Answer call(Sip sip, String bytes, boolean datagram, boolean desegment) {
        byte[] b = bytes.getBytes(StandardCharsets.ISO_8859_1);
        PduContext ctx = context(datagram, desegment);
        sip.dissect(MemorySegment.ofArray(b), 0, b.length, ctx);
        return new Answer(ctx.columns.info().toString(), ctx.desegmentOffset, ctx.desegmentLength);
    }

    private static PduContext context(boolean datagram, boolean desegment) {
        PduContext ctx = new PduContext();
        ctx.frame = ++frame;
        ctx.columns = new AppColumns();
        ctx.srcPort = 40000;
        ctx.dstPort = 5060;
        ctx.datagram = datagram;
        ctx.source = 1;
        ctx.destination = 2;
        ctx.canDesegment = desegment;
        return ctx;
    }

    private static final String REGISTER = "REGISTER sip:b.example SIP/2.0\r\nCall-ID: r@a\r\nCSeq: 1 REGISTER\r\n"
            + "Contact: <sip:a@10.0.0.1>;expires=60, <sip:a@10.0.0.2>\r\nContent-Length: 0\r\n\r\n";

    @Test
    void infoNamesTheRequestOrStatusThenBindingsAndTheFence() {
        Sip s = sip();
        assertThat(call(s, REGISTER, true, false).info()).isEqualTo("Request: REGISTER sip:b.example  (2 bindings) | ");
        assertThat(call(s, "SIP/2.0 200 OK\r\nCall-ID: r@a\r\nCSeq: 1 REGISTER\r\nContact: <sip:a@10.0.0.1>\r\n\r\n", true, false)
                .info()).isEqualTo("Status: 200 OK (REGISTER)  (1 binding) | ");
        assertThat(call(s, "FOO sip:x@y SIP/2.0\r\nCall-ID: f\r\nCSeq: 1 FOO\r\n\r\n", true, false).info())
                .isEqualTo("Unknown request: FOO sip:x@y | ");
    }

    @Test
    void overTcpItWaitsForTheHeadersAndTheBody() {
        Sip s = sip();
        String head = "MESSAGE sip:b@x SIP/2.0\r\nCall-ID: m\r\nCSeq: 2 MESSAGE\r\nContent-Length: 10\r\n";
        assertThat(call(s, head, false, true)).isEqualTo(new Answer("", 0, PduDissector.ONE_MORE_SEGMENT));
        assertThat(call(s, head + "\r\n0123", false, true)).isEqualTo(new Answer("", 0, 6));
        String two = "OPTIONS sip:b@x SIP/2.0\r\nCall-ID: o\r\nCSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        Answer a = call(s, two + two.replace("CSeq: 1", "CSeq: 2") + "OPT", false, true);
        assertThat(a.info()).isEqualTo("Request: OPTIONS sip:b@x | Request: OPTIONS sip:b@x | ");
        assertThat(a.offset()).isEqualTo(2 * two.length());
        assertThat(a.length()).isEqualTo(PduDissector.ONE_MORE_SEGMENT);
    }

    @Test
    void aHeaderWithoutItsLineEndEndsTheMessageAsMalformed() {
        assertThat(call(sip(), "OPTIONS sip:x@y SIP/2.0\r\nCall-ID: n\r\nCSeq: 1 OPTIONS", true, false).info())
                .isEqualTo("Request: OPTIONS sip:x@y[Malformed Packet]");
    }

    /** Headers of 60 KB made of many short items stay linear: contacts (counted in a byte, as 4.0 does: 7,000 wrap to 88), Via parameters, routes, a long line. */
    @Test
    void longHeadersAreBounded() {
        String many = "REGISTER sip:b SIP/2.0\r\nCall-ID: l\r\nCSeq: 1 REGISTER\r\n"
                + "Contact: " + "sip:a@b,".repeat(7_000) + "\r\n"
                + "Via: SIP/2.0/UDP h" + ";x".repeat(20_000) + "\r\n"
                + "Route: " + "<sip:r>,".repeat(7_000) + "\r\n"
                + "To: " + ";".repeat(50_000) + "\r\n\r\n";
        Sip s = sip();
        long start = System.nanoTime();
        Answer a = call(s, many, true, false);
        s.tree(frame, new Collected(), p -> { });
        assertThat(a.info()).isEqualTo("Request: REGISTER sip:b  (88 bindings) | ");
        assertThat((System.nanoTime() - start) / 1e9).as("seconds").isLessThan(5);
    }

    /** The UDP payloads of a classic Ethernet/IPv4 pcap. */
    private static List<byte[]> udpPayloads(Path pcap) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> out = new ArrayList<>();
        int at = 24;
        while (at + 16 <= b.limit()) {
            int incl = b.getInt(at + 8);
            int p = at + 16;
            at = p + incl;
            if (incl < 42 || b.get(p + 23) != 17) {
                continue;
            }
            int ihl = (b.get(p + 14) & 0x0f) * 4;
            int start = p + 14 + ihl + 8;
            if (start < at) {
                byte[] m = new byte[at - start];
                b.get(start, m);
                out.add(m);
            }
        }
        return out;
    }

    /** 20,000 mutations of real SIP messages, some cut, over UDP and TCP: no exception, bounded time. */
    @Test
    void mutatedMessagesNeverThrow() throws IOException {
        List<byte[]> seeds = new ArrayList<>(udpPayloads(Path.of("captures/zeek-sip-wireshark.pcap")));
        seeds.addAll(udpPayloads(Path.of("captures/pcapplusplus-sip_resp.pcap")));
        seeds.addAll(udpPayloads(Path.of("captures/pcapplusplus-sip_not_sdp.pcap")));
        seeds.add(REGISTER.getBytes(StandardCharsets.ISO_8859_1));
        assertThat(seeds).hasSizeGreaterThan(80);
        Random rnd = new Random(5060);
        Sip s = sip();
        long start = System.nanoTime();
        for (int i = 0; i < 20_000; i++) {
            byte[] m = seeds.get(rnd.nextInt(seeds.size())).clone();
            int edits = 1 + rnd.nextInt(6);
            for (int e = 0; e < edits; e++) {
                int at = rnd.nextInt(m.length);
                m[at] = (byte) switch (rnd.nextInt(7)) {
                    case 0 -> '\r';
                    case 1 -> '\n';
                    case 2 -> ":;,<>\"=@ ".charAt(rnd.nextInt(9));
                    case 3 -> '0' + rnd.nextInt(10);
                    case 4 -> '-';
                    default -> rnd.nextInt(256);
                };
            }
            int len = rnd.nextInt(4) == 0 ? rnd.nextInt(m.length + 1) : m.length;
            boolean datagram = rnd.nextBoolean();
            PduContext ctx = context(datagram, !datagram && rnd.nextBoolean());
            s.dissect(MemorySegment.ofArray(m), 0, len, ctx);
            s.tree(ctx.frame, new Collected(), p -> { });
            assertThat(ctx.desegmentOffset).isBetween(0, Math.max(0, len));
        }
        assertThat((System.nanoTime() - start) / 1e9).as("seconds for 20,000 messages").isLessThan(60);
    }
}
