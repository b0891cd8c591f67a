package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;


import static org.assertj.core.api.Assertions.assertThat;

/** {@code tcpscope -r FILE ...} without a command runs {@code read}, as {@code tshark -r FILE ...}. */
class TsharkStyleReadTest {
    private static String[] run(String... args) {
        CliRun r = CliRun.of(args);
        return new String[] {String.valueOf(r.rc()), r.out(), r.err()};
    }

    @Test
    void dashRWithoutACommandIsRead() {
        String[] plain = run("-r", "captures/learn_tcp.pcapng", "-Y", "tcp.flags.fin == 1", "-T", "fields", "-e", "frame.number");
        assertThat(plain[0]).isEqualTo("0");
        assertThat(plain[1].lines().toList()).containsExactly("17", "19");
        String[] later = run("-n", "-c", "2", "-r", "captures/learn_tcp.pcapng");
        assertThat(later[1]).isEqualTo(run("read", "-c", "2", "captures/learn_tcp.pcapng")[1]);
    }

    @Test
    void withoutDashRTheCommandIsStillRequired() {
        String[] r = run("captures/learn_tcp.pcapng");
        assertThat(r[0]).isEqualTo("2");
        assertThat(r[1]).isEmpty();
    }
}
