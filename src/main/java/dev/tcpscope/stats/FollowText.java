package dev.tcpscope.stats;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Base64;

/**
 * Writes a followed stream the way tshark's {@code -z follow} prints it (ui/cli/tap-follow.c
 * {@code follow_draw}): a header naming the protocol, mode, filter and the two nodes, then each
 * chunk — ascii (its length, then the bytes with non-printing ones as '.'), hex (a 16-byte dump
 * whose offsets count per direction), raw (hex digits) or yaml (base64 in 57-byte lines) — with the
 * second node's chunks indented by a tab; chunks outside {@code -z ...,FROM-TO} are skipped.
 */
public final class FollowText implements ChunkSink {
    /** The four output modes of {@code -z follow}. */
    public enum Mode { ASCII, HEX, RAW, YAML }

    static final String SEPARATOR = "===================================================================\n";
    private static final char[] HEX = "0123456789abcdef".toCharArray();
    private static final int YAML_LINE = 57; // base64 of 57 bytes is 76 characters, as in RFCs

    private final Mode mode;
    private final Appendable out;
    private final long chunkMin;
    private final long chunkMax;
    private long chunk;
    private final long[] position = new long[2];
    private final StringBuilder line = new StringBuilder(128);

    FollowText(Mode mode, Appendable out, long chunkMin, long chunkMax) {
        this.mode = mode;
        this.out = out;
        this.chunkMin = chunkMin;
        this.chunkMax = chunkMax;
    }

    /**
     * The header: for yaml the two peers, else a blank line, the separator, the protocol and mode,
     * the filter and the nodes ({@code host} empty and port 0 when the stream never appeared).
     */
    private static void header(Appendable out, Mode mode, String proto, String filter, String client, int clientPort,
                       boolean clientV6, String server, int serverPort, boolean serverV6) throws IOException {
        if (mode == Mode.YAML) {
            out.append("peers:\n  - peer: 0\n    host: ").append(client).append("\n    port: ")
                    .append(Integer.toString(clientPort)).append("\n  - peer: 1\n    host: ").append(server)
                    .append("\n    port: ").append(Integer.toString(serverPort)).append("\npackets:\n");
            return;
        }
        out.append('\n').append(SEPARATOR).append("Follow: ").append(proto).append(',')
                .append(mode.name().toLowerCase(java.util.Locale.ROOT)).append('\n')
                .append("Filter: ").append(filter).append('\n');
        node(out, 0, client, clientPort, clientV6);
        node(out, 1, server, serverPort, serverV6);
    }

    /**
     * One followed stream's whole report: the header with its nodes ({@code client} null when the
     * stream never appeared), every chunk of {@code spool} (emptied), the footer.
     */
    static void block(Appendable out, Mode mode, String proto, String filter, byte[] client, int clientPort,
                      byte[] server, int serverPort, ChunkSpool spool, long chunkMin, long chunkMax) throws IOException {
        header(out, mode, proto, filter, client == null ? "" : Net.text(client), clientPort,
                client != null && client.length == 16, server == null ? "" : Net.text(server), serverPort,
                server != null && server.length == 16);
        spool.replay(new FollowText(mode, out, chunkMin, chunkMax));
        footer(out, mode);
    }

    private static void node(Appendable out, int n, String host, int port, boolean v6) throws IOException {
        out.append("Node ").append(Integer.toString(n)).append(": ");
        if (v6) {
            out.append('[').append(host).append(']');
        } else {
            out.append(host);
        }
        out.append(':').append(Integer.toString(port)).append('\n');
    }

    /** The closing separator (nothing for yaml). */
    static void footer(Appendable out, Mode mode) throws IOException {
        if (mode != Mode.YAML) {
            out.append(SEPARATOR);
        }
    }

