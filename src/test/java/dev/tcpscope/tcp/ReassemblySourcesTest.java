package dev.tcpscope.tcp;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPOutputStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A PDU waiting for segments of a capture file keeps file positions (or, when small, copies) and
 * copies (pooled pages) when the capture is a stream; all must give the same bytes. Each capture
 * is read as itself, with the default copy budget and with none (every segment read back from
 * the file), and gzip-compressed (a stream), with the full detail tree and hex dumps of the
 * reassembled data, and the outputs must be identical.
 */
class ReassemblySourcesTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @ValueSource(strings = {"arkime-http-100-continue.pcap", "arkime-http-no-length.pcap",
            "pcapplusplus-four_ipv6_http_streams.pcap", "pcapplusplus-three_http_streams.pcap",
            "suricata-http-pipeline-files-with-gap.pcap", "synth-http-out-of-order.pcap",
            "zeek-http-bro.org.pcap", "zeek-tcp-fast-open.pcap", "zeek-tcp-reassembly.pcap"})
    void mappedFileAndStreamReassembleTheSameBytes(String name) throws IOException {
        Path file = Path.of("captures", name);
        Path gz = tmp.resolve(name + ".gz");
        try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
            Files.copy(file, out);
        }
        for (String[] opts : new String[][] {{"-V", "-x"}, {"-2", "-V", "-x"}, {"-T", "fields", "-e", "tcp.reassembled.data"}}) {
            CliRun mapped = CliRun.of(args(file.toString(), opts));
            CliRun stream = CliRun.of(args(gz.toString(), opts));
            CliRun positions;
            System.setProperty("tcpscope.pdu-copy-budget", "0");
            try {
                positions = CliRun.of(args(file.toString(), opts));
            } finally {
                System.clearProperty("tcpscope.pdu-copy-budget");
            }
            assertThat(mapped.rc()).isZero();
            assertThat(mapped.out()).contains(opts[0].equals("-T") ? "" : "Reassembled TCP");
            assertThat(stream.out()).isEqualTo(mapped.out());
            assertThat(positions.out()).isEqualTo(mapped.out());
        }
    }

    private static String[] args(String file, String[] opts) {
        String[] a = new String[opts.length + 2];
        a[0] = "read";
        a[1] = file;
        System.arraycopy(opts, 0, a, 2, opts.length);
        return a;
    }
}
