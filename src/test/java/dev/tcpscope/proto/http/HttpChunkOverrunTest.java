package dev.tcpscope.proto.http;

import dev.tcpscope.cli.CliRun;
import dev.tcpscope.frame.LinkType;
import dev.tcpscope.synth.FrameBuilder;
import dev.tcpscope.synth.PcapWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A chunk size larger than the bytes left: chunked_encoding_dissector clips it to the bytes left
 * counted from the size line, then copies that many from after the line, which reads past the
 * body, so the frame ends "[Malformed Packet]" after the chunks before it (zeek's
 * variant-01-chunk_2pow64_overflow.pcap; the expected text is tshark 4.0.17's for these bytes).
 */
class HttpChunkOverrunTest {
    @TempDir
    Path dir;

    @Test
    void aChunkPastTheBodyEndsTheFrameMalformed() throws IOException {
        byte[] post = ("POST / HTTP/1.1\r\nHost: target\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "3\r\nabc\r\n10000000000000000\r\n\r\nGET /x HTTP/1.1\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        Path file = dir.resolve("chunks.pcap");
        FrameBuilder fb = new FrameBuilder().ipv4(0x0a000001, 0x0a000002);
        try (OutputStream os = Files.newOutputStream(file); PcapWriter out = new PcapWriter(os, LinkType.ETHERNET, 65535, false)) {
            fb.payload(post, 0);
            int n = fb.tcp(40000, 80, 101, 501, FrameBuilder.PSH | FrameBuilder.ACK | FrameBuilder.FIN, 65000, post.length);
            out.write(2_000_000_000L, fb.buffer(), 0, n);
        }
        CliRun list = CliRun.of("read", file.toString());
        assertThat(list.rc()).isZero();
        assertThat(list.out().lines().toList().get(0)).endsWith(" POST / HTTP/1.1 [Malformed Packet]");
        CliRun v = CliRun.of("read", file.toString(), "-V");
        List<String> lines = v.out().lines().toList();
        int chunked = lines.indexOf("    HTTP chunked response");
        assertThat(lines.subList(chunked, chunked + 6)).containsExactly("    HTTP chunked response",
                "        Data chunk (3 octets)", "            Chunk size: 3 octets", "            Chunk data: 616263",
                "            Chunk boundary: 0d0a", "[Malformed Packet: HTTP]");
    }
}
