package dev.tcpscope.cli;

import dev.tcpscope.capture.LiveSource;
import dev.tcpscope.capture.LiveSources;
import dev.tcpscope.capture.PcapngWriter;
import dev.tcpscope.capture.ffi.Libpcap;
import dev.tcpscope.capture.ffi.PcapDevice;
import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.capture.ffi.PcapStats;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.LineWriter;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tcpscope capture -i IFACE}: captures live with libpcap and lists each packet as it
 * arrives, as {@code tshark -i IFACE} does; {@code -w} saves pcapng, {@code -D} lists devices.
 * Ctrl-C ends the capture cleanly: the file is flushed and the counts are reported on stderr
 * ("N packets dropped from Loopback: lo" when there were drops, then "N packets captured").
 */
@Command(name = "capture", mixinStandardHelpOptions = true,
        description = "Capture packets live on an interface with libpcap and list them as they arrive, as tshark -i does.")
final class CaptureCommand implements Callable<Integer> {

    @ParentCommand
    TcpscopeCommand parent;

    @Option(names = "-i", paramLabel = "IFACE", description = "Interface to capture on (see -D).")
    String iface;

    @Option(names = "-f", paramLabel = "FILTER", description = "Capture filter in libpcap (BPF) syntax, e.g. \"tcp port 5201\".")
    String filter;

    @Option(names = "-w", paramLabel = "FILE", description = "Write the packets to FILE as pcapng (the list is not printed unless -P).")
    Path writeFile;

    @Option(names = "-P", description = "Print the packet list even while writing with -w.")
    boolean print;

    @Option(names = "-c", paramLabel = "N", description = "Stop after N packets.")
    long count = Checks.NO_COUNT;

    @Option(names = "-a", paramLabel = "duration:S", description = "Stop after S seconds (autostop condition, as in tshark).")
    String autostop;

    @Option(names = "-s", paramLabel = "SNAPLEN", description = "Bytes to keep of each packet (default 262144).")
    int snaplen = 262_144;

    /*
     * Immediate mode makes libpcap use TPACKET_V2 on Linux, one fixed slot per packet sized from
     * the MTU (about 64 KiB on lo): libpcap's 2 MiB default is ~30 packets there, so a burst on lo
     * drops. 32 MiB is ~500 slots (LiveCaptureLoad measures it).
     */
    @Option(names = "-B", paramLabel = "MiB", description = "Kernel capture buffer size in MiB (default 32).")
    int bufferMiB = 32;

    @Option(names = "-p", description = "Don't put the interface in promiscuous mode.")
    boolean noPromiscuous;

    @Mixin
    TimeOption time = new TimeOption();

    @Mixin
    ListingOptions listing = new ListingOptions();

    @Option(names = "--backend", paramLabel = "NAME", defaultValue = "auto",
            description = "Who captures: libpcap (in this process), dumpcap (Wireshark's dumpcap as a child process,"
                    + " which alone needs capture rights) or auto (libpcap, else dumpcap when libpcap has no rights; default).")
    String backend;

    @Option(names = "-D", description = "List the interfaces a capture can be opened on, and exit.")
    boolean listInterfaces;

    @Override
    public Integer call() {
        PrintStream err = parent.err;
        if (listInterfaces) {
            return listInterfaces(err);
        }
        if (iface == null) {
            err.println("tcpscope: no interface given; usage: tcpscope capture -i IFACE (list them with tcpscope capture -D)");
            return 2;
        }
        Integer bad = Checks.count(count, err);
        if (bad == null) {
            bad = Checks.writable(writeFile, err);
        }
        if (bad != null) {
            return bad;
        }
        TimeFormat.Kind kind = time.kind(err);
        if (kind == null) {
            return 2;
        }
        Duration duration = null;
        if (autostop != null) {
            duration = parseDuration(autostop);
            if (duration == null) {
                err.println("tcpscope: invalid -a condition \"" + autostop + "\"; use duration:S with S seconds > 0");
                return 2;
            }
        }
        if (bufferMiB <= 0 || bufferMiB > 2047) {
            err.println("tcpscope: invalid -B buffer size " + bufferMiB + "; give MiB between 1 and 2047");
            return 2;
        }
        if (snaplen <= 0) {
            err.println("tcpscope: invalid -s snap length " + snaplen + "; give a positive number of bytes");
            return 2;
        }
        LiveSources.Backend chosen = LiveSources.Backend.of(backend);
        if (chosen == null) {
            err.println("tcpscope: invalid --backend \"" + backend + "\"; use auto, libpcap or dumpcap");
            return 2;
        }
        LiveSource capture;
        try {
            capture = LiveSources.open(chosen, iface, filter,
                    new Libpcap.Options(snaplen, !noPromiscuous, true, 100, bufferMiB << 20, true));
        } catch (PcapException e) {
            err.println("tcpscope: " + e.getMessage());
            return 2;
        }
        if (count >= 0) {
            capture.stopAfter(count);
        }
        if (duration != null) {
            capture.stopAfter(duration);
        }
        PcapngWriter writer = null;
        if (writeFile != null) {
            try {
                writer = PcapngWriter.create(writeFile);
                writer.addInterface(capture.captureInterface());
            } catch (IOException e) {
                closeQuietly(capture);
                err.println("tcpscope: The file \"" + writeFile + "\" could not be created: " + e.getMessage());
                return 2;
            }
        }
        return run(capture, writer, kind, err);
    }

