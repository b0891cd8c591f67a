package dev.tcpscope.capture;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** A class path an unprivileged user can read, for tests that run tcpscope as {@code nobody}. */
final class ReadableClasspath {
    private ReadableClasspath() { }

    /** Copies our classes, picocli and RE2/J into {@code shared}, world-readable, and returns the class path. */
    static String copyTo(Path shared) throws IOException {
        List<String> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
            Path p = Path.of(entry);
            if (Files.isDirectory(p) && p.getFileName().toString().equals("classes")) {
                Path target = shared.resolve("classes");
                try (Stream<Path> walk = Files.walk(p)) {
                    for (Path f : walk.toList()) {
                        Path to = target.resolve(p.relativize(f).toString());
                        if (Files.isDirectory(f)) {
                            Files.createDirectories(to);
                        } else {
                            Files.copy(f, to, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
                entries.add(target.toString());
            } else if ((p.getFileName().toString().startsWith("picocli-") || p.getFileName().toString().startsWith("re2j-")) && entry.endsWith(".jar")) {
                Path to = shared.resolve(p.getFileName());
                Files.copy(p, to, StandardCopyOption.REPLACE_EXISTING);
                entries.add(to.toString());
            }
        }
        try (Stream<Path> walk = Files.walk(shared)) {
            for (Path f : walk.toList()) {
                Files.setPosixFilePermissions(f, PosixFilePermissions.fromString(Files.isDirectory(f) ? "rwxr-xr-x" : "rw-r--r--"));
            }
        }
        assertThat(entries).hasSize(3);
        return String.join(java.io.File.pathSeparator, entries);
    }
}
