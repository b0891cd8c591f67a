package dev.tcpscope.stats;

import java.io.BufferedOutputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
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
 * sent nothing has no file. At most {@value #OPEN} files are open at once: the one written least
 * recently is closed and reopened for appending when its stream speaks again. A file is created
 * only if it does not exist, unless {@code force}, which truncates it.
 */
final class StreamFiles implements AutoCloseable {
    static final String INDEX = "index.tsv";
    static final int OPEN = 64;

    private final Path dir;
    private final FollowText.Mode mode;
    private final boolean force;
    private final byte[] scratch = new byte[1 << 16];
    private final Map<String, Handle> open = new LinkedHashMap<>(OPEN * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Handle> eldest) {
            if (size() > OPEN) {
                closing = eldest.getValue();
                return true;
            }
            return false;
        }
    };
    private Handle closing;

    /** An open direction file; text formats write through {@link #append}. */
    private static final class Handle implements Appendable {
        final OutputStream out;

        Handle(OutputStream out) {
            this.out = out;
        }

        @Override
        public Appendable append(CharSequence cs) throws IOException {
            for (int i = 0; i < cs.length(); i++) {
                out.write(cs.charAt(i)); // hex and ascii renderings are ASCII
            }
            return this;
        }

        @Override
        public Appendable append(CharSequence cs, int start, int end) throws IOException {
            return append(cs.subSequence(start, end));
        }

        @Override
        public Appendable append(char c) throws IOException {
            out.write(c);
            return this;
        }
    }

    StreamFiles(Path dir, FollowText.Mode mode, boolean force) {
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
        String name = s.fileNames[side];
        boolean created = name != null;
        if (name == null) {
            name = s.fileNames[side] = name(s, server);
        }
        Handle h = open.get(name);
        if (h == null) {
            OpenOption[] how = created ? new OpenOption[] {StandardOpenOption.APPEND}
                    : force ? new OpenOption[] {StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE}
                    : new OpenOption[] {StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE};
            h = new Handle(new BufferedOutputStream(Files.newOutputStream(dir.resolve(name), how), 1 << 15));
            open.put(name, h);
            if (closing != null) {
                Handle c = closing;
                closing = null;
                c.out.close();
            }
        }
        switch (mode) {
            case RAW -> {
                for (int i = 0; i < length; i += scratch.length) {
                    int n = Math.min(scratch.length, length - i);
                    MemorySegment.copy(data, ValueLayout.JAVA_BYTE, offset + i, scratch, 0, n);
                    h.out.write(scratch, 0, n);
                }
            }
            case HEX -> FollowText.hex(h, "", s.bytes[side], data, offset, length);
            case ASCII -> {
                for (int i = 0; i < length; i++) {
                    h.out.write(FollowText.shown(data.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff));
                }
            }
            case YAML -> throw new IllegalStateException("yaml describes a whole conversation, not one direction");
        }
        s.bytes[side] += length;
    }

    /** Closes every file and writes the index of {@code streams}. */
    void finish(List<FollowStreams.Followed> streams) throws IOException {
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

    /** Closes every open file (the first failure is thrown after all were tried). */
    @Override
    public void close() throws IOException {
        IOException failed = null;
        for (Iterator<Handle> it = open.values().iterator(); it.hasNext(); ) {
            Handle h = it.next();
            it.remove();
            try {
                h.out.close();
            } catch (IOException e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
