package dev.tcpscope.stats;

import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedSet;

/**
 * {@code tcpscope follow}: every TCP (or UDP) stream of a capture followed in one pass, each as
 * Wireshark's follow tap rebuilds it ({@link TcpFollow}, {@link UdpFollow}), where tshark follows
 * one stream per run ({@code -z follow,tcp,MODE,N}).
 *
 * <p>Which streams: all of them (every stream number from 0 to the last the capture has), or those
 * {@code only} names, and of those, when {@code select} is given, the ones with at least one frame
 * the display filter matches (the frame of a TCP stream is one whose {@code tcp.stream} it is;
 * for UDP, any of its {@code udp.stream} values, an ICMP error's quoted datagram included). A
 * stream is selected as a whole, from its first frame, whichever of its frames matched.
 *
 * <p>Where the data goes: with {@link #print} (no output directory) every stream's chunks wait in
 * a {@link ChunkSpool} of one shared {@link SpoolStore} (16 MiB of memory, then one temporary
 * file) and each selected stream is printed at the end, in stream order, exactly as tshark prints
 * it. With an output directory ({@link StreamFiles}) a selected stream's data is written to its
 * files as it is read; a stream not selected yet waits in a spool and is written out when one of
 * its frames matches. What is kept per stream is the follow state (addresses, next sequence
 * numbers, segments waiting for a gap to fill, as tshark holds them) and a few counters.
 */
public final class FollowStreams implements AutoCloseable {
    /** Bytes of stream data held in memory for all spools together before they go to the temporary file. */
    static final int BUDGET = 16 << 20;

    private final boolean tcp;
    private final FollowText.Mode mode;
    private final SortedSet<Integer> only;
    private final DisplayFilter select;
    private final StreamFiles files;
    private final SpoolStore store;
    private final List<Followed> streams = new ArrayList<>();
    private final int[] seen = new int[8];
    private int last = -1;

    /**
     * Follows the {@code tcp} or UDP streams; {@code only} (null for all) and {@code select} (null
     * for none) choose them as the class says; {@code out} the directory to write, or null to print.
     */
    public FollowStreams(boolean tcp, FollowText.Mode mode, SortedSet<Integer> only, DisplayFilter select, Path out,
                         boolean force) {
        this(tcp, mode, only, select, out, force, BUDGET, StreamFiles.BUDGET);
    }

    /** With chosen memory budgets for the spools and the output buffers (tests make them tiny). */
    FollowStreams(boolean tcp, FollowText.Mode mode, SortedSet<Integer> only, DisplayFilter select, Path out,
                  boolean force, int spoolBudget, int outBudget) {
        this.store = new SpoolStore(spoolBudget);
        this.tcp = tcp;
        this.mode = mode;
        this.only = only;
        this.select = select;
        this.files = out == null ? null : new StreamFiles(out, mode, force, outBudget);
    }

    /** One stream: its follow state and where its chunks go. */
    final class Followed implements ChunkSink {
        final int index;
        final TcpFollow tcpFollow;
        final UdpFollow udpFollow;
        ChunkSpool spool;
        boolean selected;
        long firstFrame;
        long lastFrame;
        final long[] bytes = new long[2];
        final String[] fileNames = new String[2];
        /** With an output directory: each side's bytes not written yet ({@link StreamFiles}). */
        final PageBuffer[] out = new PageBuffer[2];
        final boolean[] created = new boolean[2];
        boolean listed;

        Followed(int index) {
            this.index = index;
            this.tcpFollow = tcp ? new TcpFollow(this) : null;
            this.udpFollow = tcp ? null : new UdpFollow(this);
            this.selected = select == null;
            if (files == null || !selected) {
                spool = new ChunkSpool(store);
            }
        }

        String proto() { return tcp ? "tcp" : "udp"; }

        byte[] client() { return tcp ? tcpFollow.clientAddress() : udpFollow.clientAddress(); }

        int clientPort() { return tcp ? tcpFollow.clientPort() : udpFollow.clientPort(); }

        byte[] server() { return tcp ? tcpFollow.serverAddress() : udpFollow.serverAddress(); }

        int serverPort() { return tcp ? tcpFollow.serverPort() : udpFollow.serverPort(); }

