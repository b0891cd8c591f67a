package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** The read command's options and errors, the way a tshark user expects them. */
class ReadCommandTest {
    private static final String LEARN = "captures/learn_tcp.pcapng";

    private record Run(int rc, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int rc;
        try (PrintStream out = new PrintStream(o, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(e, true, StandardCharsets.UTF_8)) {
            rc = Main.run(out, err, args);
        }
        return new Run(rc, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsTheOptionsAndMinusVStaysTheDetailsTree() {
        Run h = run("read", "--help");
        assertThat(h.rc()).isZero();
        assertThat(h.out()).startsWith("Usage: tcpscope read").contains("-Y=FILTER").contains("-t=FORMAT");
        assertThat(run("read", "-c", "1", "-V", LEARN).out()).startsWith("Frame 1: 74 bytes on wire");
    }

    @Test
    void countStopsAfterNPackets() {
        Run r = run("read", "-c", "3", LEARN);
        assertThat(r.rc()).isZero();
        assertThat(r.out().lines()).hasSize(3);
        assertThat(r.out().lines().toList().get(2)).startsWith("    3 0.000229361    127.0.0.1 → 127.0.0.1    TCP 66 5201 → 5200 [ACK] Seq=1 Ack=1");
    }

    @Test
    void detailOptionsThatTsharkRefusesAreRefused() {
        Run nodup = run("read", "--no-duplicate-keys", LEARN);
        assertThat(nodup.rc()).isEqualTo(2);
        assertThat(nodup.err()).contains("--no-duplicate-keys can only be used with \"-T json\"");
        // -x with -T json is not refused (since a87a0f8): each placed item gets its _raw array
        assertThat(run("read", "-x", "-T", "json", "-c", "1", LEARN).out()).contains("\"eth.type_raw\": [");
    }

    @Test
    void ekPsmlAndPdmlRefuseWhatTsharkRefusesAndIgnoreQuiet(@TempDir Path dir) {
        // tshark 4.0.17: -x only with text, PostScript, JSON or EK, and -O with psml, exit 1
        for (String format : new String[] {"psml", "fields"}) {
            Run x = run("read", "-T", format, "-e", "ip.src", "-x", LEARN);
            assertThat(x.rc()).isEqualTo(1);
            assertThat(x.err()).isEqualTo("tcpscope: Raw packet hex data can only be printed as text, PostScript, JSON, JSONRAW or EK JSON\n");
        }
        Run o = run("read", "-T", "psml", "-O", "tcp", LEARN);
        assertThat(o.rc()).isEqualTo(1);
        assertThat(o.err()).isEqualTo("tcpscope: -O requires -V\n");
        assertThat(run("read", "-T", "ek", "--no-duplicate-keys", LEARN).rc()).isEqualTo(2);
        // what tshark does and we do not yet: -P's partial tree under -Y
        assertThat(run("read", "-T", "ek", "-P", "-Y", "tcp", LEARN).err()).contains("not supported yet");
        // -x: ek writes each item's bytes; PDML has them already, and tshark refuses the pair
        assertThat(run("read", "-T", "ek", "-x", "-c", "1", LEARN).out()).contains("\"eth_eth_type_raw\":\"0800\"");
        Run pdmlHex = run("read", "-T", "pdml", "-x", LEARN);
        assertThat(pdmlHex.rc()).isEqualTo(1);
        assertThat(pdmlHex.err()).contains("Raw packet hex data can only be printed as text");
        // tshark prints ek, psml and pdml with -q; with -w, psml and pdml without their header and end
        assertThat(run("read", "-T", "ek", "-q", "-c", "1", LEARN).out()).startsWith("{\"index\":");
        assertThat(run("read", "-T", "psml", "-q", "-c", "1", LEARN).out()).startsWith("<?xml").endsWith("</psml>\n");
        assertThat(run("read", "-T", "pdml", "-q", "-c", "1", LEARN).out()).startsWith("<?xml").endsWith("</pdml>\n");
        Run saved = run("read", "-T", "psml", "-c", "1", "-w", dir.resolve("one.pcapng").toString(), LEARN);
        assertThat(saved.rc()).isZero();
        assertThat(saved.out()).startsWith("<packet>\n<section>1</section>").endsWith("</packet>\n\n");
        Run savedPdml = run("read", "-T", "pdml", "-c", "1", "-w", dir.resolve("two.pcapng").toString(), LEARN);
        assertThat(savedPdml.rc()).isZero();
        assertThat(savedPdml.out()).startsWith("<packet>\n  <proto name=\"geninfo\"").endsWith("</packet>\n\n\n");
    }

    @Test
    void verboseStreamsOneTreePerFrameFollowedByABlankLine() {
        Run r = run("read", "-V", "-c", "2", LEARN);
        assertThat(r.rc()).isZero();
        assertThat(r.out()).startsWith("Frame 1: 74 bytes on wire (592 bits), 74 bytes captured (592 bits) on interface lo, id 0\n")
                .contains("\n\nFrame 2: ").endsWith("]\n\n");
        assertThat(run("read", "-V", "-q", LEARN).out()).isEmpty();
    }

    @Test
    void twoPassesNameTheFrameThatCompletesEachFragmentsDatagram() {
        // tshark -2 -r captures/pcapplusplus-IPv4Frag.pcap (and -V): the first pass knows frame 3 completes the datagram
        String frag = "captures/pcapplusplus-IPv4Frag.pcap";
        assertThat(run("read", "-2", frag).out().lines().toList().get(0))
                .endsWith("Fragmented IP protocol (proto=UDP 17, off=0, ID=9c89) [Reassembled in #3]");
        assertThat(run("read", frag).out().lines().toList().get(0)).endsWith("ID=9c89)");
        String v = run("read", "-2", "-V", frag).out();
        assertThat(v.lines().filter(l -> l.equals("    [Reassembled IPv4 in frame: 3]")).count()).isEqualTo(2);
        assertThat(run("read", "-2", "-T", "json", frag).out()).contains("\"ip.reassembled_in\": \"3\"");
        // -c stops the first pass too, which then never sees frame 3 (as tshark -2 -c 2)
        assertThat(run("read", "-2", "-V", "-c", "2", frag).out()).doesNotContain("Reassembled");
    }

    @Test
    void dashRIsTheSameAsThePositionalFile() {
        assertThat(run("read", "-r", LEARN).out()).isEqualTo(run("read", LEARN).out());
    }

    @Test
    void timeFormats() {
        assertThat(run("read", "-c", "2", "-t", "e", LEARN).out().lines().toList().get(1))
                .contains(" 1795530325.485373655 ");
        assertThat(run("read", "-c", "2", "-t", "d", LEARN).out().lines().toList().get(1))
                .startsWith("    2 0.000212747 ");
        assertThat(run("read", "-c", "1", "-t", "ud", LEARN).out()).startsWith("    1 2026-11-24 14:25:25.485160908 ");
    }

    @Test
    void quietPrintsNothingButReadsTheFile() {
        Run r = run("read", "-q", "-n", LEARN);
        assertThat(r.rc()).isZero();
        assertThat(r.out()).isEmpty();
    }

    @Test
    void badArgumentsAreOneLineAndExitTwo() {
        for (String[] args : new String[][] {{"read", "--bogus", LEARN}, {"read", "-t", "zz", LEARN},
                {"read"}, {"read", "captures/no-such-file.pcap"}, {"read", "-c", "x", LEARN}}) {
            Run r = run(args);
            assertThat(r.rc()).as(String.join(" ", args)).isEqualTo(2);
            assertThat(r.err().strip().lines()).as(String.join(" ", args)).hasSize(1);
            assertThat(r.err()).doesNotContain("Exception").doesNotContain("\tat ");
        }
    }

    @Test
    void aFileThatIsNoCaptureExitsOne(@TempDir Path dir) throws IOException {
        Path f = dir.resolve("notes.txt");
        Files.writeString(f, "not a capture at all\n");
        Run r = run("read", f.toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.err().strip().lines()).hasSize(1);
        assertThat(r.err()).contains("not a capture file");
    }

    @Test
    void aCaptureCutShortListsWhatItCanThenExitsOne(@TempDir Path dir) throws IOException {
        byte[] whole = Files.readAllBytes(Path.of(LEARN));
        Path cut = dir.resolve("cut.pcapng");
        Files.write(cut, java.util.Arrays.copyOf(whole, 1500));
        Run r = run("read", cut.toString());
        assertThat(r.rc()).isEqualTo(1);
        assertThat(r.out().lines()).hasSizeGreaterThan(5);
        assertThat(r.err()).contains("cut short");
        assertThat(r.err().strip().lines()).hasSize(1);
    }
}
