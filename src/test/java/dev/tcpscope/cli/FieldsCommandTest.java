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
        assertThat(lines).hasSize(dev.tcpscope.proto.Protocols.fields().all().size());
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
}
