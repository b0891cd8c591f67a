package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.PcapException;
import dev.tcpscope.capture.ffi.PcapStats;
import dev.tcpscope.frame.Frame;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A live capture made by Wireshark's {@code dumpcap} in a child process that writes pcapng to
 * its standard output ({@code dumpcap -i IFACE -f FILTER -w -}), read here as it arrives. This is
 * Wireshark's privilege separation: only dumpcap needs the capture rights (root, or
 * {@code setcap cap_net_raw,cap_net_admin=eip dumpcap}); tcpscope runs unprivileged.
 *
 * <p>{@link #open} returns once dumpcap has written its Interface Description Block: dumpcap
 * writes it only after the device is open and the filter installed, so packets sent after
 * {@code open} returns are captured. dumpcap flushes each packet to a pipe at once, so frames
 * arrive as they are captured.
 *
 * <p>{@link #stop()} sends dumpcap SIGTERM; the packets it wrote before ending are still
 * returned by {@link #next}, which returns false at the end of its output. Its counts
 * ("Packets received/dropped on interface ...") are read from its standard error when it ends.
 */
public final class DumpcapCapture implements LiveSource {
    /** The environment variable naming the dumpcap to run, before {@code PATH} is searched. */
    public static final String DUMPCAP_ENV = "TCPSCOPE_DUMPCAP";
    private static final int SHB = 0x0A0D0D0A;
    private static final int IDB = 1;
    private static final int BYTE_ORDER_MAGIC = 0x1A2B3C4D;
    private static final long START_TIMEOUT_SECONDS = 15;
    private static final long EXIT_WAIT_MILLIS = 3000;
    private static final Pattern STATS = Pattern.compile(
            "^Packets received/dropped on interface '(.*)': (\\d+)/(\\d+) .*ps_ifdrop:(\\d+)");
    private static final Pattern CAPTURING = Pattern.compile("^Capturing on '(.*)'");

    private final Process process;
    private final CaptureReader reader;
    private final CaptureInterface iface;
    private final List<String> errLines;
    private final Thread errReader;
    private volatile boolean stopped;
    private long limit = -1;
    private long number;
    private Thread timer;
    private boolean closed;

    private DumpcapCapture(Process process, CaptureReader reader, CaptureInterface iface, List<String> errLines,
                           Thread errReader) {
        this.process = process;
        this.reader = reader;
        this.iface = iface;
        this.errLines = errLines;
        this.errReader = errReader;
    }

    /** The dumpcap to run: {@value #DUMPCAP_ENV}, then {@code PATH}, then /usr/bin and /usr/sbin; null when none. */
    public static Path find() {
        String env = System.getenv(DUMPCAP_ENV);
        if (env != null && !env.isBlank()) {
            Path p = Path.of(env);
            return Files.isExecutable(p) ? p : null;
        }
        List<Path> candidates = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) {
                    candidates.add(Path.of(dir, "dumpcap"));
                }
            }
        }
        candidates.add(Path.of("/usr/bin/dumpcap"));
        candidates.add(Path.of("/usr/sbin/dumpcap"));
        for (Path p : candidates) {
            if (Files.isExecutable(p) && !Files.isDirectory(p)) {
                return p;
            }
        }
        return null;
    }

    /**
     * Starts {@code dumpcap} on {@code device} with the BPF {@code filter} (null or blank: none)
     * and waits until it captures.
     *
     * @param bufferMiB the kernel buffer size ({@code -B}), 0 for dumpcap's default
     * @throws PcapException with dumpcap's reason in one line: no dumpcap (NO_LIBRARY), no
     *                       permission, no such device, a bad filter, or anything else (OTHER)
     */
    public static DumpcapCapture open(String device, String filter, int snaplen, boolean promiscuous, int bufferMiB)
            throws PcapException {
        Path dumpcap = find();
        if (dumpcap == null) {
            throw new PcapException(PcapException.Kind.NO_LIBRARY,
                    "dumpcap was not found; install it (apt-get install wireshark-common) or set " + DUMPCAP_ENV);
        }
        List<String> command = new ArrayList<>(List.of(dumpcap.toString(), "-i", device, "-s", Integer.toString(snaplen)));
        if (filter != null && !filter.isBlank()) {
            command.addAll(List.of("-f", filter));
        }
        if (!promiscuous) {
            command.add("-p");
        }
        if (bufferMiB > 0) {
            command.addAll(List.of("-B", Integer.toString(bufferMiB)));
        }
        command.addAll(List.of("-w", "-"));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
        } catch (IOException e) {
            throw new PcapException(PcapException.Kind.OTHER, "cannot run " + dumpcap + ": " + e.getMessage());
        }
        List<String> errLines = java.util.Collections.synchronizedList(new ArrayList<>());
        Thread errReader = Thread.ofVirtual().name("tcpscope-dumpcap-stderr").start(() -> {
            try (var r = process.errorReader(StandardCharsets.UTF_8)) {
                String line;
                while ((line = r.readLine()) != null) {
                    errLines.add(line);
                }
            } catch (IOException ignored) {
                // the process went away; what it said so far is kept
            }
        });
        // dumpcap that neither captures nor fails (a hung device) must not block us forever
        Thread watchdog = Thread.ofVirtual().unstarted(() -> {
            try {
                Thread.sleep(Duration.ofSeconds(START_TIMEOUT_SECONDS));
                process.destroyForcibly();
            } catch (InterruptedException started) {
                // dumpcap started in time
            }
        });
        watchdog.start();
        InputStream stdout = process.getInputStream();
        try {
            Header header = readHeader(stdout);
            watchdog.interrupt();
            if (header == null) {
                throw failure(process, errReader, errLines, device);
            }
            CaptureReader reader = Captures.open(
                    new SequenceInputStream(new ByteArrayInputStream(header.bytes), stdout), "dumpcap");
            return new DumpcapCapture(process, reader, header.iface, errLines, errReader);
        } catch (IOException e) {
            watchdog.interrupt();
            process.destroyForcibly();
            throw new PcapException(PcapException.Kind.OTHER, "dumpcap's output could not be read: " + e.getMessage());
        }
    }

    /** The bytes up to and including the first IDB, and that interface; null at a premature end. */
    private record Header(byte[] bytes, CaptureInterface iface) {}

    private static Header readHeader(InputStream in) throws IOException {
        ByteArrayOutputStream prefix = new ByteArrayOutputStream();
        ByteOrder order = ByteOrder.LITTLE_ENDIAN;
        while (true) {
            byte[] head = in.readNBytes(8);
            if (head.length < 8) {
                return null;
            }
            ByteBuffer h = ByteBuffer.wrap(head).order(order);
            int type = h.getInt(0);
            if (type == SHB) {
                byte[] bom = in.readNBytes(4);
                if (bom.length < 4) {
                    return null;
                }
                order = ByteBuffer.wrap(bom).order(ByteOrder.LITTLE_ENDIAN).getInt() == BYTE_ORDER_MAGIC
                        ? ByteOrder.LITTLE_ENDIAN : ByteOrder.BIG_ENDIAN;
                h.order(order);
                prefix.write(head);
                prefix.write(bom);
                int rest = h.getInt(4) - 12;
                if (rest < 0 || rest > 1 << 20) {
                    throw new IOException("bad section header block length " + h.getInt(4));
                }
                byte[] body = in.readNBytes(rest);
                if (body.length < rest) {
                    return null;
                }
                prefix.write(body);
                continue;
            }
            int length = h.getInt(4);
            if (length < 12 || length > 1 << 20) {
                throw new IOException("bad block length " + length);
            }
            byte[] body = in.readNBytes(length - 8);
            if (body.length < length - 8) {
                return null;
            }
            prefix.write(head);
            prefix.write(body);
            if (type == IDB) {
                return new Header(prefix.toByteArray(), describe(ByteBuffer.wrap(body).order(order)));
            }
        }
    }

    /** The interface an IDB body (after type and length) describes: link type, snaplen, name, description. */
    private static CaptureInterface describe(ByteBuffer b) {
        int linkType = Short.toUnsignedInt(b.getShort(0));
        int snaplen = b.getInt(4);
        String name = null;
        String description = null;
        int digits = 6;
        int pos = 8;
        while (pos + 4 <= b.limit() - 4) {
            int code = Short.toUnsignedInt(b.getShort(pos));
            int len = Short.toUnsignedInt(b.getShort(pos + 2));
            if (code == 0 || pos + 4 + len > b.limit() - 4) {
                break;
            }
            byte[] value = new byte[len];
            b.get(pos + 4, value);
            switch (code) {
                case 2 -> name = new String(value, StandardCharsets.UTF_8);
                case 3 -> description = new String(value, StandardCharsets.UTF_8);
                case 9 -> digits = len == 1 && (value[0] & 0x80) == 0 ? value[0] : 6;
                default -> { }
            }
            pos += 4 + ((len + 3) & ~3);
        }
        return new CaptureInterface(linkType, snaplen, name, description, digits);
    }

    /** Why dumpcap ended before capturing, from its standard error, as one line. */
    private static PcapException failure(Process process, Thread errReader, List<String> errLines, String device) {
        try {
            if (!process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
            }
            errReader.join(EXIT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        String reason = null;
        String detail = null;
        synchronized (errLines) {
            for (int i = 0; i < errLines.size(); i++) {
                String line = errLines.get(i);
                if (line.startsWith("dumpcap: ")) {
                    reason = line.substring("dumpcap: ".length()).strip();
                    if (i + 1 < errLines.size() && errLines.get(i + 1).startsWith("(")) {
                        detail = errLines.get(i + 1).strip();
                    }
                    break;
                }
            }
        }
        if (reason == null) {
            return new PcapException(PcapException.Kind.OTHER, "dumpcap ended without capturing on " + device
                    + (process.isAlive() ? "" : " (exit code " + process.exitValue() + ")"));
        }
        String lower = reason.toLowerCase(java.util.Locale.ROOT);
        if (lower.contains("permission")) {
            return new PcapException(PcapException.Kind.PERMISSION, "You don't have permission to capture on " + device
                    + (detail != null ? " " + detail : "") + "; run as root or give capture rights to dumpcap"
                    + " (setcap cap_net_raw,cap_net_admin=eip " + find() + ")");
        }
        if (lower.contains("no device")) {
            return new PcapException(PcapException.Kind.NO_DEVICE, "There is no capture device \"" + device
                    + "\"; list the devices with tcpscope capture -D");
        }
        if (lower.contains("capture filter")) {
            return new PcapException(PcapException.Kind.FILTER, "dumpcap: " + reason);
        }
        return new PcapException(PcapException.Kind.OTHER, "dumpcap: " + reason + (detail != null ? " " + detail : ""));
    }

    @Override
    public DumpcapCapture stopAfter(long packets) {
        this.limit = packets;
        return this;
    }

    @Override
    public DumpcapCapture stopAfter(Duration duration) {
        Thread t = Thread.ofPlatform().daemon().name("tcpscope-dumpcap-timer").unstarted(() -> {
            try {
                Thread.sleep(duration);
                stop();
            } catch (InterruptedException closedFirst) {
                // the capture ended first
            }
        });
        timer = t;
        t.start();
        return this;
    }

    /**
     * Fills {@code frame} with the next packet dumpcap wrote; its bytes are valid until the next
     * call. After the packet limit, or at the end of dumpcap's output, false.
     */
    @Override
    public boolean next(Frame frame) throws IOException {
        if (closed || (limit >= 0 && number >= limit)) {
            if (limit >= 0 && number >= limit) {
                stop();
            }
            return false;
        }
        try {
            if (!reader.next(frame)) {
                return false;
            }
        } catch (IOException cut) {
            if (stopped) {
                return false; // ended in the middle of a block: what came before is complete
            }
            throw cut;
        }
        number++;
        return true;
    }

    /** Asks dumpcap to end (SIGTERM) and, if it has not ended within 3 s, kills it. */
    @Override
    public void stop() {
        if (stopped) {
            return;
        }
        stopped = true;
        // Through the ProcessHandle: Process.destroy() would also close our end of dumpcap's
        // output, losing the packets it writes while it ends.
        process.toHandle().destroy();
        Thread.ofVirtual().start(() -> {
            try {
                if (!process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException ignored) {
                process.destroyForcibly();
            }
        });
    }

    /** The counts dumpcap reported when it ended; zeros while it runs. */
    @Override
    public PcapStats stats() {
        synchronized (errLines) {
            for (String line : errLines) {
                Matcher m = STATS.matcher(line);
                if (m.find()) {
                    return new PcapStats(Long.parseLong(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)));
                }
            }
        }
        return new PcapStats(0, 0, 0);
    }

    @Override
    public String displayName() {
        synchronized (errLines) {
            for (String line : errLines) {
                Matcher m = CAPTURING.matcher(line);
                if (m.find()) {
                    return m.group(1);
                }
            }
        }
        return iface.description() != null && !iface.description().isEmpty()
                ? iface.description() + ": " + iface.name() : iface.name();
    }

    @Override
    public CaptureInterface captureInterface() { return iface; }

    @Override
    public String backend() { return "dumpcap"; }

    @Override
    public List<CaptureInterface> interfaces() { return List.of(iface); }

    @Override
    public String format() { return "live"; }

    /** Ends dumpcap (if still running), waits for it and for its last words on standard error. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        if (timer != null) {
            timer.interrupt();
        }
        stop();
        try {
            if (!process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_WAIT_MILLIS, TimeUnit.MILLISECONDS);
            }
            errReader.join(EXIT_WAIT_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            reader.close();
        }
    }
}
