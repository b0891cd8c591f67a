package dev.tcpscope.web;

import dev.tcpscope.capture.LiveSource;
import dev.tcpscope.capture.LiveSources;
import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.capture.PcapngWriter;
import dev.tcpscope.capture.ffi.Libpcap;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.lab.Lab;
import dev.tcpscope.lab.LabConfig;
import dev.tcpscope.lab.LabException;
import dev.tcpscope.present.color.FilterColorizer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/**
 * {@code tcpscope lab --web} and {@code tcpscope capture -i IF --web}: packets shown in the web
 * view as they are captured. Each packet is written to a pcapng file (a temporary one unless
 * {@code -w}) and flushed before the page learns of it, so the details and the display filter,
 * which read that file, see every packet the list shows.
 */
final class LiveWeb {
    private LiveWeb() { }

    /** The web server's own options. */
    static final class ServerOptions {
        @Option(names = "--web", required = true, description = "Show the packets in the browser as they are captured.")
        boolean web;

        @Option(names = "--web-port", paramLabel = "P", description = "Port of the web view (default: any free port).")
        int port;

        @Option(names = "--bind", paramLabel = "ADDR", description = "Address of the web view (default 127.0.0.1; any other needs the printed token).")
        String bind = "127.0.0.1";

        @Option(names = "--open", description = "Open the page in the desktop's browser (xdg-open).")
        boolean open;

        @Option(names = "-w", paramLabel = "FILE", description = "Also keep the capture in this pcapng file.")
        Path write;
    }

    /** Captures one source into the web view. */
    interface Source extends AutoCloseable {
        /** Hands each packet to {@code sink} until the capture ends; the reason it failed, or null. */
        String run(Lab.Listener sink) throws IOException;

        dev.tcpscope.capture.CaptureInterface captureInterface();

        void stop();

        @Override
        void close() throws IOException;
    }

    @FunctionalInterface
    interface Opener {
        Source open() throws LabException, PcapException;
    }

