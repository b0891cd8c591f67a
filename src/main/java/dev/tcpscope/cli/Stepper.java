package dev.tcpscope.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/**
 * {@code explain --step}: shows one packet's block of lines per key press, the way a teacher
 * walks a class through a capture. Any key but {@code b} and {@code q} shows the next packet,
 * {@code b} the one before, {@code q} quits. On a terminal each packet gets a clean screen.
 */
final class Stepper {
    private static final String CLEAR = "\u001b[H\u001b[2J";

    private Stepper() { }

    /**
     * Walks {@code blocks} with keys from {@code keys}; returns true when the walk went past the
     * last packet (the summary follows), false on {@code q} or the end of key input.
     */
    static boolean walk(List<List<String>> blocks, Terminal.Keys keys, OutputStream out, boolean clear) throws IOException {
        int i = 0;
        while (i < blocks.size()) {
            StringBuilder screen = new StringBuilder(clear ? CLEAR : "");
            for (String l : blocks.get(i)) {
                screen.append(l).append('\n');
            }
            screen.append(String.format("-- packet %d of %d: any key next, b back, q quit --", i + 1, blocks.size()));
            Terminal.write(out, screen.toString());
            int k = keys.read();
            Terminal.write(out, "\r\u001b[K");
            if (k == 'q' || k == 'Q' || k < 0) {
                return false;
            }
            i = k == 'b' || k == 'B' ? Math.max(0, i - 1) : i + 1;
        }
        return true;
    }
}
