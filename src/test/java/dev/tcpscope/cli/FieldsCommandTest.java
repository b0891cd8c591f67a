package dev.tcpscope.cli;

import dev.tcpscope.field.FieldTable;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpscope fields} lists the table in the columns of {@code tshark -G fields}. */
class FieldsCommandTest {
    @Test
    void listsEveryFieldOnceInTsharksColumns() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int rc;
        try (PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8)) {
            rc = Main.run(o, o, "fields");
        }
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(rc).isZero();
        assertThat(lines).hasSize(dev.tcpscope.proto.Protocols.readFields().all().size());
        // Lines as tshark 4.0.17 -G fields prints them (columns for which we keep the same data).
        assertThat(lines).contains(
                "P\tTransmission Control Protocol\ttcp",
                "F\tTime to Live\tip.ttl\tFT_UINT8\tip\tBASE_DEC\t0x0\t",
                "F\tSource Address\tip.src\tFT_IPv4\tip\t\t0x0\t",
                "F\tDestination\teth.dst\tFT_ETHER\teth\t\t0x0\t");
        for (String line : lines) {
            assertThat(line.split("\t", -1).length).as(line).isIn(3, 8);
        }
    }

    /**
     * {@code tcpscope -G protocols} prints, for each protocol it knows, the line tshark 4.0's
     * {@code -G protocols} prints for it (name, short name, filter name), and {@code -G fields}'s
     * protocol lines are tshark's; an unknown report is one error line, exit 1.
     */
    @Test
    void dashGPrintsTsharksGlossaryLines() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/tshark")),
                "tshark is not installed");
        CliRun protocols = CliRun.of("-G", "protocols");
        assertThat(protocols.rc()).isZero();
        List<String> ours = protocols.out().lines().toList();
        assertThat(ours).hasSizeGreaterThan(20).contains("Transmission Control Protocol\tTCP\ttcp", "Rlogin Protocol\tRlogin\trlogin");
        assertThat(tshark("protocols")).containsAll(ours);
        List<String> pLines = CliRun.of("-G", "fields").out().lines().filter(l -> l.startsWith("P\t")).toList();
        assertThat(pLines).hasSize(ours.size());
        assertThat(tshark("fields")).containsAll(pLines);
        CliRun bad = CliRun.of("-G", "nonsense");
        assertThat(bad.rc()).isEqualTo(1);
        assertThat(bad.err().strip()).startsWith("tcpscope: Invalid \"nonsense\" option for -G").doesNotContain("\n");
    }

    private static java.util.Set<String> tshark(String report) throws Exception {
        Process p = new ProcessBuilder("tshark", "-G", report).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        java.util.Set<String> lines = new java.util.HashSet<>(
                new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).lines().toList());
        assertThat(p.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        return lines;
    }
}
