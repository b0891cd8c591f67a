package dev.tcpscope.cli;

import dev.tcpscope.capture.LiveSources;
import dev.tcpscope.capture.PcapngWriter;
import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.capture.ffi.PcapStats;
import dev.tcpscope.lab.Lab;
import dev.tcpscope.lab.LabConfig;
import dev.tcpscope.lab.LabException;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.present.color.FilterColorizer;
import dev.tcpscope.present.explain.Explainer;
import dev.tcpscope.present.explain.Lang;
import dev.tcpscope.tcp.Decoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tcpscope lab}: the classic experiment, live. Captures on {@code lo} with the filter
 * {@code tcp port 5200 or tcp port 5201}, runs the seed's server and client in this process, and
 * shows every packet as it is captured: the packet-list line, colored by its coloring rule, and
 * its explanation; then a summary and a ladder diagram of the connection.
 *
 * <p>Exit codes: 0 the exchange ran and was captured; 1 the exchange failed; 2 a bad option, a
 * busy port or no capture rights (one line saying what to do). Ctrl-C closes the sockets, stops
 * the capture, flushes {@code -w}, and leaves nothing bound.
 */
@Command(name = "lab", mixinStandardHelpOptions = true,
        description = "Run the classic TCP experiment on 127.0.0.1 (server on port 5200, client on port 5201)"
                + " while capturing it on lo, and explain every packet. Needs capture rights (root, or dumpcap with them).")
final class LabCommand implements Callable<Integer> {

    @ParentCommand
    TcpscopeCommand parent;

