package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.TimeZone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 16, items 1 and 8: captures crafted or cut to break the reader. The expected texts are
 * tshark 4.0.17's for the same files (TZ=UTC): {@code fuzz/tsoff.pcapng} has an interface whose
 * {@code if_tsoffset} is 2^63-1, {@code fuzz/future.pcapng} a time of 2^64-1 microseconds.
 */
class HostileCaptureTest {
    private record Run(int rc, String out, String err) {}

    private static Run run(String... args) {
        TimeZone before = TimeZone.getDefault();
        TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            rc = Main.run(out, err, args);
        } finally {
            TimeZone.setDefault(before);
        }
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void timesBeyondTheCalendarAreNotRepresentableNotAnInternalError() {
        String f = "src/test/resources/fuzz/tsoff.pcapng";
        for (String t : new String[] {"a", "ad", "u", "ud"}) {
            Run r = run("read", f, "-t", t);
            assertThat(r.rc()).isZero();
            assertThat(r.out()).isEqualTo("    1            00:00:00_00:00:00 → Broadcast    ARP 42 Reserved opcode 0\n");
        }
        Run v = run("read", f, "-V");
        assertThat(v.rc()).isZero();
        assertThat(v.out()).contains("    Arrival Time: Not representable\n")
                .contains("    Epoch Time: 9223372036854775807.001000000 seconds\n");
        Run json = run("read", f, "-T", "json");
        assertThat(json.rc()).isZero();
        assertThat(json.out()).contains("\"_index\": \"packets-XXXX-XX-XX\"");
        // as tshark: the date (or its words) and the epoch value from the frame's own seconds
        Run fields = run("read", f, "-T", "fields", "-e", "frame.time", "-e", "frame.time_epoch", "-e", "frame.time_delta");
        assertThat(fields.rc()).isZero();
        assertThat(fields.out()).isEqualTo("Not representable\t9223372036854775807.001000000\t0.000000000\n");
        assertThat(run("read", "src/test/resources/fuzz/future.pcapng", "-T", "fields", "-e", "frame.time", "-e", "frame.time_epoch").out())
                .isEqualTo("Jan 19, 586524 08:01:49.551615000 UTC\t18446744073709.551615000\n");
        Run future = run("read", "src/test/resources/fuzz/future.pcapng", "-t", "ad", "-V");
        assertThat(future.out()).startsWith("Frame 1").contains("Arrival Time: Jan 19, 586524 08:01:49.551615000 UTC");
        assertThat(run("read", "src/test/resources/fuzz/future.pcapng", "-t", "ad").out())
                .startsWith("    1 586524-01-19 08:01:49.551615 ");
    }

    /**
     * Times 584,000 years apart (pcapplusplus-pcapng-example): tshark's io,stat over the whole
     * capture prints its wrapped uint64 duration (golden iostat-far); with an interval it creates
     * an item per interval until it is killed for want of memory. tcpscope keeps at most a million
     * intervals and says so in one line, the other reports still printed.
     */
    @Test
    void ioStatOverACaptureSpanningMillenniaIsOneLineNotATableOfBillions() {
        String f = "captures/pcapplusplus-pcapng-example.pcapng.zst";
        Run r = run("read", f, "-q", "-z", "io,stat,100", "-z", "ptype,tree");
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("tcpscope: -z io,stat: 18445321545205 s of capture make more than 1000000"
                + " intervals of 100 s; give a longer interval\n");
        assertThat(r.out()).contains("IP Protocol Types").doesNotContain("IO Statistics");
        Run whole = run("read", f, "-q", "-z", "io,stat,0");
        assertThat(whole.rc()).isZero();
        assertThat(whole.out()).contains("| Duration: 2731976181.7 secs").contains("|     0.0 <> 2731976181.7 |    159 | 57465 |");
    }

