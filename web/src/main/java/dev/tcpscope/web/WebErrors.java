package dev.tcpscope.web;

import java.nio.file.AccessDeniedException;
import java.nio.file.NoSuchFileException;

/** One line for a failure, for the page and the terminal: never a stack trace. */
final class WebErrors {
    private WebErrors() { }

    static String oneLine(Throwable e) {
        if (e instanceof NoSuchFileException n) {
            return "no such file: " + n.getFile();
        }
        if (e instanceof AccessDeniedException a) {
            return "permission denied: " + a.getFile();
        }
        String m = e.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getClass().getSimpleName();
        }
        int nl = m.indexOf('\n');
        return nl >= 0 ? m.substring(0, nl) : m;
    }
}
