package dev.tcpscope.proto;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The expert info fields ({@code _ws.expert.*}) in {@code read}'s filters and {@code -e}; the
 * expected values are tshark 4.0.17's ({@code tshark -r captures/learn_tcp.pcapng -Y
 * '_ws.expert.severity == note' -T fields -e frame.number -e _ws.expert.message -e
 * _ws.expert.severity -e _ws.expert.group}); FilterCountTest checks the counts of more filters.
 */
class ExpertFieldsTest {
    @Test
    void theExpertItemsOfEveryLayerAreFieldsWithNamedSeveritiesAndGroups() {
        CliRun run = CliRun.of("read", "captures/learn_tcp.pcapng", "-Y", "_ws.expert.severity == note", "-T", "fields",
                "-e", "frame.number", "-e", "_ws.expert.message", "-e", "_ws.expert.severity", "-e", "_ws.expert.group");
        assertThat(run.rc()).isZero();
        assertThat(run.out().lines()).containsExactly(
                "17\tConnection finish (FIN),This frame initiates the connection closing\t2097152,4194304\t33554432,33554432",
                "19\tConnection finish (FIN),This frame undergoes the connection closing\t2097152,4194304\t33554432,33554432");
    }

    @Test
    void aTapFilterNamingThemGetsThemToo() {
        CliRun run = CliRun.of("read", "captures/learn_tcp.pcapng", "-q", "-z", "io,stat,0,_ws.expert.group == sequence");
        assertThat(run.rc()).isZero();
        assertThat(run.out()).contains("| 0.000 <> 4.002 |      4 |   280 |   |");
    }

    @Test
    void commandsThatBuildNoTreesRefuseTheNames() {
        CliRun run = CliRun.of("follow", "captures/learn_tcp.pcapng", "-Y", "_ws.expert");
        assertThat(run.rc()).isNotZero();
        assertThat(run.err()).contains("_ws.expert is neither a field nor a protocol name.");
    }
}
