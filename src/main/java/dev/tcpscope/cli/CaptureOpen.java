package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureFormatException;
import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/**
 * Opens a capture for a command, or says in one line why it cannot (tshark's wording) with the
 * exit code to return: 2 for a missing or forbidden file, 1 for one that cannot be read.
 */
record CaptureOpen(CaptureReader reader, int failure) {
    static CaptureOpen of(String file, PrintStream err) {
        try {
            return new CaptureOpen(Captures.open(file), 0);
        } catch (NoSuchFileException e) {
            err.println("tcpscope: The file \"" + file + "\" doesn't exist.");
            return new CaptureOpen(null, 2);
        } catch (AccessDeniedException e) {
            err.println("tcpscope: The file \"" + file + "\" could not be opened: permission denied.");
            return new CaptureOpen(null, 2);
        } catch (CaptureFormatException e) {
            err.println("tcpscope: " + e.getMessage());
            return new CaptureOpen(null, 1);
        } catch (IOException e) {
            err.println("tcpscope: The file \"" + file + "\" could not be read: " + e.getMessage());
            return new CaptureOpen(null, 1);
        }
    }
}
