package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.CaptureWriter;
import dev.tcpscope.frame.Frame;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;

/**
 * tshark's {@code -w FILE}, {@code -F TYPE} and {@code -P} for {@code read} (a picocli mixin):
 * the frames that pass {@code -Y} (or {@code -2 -R}) and {@code -c} are saved with their
 * original time stamps and bytes ({@code tshark.c}, {@code process_cap_file}); as in tshark the
 * packets are then printed only with {@code -P} or a detail option, and a failed write leaves
 * no file under the name given ({@link SaveTarget}).
 */
final class SaveOptions {
    @Option(names = "-w", paramLabel = "FILE",
            description = "Save the frames that pass -Y (or -2 -R) and -c to FILE (pcapng unless -F says otherwise; - for standard output);"
                    + " nothing is printed unless -P, -V, -O or -x asks for it.")
    String file;

    @Option(names = "-F", paramLabel = "TYPE", description = "File type for -w: pcapng (default), pcap or nsecpcap.")
    String type;

    @Option(names = "-P", description = "With -w: print the packets as well, as tshark -P; with -T ek: head each document with the packet-list columns (and leave the tree out unless -V is given).")
    boolean print;

    private SaveTarget target;
    private CaptureWriter writer;

    /** True when {@code -w} was given. */
    boolean active() {
        return file != null;
    }

    /**
     * Checks the options and opens the file; false (the reason printed) when it cannot be.
     *
     * @param printing whether packets will be printed to standard output as well
     */
    boolean open(boolean printing, PrintStream err) {
        CaptureWriter.Type kind = type == null ? CaptureWriter.Type.PCAPNG : CaptureWriter.Type.named(type);
        if (kind == null) {
            err.println("tcpscope: \"" + type + "\" isn't a valid capture file type; tcpscope writes pcapng, pcap and nsecpcap");
            return false;
        }
        if (file == null) {
            return true;
        }
        if (file.equals("-") && printing) {
            err.println("tcpscope: You can't write both raw packet data and dissected packets to the standard output.");
            return false;
        }
        try {
            target = SaveTarget.open(file);
            writer = CaptureWriter.open(kind, target.stream());
            return true;
        } catch (SaveTarget.SaveException e) {
            err.println("tcpscope: " + e.getMessage());
            return false;
        } catch (IOException e) {
            target.abandon();
            err.println("tcpscope: " + SaveTarget.writeFailure(file, e));
            return false;
        }
    }

    /**
     * Saves the frame {@code reader} returned last; nothing without {@code -w}.
     *
     * @throws WriteFailed when the file cannot take it, so that the caller tells a failed write
     *                     from a damaged input
     */
    void save(CaptureReader reader, Frame frame) throws WriteFailed {
        if (writer != null) {
            try {
                writer.write(reader, frame);
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }
    }

    /** A write to the {@code -w} file that failed; its cause says why. */
    static final class WriteFailed extends IOException {
        WriteFailed(IOException cause) {
            super(cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Flushes what is saved so far (for {@code -l}). */
    void flush() throws WriteFailed {
        if (writer != null) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new WriteFailed(e);
            }
        }
    }

    /**
     * Ends the run: a run that succeeded ({@code code} 0, or 1 after a damaged input, whose
     * readable part tshark saves too) puts the file under its name; otherwise the temporary file
     * is removed. Returns the exit code, 2 when the file could not be written.
     */
    int finish(int code, PrintStream err) {
        if (writer == null) {
            return code;
        }
        try {
            if (code > 1) {
                throw new IOException("the run failed");
            }
            writer.close();
            target.commit();
            return code;
        } catch (CaptureWriter.UnwritableFrameException e) {
            target.abandon();
            err.println("tcpscope: " + e.getMessage());
            return 2;
        } catch (IOException e) {
            target.abandon();
            if (code <= 1) {
                err.println("tcpscope: " + SaveTarget.writeFailure(file, e));
            }
            return 2;
        } finally {
            writer = null;
        }
    }

    /** Gives up the file without a message (the input could not be opened). */
    void discard() {
        if (writer != null) {
            target.abandon();
            writer = null;
        }
    }

    /** Reports a failed write during the run and abandons the file; returns exit code 2. */
    int failed(IOException e, PrintStream err) {
        target.abandon();
        writer = null;
        err.println("tcpscope: " + (e instanceof CaptureWriter.UnwritableFrameException ? e.getMessage()
                : SaveTarget.writeFailure(file, e)));
        return 2;
    }
}
