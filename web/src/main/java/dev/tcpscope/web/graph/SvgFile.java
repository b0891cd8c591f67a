package dev.tcpscope.web.graph;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The file {@code -o} names, written so that a failed run leaves nothing half-written under that
 * name: the SVG goes to a temporary file in the same folder, which {@link #commit} renames over
 * the target; {@link #abandon} deletes it. An existing file that is not a regular one (a device
 * such as {@code /dev/null}, a named pipe) is written directly, since a rename would replace it.
 */
final class SvgFile {
    private final String name;
    private final Path target;
    private final Path temporary;

    private SvgFile(String name, Path target, Path temporary) {
        this.name = name;
        this.target = target;
        this.temporary = temporary;
    }

    /** Thrown with the one line that says why the file cannot be written and what to do. */
    static final class WriteFailure extends Exception {
        WriteFailure(String message) {
            super(message);
        }
    }

    /** Makes sure {@code name} can be written, before any work is done for it. */
    static SvgFile open(String name) throws WriteFailure {
        Path target = Path.of(name).toAbsolutePath();
        if (Files.isDirectory(target)) {
            throw new WriteFailure("cannot write \"" + name + "\": it is a directory; give -o a file name");
        }
        if (Files.exists(target) && !Files.isRegularFile(target)) {
            return new SvgFile(name, target, null);
        }
        Path folder = target.getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw missingFolder(name, folder);
        }
        try {
            for (int attempt = 0; ; attempt++) {
                Path temporary = folder.resolve("." + target.getFileName() + "."
                        + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".part");
                try {
                    Files.newOutputStream(temporary, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE).close();
                    return new SvgFile(name, target, temporary);
                } catch (FileAlreadyExistsException e) {
                    if (attempt == 8) {
                        throw e;
                    }
                }
            }
        } catch (AccessDeniedException e) {
            throw new WriteFailure("cannot write \"" + name + "\": permission denied; give -o a file in a folder you can write to");
        } catch (NoSuchFileException e) {
            throw missingFolder(name, folder);
        } catch (IOException e) {
            throw new WriteFailure("cannot write \"" + name + "\": " + e.getMessage());
        }
    }

    private static WriteFailure missingFolder(String name, Path folder) {
        return new WriteFailure("cannot write \"" + name + "\": the folder " + folder + " doesn't exist; create it or give -o another path");
    }

    /** Writes {@code svg} and puts it under the target's name. */
    void commit(String svg) throws WriteFailure {
        Path into = temporary != null ? temporary : target;
        try {
            try (OutputStream out = Files.newOutputStream(into, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                out.write(svg.getBytes(StandardCharsets.UTF_8));
            }
            if (temporary != null) {
                Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            abandon();
            throw new WriteFailure("cannot write \"" + name + "\": " + reason(e));
        }
    }

    /** Deletes the temporary file, if there is one. */
    void abandon() {
        if (temporary != null) {
            try {
                Files.deleteIfExists(temporary);
            } catch (IOException ignored) {
                // nothing more can be done; its name starts with a dot
            }
        }
    }

    private static String reason(IOException e) {
        String m = e.getMessage();
        if (m != null && m.contains("No space left")) {
            return "no space left on the file system";
        }
        return e instanceof AccessDeniedException ? "permission denied" : String.valueOf(m);
    }
}
