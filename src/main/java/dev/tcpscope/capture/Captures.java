package dev.tcpscope.capture;

import dev.tcpscope.capture.ffi.NativeInflater;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens captures by content, never by file name. */
public final class Captures {
    private static final int GZIP_MAGIC = 0x8B1F; // bytes 1f 8b, RFC 1952 §2.3.1
    private static final int ZSTD_MAGIC = 0xFD2FB528; // bytes 28 b5 2f fd, RFC 8878 §3.1.1
    private static final int LZ4_MAGIC = 0x184D2204; // bytes 04 22 4d 18, the LZ4 frame format

    /** How a capture's bytes are wrapped, told by its first bytes as wiretap tells it. */
    private enum Wrapping {
        NONE, GZIP, ZSTD, LZ4;

        /** From up to four leading bytes read as a little-endian int ({@code n} of them valid). */
        static Wrapping of(int head, int n) {
            if (n >= 2 && (short) head == (short) GZIP_MAGIC) {
                return GZIP;
            }
            if (n == 4 && head == ZSTD_MAGIC) {
                return ZSTD;
            }
            if (n == 4 && head == LZ4_MAGIC) {
                return LZ4;
            }
            return NONE;
        }
    }
    private static final int STREAM_BUFFER = 256 * 1024;

    private Captures() {}

    /**
     * Opens a pcap or pcapng capture, also gzip-, zstd- or lz4-compressed; {@code "-"} reads standard input.
     * Regular files are read with positional reads into one native buffer; compressed files and
     * pipes are streamed through a reused buffer, so memory does not grow with the capture either way.
     *
     * @throws java.nio.file.NoSuchFileException when the file does not exist
     * @throws CaptureFormatException when the content is not a capture format we read
     */
    public static CaptureReader open(String path) throws IOException {
        if ("-".equals(path)) {
            return open(System.in, "-");
        }
        return open(existing(path), path);
    }

    /**
     * The file a command-line argument names. The JVM decodes arguments as UTF-8, so a name whose
     * bytes are not UTF-8 (a Latin-1 {@code café}) arrives with U+FFFD in place of those bytes and
     * names no file. The argument's own bytes are still in {@code /proc/self/cmdline}, and a
     * directory listing gives paths that keep theirs (their {@code file:} URI shows them
     * percent-encoded): the entry of the parent directory with the same bytes is the file meant.
     * Failing that, the argument is taken as it is (and reported missing).
     */
    public static Path existing(String arg) {
        Path p = Path.of(arg);
        if (arg.indexOf('\uFFFD') < 0 || Files.exists(p) || p.getFileName() == null) {
            return p;
        }
        byte[] raw = rawArgument(arg);
        if (raw == null) {
            return p;
        }
        int slash = raw.length - 1;
        while (slash >= 0 && raw[slash] != '/') {
            slash--;
        }
        byte[] rawName = java.util.Arrays.copyOfRange(raw, slash + 1, raw.length);
        Path dir = p.getParent() == null ? Path.of(".") : p.getParent();
        try (var entries = Files.newDirectoryStream(dir)) {
            for (Path e : entries) {
                String uri = e.toUri().getRawPath();
                if (uri.endsWith("/")) {
                    uri = uri.substring(0, uri.length() - 1); // a directory's URI ends in '/'
                }
                String last = uri.substring(uri.lastIndexOf('/') + 1);
                if (java.util.Arrays.equals(percentDecoded(last), rawName)) {
                    return e;
                }
            }
        } catch (IOException | RuntimeException e) {
            return p;
        }
        return p;
    }