    /** The capture loop, with a shutdown hook so that Ctrl-C still flushes and reports. */
    private int run(LiveSource capture, PcapngWriter writer, TimeFormat.Kind kind, PrintStream err) {
        InterruptHook hook = new InterruptHook("tcpscope-capture-shutdown", capture::stop);
        err.println("Capturing on '" + capture.displayName() + "'");
        boolean list = !listing.quiet && (writer == null || print);
        PacketList packets = new PacketList(new TimeFormat(kind, ZoneId.systemDefault()), MacNames.system());
        Frame frame = new Frame();
        StringBuilder line = new StringBuilder(256);
        LineWriter out = new LineWriter(parent.out);
        long captured = 0;
        int code = 0;
        try {
            while (capture.next(frame)) {
                captured++;
                if (writer != null) {
                    writer.write(frame);
                }
                if (list) {
                    line.setLength(0);
                    packets.appendLine(frame, line);
                    out.line(line);
                    out.flush(); // live: each packet shows as it arrives
                }
            }
        } catch (IOException e) {
            err.println("tcpscope: " + e.getMessage());
            code = 1;
        } finally {
            code = finish(capture, writer, out, captured, err, code);
            hook.done();
        }
        return code;
    }

    /** Flushes the list and the file, closes the capture and reports the counts as tshark does. */
    private int finish(LiveSource capture, PcapngWriter writer, LineWriter out, long captured,
                       PrintStream err, int code) {
        try {
            out.flush();
        } catch (IOException ignored) {
            // stdout is gone (a closed pipe); the counts still go to stderr
        }
        if (writer != null) {
            try {
                writer.close();
            } catch (IOException e) {
                err.println("tcpscope: The file \"" + writeFile + "\" could not be written: " + e.getMessage());
                code = Math.max(code, 1);
            }
        }
        PcapStats stats = null;
        try {
            stats = capture.stats();
        } catch (IOException e) {
            err.println("tcpscope: " + e.getMessage());
        }
        closeQuietly(capture);
        if (stats != null && "dumpcap".equals(capture.backend())) {
            try {
                stats = capture.stats(); // dumpcap reports its counts only when it ends
            } catch (IOException ignored) {
                // keep what was read
            }
        }
        long dropped = stats == null ? 0 : stats.dropped();
        if (dropped > 0) {
            err.println(dropped + " packet" + (dropped == 1 ? "" : "s") + " dropped from " + capture.displayName());
        }
        err.println(captured + " packet" + (captured == 1 ? "" : "s") + " captured");
        return code;
    }

    private static void closeQuietly(LiveSource capture) {
        try {
            capture.close();
        } catch (IOException ignored) {
            // the capture is over; nothing more to save
        }
    }

    /** {@code tshark -D}: {@code 1. eth0}, {@code 3. lo (Loopback)}. */
    private int listInterfaces(PrintStream err) {
        List<PcapDevice> devices;
        try {
            devices = Libpcap.load().devices();
        } catch (PcapException e) {
            err.println("tcpscope: " + e.getMessage());
            return 2;
        }
        if (devices.isEmpty()) {
            err.println("tcpscope: There are no interfaces on which a capture can be done");
            return 2;
        }
        StringBuilder sb = new StringBuilder();
        int i = 1;
        for (PcapDevice d : devices) {
            // Wireshark on Linux shows a friendly name only for loopback devices, not libpcap's descriptions
            sb.append(i++).append(". ").append(d.name()).append(d.loopback() ? " (Loopback)" : "").append('\n');
        }
        parent.out.print(sb);
        parent.out.flush();
        return 0;
    }

    /** {@code duration:S}, S in seconds (decimals allowed); null when malformed. */
    static Duration parseDuration(String condition) {
        String prefix = "duration:";
        if (!condition.startsWith(prefix)) {
            return null;
        }
        try {
            double seconds = Double.parseDouble(condition.substring(prefix.length()));
            if (!(seconds > 0) || seconds > 1e9) {
                return null;
            }
            return Duration.ofNanos((long) (seconds * 1e9));
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
