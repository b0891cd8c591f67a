package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/** {@code read -w}: tshark 4.0.17's options and messages, and no half-written file on failure. */
class ReadSaveTest {
    private static final String CAPTURE = "captures/learn_tcp.pcapng";

    @TempDir
    Path dir;


    private long files() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.count();
        }
    }

    @Test
    void savedFramesKeepTheirListLinesAndPrintOnlyWithP() throws IOException {
        Path saved = dir.resolve("data.pcapng");
        CliRun quiet = CliRun.of("read", CAPTURE, "-Y", "tcp.len > 0", "-w", saved.toString());
        assertThat(quiet.rc()).isZero();
        assertThat(quiet.out()).isEmpty();
        CliRun printed = CliRun.of("read", CAPTURE, "-Y", "tcp.len > 0", "-w", dir.resolve("p.pcapng").toString(), "-P");
        assertThat(printed.out().lines()).hasSize(8);
        // tshark -r learn_tcp.pcapng -Y 'tcp.len > 0' -w x; tshark -r x: frame 4 of the file becomes frame 1
        CliRun back = CliRun.of("read", saved.toString(), "-T", "fields", "-e", "frame.number", "-e", "frame.time_epoch", "-e", "tcp.len");
        assertThat(back.out().lines().toList()).hasSize(8).first().isEqualTo("1\t1795530325.485875797\t6");
    }

    @Test
    void pcapKeepsMicrosecondsAndRefusesASecondLinkType() throws IOException {
        Path saved = dir.resolve("x.pcap");
        assertThat(CliRun.of("read", "captures/arkime-wireshark-retrans.pcap", "-F", "pcap", "-w", saved.toString()).rc()).isZero();
        assertThat(Files.readAllBytes(saved)).startsWith(0xd4, 0xc3, 0xb2, 0xa1);
        assertThat(CliRun.of("read", saved.toString()).out())
                .isEqualTo(CliRun.of("read", "captures/arkime-wireshark-retrans.pcap").out());
        CliRun bad = CliRun.of("read", "captures/pcapplusplus-many_interfaces-1.pcapng", "-F", "pcap", "-w", dir.resolve("m.pcap").toString());
        assertThat(bad.rc()).isEqualTo(2);
        assertThat(bad.err()).startsWith("tcpscope: Frame ").contains("network type that differs");
        assertThat(files()).as("no half-written m.pcap").isEqualTo(1);
        CliRun type = CliRun.of("read", CAPTURE, "-F", "erf", "-w", dir.resolve("e").toString());
        assertThat(type.rc()).isEqualTo(2);
        assertThat(type.err()).startsWith("tcpscope: \"erf\" isn't a valid capture file type");
    }

    @Test
    void aDirectoryAMissingFolderAndAFullDiskAreOneLineAndExit2() throws IOException {
        CliRun folder = CliRun.of("read", CAPTURE, "-w", dir.toString());
        assertThat(folder.rc()).isEqualTo(2);
        assertThat(folder.err()).isEqualTo("tcpscope: \"" + dir + "\" is a directory (folder), not a file.\n");
        CliRun missing = CliRun.of("read", CAPTURE, "-w", dir.resolve("no/x.pcapng").toString());
        assertThat(missing.err()).isEqualTo("tcpscope: The path to the file \"" + dir.resolve("no/x.pcapng") + "\" doesn't exist.\n");
        assertThat(missing.rc()).isEqualTo(2);
        assumeThat(Path.of("/dev/full")).exists();
        CliRun full = CliRun.of("read", CAPTURE, "-w", "/dev/full");
        assertThat(full.rc()).isEqualTo(2);
        assertThat(full.err()).isEqualTo("tcpscope: Not all the packets could be written to the file \"/dev/full\""
                + " because there is no space left on the file system.\n");
        assertThat(files()).isZero();
    }

    @Test
    void aFailedRunLeavesAnOldFileUntouchedAndNoTemporaryFile() throws IOException {
        Path target = dir.resolve("keep.pcapng");
        Files.writeString(target, "old");
        CliRun r = CliRun.of("read", "captures/no-such-file.pcap", "-w", target.toString());
        assertThat(r.rc()).isEqualTo(2);
        assertThat(Files.readString(target)).isEqualTo("old");
        assertThat(files()).isEqualTo(1);
    }

    @Test
    void standardOutputTakesTheCaptureButNotAlsoThePackets() {
        CliRun both = CliRun.of("read", CAPTURE, "-w", "-", "-V");
        assertThat(both.rc()).isEqualTo(2);
        assertThat(both.err()).isEqualTo("tcpscope: You can't write both raw packet data and dissected packets to the standard output.\n");
    }

    @Test
    void readFilterWithCountStopsAfterTheFirstKeptFrameAtOrPastTheCount() {
        // tshark -2 -R 'tcp.len>0' -c 3 learn_tcp.pcapng: frames 1-3 are dropped, frame 4 is kept and ends the pass
        CliRun r = CliRun.of("read", CAPTURE, "-2", "-R", "tcp.len>0", "-c", "3", "-T", "fields", "-e", "tcp.len");
        assertThat(r.out().lines().toList()).containsExactly("6");
        CliRun five = CliRun.of("read", CAPTURE, "-2", "-R", "tcp.len>0", "-c", "5", "-T", "fields", "-e", "tcp.len");
        assertThat(five.out().lines().toList()).containsExactly("6", "5");
        // the time reference is the file's first frame, though -R dropped it (tshark: 0.000714889)
        CliRun list = CliRun.of("read", CAPTURE, "-2", "-R", "tcp.len>0", "-c", "3");
        assertThat(list.out()).startsWith("    1 0.000714889    127.0.0.1 → 127.0.0.1    TCP 72 5200 → 5201 [PSH, ACK] Seq=1 Ack=1");
    }
}
