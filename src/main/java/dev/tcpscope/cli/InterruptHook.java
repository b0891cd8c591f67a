package dev.tcpscope.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a command that captures: a shutdown hook that asks the running work to stop, then
 * waits (at most {@value #WAIT_SECONDS} s) until the command has flushed its files and closed
 * what it opened, so that an interrupted capture still ends cleanly. {@link #done()} says the
 * command has finished its cleanup and takes the hook away when the JVM is not shutting down.
 */
final class InterruptHook {
    private static final long WAIT_SECONDS = 5;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    /** Registers the hook; {@code stop} is called from it on Ctrl-C (or any other shutdown). */
    InterruptHook(String name, Runnable stop) {
        hook = new Thread(() -> {
            stop.run();
            try {
                finished.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException ignored) {
                Thread.currentThread().interrupt();
            }
        }, name);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** The command has flushed and closed everything: a waiting hook returns, an idle one goes. */
    void done() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and returns now that the cleanup is over
        }
    }
}
