package dev.tcpscope.capture;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Native code is called from {@code dev.tcpscope.capture.ffi} only (STYLE.md: capture.ffi). */
class NativeBoundaryTest {
    private static final Pattern DOWNCALL_API = Pattern.compile(
            "\\b(Linker|SymbolLookup|FunctionDescriptor|downcallHandle|upcallStub)\\b");

    @Test
    void onlyCaptureFfiLinksNativeCode() throws IOException {
        Path main = Path.of("src/main/java");
        List<Path> offenders;
        try (Stream<Path> files = Files.walk(main)) {
            offenders = files.filter(f -> f.toString().endsWith(".java"))
                    .filter(f -> !main.relativize(f).startsWith(Path.of("dev/tcpscope/capture/ffi")))
                    .filter(f -> {
                        try {
                            return DOWNCALL_API.matcher(Files.readString(f)).find();
                        } catch (IOException e) {
                            throw new RuntimeException(e);
                        }
                    })
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }
}
