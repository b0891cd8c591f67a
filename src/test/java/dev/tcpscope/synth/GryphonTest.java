package dev.tcpscope.synth;

import dev.tcpscope.cli.Main;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Gryphon on port 7000 (proto/gryphon): desegmenting by the 8-byte header's length, and a whole
 * message's header. Expected lines were printed by tshark 4.0.17 (scripts/tshark-profile.sh's
 * profile) on the same bytes: captures/synth-gryphon.pcap, and the two messages written here.
 */
class GryphonTest {
    private static List<String> read(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            assertThat(Main.run(out, err, args)).as("exit code (stderr: %s)", e).isZero();
        }
        return o.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** One-byte echoes never complete a message: every data segment waits for more. */
    @Test
    void bytesShortOfAMessageAreSegmentsOfAReassembledPdu() {
        List<String> lines = read("read", "captures/synth-gryphon.pcap");
        assertThat(lines.get(3)).isEqualTo("    4 0.030000000     10.0.1.1 → 10.0.1.2     TCP 55 41001 → 7000 [PSH, ACK] Seq=1 Ack=1 Win=65000 Len=1 [TCP segment of a reassembled PDU]");
        assertThat(lines.get(62)).isEqualTo("   63 10.040000000     10.0.1.1 → 10.0.1.2     TCP 71 41002 → 7000 [PSH, ACK] Seq=17 Ack=1 Win=65000 Len=17 [TCP segment of a reassembled PDU]");
        assertThat(lines).noneMatch(l -> l.contains("Gryphon"));
    }

    /** A command request and its response, each whole in one segment: Info is the frame type, the header is itemised. */
    @Test
    void wholeMessagesShowTheirHeader(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("gryphon.pcap");
        try (OutputStream os = Files.newOutputStream(f)) {
            TcpSessions io = new TcpSessions(os, 7000, n -> 40000);
            io.open();
            io.client(TcpSessions.b(1, 0, 2, 0, 0, 4, 1, 0, 0, 0, 0, 1));
            io.server(TcpSessions.b(2, 1, 1, 2, 0, 8, 2, 0, 0, 0, 0, 1, 0, 0, 0, 0));
            io.close();
            io.done();
        }
        List<String> lines = read("read", f.toString(), "-Y", "gryphon", "-T", "fields", "-e", "_ws.col.Info",
                "-e", "gryphon.src", "-e", "gryphon.srcchan", "-e", "gryphon.srcchanclient", "-e", "gryphon.dest",
                "-e", "gryphon.destchan", "-e", "gryphon.destchanclient", "-e", "gryphon.data_length", "-e", "gryphon.type");
        assertThat(lines).containsExactly(
                "Command request\t0x01\t0\t\t0x02\t\t0\t4\t1",
                "Command response\t0x02\t\t1\t0x01\t2\t\t8\t2");
    }
}