    @Override
    public void chunk(boolean server, long frame, long seconds, int nanos, MemorySegment bytes, long offset, int length) {
        int side = server ? 1 : 0;
        chunk++;
        if (chunk < chunkMin || chunk > chunkMax) {
            position[side] += length;
            return;
        }
        try {
            switch (mode) {
                case HEX -> {
                    hex(out, server ? "\t" : "", position[side], bytes, offset, length);
                    position[side] += length;
                }
                case ASCII -> {
                    line.setLength(0);
                    if (server) {
                        line.append('\t');
                    }
                    line.append(length).append('\n');
                    for (int i = 0; i < length; i++) {
                        int b = bytes.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff;
                        line.append(shown(b));
                        flushLong();
                    }
                    line.append('\n');
                    out.append(line);
                }
                case RAW -> {
                    line.setLength(0);
                    if (server) {
                        line.append('\t');
                    }
                    for (int i = 0; i < length; i++) {
                        int b = bytes.get(ValueLayout.JAVA_BYTE, offset + i) & 0xff;
                        line.append(HEX[b >> 4]).append(HEX[b & 0xf]);
                        flushLong();
                    }
                    line.append('\n');
                    out.append(line);
                }
                case YAML -> {
                    line.setLength(0);
                    line.append("  - packet: ").append(frame).append("\n    peer: ").append(server ? 1 : 0)
                            .append("\n    timestamp: ").append(seconds(seconds, nanos))
                            .append("\n    data: !!binary |\n");
                    Base64.Encoder b64 = Base64.getEncoder();
                    for (int i = 0; i < length; i += YAML_LINE) {
                        int n = Math.min(YAML_LINE, length - i);
                        byte[] part = bytes.asSlice(offset + i, n).toArray(ValueLayout.JAVA_BYTE);
                        line.append("      ").append(b64.encodeToString(part)).append('\n');
                        flushLong();
                    }
                    out.append(line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Keeps the line buffer small for huge chunks: what is complete so far goes out. */
    private void flushLong() throws IOException {
        if (line.length() >= 1 << 16) {
            out.append(line);
            line.setLength(0);
        }
    }

    /** C's {@code printf("%.9f", secs + nsecs / 1e9)}: the double's exact value, rounded. */
    static String seconds(long seconds, int nanos) {
        double v = (double) seconds + (double) nanos / 1e9;
        return new BigDecimal(v).setScale(9, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** How ascii mode shows byte {@code b}: itself when printable, CR or LF, else '.'. */
    static char shown(int b) {
        return b == '\r' || b == '\n' || (b >= 0x20 && b < 0x7f) ? (char) b : '.';
    }

    /**
     * tap-follow.c's follow_print_hex: 16 bytes a line, an extra space after the 8th, ASCII after;
     * the offsets start at {@code start} (the bytes this direction sent before).
     */
    static void hex(Appendable out, String prefix, long start, MemorySegment bytes, long offset, int length) throws IOException {
        char[] l = new char[77];
        int jj = 0;
        int kk = 0;
        long at = start;
        for (int ii = 0; ii < length; ) {
            if (ii % 16 == 0) {
                String o = String.format("%08X", at & 0xffffffffL);
                o.getChars(0, 8, l, 0);
                java.util.Arrays.fill(l, 8, 60, ' ');
                jj = 10;
                kk = 60;
            }
            int v = bytes.get(ValueLayout.JAVA_BYTE, offset + ii) & 0xff;
            l[jj++] = HEX[v >> 4];
            l[jj++] = HEX[v & 0xf];
            jj++;
            l[kk++] = v >= ' ' && v < 0x7f ? (char) v : '.';
            if (++ii % 16 == 8) {
                l[jj++] = ' ';
                l[kk++] = ' ';
            }
            if (ii % 16 == 0 || ii == length) {
                if (l[kk - 1] == ' ') {
                    kk--;
                }
                out.append(prefix).append(new String(l, 0, kk)).append('\n');
                at += 16;
            }
        }
    }
}
