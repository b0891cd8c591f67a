package dev.tcpscope.web;

import dev.tcpscope.present.color.FilterColorizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code tcpscope web FILE}: serves the web view of one capture until interrupted. */
@Command(name = "web", description = "Show a capture in the browser: Wireshark's window (filter bar, colored packet list, details, bytes) with the teacher beside it and the TCP stream graphs.")
final class WebCommand implements Callable<Integer> {
    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng; gzip, zstd or lz4 compressed).")
    String file;

    @Option(names = "--port", paramLabel = "P", description = "Port to listen on (default: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDR",
            description = "Address to listen on (default 127.0.0.1); any other address needs the random token printed in the URL.")
    String bind = "127.0.0.1";

    @Option(names = "--open", description = "Open the page in the desktop's browser (xdg-open).")
    boolean open;

    @Option(names = "--colorfilters", paramLabel = "FILE",
            description = "Coloring rules in Wireshark's colorfilters format instead of Wireshark 4.0's defaults.")
    String colorFilters;

    PrintStream out = System.out;
    PrintStream err = System.err;
    /** Counted down to stop the server (tests); Ctrl-C otherwise. */
    CountDownLatch stop = new CountDownLatch(1);
    /** The running server, for tests. */
    volatile WebServer server;

    @Override
    public Integer call() {
        Path path = Path.of(file);
        if (!Files.exists(path)) {
            err.println("tcpscope: no such file: " + file);
            return 1;
        }
        if (!Files.isRegularFile(path) || !Files.isReadable(path)) {
            err.println("tcpscope: \"" + file + "\" is not a readable capture file");
            return 2;
        }
        if (port < 0 || port > 65535) {
            err.println("tcpscope: --port must be 0..65535, not " + port);
            return 2;
        }
        // a file that is no capture at all is said at once, as read says it, not in the page
        try (var reader = dev.tcpscope.capture.Captures.open(path.toString())) {
            reader.interfaces();
        } catch (IOException | RuntimeException e) {
            err.println("tcpscope: " + WebErrors.oneLine(e));
            return 1;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            err.println("tcpscope: --bind: unknown address " + bind);
            return 2;
        }
        FilterColorizer rules;
        try {
            rules = colorFilters == null ? FilterColorizer.defaults() : FilterColorizer.read(Path.of(colorFilters));
        } catch (IOException | RuntimeException e) {
            err.println("tcpscope: --colorfilters: " + WebErrors.oneLine(e));
            return 2;
        }
        try (CaptureIndex index = new CaptureIndex(path, rules).start()) {
            try (WebServer s = new WebServer(index, address, port, !address.isLoopbackAddress())) {
                s.start();
                server = s;
                String url = s.url(hostText(address));
                out.println("tcpscope: serving " + path.getFileName() + " at " + url + " (Ctrl-C to stop)");
                out.flush();
                if (open) {
                    openBrowser(url, err);
                }
                stop.await();
            }
            return 0;
        } catch (BindException e) {
            err.println("tcpscope: port " + port + " on " + bind + " is in use; choose another with --port, or leave it out for a free one");
            return 2;
        } catch (IOException e) {
            err.println("tcpscope: " + WebErrors.oneLine(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        }
    }

    /** The address as a URL names it: IPv6 in brackets, the machine's name for a wildcard bind. */
    static String hostText(InetAddress address) throws UnknownHostException {
        if (address.isAnyLocalAddress()) {
            return InetAddress.getLocalHost().getHostName();
        }
        String a = address.getHostAddress();
        return a.contains(":") ? "[" + a + "]" : a;
    }

    static void openBrowser(String url, PrintStream err) {
        try {
            new ProcessBuilder("xdg-open", url).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException e) {
            err.println("tcpscope: could not start a browser (xdg-open); open " + url + " yourself");
        }
    }
}
