package dev.tcpscope.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The capture files a load path names: a file, a directory (every regular file below it, in
 * name order) or a glob ({@code /data/ring_*.pcapng}, {@code /data/**.pcap}). Files are read
 * through the local file system, so on a cluster they must be at the same path on every worker
 * (a shared mount).
 */
final class CaptureFiles {
    private CaptureFiles() { }

    static List<Path> expand(List<String> specs) {
        List<Path> out = new ArrayList<>();
        for (String spec : specs) {
            out.addAll(expand(spec));
        }
        return out;
    }

    static List<Path> expand(String spec) {
        String s = spec.startsWith("file:") ? spec.substring("file:".length()) : spec;
        int glob = firstGlobChar(s);
        try {
            if (glob < 0) {
                Path p = Path.of(s);
                if (Files.isDirectory(p)) {
                    try (Stream<Path> all = Files.walk(p)) {
                        return all.filter(Files::isRegularFile).sorted().toList();
                    }
                }
                if (!Files.exists(p)) {
                    throw new IllegalArgumentException("tcpscope: the path \"" + spec + "\" doesn't exist");
                }
                return List.of(p);
            }
            int slash = s.lastIndexOf('/', glob);
            Path base = slash < 0 ? Path.of(".") : Path.of(slash == 0 ? "/" : s.substring(0, slash));
            PathMatcher m = FileSystems.getDefault().getPathMatcher("glob:" + s);
            boolean deep = s.indexOf("**") >= 0 || s.indexOf('/', glob) >= 0;
            try (Stream<Path> all = deep ? Files.walk(base) : Files.list(base)) {
                List<Path> found = all.filter(Files::isRegularFile)
                        .filter(p -> m.matches(slash < 0 ? base.relativize(p) : p))
                        .sorted().toList();
                if (found.isEmpty()) {
                    throw new IllegalArgumentException("tcpscope: no file matches \"" + spec + "\"");
                }
                return found;
            }
        } catch (IOException e) {
            throw new UncheckedIOException("tcpscope: cannot list \"" + spec + "\": " + e.getMessage(), e);
        }
    }

    private static int firstGlobChar(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '*' || c == '?' || c == '[' || c == '{') {
                return i;
            }
        }
        return -1;
    }
}
