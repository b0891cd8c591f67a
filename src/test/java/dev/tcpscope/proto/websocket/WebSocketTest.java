package dev.tcpscope.proto.websocket;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WebSocket (packet-websocket.c) on captures/synth-websocket.pcap (WebSocketScenarios); the
 * expected values are tshark 4.0.17's with scripts/tshark-profile.sh's profile, e.g. {@code tshark
 * -r captures/synth-websocket.pcap -Y websocket.fragments -T fields -e frame.number -e
 * websocket.fragment -e websocket.reassembled.length -e websocket.payload.text}.
 */
class WebSocketTest {
    private static final String CAPTURE = "captures/synth-websocket.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void aMessageInThreeFramesIsReassembledWhenItsLastFrameComes() {
        assertThat(read("read", CAPTURE, "-Y", "websocket.fragments && tcp.stream == 0", "-T", "fields", "-e", "frame.number",
                "-e", "websocket.fragment", "-e", "websocket.reassembled.length", "-e", "websocket.payload.text"))
                .containsExactly("65\t61,63,65\t25\tHello, world\\r\\nsecond line");
        // the first frame of it: its opcode, "[FRAGMENT] " and nothing of its payload shown
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 61", "-T", "fields", "-e", "_ws.col.Info", "-e", "data-text-lines"))
                .containsExactly("WebSocket Text[FRAGMENT]  [MASKED]\t");
    }

    @Test
    void aFrameOverManySegmentsIsReassembledByItsSixtyFourBitLength() {
        assertThat(read("read", CAPTURE, "-Y", "websocket.payload_length_ext_64", "-T", "fields", "-e", "frame.number",
                "-e", "websocket.payload_length_ext_64", "-e", "tcp.reassembled.length", "-e", "data.len"))
                .containsExactly("58\t70000\t70010\t70000");
    }

    @Test
    void permessageDeflateInflatesSingleFramesInContextAndLeavesAFragmentedMessageAsItCame() {
        assertThat(read("read", CAPTURE, "-Y", "websocket.pmc == 1", "-T", "fields", "-e", "frame.number",
                "-e", "websocket.payload.text")).containsExactly(
                "77\tcompressed hello, compressed hello", "78\tcompressed hello again, with context",
                "79\tfrom the client, compressed", "80\t", "83\t");
        List<String> failed = read("read", CAPTURE, "-V", "-Y", "frame.number == 83");
        assertThat(failed.subList(failed.indexOf("Decompression failed"), failed.size())).startsWith("Decompression failed",
                "    [Expert Info (Warning/Protocol): Decompression failed]");
        // 4.0 decides by the last frame's RSV1: the two-frame message is shown compressed
        assertThat(read("read", CAPTURE, "-x", "-Y", "frame.number == 81")).contains("Reassembled Message (24 bytes):")
                .doesNotContain("Decompressed payload");
    }

    @Test
    void theAnswerAndTheFirstFrameShareTheInfoColumnAfterHttpsFence() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 91", "-T", "fields", "-e", "_ws.col.Info", "-e", "frame.protocols"))
                .containsExactly("HTTP/1.1 101 Switching Protocols WebSocket Text [FIN] \teth:ethertype:ip:tcp:http:websocket:data-text-lines");
    }

    @Test
    void unknownOpcodesAndACloseWithAReason() {
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number == 66");
        assertThat(v).contains("        Unknown: 6f70636f64652033",
                "            [Expert Info (Note/Undecoded): Dissector for Websocket Opcode (3) code not implemented,"
                        + " Contact Wireshark developers if you want this supported]",
                "    .... 1011 = Opcode: Unknown (11)");
        assertThat(read("read", CAPTURE, "-Y", "websocket.payload.close.reason", "-T", "fields", "-e", "frame.number",
                "-e", "websocket.payload.close.status_code", "-e", "websocket.payload.close.reason")).containsExactly("67\t1001\tbye");
    }

    @Test
    void anUpgradeToH2cHandsTheBytesAfterTheAnswerToHttp2() {
        assertThat(read("read", CAPTURE, "-Y", "tcp.port == 43004", "-T", "fields", "-e", "frame.protocols", "-e", "_ws.col.Info"))
                .endsWith("eth:ethertype:ip:tcp:http\tHTTP/1.1 101 Switching Protocols ", "eth:ethertype:ip:tcp:http:http2\tMagic",
                        "eth:ethertype:ip:tcp\t43004 → 80 [FIN, ACK] Seq=153 Ack=148 Win=65000 Len=0",
                        "eth:ethertype:ip:tcp\t80 → 43004 [FIN, ACK] Seq=148 Ack=154 Win=65000 Len=0",
                        "eth:ethertype:ip:tcp\t43004 → 80 [ACK] Seq=154 Ack=149 Win=65000 Len=0");
    }
}
