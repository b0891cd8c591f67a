package dev.tcpscope.cli;

import java.io.BufferedOutputStream;
import java.io.FileOutputStream;
import java.io.FileDescriptor;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Where {@code -w FILE} writes, so that a failed run never leaves a half-written capture under
 * the name asked for: a regular file is written under a temporary name in the same folder and
 * renamed over the target only when everything is written ({@link #commit}); {@code -} is
 * standard output, and an existing non-regular file (a device such as {@code /dev/null}, a
 * named pipe) is written directly, since a rename would replace it. Problems are one line in
 * the words of Wireshark's {@code wsutil/filesystem.c} ({@code file_open_error_message}) and
 * {@code ui/failure_message.c}, without the program name.
 */
final class SaveTarget {
    private final Path target;
    private final Path temporary;
    private final OutputStream out;

    private SaveTarget(Path target, Path temporary, OutputStream out) {
        this.target = target;
        this.temporary = temporary;
        this.out = out;
    }

    /** Thrown with the one line that says why the file could not be written. */
    static final class SaveException extends Exception {
        SaveException(String message) {
            super(message);
        }
    }

    /** Opens {@code name} for writing ({@code "-"}: standard output). */
    static SaveTarget open(String name) throws SaveException {
        if (name.equals("-")) {
            return new SaveTarget(null, null, new BufferedOutputStream(new FileOutputStream(FileDescriptor.out), 1 << 16));
        }
        Path target = Path.of(name).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new SaveException("\"" + name + "\" is a directory (folder), not a file.");
        }
        try {
            if (Files.exists(target) && !Files.isRegularFile(target)) {
                return new SaveTarget(null, null, new BufferedOutputStream(Files.newOutputStream(target), 1 << 16));
            }
            Path folder = target.getParent();
            if (folder == null || !Files.isDirectory(folder)) {
                throw new SaveException("The path to the file \"" + name + "\" doesn't exist.");
            }
            // not Files.createTempFile: its mode is 0600, where a saved capture gets the umask's mode as tshark's does
            for (int attempt = 0; ; attempt++) {
                Path temporary = folder.resolve("." + target.getFileName() + "."
                        + Long.toHexString(java.util.concurrent.ThreadLocalRandom.current().nextLong()) + ".part");
                try {
                    OutputStream stream = Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                    return new SaveTarget(target, temporary, new BufferedOutputStream(stream, 1 << 16));
                } catch (FileAlreadyExistsException e) {
                    if (attempt == 8) {
                        throw e;
                    }
                }
            }
        } catch (AccessDeniedException e) {
            throw new SaveException("You don't have permission to create or write to the file \"" + name + "\".");
        } catch (NoSuchFileException e) {
            throw new SaveException("The path to the file \"" + name + "\" doesn't exist.");
        } catch (IOException e) {
            throw new SaveException(writeFailure(name, e));
        }
    }

    /** The stream to write the capture to; closed by {@link #commit} or {@link #abandon}. */
    OutputStream stream() {
        return out;
    }

    /** Closes the stream and, for a regular file, puts it under its name (replacing an old one). */
    void commit() throws IOException {
        out.close();
        if (temporary != null) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
    }

    /** After a failure: closes the stream quietly and removes the temporary file. */
    void abandon() {
        try {
            out.close();
        } catch (IOException ignored) {
            // the write already failed; the caller reports why
        }
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more can be done; the name asked for was never touched
            }
        }
    }

    /** tshark's words for a write that failed part way (ENOSPC, EDQUOT), or the system's. */
    static String writeFailure(String name, IOException e) {
        String why = String.valueOf(e.getMessage());
        if (why.contains("No space left on device")) {
            return "Not all the packets could be written to the file \"" + name
                    + "\" because there is no space left on the file system.";
        }
        if (why.contains("Disk quota exceeded")) {
            return "Not all the packets could be written to the file \"" + name
                    + "\" because you are too close to, or over, your disk quota.";
        }
        return "An error occurred while writing to the file \"" + name + "\": " + why + ".";
    }
}
