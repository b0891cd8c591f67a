package dev.tcpscope.lab;

import java.time.Duration;
import java.util.List;

/**
 * What the lab runs: a server on 127.0.0.1:{@code port}, a client bound to
 * 127.0.0.1:{@code clientPort}, the server's pause before each answer, and the messages the
 * client sends before {@code exit}.
 *
 * @param port       the server's port (the seed's 5200)
 * @param clientPort the client's own port (the seed's 5201)
 * @param delay      how long the server waits after each message it reads (the seed's 1 s)
 * @param messages   what the client sends, one message per round trip (the seed's user1..user3)
 */
public record LabConfig(int port, int clientPort, Duration delay, List<String> messages) {
    /** The seed's experiment. */
    public static final LabConfig SEED = new LabConfig(5200, 5201, Duration.ofSeconds(1), List.of("user1", "user2", "user3"));

    /** The greeting the server sends first. */
    public static final String GREETING = "Hello!";
    /** The message that asks the server to close. */
    public static final String EXIT = "exit";

    public LabConfig {
        messages = List.copyOf(messages);
        if (port < 1 || port > 65535 || clientPort < 1 || clientPort > 65535) {
            throw new IllegalArgumentException("ports must be 1..65535");
        }
        if (port == clientPort) {
            throw new IllegalArgumentException("the server and the client need different ports");
        }
        if (delay.isNegative()) {
            throw new IllegalArgumentException("delay must not be negative");
        }
    }

    /** The server's answer to {@code message}. */
    public static String answer(String message) {
        return "Hi, " + message + ", I got you!";
    }

    /** The capture filter that sees exactly the lab's traffic. */
    public String captureFilter() {
        return "tcp port " + port + " or tcp port " + clientPort;
    }
}