    /**
     * A difference the differential fuzzer found (a mutant of learn_tcp.pcapng whose frame 14 has
     * the type/length field 0): packet-eth.c takes 0 as an EtherType (ETHERTYPE_UNK), not as an
     * 802.3 length; tshark 4.0.17's line, -e eth.type and frame.protocols.
     */
    @Test
    void anEtherTypeOfZeroIsEthernetIINotAnIeee8023Length() {
        String f = "src/test/resources/fuzz/ethertype0.pcapng";
        Run r = run("read", f, "-Y", "frame.number == 14");
        assertThat(r.out()).isEqualTo("   14 3.001807577 00:00:00_00:01:00 → 00:00:00_00:00:00 0x0000 87 Ethernet II\n");
        Run fields = run("read", f, "-Y", "frame.number == 14", "-T", "fields", "-e", "eth.type", "-e", "eth.len",
                "-e", "frame.protocols");
        assertThat(fields.out()).isEqualTo("0x0000\t\teth:ethertype:data\n");
    }

    @Test
    void damagedPcapngOptionsStopTheReadAsInTshark() {
        // tshark lists frame 1, then: (pcapng: Not enough data to handle option of length N)
        for (String[] c : new String[][] {{"epbopt", "200"}, {"isbopt", "100"}}) {
            Run r = run("read", "src/test/resources/fuzz/" + c[0] + ".pcapng");
            assertThat(r.rc()).isEqualTo(1);
            assertThat(r.out()).isEqualTo("    1   0.000000 00:00:00_00:00:00 → Broadcast    ARP 42 Reserved opcode 0\n");
            assertThat(r.err()).contains("pcapng: Not enough data to handle option of length " + c[1]);
        }
    }

    @Test
    void aFileCutWhileReadEndsAsACutShortFile(@TempDir Path dir) throws Exception {
        Path copy = dir.resolve("cut.pcap");
        Files.copy(Path.of("captures/synth-traffic-12k.pcap"), copy);
        try (CaptureReader reader = Captures.open(copy.toString())) {
            Frame frame = new Frame();
            int n = 0;
            while (n < 3 && reader.next(frame)) {
                n++;
            }
            try (FileChannel ch = FileChannel.open(copy, StandardOpenOption.WRITE)) {
                ch.truncate(100); // everything after the first 100 bytes is gone under the reader
            }
            assertThatThrownBy(() -> {
                while (reader.next(frame)) {
                    // reading on into pages that no longer exist
                }
            }).isInstanceOf(CaptureFormatException.class).hasMessageContaining("cut short in the middle of a packet");
        }
    }

    /**
     * Item 11: a gzip capture damaged mid-stream lists every frame decompressed before the damage,
     * then the decoder's reason on one line. One flipped byte at offset 946 of the Zeek capture:
     * tshark 4.0.17 lists 9 frames, then "(invalid distance too far back)"; java.util.zip had
     * dropped the bytes of the failing call, and the listing was empty.
     */
    @Test
    void aDamagedGzipCaptureListsWhatDecompressedBeforeTheDamage(@TempDir Path dir) throws Exception {
        byte[] gz = Files.readAllBytes(Path.of("captures/zeek-portmapper-many-unanswered-calls.pcapng.gz"));
        gz[946] ^= (byte) 0xff;
        Path damaged = dir.resolve("damaged.pcapng.gz");
        Files.write(damaged, gz);
        Run whole = run("read", "captures/zeek-portmapper-many-unanswered-calls.pcapng.gz");
        Run r = run("read", damaged.toString());
        assertThat(r.rc()).isEqualTo(1); // README: a capture that could not be read to the end (tshark: 2)
        assertThat(r.out().lines().count()).isEqualTo(9);
        assertThat(whole.out()).startsWith(r.out());
        assertThat(r.err()).isEqualTo("tcpscope: The file \"" + damaged
                + "\" cannot be decompressed; it may be damaged or corrupt (invalid distance too far back).\n");
    }
}
