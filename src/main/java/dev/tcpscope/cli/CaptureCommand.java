package dev.tcpscope.cli;

import dev.tcpscope.capture.LiveSource;
import dev.tcpscope.capture.LiveSources;
import dev.tcpscope.capture.CaptureWriter;
import dev.tcpscope.capture.RingWriter;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.filter.FilterSyntaxException;
import dev.tcpscope.proto.Protocols;
import dev.tcpscope.tcp.Decoder;
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

    @Option(names = "-b", paramLabel = "KEY:VALUE",
            description = "Ring buffer, as dumpcap -b (repeat for more): filesize:KB (a new file past KB kB), duration:S (after S seconds),"
                    + " files:N (keep the newest N); files are named PREFIX_NNNNN_YYYYMMDDhhmmss.SUFFIX after -w.")
    List<String> ring = new java.util.ArrayList<>();

    @Option(names = "-F", paramLabel = "FORMAT", description = "File format of -w: pcapng (default) or pcap.")
    String fileFormat = "pcapng";

    @Option(names = "-Y", paramLabel = "FILTER", description = "Display filter: print only the packets it matches (not with -w, as tshark).")
    String displayFilter;

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
        CaptureWriter.Type type = CaptureWriter.Type.named(fileFormat);
        if (type == null || type == CaptureWriter.Type.NSECPCAP) {
            err.println("tcpscope: invalid -F \"" + fileFormat + "\"; use pcapng or pcap");
            return 2;
        }
        if (displayFilter != null && writeFile != null) {
            err.println("tcpscope: Display filters aren't supported when capturing and saving the captured packets.");
            return 1; // tshark's words and exit code
        }
        DisplayFilter display = null;
        if (displayFilter != null) {
            try {
                display = DisplayFilter.compile(displayFilter, Protocols.fields());
            } catch (FilterSyntaxException e) {
                err.println("tcpscope: " + e.render(displayFilter));
                return 2;
            }
        }
        long ringKb = 0;
        double ringSeconds = 0;
        int ringFiles = 0;
        for (String b : ring) {
            int colon = b.indexOf(':');
            String key = colon < 0 ? b : b.substring(0, colon);
            String value = colon < 0 ? "" : b.substring(colon + 1);
            try {
                switch (key) {
                    case "filesize" -> ringKb = positive(Long.parseLong(value));
                    case "duration" -> ringSeconds = positive(Double.parseDouble(value));
                    case "files" -> ringFiles = (int) positive(Integer.parseInt(value));
                    default -> throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                err.println("tcpscope: invalid -b ring buffer option \"" + b + "\"; use filesize:KB, duration:S or files:N with positive numbers");
                return 1;
            }
        }
        if (!ring.isEmpty() && writeFile == null) {
            err.println("tcpscope: Ring buffer requested, but capture isn't being saved to a file; give -w FILE.");
            return 1;
        }
        if (!ring.isEmpty() && ringKb == 0 && ringSeconds == 0) {
            err.println("tcpscope: Multiple capture files requested, but no maximum capture file size or duration was specified.");
            return 1;
        }
        if (!iface.isEmpty() && iface.length() <= 9 && iface.chars().allMatch(Character::isDigit)) {
            iface = interfaceByIndex(Integer.parseInt(iface), err);
            if (iface == null) {
                return 1;
            }
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
        RingWriter writer = null;
        if (writeFile != null) {
            try {
                // without -b the ring is one file of the -w name: the same writer, never rotated
                writer = ring.isEmpty() ? RingWriter.single(writeFile, type) : new RingWriter(writeFile, type, ringKb, ringSeconds, ringFiles);
                writer.start(capture);
            } catch (IOException e) {
                closeQuietly(capture);
                err.println("tcpscope: The file \"" + writeFile + "\" could not be created: " + e.getMessage());
                return 2;
            }
        }
        return run(capture, writer, kind, display, err);
    }

    /** The capture loop, with a shutdown hook so that Ctrl-C still flushes and reports. */
    private int run(LiveSource capture, RingWriter writer, TimeFormat.Kind kind, DisplayFilter display, PrintStream err) {
        InterruptHook hook = new InterruptHook("tcpscope-capture-shutdown", capture::stop);
        err.println("Capturing on '" + capture.displayName() + "'");
        boolean list = !listing.quiet && (writer == null || print);
        Decoder decoder = new Decoder().payloads(Protocols.table());
        PacketList packets = new PacketList(new TimeFormat(kind, ZoneId.systemDefault()), MacNames::system, decoder);
        Frame frame = new Frame();
        StringBuilder line = new StringBuilder(256);
        LineWriter out = new LineWriter(parent.out);
        long captured = 0;
        int code = 0;
        try {
            while (capture.next(frame)) {
                captured++;
                if (writer != null) {
                    writer.write(capture, frame);
                }
                if (list) {
                    decoder.decode(frame);
                    if (display != null && !display.test(decoder)) {
                        packets.skip(decoder);
                        continue;
                    }
                    decoder.display();
                    line.setLength(0);
                    packets.appendLine(decoder, line);
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
    private int finish(LiveSource capture, RingWriter writer, LineWriter out, long captured,
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

    private static <T extends Number> T positive(T n) {
        if (!(n.doubleValue() > 0)) {
            throw new NumberFormatException();
        }
        return n;
    }

    /** The name of interface {@code index} of {@code -D}'s list (1-based), or null after saying why. */
    private static String interfaceByIndex(int index, PrintStream err) {
        try {
            List<PcapDevice> devices = Libpcap.load().devices();
            if (index >= 1 && index <= devices.size()) {
                return devices.get(index - 1).name();
            }
        } catch (PcapException e) {
            err.println("tcpscope: " + e.getMessage());
            return null;
        }
        err.println("tcpscope: There is no interface with that adapter index");
        return null;
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