    /** The bytes of the process argument that decodes to {@code arg}, or null when none or several differ. */
    private static byte[] rawArgument(String arg) {
        byte[] cmdline;
        try {
            cmdline = Files.readAllBytes(Path.of("/proc/self/cmdline"));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        byte[] found = null;
        int start = 0;
        for (int i = 0; i <= cmdline.length; i++) {
            if (i == cmdline.length || cmdline[i] == 0) {
                byte[] piece = java.util.Arrays.copyOfRange(cmdline, start, i);
                if (new String(piece, java.nio.charset.StandardCharsets.UTF_8).equals(arg)) {
                    if (found != null && !java.util.Arrays.equals(found, piece)) {
                        return null;
                    }
                    found = piece;
                }
                start = i + 1;
            }
        }
        return found;
    }

    private static byte[] percentDecoded(String s) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length()) {
                out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
                i += 2;
            } else {
                byte[] b = String.valueOf(c).getBytes(java.nio.charset.StandardCharsets.UTF_8);
                out.write(b, 0, b.length);
            }
        }
        return out.toByteArray();
    }

    /**
     * Opens a file; {@code name} is how messages refer to it. A regular uncompressed file is
     * read into an FFM buffer that frames point into (any size: offsets are {@code long}); a gzip
     * file, a FIFO or a device is streamed.
     */
    public static CaptureReader open(Path file, String name) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        boolean ok = false;
        try {
            CaptureReader reader;
            if (!Files.isRegularFile(file)) {
                reader = open(Channels.newInputStream(channel), name);
            } else {
                long size = channel.size();
                ByteBuffer head = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
                while (head.hasRemaining() && channel.read(head, head.position()) > 0) {
                    // a regular file returns what it has; loop only for short reads
                }
                boolean compressed = Wrapping.of(head.getInt(0), head.position()) != Wrapping.NONE;
                if (compressed) {
                    Wrapping wrapping = Wrapping.of(head.getInt(0), head.position());
                    InputStream plain = decompressor(wrapping, Channels.newInputStream(channel));
                    reader = decompressed(plain, name, () -> {
                        channel.position(0);
                        return decompressor(wrapping, Channels.newInputStream(channel));
                    });
                } else if (size == 0) {
                    reader = open(Channels.newInputStream(channel), name);
                } else {
                    FileInput in = new FileInput(channel, size);
                    try {
                        reader = detect(in, name);
                    } catch (IOException | RuntimeException e) {
                        in.close(); // frees the buffer
                        throw e;
                    }
                }
            }
            ok = true;
            return reader;
        } finally {
            if (!ok) {
                channel.close();
            }
        }
    }

    /**
     * Reads a capture from a stream (stdin, a pipe, a socket), decompressing it first if it is
     * gzip, zstd or LZ4 (frame format), the three wrappings tshark 4.0 reads. The stream is closed with the reader, or here if opening fails.
     *
     * @param name how messages refer to the input, e.g. {@code "-"}
     */
    public static CaptureReader open(InputStream stream, String name) throws IOException {
        StreamInput raw = new StreamInput(stream);
        boolean ok = false;
        try {
            int n = (int) raw.fill(4);
            int head = 0;
            for (int i = n - 1; i >= 0; i--) {
                head = head << 8 | raw.segment().get(ValueLayout.JAVA_BYTE, raw.base() + i) & 0xFF;
            }
            CaptureReader reader = switch (Wrapping.of(head, n)) {
                case NONE -> detect(raw, name);
                case GZIP, ZSTD, LZ4 -> decompressed(
                        decompressor(Wrapping.of(head, n), new PrefixedStream(raw, stream)), name, null);
            };
            ok = true;
            return reader;
        } finally {
            if (!ok) {
                stream.close();
            }
        }
    }

    /** The decompressing stream for {@code wrapping} over {@code compressed}. */
    private static InputStream decompressor(Wrapping wrapping, InputStream compressed) throws IOException {
        return switch (wrapping) {
            case GZIP -> new GZIPInputStream(compressed, STREAM_BUFFER);
            case ZSTD -> NativeInflater.zstd(compressed);
            case LZ4 -> NativeInflater.lz4(compressed);
            case NONE -> compressed;
        };
    }

    /** Decompresses a file again from its start (after damage was met), or is null for a pipe. */
    interface Reopen {
        InputStream again() throws IOException;
    }

    private static CaptureReader decompressed(InputStream plain, String name, Reopen reopen) throws IOException {
        try {
            return detect(new StreamInput(new DecompressionErrors(plain, name, reopen)), name);
        } catch (ZipException | NativeInflater.CorruptException e) { // the gzip header is read at once
            throw CaptureFormatException.undecompressable(name, e.getMessage());
        }
    }

    /** Chooses the reader from the first four bytes (pcap magic or the pcapng SHB type). */
    static CaptureReader detect(Input in, String name) throws IOException {
        long head = in.fill(4);
        if (head == 0) {
            return new EmptyReader(in); // tshark 4.0 opens an empty file and lists nothing
        }
        if (head < 4) {
            throw CaptureFormatException.notACapture(name);
        }
        int magic = in.segment().get(ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.LITTLE_ENDIAN), in.base());
        if (PcapReader.matches(magic)) {
            return new PcapReader(in, name, magic);
        }
        if (magic == PcapngReader.SHB) {
            return new PcapngReader(in, name);
        }
        throw CaptureFormatException.notACapture(name);
    }

    /** An empty input: no records, no interfaces. */
    private record EmptyReader(Input in) implements CaptureReader {
        @Override
        public boolean next(dev.tcpscope.frame.Frame frame) { return false; }

        @Override
        public java.util.List<CaptureInterface> interfaces() { return java.util.List.of(); }

        @Override
        public String format() { return "empty"; }

        @Override
        public void close() throws IOException { in.close(); }
    }

    /**
     * A decompressing stream whose errors read as wiretap's: compressed data that ends inside a
     * block is a capture cut short (not zlib's "Unexpected end of ZLIB input stream"), and data
     * the decoder rejects "cannot be decompressed", with the decoder's reason.
     */
    private static final class DecompressionErrors extends FilterInputStream {
        private final String name;
        private final Reopen reopen;
        /** Decompressed bytes returned so far. */
        private long delivered;
        /** The decoder's error, held back while the bytes before it are returned; then thrown. */
        private CaptureFormatException pending;

        DecompressionErrors(InputStream in, String name, Reopen reopen) {
            super(in);
            this.name = name;
            this.reopen = reopen;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (pending != null) {
                throw pending;
            }
            try {
                int n = in.read(b, off, len);
                if (n > 0) {
                    delivered += n;
                }
                return n;
            } catch (EOFException e) {
                throw CaptureFormatException.cutShort(name);
            } catch (ZipException | NativeInflater.CorruptException e) {
                CaptureFormatException error = CaptureFormatException.undecompressable(name, e.getMessage());
                int n = reopen == null ? 0 : salvage(b, off, len);
                if (n <= 0) {
                    throw error;
                }
                pending = error;
                delivered += n;
                return n;
            }
        }

        /**
         * The decoder threw away what the failed call had decompressed before the damage (zlib had
         * written it; java.util.zip does not return it), while tshark lists every frame it got:
         * decompress the file again to where this stream was, then one byte per call until the
         * decoder fails, and return those bytes (at most {@code len}).
         */
        private int salvage(byte[] b, int off, int len) {
            try (InputStream again = reopen.again()) {
                byte[] skip = new byte[64 * 1024];
                long left = delivered;
                while (left > 0) {
                    int n = again.read(skip, 0, (int) Math.min(skip.length, left));
                    if (n <= 0) {
                        return 0;
                    }
                    left -= n;
                }
                int got = 0;
                while (got < len) {
                    int n;
                    try {
                        n = again.read(b, off + got, 1);
                    } catch (IOException | RuntimeException e) {
                        break;
                    }
                    if (n <= 0) {
                        break;
                    }
                    got += n;
                }
                return got;
            } catch (IOException | RuntimeException e) {
                return 0;
            }
        }
    }

    /**
     * The bytes a {@link StreamInput} already buffered while sniffing the gzip magic, followed by
     * the rest of the stream, so detection consumes nothing.
     */
    private static final class PrefixedStream extends InputStream {
        private final StreamInput prefix;
        private final InputStream rest;

        PrefixedStream(StreamInput prefix, InputStream rest) {
            this.prefix = prefix;
            this.rest = new BufferedInputStream(rest, STREAM_BUFFER);
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xFF;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            long buffered = prefix.fillBuffered();
            if (buffered > 0) {
                int n = (int) Math.min(len, buffered);
                MemorySegment.copy(prefix.segment(), ValueLayout.JAVA_BYTE, prefix.base(), b, off, n);
                prefix.skip(n);
                return n;
            }
            return rest.read(b, off, len);
        }

        @Override
        public void close() throws IOException {
            rest.close();
        }
    }
}
