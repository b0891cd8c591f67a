package dev.tcpscope.cli;

import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * What {@code explain} needs of the terminal: its width, a pager, and single key presses for
 * {@code --step}.
 *
 * <p>The width comes from {@code COLUMNS} when set, else from {@code stty size} on
 * {@code /dev/tty} when standard output is a terminal, else 80. {@code stty} rather than a
 * terminal library such as JLine: it is one short child process only when on a terminal, where
 * JLine would load hundreds of classes at every start, and start-up time is what a learner's
 * first command feels (issue 14). Key presses are read from {@code /dev/tty} in the terminal's
 * non-canonical mode ({@code stty -icanon -echo}), restored afterwards, as {@code less} does.
 */
final class Terminal {
    /** Width when standard output is not a terminal (a file, a pipe, a test). */
    static final int DEFAULT_COLUMNS = 80;

    private Terminal() { }

    /** Whether standard input and output are a terminal (see {@link Coloring#enabled}). */
    static boolean isTerminal() {
        java.io.Console c = System.console();
        return c != null && c.isTerminal();
    }

    /** The columns to wrap to: {@code COLUMNS}, the terminal's width, or 80. */
    static int columns(Map<String, String> env, boolean terminal) {
        Integer c = positive(env.get("COLUMNS"));
        if (c != null) {
            return c;
        }
        if (terminal) {
            int[] size = size();
            if (size != null) {
                return size[1];
            }
        }
        return DEFAULT_COLUMNS;
    }

    /** {@code stty size} of /dev/tty: rows and columns, or null. */
    static int[] size() {
        String s = stty("size");
        if (s == null) {
            return null;
        }
        String[] p = s.strip().split("\\s+");
        if (p.length != 2) {
            return null;
        }
        Integer rows = positive(p[0]);
        Integer cols = positive(p[1]);
        return rows == null || cols == null ? null : new int[] {rows, cols};
    }

    private static Integer positive(String s) {
        if (s == null) {
            return null;
        }
        try {
            int v = Integer.parseInt(s.strip());
            return v > 0 ? v : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Runs {@code stty args...} on /dev/tty; its output, or null when it failed. */
    static String stty(String... args) {
        try {
            List<String> cmd = new java.util.ArrayList<>(List.of("stty"));
            cmd.addAll(List.of(args));
            Process p = new ProcessBuilder(cmd).redirectInput(new java.io.File("/dev/tty"))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            return p.waitFor() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /**
     * The pager command as git chooses it: {@code TCPSCOPE_PAGER}, then {@code PAGER}, then
     * {@code less}; null when paging is off ({@code --no-pager}, not a terminal, an empty or
     * {@code cat} pager).
     */
    static String pagerCommand(Map<String, String> env, boolean terminal, boolean noPager) {
        if (noPager || !terminal) {
            return null;
        }
        String p = env.get("TCPSCOPE_PAGER");
        if (p == null) {
            p = env.get("PAGER");
        }
        if (p == null) {
            p = "less";
        }
        p = p.strip();
        return p.isEmpty() || p.equals("cat") ? null : p;
    }

    /**
     * Starts the pager with our standard output and error as its own; {@code LESS=FRX} unless
     * {@code LESS} is set, as git does: quit when the text fits one screen (F), pass colors
     * through (R), leave the text on the screen (X). Null when it cannot be started.
     */
    static Process startPager(String command) {
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command)
                    .redirectOutput(ProcessBuilder.Redirect.INHERIT).redirectError(ProcessBuilder.Redirect.INHERIT);
            pb.environment().putIfAbsent("LESS", "FRX");
            pb.environment().putIfAbsent("LV", "-c");
            return pb.start();
        } catch (IOException e) {
            return null;
        }
    }

    /** Single key presses from /dev/tty until {@link #close}. */
    static final class Keys implements AutoCloseable {
        private final String saved;
        private final InputStream in;

        private Keys(String saved, InputStream in) {
            this.saved = saved;
            this.in = in;
        }

        /** Puts the terminal in non-canonical mode without echo; null when there is no terminal. */
        static Keys open() {
            String saved = stty("-g");
            if (saved == null || stty("-icanon", "-echo", "min", "1") == null) {
                return null;
            }
            try {
                return new Keys(saved.strip(), new FileInputStream("/dev/tty"));
            } catch (IOException e) {
                stty(saved.strip());
                return null;
            }
        }

        /** The next key, or -1 at the end of input. */
        int read() throws IOException {
            return in.read();
        }

        @Override
        public void close() {
            stty(saved);
            try {
                in.close();
            } catch (IOException ignored) {
                // the terminal settings are what mattered
            }
        }
    }

    /** Writes {@code s} and flushes. */
    static void write(OutputStream out, String s) throws IOException {
        out.write(s.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
