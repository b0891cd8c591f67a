package dev.tcpscope.lab;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether a TCP port on 127.0.0.1 is held by a live socket, from the kernel's socket tables
 * ({@code /proc/net/tcp} and {@code /proc/net/tcp6}, Linux's proc(5) format: the local address
 * and port in hex, then the remote ones, then the state).
 *
 * <p>A live socket is one in LISTEN, SYN_SENT, SYN_RECV, ESTABLISHED or CLOSE_WAIT: a program
 * still uses it. TIME_WAIT and the other closing states are what a finished run leaves behind,
 * which the lab's SO_REUSEADDR sockets may reuse. Where the tables cannot be read (not Linux),
 * nothing is reported busy and the bind itself decides, as before.
 */
final class PortStates {
    private static final List<Path> TABLES = List.of(Path.of("/proc/net/tcp"), Path.of("/proc/net/tcp6"));
    /** 127.0.0.1 and 0.0.0.0 as /proc/net/tcp writes them (the address's bytes as a host-order word). */
    private static final List<String> V4 = List.of("0100007F", "00000000");
    /** The same as IPv4-mapped IPv6 addresses in /proc/net/tcp6 (Java's sockets are dual-stack), and ::. */
    private static final List<String> V6 = List.of("0000000000000000FFFF00000100007F",
            "0000000000000000FFFF000000000000", "00000000000000000000000000000000");

    private PortStates() { }

    /** Whether a live socket is bound to {@code port} on 127.0.0.1 (or on every address). */
    static boolean inUse(int port) {
        String suffix = String.format(":%04X", port);
        for (Path table : TABLES) {
            List<String> lines;
            try {
                lines = Files.readAllLines(table, StandardCharsets.US_ASCII);
            } catch (IOException | SecurityException e) {
                continue;
            }
            for (int i = 1; i < lines.size(); i++) {
                String[] f = lines.get(i).trim().split("\\s+");
                if (f.length < 4 || !f[1].endsWith(suffix)) {
                    continue;
                }
                String address = f[1].substring(0, f[1].length() - suffix.length());
                if ((V4.contains(address) || V6.contains(address)) && live(f[3])) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The states of include/net/tcp_states.h in which a program still holds the socket. */
    private static boolean live(String state) {
        return switch (state) {
            case "01", "02", "03", "08", "0A" -> true; // ESTABLISHED, SYN_SENT, SYN_RECV, CLOSE_WAIT, LISTEN
            default -> false;
        };
    }
}
