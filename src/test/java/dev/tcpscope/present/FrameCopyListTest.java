package dev.tcpscope.present;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.FrameCopy;
import dev.tcpscope.wire.SegmentCopies;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packet list of a {@link FrameCopy} is the packet list of the frame it copied, however far
 * the decoder has gone on since: over every capture of the repository and the test resources,
 * each frame's line is built at once from the decoder and again from a copy listed
 * {@link #LAG} frames later, when the reader's buffers, the reassemblers' and the decoder's
 * records all hold later frames. A field the copy forgets shows up as a line that differs.
 */
class FrameCopyListTest {
    private static final int MAX_FRAMES = 5000;
    private static final int LAG = 64;

    @Test
    void aCopyListsAsTheDecoderDidLongAfterIt() throws IOException {
        List<String> wrong = new ArrayList<>();
        long frames = 0;
        for (Path capture : RepositoryCaptures.all()) {
            Decoder decoder = new Decoder().payloads(Protocols.table());
            PacketList now = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneOffset.UTC), MacNames::system, decoder);
            PacketList later = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneOffset.UTC), MacNames::system, decoder);
            FrameCopy[] ring = new FrameCopy[LAG];
            String[] expected = new String[LAG];
            // one arena for the whole ring, cleared only when a lap begins: every copy in flight keeps its bytes
            SegmentCopies[] arenas = {new SegmentCopies(1 << 16), new SegmentCopies(1 << 16)};
            StringBuilder line = new StringBuilder();
            int n = 0;
            try (CaptureReader r = Captures.open(capture.toString())) {
                Frame f = new Frame();
                while (n < MAX_FRAMES && decoded(r, f, decoder)) {
                    int k = n % LAG;
                    if (n >= LAG) {
                        check(capture, later, ring[k], expected[k], line, wrong);
                    }
                    if (k == 0) {
                        arenas[(n / LAG) % 2].clear();
                    }
                    line.setLength(0);
                    now.appendLine(decoder, line);
                    expected[k] = line.toString();
                    if (ring[k] == null) {
                        ring[k] = new FrameCopy();
                    }
                    ring[k].copyOf(decoder, arenas[(n / LAG) % 2]);
                    frames++;
                    n++;
                }
            } catch (IOException damaged) {
                // a capture that cannot be opened
            }
            for (int m = Math.max(0, n - LAG); m < n; m++) {
                check(capture, later, ring[m % LAG], expected[m % LAG], line, wrong);
            }
        }
        assertThat(wrong).isEmpty();
        assertThat(frames).isGreaterThan(10_000);
    }

    /** Reads and decodes the next frame; false at the end or at damage (the frames before it are compared). */
    private static boolean decoded(CaptureReader r, Frame f, Decoder decoder) {
        try {
            if (!r.next(f)) {
                return false;
            }
        } catch (IOException | RuntimeException damaged) {
            return false;
        }
        decoder.decode(f);
        return true;
    }

    private static void check(Path capture, PacketList later, FrameCopy copy, String expected, StringBuilder line,
                              List<String> wrong) {
        line.setLength(0);
        try {
            later.appendLine(copy, line);
        } catch (RuntimeException e) {
            if (wrong.size() < 20) {
                StringBuilder where = new StringBuilder();
                for (StackTraceElement t : e.getStackTrace()) {
                    if (t.getClassName().startsWith("dev.tcpscope") && where.length() < 400) {
                        where.append("\n    at ").append(t);
                    }
                }
                wrong.add(capture + " frame " + copy.frame().number() + ": " + e + where);
            }
            return;
        }
        if (!line.toString().equals(expected) && wrong.size() < 20) {
            wrong.add(capture + ":\n  decoder: " + expected + "\n  copy:    " + line);
        }
    }
}
