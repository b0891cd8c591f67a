package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The build runs every test with {@code tcpscope.listThreads=2} (core.pom.xml), so that each
 * {@code read} of the golden tests lists on two threads whatever the machine's cores; the
 * property also turns the second thread off.
 */
class ListPipelineTest {
    @Test
    void theTestsListOnTwoThreadsAndThePropertyDecides() {
        assertThat(System.getProperty("tcpscope.listThreads")).isEqualTo("2");
        assertThat(ListPipeline.worthIt()).isTrue();
        try {
            System.setProperty("tcpscope.listThreads", "1");
            assertThat(ListPipeline.worthIt()).isFalse();
        } finally {
            System.setProperty("tcpscope.listThreads", "2");
        }
    }
}
