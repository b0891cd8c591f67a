package dev.tcpscope.cli;

import dev.tcpscope.present.color.Ansi;
import dev.tcpscope.present.color.ColorFilters;
import dev.tcpscope.present.color.FilterColorizer;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/** The coloring options the commands share: which rules, and whether to color at all. */
final class Coloring {
    private Coloring() { }

    /**
     * The rules of {@code file} (Wireshark's colorfilters format), or Wireshark 4.0's defaults
     * when {@code file} is null; null after printing a one-line error naming the file, the line
     * and the reason (the caller exits with 2).
     */
    static FilterColorizer colorizer(String file, PrintStream err) {
        if (file == null) {
            return FilterColorizer.defaults();
        }
        try {
            return FilterColorizer.read(Path.of(file));
        } catch (ColorFilters.BadFile e) {
            err.println("tcpscope: --colorfilters " + e.getMessage());
        } catch (NoSuchFileException e) {
            err.println("tcpscope: --colorfilters " + file + ": no such file");
        } catch (IOException e) {
            err.println("tcpscope: --colorfilters " + file + ": could not be read: " + e.getMessage());
        }
        return null;
    }

    /**
     * Colors when asked ({@code --color}) or when standard output is a terminal, never with
     * {@code NO_COLOR} set (no-color.org). Java cannot ask isatty(1) directly: the test is
     * {@link System#console()}, which (JDK 22+) exists whenever the JVM runs interactively and
     * {@link java.io.Console#isTerminal()}, true only when both standard input and standard
     * output are terminals. So {@code tcpscope read f | less} is not colored, and neither is
     * {@code tcpscope read f < /dev/null} on a terminal; {@code --color} forces colors then.
     */
    static boolean enabled(boolean asked) {
        java.io.Console console = System.console();
        return Ansi.enabled(asked, console != null && console.isTerminal(), System.getenv("NO_COLOR"));
    }
}
