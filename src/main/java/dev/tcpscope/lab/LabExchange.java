package dev.tcpscope.lab;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The seed's two programs in one process: a server on 127.0.0.1:port that greets with
 * {@code Hello!}, answers each message with {@code Hi, <message>, I got you!} after its delay,
 * and closes after the delay that follows {@code exit}; and a client bound to
 * 127.0.0.1:clientPort that reads the greeting, sends each message and reads its answer, sends
 * {@code exit} and closes at once. Because the client closes first, it sends the first FIN and
 * ends in TIME_WAIT; the server's FIN follows one delay later, giving the four-way close.
 *
 * <p>Both sockets are bound in {@link #bind}, before any capture starts, so that a busy port is
 * reported before anything else happens. {@link #close()} (any thread, e.g. a shutdown hook)
 * closes every socket, which also ends a {@link #run()} that is blocked in I/O.
 */
public final class LabExchange implements AutoCloseable {
    private static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();
    /** How long any one read may wait beyond the server's delay before the lab gives up. */
    private static final Duration IO_MARGIN = Duration.ofSeconds(10);

    private final LabConfig config;
    private final ServerSocket server;
    private final Socket client;
    private final AtomicReference<Socket> accepted = new AtomicReference<>();
    private final List<String> transcript = java.util.Collections.synchronizedList(new ArrayList<>());
    private volatile boolean closed;

    private LabExchange(LabConfig config, ServerSocket server, Socket client) {
        this.config = config;
        this.server = server;
        this.client = client;
    }

    /**
     * Binds the server's listening socket and the client's socket on 127.0.0.1. Both set
     * SO_REUSEADDR, so that a previous run's connection in TIME_WAIT does not block a new run;
     * a port that another program is listening on or bound to still fails.
     *
     * @throws LabException naming the busy port and the option that changes it
     */
    public static LabExchange bind(LabConfig config) throws LabException {
        // SO_REUSEADDR lets a bind succeed beside a live connection on the port (another lab
        // that is running, whose listening socket is already closed); the connect would then
        // fail mid-capture. Such a port is busy: say so before anything starts.
        if (PortStates.inUse(config.port())) {
            throw new LabException(inUse(config.port(), "--port"));
        }
        if (PortStates.inUse(config.clientPort())) {
            throw new LabException(inUse(config.clientPort(), "--client-port"));
        }
        ServerSocket server = null;
        Socket client = null;
        try {
            server = new ServerSocket();
            server.setReuseAddress(true);
            try {
                server.bind(new InetSocketAddress(LOOPBACK, config.port()), 5);
            } catch (BindException e) {
                throw new LabException(inUse(config.port(), "--port"), e);
            }
            client = new Socket();
            client.setReuseAddress(true);
            try {
                client.bind(new InetSocketAddress(LOOPBACK, config.clientPort()));
            } catch (BindException e) {
                throw new LabException(inUse(config.clientPort(), "--client-port"), e);
            }
            LabExchange x = new LabExchange(config, server, client);
            server = null;
            client = null;
            return x;
        } catch (IOException e) {
            throw new LabException("cannot open the lab's sockets on 127.0.0.1: " + e.getMessage(), e);
        } finally {
            closeQuietly(server);
            closeQuietly(client);
        }
    }

    /**
     * Runs the whole exchange once on two ephemeral ports, outside any capture filter, so that
     * the captured run is not slowed by class loading and a cold JIT. This matters to what is
     * captured: Linux acknowledges data at once ("quick ACK") until a side answers within the
     * delayed-ACK timeout (40 ms), and only then lets replies carry the ACKs. A client whose
     * first write is slowed tens of milliseconds by class loading sends extra pure ACKs that the
     * seed's Python client did not.
     */
    public static void warmUp() {
        try {
            ServerSocket server = new ServerSocket(0, 5, LOOPBACK);
            Socket client = new Socket();
            client.bind(new InetSocketAddress(LOOPBACK, 0));
            LabConfig config = new LabConfig(server.getLocalPort(), client.getLocalPort(), Duration.ZERO,
                    List.of("warm-up", "warm-up"));
            try (LabExchange x = new LabExchange(config, server, client)) {
                x.run();
            }
        } catch (IOException | LabException e) {
            // only a warm-up: the real run reports its own errors
        }
    }

    private static String inUse(int port, String option) {
        return "port " + port + " on 127.0.0.1 is in use; choose another with " + option;
    }

    /**
     * Runs the exchange: the server on a virtual thread, the client on this one, and returns when
     * both have closed their sockets.
     *
     * @throws LabException when a connection fails or a read times out; after {@link #close()}
     *                      the exchange ends with "interrupted"
     */
    public void run() throws LabException {
        int timeout = (int) Math.min(Integer.MAX_VALUE, config.delay().plus(IO_MARGIN).toMillis());
        AtomicReference<Exception> serverFailure = new AtomicReference<>();
        Thread serverThread = Thread.ofVirtual().name("tcpscope-lab-server").start(() -> {
            try {
                serve(timeout);
            } catch (Exception e) {
                serverFailure.set(e);
            }
        });
        Exception clientFailure = null;
        try {
            talk(timeout);
        } catch (Exception e) {
            clientFailure = e;
            closeQuietly(server); // the server would wait for a client that will not come
            closeQuietly(accepted.get());
        }
        try {
            serverThread.join(timeout + 1000L);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (serverThread.isAlive()) {
            close();
        }
        Exception failure = clientFailure != null ? clientFailure : serverFailure.get();
        if (closed && failure != null) {
            throw new LabException("the exchange was interrupted", failure);
        }
        if (failure instanceof SocketException e && e.getMessage() != null
                && e.getMessage().contains("Cannot assign requested address")) {
            throw new LabException("port " + config.clientPort() + " on 127.0.0.1 still holds the previous run's"
                    + " connection in TIME_WAIT; wait a minute or choose another with --client-port", e);
        }
        if (failure != null) {
            throw new LabException("the exchange failed: " + failure, failure);
        }
    }

    private void serve(int timeout) throws IOException, InterruptedException {
        server.setSoTimeout(timeout);
        try (Socket s = server.accept()) {
            accepted.set(s);
            closeQuietly(server); // one connection, as in the seed; nothing stays listening
            s.setSoTimeout(timeout);
            transcript.add("server: accepted " + s.getInetAddress().getHostAddress() + ":" + s.getPort());
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            send(out, LabConfig.GREETING);
            byte[] buf = new byte[1024];
            while (true) {
                int n = in.read(buf);
                if (n < 0) {
                    transcript.add("server: the client closed before exit");
                    break;
                }
                String data = new String(buf, 0, n, StandardCharsets.UTF_8);
                Thread.sleep(config.delay());
                if (data.equals(LabConfig.EXIT)) {
                    transcript.add("server: got exit, closing");
                    break;
                }
                transcript.add("server: got " + data);
                send(out, LabConfig.answer(data));
            }
        } finally {
            closeQuietly(server);
        }
    }

    private void talk(int timeout) throws IOException {
        try (Socket s = client) {
            s.setSoTimeout(timeout);
            s.connect(new InetSocketAddress(LOOPBACK, config.port()), timeout);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buf = new byte[1024];
            transcript.add("client: got " + receive(in, buf));
            for (String m : config.messages()) {
                send(out, m);
                transcript.add("client: got " + receive(in, buf));
            }
            send(out, LabConfig.EXIT);
        }
    }

    private static void send(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String receive(InputStream in, byte[] buf) throws IOException {
        int n = in.read(buf);
        if (n < 0) {
            throw new IOException("the server closed the connection early");
        }
        return new String(buf, 0, n, StandardCharsets.UTF_8);
    }

    /** What the server and the client read, in order ("client: got Hello!", ...). */
    public List<String> transcript() {
        synchronized (transcript) {
            return List.copyOf(transcript);
        }
    }

    /** Closes every socket of the lab; safe from any thread and more than once. */
    @Override
    public void close() {
        closed = true;
        closeQuietly(accepted.get());
        closeQuietly(client);
        closeQuietly(server);
    }

    private static void closeQuietly(AutoCloseable c) {
        if (c != null) {
            try {
                c.close();
            } catch (Exception ignored) {
                // closing is all we wanted
            }
        }
    }
}
