package dev.tcpscope.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.DataInputStream;
import java.io.InputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * scripts/RetargetClasses.java, which lets picocli into the start-up cache: run on picocli's own
 * jar, every class comes out at version 52 and passes the JVM's verifier (so the stack map frames
 * it computed are right), and a second run leaves the jar as it is.
 */
class RetargetClassesTest {
    @Test
    void raisesPicocliToJava8WithFramesTheVerifierAccepts(@TempDir Path dir) throws Exception {
        Path original = Path.of(picocli.CommandLine.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path jar = dir.resolve("picocli.jar");
        Files.copy(original, jar);
        assertTrue(versions(jar).stream().anyMatch(v -> v < 50), "picocli is expected to ship Java 5 classes");

        assertEquals(0, retarget(jar));
        List<Integer> after = versions(jar);
        assertTrue(after.size() > 100, "classes: " + after.size());
        assertTrue(after.stream().allMatch(v -> v == 52), "versions: " + after);

        // linking a class verifies it; a frame that does not match the code is a VerifyError
        List<String> names = new ArrayList<>();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            z.stream().map(ZipEntry::getName).filter(n -> n.endsWith(".class") && !n.contains("module-info"))
                    .forEach(n -> names.add(n.substring(0, n.length() - 6).replace('/', '.')));
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            for (String n : names) {
                // HotSpot links (and so verifies) a class before listing its methods
                Class.forName(n, false, loader).getDeclaredMethods();
            }
        }

        long modified = Files.getLastModifiedTime(jar).toMillis();
        assertEquals(0, retarget(jar));
        assertEquals(modified, Files.getLastModifiedTime(jar).toMillis(), "a rewritten jar is left alone");
    }

    private static int retarget(Path jar) throws Exception {
        String java = ProcessHandle.current().info().command().orElseThrow();
        Process p = new ProcessBuilder(java, "scripts/RetargetClasses.java", jar.toString(), "picocli/")
                .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "RetargetClasses did not finish");
        return p.exitValue();
    }

    private static List<Integer> versions(Path jar) throws Exception {
        List<Integer> out = new ArrayList<>();
        try (ZipFile z = new ZipFile(jar.toFile())) {
            for (ZipEntry e : z.stream().toList()) {
                if (e.getName().endsWith(".class") && !e.getName().contains("module-info")) {
                    try (InputStream in = z.getInputStream(e); DataInputStream d = new DataInputStream(in)) {
                        d.readInt();
                        d.readUnsignedShort();
                        out.add(d.readUnsignedShort());
                    }
                }
            }
        }
        return out;
    }
}
