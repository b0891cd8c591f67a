package dev.tcpscope.tcp;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An unlinked temporary file for state written out of memory ({@link ConversationSpill}, the
 * explainer's streams): made on first use and deleted at once, so that the open channel alone
 * keeps the data and nothing is left behind however the process ends.
 */
public final class SpillFile implements AutoCloseable {
    private final String prefix;
    private FileChannel file;
    private boolean failed;

    /** A file named {@code prefix}… in the temporary directory, once it is needed. */
    public SpillFile(String prefix) {
        this.prefix = prefix;
    }

    /** The channel, made on the first call; null when no temporary file can be made (not tried again). */
    public FileChannel channel() {
        if (file == null && !failed) {
            try {
                Path p = Files.createTempFile(prefix, ".bin");
                file = FileChannel.open(p, StandardOpenOption.READ, StandardOpenOption.WRITE);
                Files.delete(p); // the open channel keeps the data
            } catch (IOException | RuntimeException e) {
                failed = true;
            }
        }
        return file;
    }

    @Override
    public void close() {
        if (file != null) {
            try {
                file.close();
            } catch (IOException e) {
                // unlinked already: closing frees it
            }
            file = null;
        }
    }
}