        @Override
        public void chunk(boolean server, long frame, long seconds, int nanos, MemorySegment data, long offset, int length) {
            if (spool != null) {
                spool.chunk(server, frame, seconds, nanos, data, offset, length);
                return;
            }
            try {
                files.write(this, server, data, offset, length);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** A frame of this stream matched the filter: with an output directory, what waited is written now. */
        void select() throws IOException {
            selected = true;
            if (files != null) {
                ChunkSpool waiting = spool;
                spool = null;
                waiting.replay(this);
            }
        }
    }

    /** The state of stream {@code n}, made on first sight; null for a stream not followed. */
    private Followed stream(int n, long frame) {
        if (n < 0) {
            return null;
        }
        last = Math.max(last, n);
        if (only != null && !only.contains(n)) {
            return null;
        }
        while (streams.size() <= n) {
            streams.add(null);
        }
        Followed s = streams.get(n);
        if (s == null) {
            s = new Followed(n);
            s.firstFrame = frame;
            streams.set(n, s);
        }
        s.lastFrame = frame;
        return s;
    }

    /** Takes in the frame just decoded. I/O errors of the spool or the output files come as UncheckedIOException. */
    public void packet(Decoder d) throws IOException {
        long frame = d.frame().number();
        if (tcp) {
            TcpRecord any = d.tcp();
            Followed s = any == null ? null : stream(any.stream, frame);
            if (s == null) {
                return;
            }
            if (!s.selected && select.test(d)) {
                s.select();
            }
            TcpRecord r = TcpFollow.followed(d);
            if (r != null) {
                s.tcpFollow.segment(d, r);
            }
            return;
        }
        int n = Math.min(d.udpStreams(seen), seen.length);
        int first = UdpStreams.first(d.dissection());
        Boolean matched = null;
        for (int i = 0; i < n; i++) {
            if (repeated(i)) {
                continue;
            }
            Followed s = stream(seen[i], frame);
            if (s == null) {
                continue;
            }
            if (!s.selected) {
                if (matched == null) {
                    matched = select.test(d);
                }
                if (matched) {
                    s.select();
                }
            }
            if (first >= 0) {
                s.udpFollow.datagram(d, first);
            }
        }
    }

    /** Whether the stream of layer {@code i} is that of an earlier layer of the frame (its data is taken once). */
    private boolean repeated(int i) {
        for (int j = 0; j < i; j++) {
            if (seen[j] == seen[i]) {
                return true;
            }
        }
        return false;
    }

    /** The numbers of the streams to report, in order: named ones even if the capture lacks them (as tshark). */
    private List<Integer> chosen() {
        List<Integer> out = new ArrayList<>();
        if (only != null) {
            for (int n : only) {
                Followed s = n < streams.size() ? streams.get(n) : null;
                if (select == null || s != null && s.selected) {
                    out.add(n);
                }
            }
            return out;
        }
        for (int n = 0; n <= last; n++) {
            Followed s = n < streams.size() ? streams.get(n) : null;
            if (select == null || s != null && s.selected) {
                out.add(n);
            }
        }
        return out;
    }

    /** The streams named with {@code only} that the capture does not have. */
    public List<Integer> missing() {
        List<Integer> out = new ArrayList<>();
        if (only != null) {
            for (int n : only) {
                if (n > last) {
                    out.add(n);
                }
            }
        }
        return out;
    }

    /** Prints every chosen stream as {@code tshark -q -z follow,PROTO,MODE,N} prints it, in stream order. */
    public void print(Appendable out) throws IOException {
        String proto = tcp ? "tcp" : "udp";
        ChunkSpool none = new ChunkSpool(store);
        for (int n : chosen()) {
            Followed s = n < streams.size() ? streams.get(n) : null;
            String filter = FollowTap.streamFilter(proto, n);
            if (s == null) {
                FollowText.block(out, mode, proto, filter, null, 0, null, 0, none, 1, 0xffffffffL);
            } else {
                FollowText.block(out, mode, proto, filter, s.client(), s.clientPort(), s.server(), s.serverPort(),
                        s.spool, 1, 0xffffffffL);
            }
        }
    }

    /** With an output directory: closes the files and writes the index; returns how many streams it lists. */
    public int finish() throws IOException {
        List<Followed> written = new ArrayList<>();
        for (int n : chosen()) {
            Followed s = n < streams.size() ? streams.get(n) : null;
            if (s != null) {
                written.add(s);
            }
        }
        files.finish(written);
        return written.size();
    }

    /**
     * The files in {@code dir} that an earlier run wrote (its index, the streams' files, named as
     * {@link StreamFiles} names them), sorted: {@code --out} refuses them, {@code --force} deletes them.
     */
    public static List<Path> earlierOutput(Path dir) throws IOException {
        return StreamFiles.earlierOutput(dir);
    }

    /** Closes the output files (if not finished) and deletes the temporary spool file. */
    @Override
    public void close() throws IOException {
        try {
            if (files != null) {
                files.close();
            }
        } finally {
            store.close();
        }
    }
}
