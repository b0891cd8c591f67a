package dev.tcpscope.cli;

/**
 * Keeps the heap near what is live on long runs. The serial collector grows its old generation
 * rather than collect it while the heap may still grow, so per-connection and per-PDU state that
 * lives a while and then dies (closed conversations, reassembled PDUs) piles up as garbage there,
 * and resident memory follows the length of the capture (170–190 MB for 5M HTTP packets with a
 * live set under 50 MB). A daemon thread looks at the heap a few times a second and asks for a
 * full collection when the heap in use has grown a quarter past what the last one left, and
 * past {@value #FLOOR_MB} MB: a full collection of a small live set takes tens of milliseconds.
 * (Half past, as before, let {@code explain} of a million SYNs peak at 180 MB; a quarter is
 * 164 MB and no slower there, nor on a 1M-packet HTTP capture: bench/README.md.)
 * It starts after {@value #DELAY_MS} ms, so short runs never see it.
 */
public final class HeapGuard {
    private static final long FLOOR_MB = 40;
    private static final long DELAY_MS = 1000;
    private static final long PERIOD_MS = 100;

    private HeapGuard() { }

    public static void start() {
        Thread t = new Thread(HeapGuard::watch, "heap-guard");
        t.setDaemon(true);
        t.start();
    }

    private static void watch() {
        Runtime rt = Runtime.getRuntime();
        long limit = FLOOR_MB << 20;
        try {
            Thread.sleep(DELAY_MS);
            while (true) {
                long used = rt.totalMemory() - rt.freeMemory();
                if (used > limit) {
                    System.gc();
                    long live = rt.totalMemory() - rt.freeMemory();
                    limit = Math.max(FLOOR_MB << 20, live + live / 4);
                }
                Thread.sleep(PERIOD_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
