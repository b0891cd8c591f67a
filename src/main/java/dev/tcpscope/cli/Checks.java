package dev.tcpscope.cli;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Argument checks shared by the commands, with tshark's words and exit codes
 * ({@code ui/cli/tshark.c}, {@code ui/failure_message.c}).
 */
final class Checks {
    /** The value of {@code -c} when it was not given. */
    static final long NO_COUNT = Long.MIN_VALUE;

    private Checks() { }

    /** Null when {@code -c} is absent or positive, else tshark's exit code (1) after its message. */
    static Integer count(long count, PrintStream err) {
        if (count == NO_COUNT || count > 0) {
            return null;
        }
        err.println(count == 0 ? "tcpscope: The specified packet count is zero"
                : "tcpscope: The specified packet count \"" + count + "\" is a negative number");
        return 1;
    }

    /** Null unless {@code path} names a directory, else exit code 2 after tshark's message. */
    static Integer notDirectory(String path, PrintStream err) {
        if (!path.equals("-") && Files.isDirectory(dev.tcpscope.capture.Captures.existing(path))) {
            err.println("tcpscope: \"" + path + "\" is a directory (folder), not a file.");
            return 2;
        }
        return null;
    }

    /** Null when {@code -w FILE} can be created where it is named, else exit code 2 and why not. */
    static Integer writable(Path file, PrintStream err) {
        if (file == null || file.toString().equals("-")) {
            return null;
        }
        Path dir = file.toAbsolutePath().getParent();
        if (dir != null && !Files.isDirectory(dir)) {
            err.println("tcpscope: The path to the file \"" + file + "\" doesn't exist.");
            return 2;
        }
        if (Files.isDirectory(file)) {
            err.println("tcpscope: \"" + file + "\" is a directory (folder), not a file.");
            return 2;
        }
        if (dir != null && !Files.isWritable(dir) && !Files.isWritable(file)) {
            err.println("tcpscope: The file \"" + file + "\" could not be created: permission denied.");
            return 2;
        }
        return null;
    }
}