    /**
     * Serves the web view of a capture being made: opens the source, prints the address, waits
     * (up to a minute) for a page to open so that the learner sees the first packet arrive, runs
     * the capture, then serves the result until interrupted.
     */
    static int serve(ServerOptions o, Opener opener, boolean waitForPage, PrintStream out, PrintStream err,
                     CountDownLatch stop, java.util.function.Consumer<WebServer> started) {
        InetAddress address;
        try {
            address = InetAddress.getByName(o.bind);
        } catch (UnknownHostException e) {
            err.println("tcpscope: --bind: unknown address " + o.bind);
            return 2;
        }
        Path file;
        try {
            file = o.write != null ? o.write : Files.createTempFile("tcpscope-live", ".pcapng");
            if (o.write == null) {
                file.toFile().deleteOnExit();
            }
        } catch (IOException e) {
            err.println("tcpscope: no temporary file for the capture: " + WebErrors.oneLine(e));
            return 1;
        }
        Source source;
        try {
            source = opener.open();
        } catch (LabException | PcapException e) {
            err.println("tcpscope: " + e.getMessage());
            return 2;
        }
        Thread hook = new Thread(source::stop, "tcpscope-live-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try (source; PcapngWriter writer = PcapngWriter.create(file);
             CaptureIndex index = CaptureIndex.live(file, FilterColorizer.defaults());
             WebServer server = new WebServer(index, address, o.port, !address.isLoopbackAddress())) {
            writer.addInterface(source.captureInterface());
            writer.flush();
            server.start();
            started.accept(server);
            String url = server.url(WebCommand.hostText(address));
            out.println("tcpscope: live view at " + url + " (Ctrl-C to stop)");
            out.flush();
            if (o.open) {
                WebCommand.openBrowser(url, err);
            }
            if (waitForPage && !server.awaitPage(Duration.ofMinutes(1))) {
                err.println("tcpscope: no page opened " + url + " within a minute; capturing anyway");
            }
            String problem = source.run(frame -> {
                writer.write(frame);
                writer.flush();
                index.add(frame);
            });
            index.finish(problem);
            if (problem != null) {
                err.println("tcpscope: " + problem);
            }
            out.println("tcpscope: " + index.frames() + " packets captured; still serving " + url + " (Ctrl-C to stop)");
            out.flush();
            stop.await();
            return 0;
        } catch (java.net.BindException e) {
            err.println("tcpscope: port " + o.port + " on " + o.bind + " is in use; choose another with --web-port, or leave it out for a free one");
            return 2;
        } catch (IOException e) {
            err.println("tcpscope: " + WebErrors.oneLine(e));
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 130;
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook runs
            }
        }
    }

    /** {@code tcpscope lab --web}: the seed's experiment, watched in the browser. */
    @Command(name = "lab", description = "Run the seed's experiment (server 127.0.0.1:5200, client 127.0.0.1:5201) and show its packets in the browser as they are captured.")
    static final class LabWeb implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Mixin
        ServerOptions server = new ServerOptions();

        @Option(names = "--delay", paramLabel = "SECONDS", description = "Pause between the client's messages (default 1, as in the seed).")
        double delay = 1;

        @Option(names = "--no-wait", description = "Start at once instead of waiting for the page to open.")
        boolean noWait;

        PrintStream out = System.out;
        PrintStream err = System.err;
        CountDownLatch stop = new CountDownLatch(1);
        volatile WebServer running;

        @Override
        public Integer call() {
            if (!(delay >= 0) || delay > 3600) {
                err.println("tcpscope: invalid --delay " + delay + "; give seconds between 0 and 3600");
                return 2;
            }
            LabConfig config = new LabConfig(LabConfig.SEED.port(), LabConfig.SEED.clientPort(),
                    Duration.ofNanos((long) (delay * 1e9)), LabConfig.SEED.messages());
            return serve(server, () -> {
                Lab lab = Lab.open(config, LiveSources.Backend.AUTO);
                return new Source() {
                    @Override
                    public String run(Lab.Listener sink) throws IOException {
                        Lab.Result r = lab.run(sink);
                        return r.failure() == null ? null : r.failure().getMessage();
                    }

                    @Override
                    public dev.tcpscope.capture.CaptureInterface captureInterface() { return lab.capture().captureInterface(); }

                    @Override
                    public void stop() { lab.stop(); }

                    @Override
                    public void close() throws IOException { lab.close(); }
                };
            }, !noWait, out, err, stop, s -> running = s);
        }
    }

    /** {@code tcpscope capture -i IF --web}: any interface, watched in the browser. */
    @Command(name = "capture", description = "Capture on an interface and show the packets in the browser as they arrive.")
    static final class CaptureWeb implements Callable<Integer> {
        @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
        boolean help;

        @Mixin
        ServerOptions server = new ServerOptions();

        @Option(names = "-i", paramLabel = "IFACE", required = true, description = "Interface to capture on (see tcpscope capture -D).")
        String iface;

        @Option(names = "-f", paramLabel = "FILTER", description = "Capture filter in libpcap (BPF) syntax.")
        String filter;

        @Option(names = "-c", paramLabel = "N", description = "Stop after N packets.")
        long count = -1;

        @Option(names = "-a", paramLabel = "duration:SECONDS", description = "Stop after this many seconds, as duration:S.")
        String autostop;

        PrintStream out = System.out;
        PrintStream err = System.err;
        CountDownLatch stop = new CountDownLatch(1);

        @Override
        public Integer call() {
            if (count == 0 || count < -1) {
                err.println("tcpscope: invalid -c " + count + "; give a positive number of packets");
                return 2;
            }
            Duration limit = null;
            if (autostop != null) {
                try {
                    if (!autostop.startsWith("duration:")) {
                        throw new NumberFormatException();
                    }
                    limit = Duration.ofMillis((long) (Double.parseDouble(autostop.substring(9)) * 1000));
                } catch (NumberFormatException e) {
                    err.println("tcpscope: invalid -a " + autostop + "; give duration:SECONDS");
                    return 2;
                }
            }
            Duration until = limit;
            return serve(server, () -> {
                LiveSource capture = LiveSources.open(LiveSources.Backend.AUTO, iface, filter, Libpcap.Options.defaults());
                if (count > 0) {
                    capture.stopAfter(count);
                }
                if (until != null) {
                    capture.stopAfter(until);
                }
                return new Source() {
                    @Override
                    public String run(Lab.Listener sink) throws IOException {
                        Frame frame = new Frame();
                        while (capture.next(frame)) {
                            sink.packet(frame);
                        }
                        return null;
                    }

                    @Override
                    public dev.tcpscope.capture.CaptureInterface captureInterface() { return capture.captureInterface(); }

                    @Override
                    public void stop() { capture.stop(); }

                    @Override
                    public void close() throws IOException { capture.close(); }
                };
            }, false, out, err, stop, s -> { });
        }
    }
}
