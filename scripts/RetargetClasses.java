import java.io.IOException;
import java.lang.classfile.ClassFile;
import java.lang.classfile.ClassHierarchyResolver;
import java.lang.classfile.ClassModel;
import java.lang.classfile.ClassTransform;
import java.lang.classfile.CodeTransform;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * Usage: java scripts/RetargetClasses.java JAR PREFIX
 *
 * <p>Raises the class-file version of the classes under PREFIX in JAR (for example
 * {@code picocli/}) from below Java 6 to Java 8, with the stack map frames that version needs,
 * computed by the JDK's class-file API. The JVM's ahead-of-time cache (JEP 483) leaves out
 * classes older than version 50, which the split verifier cannot check; picocli is compiled for
 * Java 5, so without this step its 170-odd classes are loaded and verified from the jar at every
 * start (bench/README.md has the figures). The bytecode itself is unchanged. The jar is rewritten
 * through a temporary file and renamed, and a jar already rewritten is left as it is.
 */
public final class RetargetClasses {
    private static final int TARGET_MAJOR = 52;

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: java RetargetClasses.java JAR PREFIX");
            System.exit(2);
        }
        try {
            retarget(Path.of(args[0]), args[1]);
        } catch (IOException | RuntimeException e) {
            System.err.println("RetargetClasses: " + args[0] + ": " + e);
            System.exit(1);
        }
    }

    private static void retarget(Path jar, String prefix) throws IOException {
        Path tmp = jar.resolveSibling(jar.getFileName() + ".retarget.tmp");
        int changed = 0;
        try (URLClassLoader loader = new URLClassLoader(new URL[] {jar.toUri().toURL()}, null)) {
            // frames merge types, so the resolver must see the jar's own classes as well as the JDK's
            ClassFile cf = ClassFile.of(ClassFile.StackMapsOption.GENERATE_STACK_MAPS,
                    ClassFile.ClassHierarchyResolverOption.of(ClassHierarchyResolver.defaultResolver()
                            .orElse(ClassHierarchyResolver.ofResourceParsing(loader))));
            ClassTransform retarget = ClassTransform.endHandler(b -> b.withVersion(TARGET_MAJOR, 0))
                    .andThen(ClassTransform.transformingMethodBodies(CodeTransform.ACCEPT_ALL));
            try (ZipInputStream in = new ZipInputStream(Files.newInputStream(jar));
                    ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(tmp))) {
                for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                    byte[] bytes = in.readAllBytes();
                    if (e.getName().startsWith(prefix) && e.getName().endsWith(".class")) {
                        ClassModel model = cf.parse(bytes);
                        if (model.majorVersion() < 50) {
                            bytes = cf.transformClass(model, retarget);
                            changed++;
                        }
                    }
                    ZipEntry copy = new ZipEntry(e.getName());
                    copy.setTime(e.getTime());
                    out.putNextEntry(copy);
                    out.write(bytes);
                    out.closeEntry();
                }
            }
        } catch (IOException | RuntimeException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        if (changed == 0) {
            Files.delete(tmp);
            return;
        }
        Files.move(tmp, jar, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.err.println("tcpscope: " + changed + " classes under " + prefix + " raised to class-file version " + TARGET_MAJOR);
    }
}