    @Option(names = "--delay", paramLabel = "SECONDS", defaultValue = "1",
            description = "The server's pause after each message it reads (default 1, as in the seed).")
    double delaySeconds;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "5200", description = "The server's port (default 5200).")
    int port;

    @Option(names = "--client-port", paramLabel = "PORT", defaultValue = "5201",
            description = "The port the client binds (default 5201).")
    int clientPort;

    @Option(names = "--messages", paramLabel = "M1,M2,...", split = ",", defaultValue = "user1,user2,user3",
            description = "What the client sends before exit, one message per round trip (default user1,user2,user3).")
    List<String> messages;

    @Option(names = "-w", paramLabel = "FILE", description = "Also save the capture to FILE as pcapng.")
    Path writeFile;

    @Option(names = "--lang", paramLabel = "en|zh", description = "Language of the explanations (default: from the locale).")
    String lang;

    @Option(names = "--color", description = "Color the packet lines even when not on a terminal (never with NO_COLOR set).")
    boolean color;

    @Option(names = "--colorfilters", paramLabel = "FILE",
            description = "Coloring rules in Wireshark's colorfilters format, instead of Wireshark 4.0's defaults.")
    String colorFilters;

    @Option(names = "--brief", description = "Only the packet lines, summary and ladder; no explanation under each packet.")
    boolean brief;

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "Who captures: auto (default), libpcap or dumpcap (see tcpscope capture --help).")
    String backend;

    @Mixin
    TerminalOptions terminalOptions = new TerminalOptions();


    @Option(names = "--timing", description = "Report on stderr how long after the start the first packet was shown.")
    boolean timing;

    @Override
    public Integer call() {
        long started = System.nanoTime();
        PrintStream err = parent.err;
        Lang language = lang == null ? Lang.of(Locale.getDefault()) : Lang.of(lang);
        if (language == null) {
            err.println("tcpscope: invalid --lang \"" + lang + "\"; use en or zh");
            return 2;
        }
        // checked before anything is bound or captured: a bad file is a usage error
        if (Checks.writable(writeFile, err) != null) {
            return 2;
        }
        FilterColorizer colorizer = Coloring.colorizer(colorFilters, err);
        if (colorizer == null) {
            return 2;
        }
        LiveSources.Backend chosen = LiveSources.Backend.of(backend);
        if (chosen == null) {
            err.println("tcpscope: invalid --backend \"" + backend + "\"; use auto, libpcap or dumpcap");
            return 2;
        }
        if (!(delaySeconds >= 0) || delaySeconds > 3600) {
            err.println("tcpscope: invalid --delay " + delaySeconds + "; give seconds between 0 and 3600");
            return 2;
        }
        for (String m : messages) {
            if (m.isEmpty() || m.equals(LabConfig.EXIT) || m.getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 1000) {
                err.println("tcpscope: invalid --messages entry \"" + m + "\"; give non-empty messages of at most 1000 bytes other than exit");
                return 2;
            }
        }
        LabConfig config;
        try {
            config = new LabConfig(port, clientPort, Duration.ofNanos((long) (delaySeconds * 1e9)), messages);
        } catch (IllegalArgumentException e) {
            err.println("tcpscope: " + e.getMessage() + " (see --port and --client-port)");
            return 2;
        }
        // Ctrl-C from here on ends the lab as its end would, also while the sockets and the
        // capture are still being opened (about a second): the run then captures nothing.
        java.util.concurrent.atomic.AtomicReference<Lab> opened = new java.util.concurrent.atomic.AtomicReference<>();
        InterruptHook hook = new InterruptHook("tcpscope-lab-shutdown", () -> {
            Lab l = opened.get();
            if (l != null) {
                l.stop();
            }
        });
        Lab lab;
        try {
            lab = Lab.open(config, chosen);
        } catch (LabException | PcapException e) {
            hook.done();
            err.println("tcpscope: " + e.getMessage());
            return 2;
        }
        opened.set(lab);
        if (hook.interrupted()) {
            lab.stop();
        }
        PcapngWriter writer = null;
        if (writeFile != null) {
            try {
                writer = PcapngWriter.create(writeFile);
                writer.addInterface(lab.capture().captureInterface());
            } catch (IOException e) {
                closeQuietly(lab);
                hook.done();
                err.println("tcpscope: The file \"" + writeFile + "\" could not be created: " + e.getMessage());
                return 2;
            }
        }
        err.println("Capturing on '" + lab.capture().displayName() + "' with filter \"" + config.captureFilter() + "\"");
        return run(lab, hook, writer, language, colorizer, err, started);
    }

    private int run(Lab lab, InterruptHook hook, PcapngWriter writer, Lang language, FilterColorizer colorizer,
                    PrintStream err, long started) {
        Decoder decoder = new Decoder();
        PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneId.systemDefault()), MacNames::none, decoder);
        Explainer explainer = new Explainer(language, colorizer);
        LineWriter out = new LineWriter(parent.out);
        ExplainOutput output = new ExplainOutput(list, decoder, explainer, out, Coloring.enabled(color), !brief)
                .width(terminalOptions.columns(Terminal.isTerminal())).header(terminalOptions.header);
        long[] firstShown = {0};
        Instant[] firstShownAt = {null};
        int code = 0;
        Lab.Result result = null;
        try {
            result = lab.run(frame -> {
                if (writer != null) {
                    writer.write(frame);
                }
                output.frame(frame, null, e -> true);
                output.flush(); // live: each packet shows as it is captured
                if (firstShown[0] == 0) {
                    firstShown[0] = System.nanoTime();
                    firstShownAt[0] = Instant.now();
                }
            });
            output.end(explainer.streams(), true);
        } catch (IOException e) {
            err.println("tcpscope: " + e.getMessage());
            code = 1;
        } finally {
            if (writer != null) {
                try {
                    writer.close();
                } catch (IOException e) {
                    err.println("tcpscope: The file \"" + writeFile + "\" could not be written: " + e.getMessage());
                    code = Math.max(code, 1);
                }
            }
            closeQuietly(lab);
            hook.done();
        }
        report(lab, result, err);
        if (timing && firstShown[0] != 0) {
            long sinceCommand = firstShown[0] - started;
            String sinceProcess = ProcessHandle.current().info().startInstant()
                    .map(i -> String.format(Locale.ROOT, ", %d ms after the process started",
                            Duration.between(i, firstShownAt[0]).toMillis()))
                    .orElse("");
            err.printf(Locale.ROOT, "first packet shown %.1f ms after the lab command started%s%n", sinceCommand / 1e6, sinceProcess);
        }
        if (result != null && result.failure() != null && !hook.interrupted()) { // Ctrl-C is no failure
            err.println("tcpscope: " + result.failure().getMessage());
            return Math.max(code, 1);
        }
        return code;
    }

    private static void report(Lab lab, Lab.Result result, PrintStream err) {
        PcapStats stats = null;
        try {
            stats = lab.stats();
        } catch (IOException ignored) {
            // no counts to report
        }
        if (stats != null && stats.dropped() > 0) {
            err.println(stats.dropped() + " packet" + (stats.dropped() == 1 ? "" : "s") + " dropped from "
                    + lab.capture().displayName());
        }
        long n = result == null ? 0 : result.packets();
        err.println(n + " packet" + (n == 1 ? "" : "s") + " captured");
    }

    private static void closeQuietly(Lab lab) {
        try {
            lab.close();
        } catch (IOException ignored) {
            // closing is all we wanted
        }
    }
}
