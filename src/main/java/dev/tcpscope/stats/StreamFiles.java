package dev.tcpscope.stats;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The output directory of {@code tcpscope follow --out DIR}: one file per direction of each
 * stream, written as the data is read, and {@value #INDEX} listing the streams at the end.
 *
 * <p>A direction's file is named {@code PROTO-stream-N-FROM.PORT-to-TO.PORT.EXT} (an IPv6
 * address with '_' for ':'), {@code FROM} the side that sent the data; {@code EXT} is {@code bin}
 * for the raw bytes, {@code hex} for tshark's hex dump of that direction (offsets counting its
 * bytes), {@code txt} for tshark's ascii rendering (non-printing bytes as '.'). A direction that
 * sent nothing has no file.
 *
 * <p>Open files and memory stay bounded however many streams run at once: a direction collects its
 * bytes in a {@link PageBuffer} of one pool of {@value #BUDGET} bytes; at {@value #WRITE_AT} bytes
 * they are appended to its file (which stays open among the {@link #OPEN} files written most
 * recently, the least recent one closed); when the pool is empty every direction's bytes are
 * written out. Most writes are 64 KiB and a busy stream's file is not opened again for each.
 * A file is created only if it does not exist, unless {@code force}, which truncates it.
 */
final class StreamFiles implements AutoCloseable {
    static final String INDEX = "index.tsv";
    static final int WRITE_AT = 64 << 10;
    static final int BUDGET = 32 << 20;
    /**
     * How many files stay open: half the process's descriptor limit (which the JVM raises to the
     * hard limit on Linux), between 64 and 8192, so that a capture with thousands of streams
     * talking at once does not reopen a file for every write.
     */
    static final int OPEN = openLimit();

    private static int openLimit() {
        long max = java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.UnixOperatingSystemMXBean u ? u.getMaxFileDescriptorCount() : 1024;
        return (int) Math.max(64, Math.min(8192, max / 2));
    }

    private final Path dir;
    private final FollowText.Mode mode;
    private final boolean force;
    private final List<FollowStreams.Followed> dirty = new ArrayList<>();
    private final PageBuffer.Pool pool;
    private final Map<String, FileChannel> open = new LinkedHashMap<>(2 * OPEN, 0.75f, true);
    /** Where hex renderings go: the buffer of {@link #target}'s side {@link #targetSide}. */
    private FollowStreams.Followed target;
    private int targetSide;
    private final Appendable text = new Appendable() {
        @Override
        public Appendable append(CharSequence cs) {
            for (int i = 0; i < cs.length(); i++) {
                append(cs.charAt(i));
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence cs, int start, int end) {
            return append(cs.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) {
            try {
                target.out[targetSide].put(pool, (byte) c); // the hex rendering is ASCII
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }
    };

    StreamFiles(Path dir, FollowText.Mode mode, boolean force, int budget) {
        this.pool = new PageBuffer.Pool(budget, this::flushAll);
        this.dir = dir;
        this.mode = mode;
        this.force = force;
    }

    /** The name of the file of the bytes {@code s}'s client ({@code server} false) or server sent. */
    String name(FollowStreams.Followed s, boolean server) {
        byte[] from = server ? s.server() : s.client();
        byte[] to = server ? s.client() : s.server();
        int fromPort = server ? s.serverPort() : s.clientPort();
        int toPort = server ? s.clientPort() : s.serverPort();
        String ext = switch (mode) {
            case RAW -> "bin";
            case HEX -> "hex";
            case ASCII -> "txt";
            case YAML -> throw new IllegalStateException("yaml describes a whole conversation, not one direction");
        };
        return s.proto() + "-stream-" + s.index + "-" + Net.text(from).replace(':', '_') + "." + fromPort + "-to-"
                + Net.text(to).replace(':', '_') + "." + toPort + "." + ext;
    }

    /** Appends {@code length} bytes the client or server of {@code s} sent to that direction's file. */
    void write(FollowStreams.Followed s, boolean server, MemorySegment data, long offset, int length) throws IOException {
        int side = server ? 1 : 0;
        if (s.fileNames[side] == null) {
            s.fileNames[side] = name(s, server);
            s.out[side] = new PageBuffer();
        }
        PageBuffer out = s.out[side];
        switch (mode) {
            case RAW -> out.put(pool, data, offset, length);
            case HEX -> {
                target = s;
                targetSide = side;
                FollowText.hex(text, "", s.bytes[side], data, offset, length);
            }
            case ASCII -> {
                for (int i = 0; i < length; i++) {
                    out.put(pool, (byte) FollowText.shown(data.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff));
                }
            }
            case YAML -> throw new IllegalStateException("yaml describes a whole conversation, not one direction");
        }
        s.bytes[side] += length;
        if (out.size() >= WRITE_AT) {
            flush(s, side);
        } else if (!s.listed && out.size() > 0) {
            s.listed = true; // after the puts: a flushAll during them unlisted the stream
            dirty.add(s);
        }
    }

    /** Appends what {@code s}'s side holds to its file (creating the file the first time). */
    private void flush(FollowStreams.Followed s, int side) throws IOException {
        PageBuffer out = s.out[side];
        if (out == null || out.size() == 0) {
            return;
        }
        FileChannel ch = open.get(s.fileNames[side]);
        if (ch == null) {
            OpenOption[] how = s.created[side] ? new OpenOption[] {StandardOpenOption.APPEND}
                    : force ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                    : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
            ch = FileChannel.open(dir.resolve(s.fileNames[side]), how);
            open.put(s.fileNames[side], ch);
            s.created[side] = true;
            if (open.size() > OPEN) {
                var eldest = open.entrySet().iterator();
                FileChannel c = eldest.next().getValue();
                eldest.remove();
                c.close();
            }
        }
        try {
            out.drainTo(ch, pool);
        } catch (IOException e) {
            // a full disk says only "No space left on device": name the file
            throw new java.nio.file.FileSystemException(dir.resolve(s.fileNames[side]).toString(), null, e.getMessage());
        }
    }

    /** Writes out what every direction holds: the pool is full again. */
    private void flushAll() throws IOException {
        for (FollowStreams.Followed s : dirty) {
            flush(s, 0);
            flush(s, 1);
            s.listed = false;
        }
        dirty.clear();
    }

    /** Writes out what is buffered, closes the files and writes the index of {@code streams}. */
    void finish(List<FollowStreams.Followed> streams) throws IOException {
        flushAll();
        close();
        OpenOption[] how = force ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
        try (BufferedWriter w = new BufferedWriter(new java.io.OutputStreamWriter(
                Files.newOutputStream(dir.resolve(INDEX), how), StandardCharsets.UTF_8))) {
            w.write("stream\tproto\tnode0\tnode1\tbytes_0_to_1\tbytes_1_to_0\tfirst_frame\tlast_frame\tfile_0_to_1\tfile_1_to_0\n");
            for (FollowStreams.Followed s : streams) {
                w.write(s.index + "\t" + s.proto() + "\t" + endpoint(s.client(), s.clientPort()) + "\t"
                        + endpoint(s.server(), s.serverPort()) + "\t" + s.bytes[0] + "\t" + s.bytes[1] + "\t"
                        + s.firstFrame + "\t" + s.lastFrame + "\t" + (s.fileNames[0] == null ? "-" : s.fileNames[0])
                        + "\t" + (s.fileNames[1] == null ? "-" : s.fileNames[1]) + "\n");
            }
        }
    }

    private static String endpoint(byte[] address, int port) {
        if (address == null) {
            return "-";
        }
        return address.length == 16 ? "[" + Net.text(address) + "]:" + port : Net.text(address) + ":" + port;
    }

    /** The files in {@code dir} that a follow run writes (its index, the streams' files), sorted. */
    static List<Path> earlierOutput(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (var list = Files.list(dir)) {
            return list.filter(p -> ours(p.getFileName().toString())).sorted().toList();
        }
    }

    private static boolean ours(String name) {
        return name.equals(INDEX) || (name.startsWith("tcp-stream-") || name.startsWith("udp-stream-"))
                && (name.endsWith(".bin") || name.endsWith(".hex") || name.endsWith(".txt"));
    }

    /** Closes the open files (what is buffered and not written is dropped: this follows a failure or finish). */
    @Override
    public void close() throws IOException {
        dirty.clear();
        pool.clear();
        IOException failed = null;
        for (FileChannel c : open.values()) {
            try {
                c.close();
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        open.clear();
        if (failed != null) {
            throw failed;
        }
    }
}
