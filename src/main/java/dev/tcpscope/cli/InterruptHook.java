package dev.tcpscope.cli;

import sun.misc.Signal;
import sun.misc.SignalHandler;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a command that captures. As in tshark, Ctrl-C (SIGINT) ends a capture the way its
 * end would: the running work is asked to stop, the command flushes, reports its counts and
 * exits 0. A second Ctrl-C, or SIGTERM, ends the JVM; then a shutdown hook asks the work to stop
 * and waits (at most {@value #WAIT_SECONDS} s) until the command has flushed its files and closed
 * what it opened. {@link #done()} says the command has finished its cleanup, puts the previous
 * SIGINT handling back and takes the hook away when the JVM is not shutting down.
 */
final class InterruptHook {
    private static final long WAIT_SECONDS = 5;
    private static final Signal INT = new Signal("INT");
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    private final SignalHandler previous;
    private volatile boolean interrupted;

    /** Registers the handlers; {@code stop} is called on Ctrl-C (or any other shutdown). */
    InterruptHook(String name, Runnable stop) {
        previous = Signal.handle(INT, signal -> {
            interrupted = true;
            Signal.handle(INT, SignalHandler.SIG_DFL); // a second Ctrl-C ends the JVM
            stop.run();
        });
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

    /** Whether the user pressed Ctrl-C: the command then ends as if its work had ended. */
    boolean interrupted() {
        return interrupted;
    }

    /** The command has flushed and closed everything: a waiting hook returns, an idle one goes. */
    void done() {
        Signal.handle(INT, previous);
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook is running and returns now that the cleanup is over
        }
    }
}
