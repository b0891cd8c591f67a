package dev.tcpscope.web;

import dev.tcpscope.present.color.FilterColorizer;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Filtered and sorted lists, and the cancelling of a closed tab's pass. */
class ViewsTest {
    @Test
    void textSortsDigitRunsAsNumbers() {
        assertThat(Views.natural("10.0.0.2", "10.0.0.10")).isNegative();
        assertThat(Views.natural("10.0.0.10", "10.0.0.2")).isPositive();
        assertThat(Views.natural("80 → 5201", "443 → 5201")).isNegative();
        assertThat(Views.natural("TCP", "TLSv1.2")).isNegative();
        assertThat(Views.natural("", "a")).isNegative();
        assertThat(Views.natural("a07", "a7")).isPositive(); // equal numbers: fewer zeros first
        assertThat(Views.natural("x", "x")).isZero();
    }

    @Test
    void sortsByAColumnWithTiesInCaptureOrder() throws Exception {
        try (CaptureIndex index = new CaptureIndex(Path.of("captures/learn_tcp.pcapng"), FilterColorizer.defaults()).start()) {
            index.awaitDone();
            Views views = new Views(index);
            // Length: 66-byte ACKs first, in capture order, then 70, 71, 72, 74 and the 87-byte answers
            Views.View byLength = views.apply("", null, 5, false);
            assertThat(byLength.frames()).startsWith(3, 5, 7, 10, 13, 16, 17, 18, 19, 20, 15).endsWith(8, 11, 14);
            assertThat(byLength.find(8)).isEqualTo(17);
            Views.View down = views.apply("tcp.len > 0", null, 5, true);
            assertThat(down.frames()).containsExactly(8, 11, 14, 4, 6, 9, 12, 15);
            assertThat(views.apply("tcp.len > 0", null, -1, false).frames()).containsExactly(4, 6, 8, 9, 11, 12, 14, 15);
            assertThat(views.apply("", null, 6, false).frames()[0]).isEqualTo(7); // "5200 → 5201 [ACK] Seq=7 ..." first
        }
    }

    /**
     * A filter on transport fields skips the protocols above TCP and UDP; it keeps the frames a
     * pass with them keeps. One that names an HTTP field still dissects HTTP.
     */
    @Test
    void transportFiltersKeepTheFramesAFullPassKeeps() throws Exception {
        try (CaptureIndex index = new CaptureIndex(Path.of("captures/zeek-http-bro.org.pcap"), FilterColorizer.defaults()).start()) {
            index.awaitDone();
            Views views = new Views(index);
            for (String filter : new String[] {"tcp.analysis.flags || tcp.len > 1000", "tcp.port == 80 && tcp.flags.push == 1",
                    "http.response.code == 200"}) {
                var f = Views.compile(filter);
                java.util.List<Integer> full = new java.util.ArrayList<>();
                views.pass(null, true, d -> {
                    if (f.test(d)) {
                        full.add((int) d.frame().number());
                    }
                });
                assertThat(full).as(filter).isNotEmpty();
                assertThat(views.apply(filter, null).frames()).as(filter).containsExactly(full.stream().mapToInt(Integer::intValue).toArray());
            }
        }
    }

    /** A pass of {@code call} that holds at its first frame until {@link #release}. */
    private static final class HeldPass implements AutoCloseable {
        final CountDownLatch release = new CountDownLatch(1);
        final Future<?> pass;
        private final java.util.concurrent.ExecutorService pool = Executors.newSingleThreadExecutor();

        HeldPass(Views views, String call) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            pass = pool.submit(() -> {
                views.pass(call, d -> {
                    started.countDown();
                    try {
                        release.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                });
                return null;
            });
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        }

        void release() {
            release.countDown();
        }

        @Override
        public void close() {
            release.countDown();
            pool.shutdown();
        }
    }

    @Test
    void aClosedTabsPassIsCancelled() throws Exception {
        try (CaptureIndex index = new CaptureIndex(Path.of("captures/learn_tcp.pcapng"), FilterColorizer.defaults()).start()) {
            Views views = new Views(index);
            try (HeldPass held = new HeldPass(views, "tab-1")) {
                views.cancel("tab-1");
                held.release();
                assertThatThrownBy(() -> held.pass.get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(Views.Cancelled.class);
            }
            // the permit came back: another pass runs
            views.pass("tab-2", d -> { });
        }
    }

    /**
     * The page numbers its long requests ("TAB.N"): the watch of an earlier request, which may
     * notice its closed page only after the next request of the tab started, must not stop that
     * one (the web view once showed an empty report after switching reports quickly).
     */
    @Test
    void aLaterCallOfTheTabOutlivesTheEarlierCallsWatch() throws Exception {
        try (CaptureIndex index = new CaptureIndex(Path.of("captures/learn_tcp.pcapng"), FilterColorizer.defaults()).start()) {
            Views views = new Views(index);
            try (HeldPass held = new HeldPass(views, "tab-1.2")) {
                assertThat(views.running("tab-1.1")).isFalse();
                assertThat(views.running("tab-1.2")).isTrue();
                views.cancel("tab-1.1"); // the first request's watch, closing late
                held.release();
                held.pass.get(10, TimeUnit.SECONDS); // ran to its end
                assertThat(views.running("tab-1.2")).isFalse();
            }
        }
    }
}
