package dev.tcpscope.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** tshark, the oracle: how many frames of a capture a display filter shows (a plain tshark, no profile). */
final class TsharkCounts {
    private TsharkCounts() { }

    static int count(String capture, String filter) throws IOException, InterruptedException {
        Path config = Files.createTempDirectory("tcpscope-tshark");
        try {
            ProcessBuilder pb = new ProcessBuilder("tshark", "-n", "-r", capture, "-Y", filter)
                    .redirectError(ProcessBuilder.Redirect.DISCARD);
            pb.environment().put("XDG_CONFIG_HOME", config.toString());
            Process p = pb.start();
            long lines;
            try (var in = p.inputReader()) {
                lines = in.lines().count();
            }
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IOException("tshark did not finish");
            }
            return (int) lines;
        } finally {
            Files.deleteIfExists(config);
        }
    }
}
