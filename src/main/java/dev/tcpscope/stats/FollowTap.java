package dev.tcpscope.stats;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.Udp;

import java.io.IOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code -z follow,tcp|udp,ascii|hex|raw|yaml,STREAM|ADDR:PORT,ADDR:PORT[,FROM[-TO]]}: one stream's
 * data printed after the capture as tshark prints it (ui/cli/tap-follow.c). TCP data is rebuilt
 * as Wireshark's follow tap rebuilds it ({@link TcpFollow}); UDP data is each datagram's payload.
 * The chunks wait in a {@link ChunkSpool} (memory, then a temporary file) until the report.
 */
final class FollowTap implements Tap {
    private final boolean tcp;
    private final FollowText.Mode mode;
    private final int streamIndex;
    private final DisplayFilter addressFilter;
    private final String filterText;
    private final long chunkMin;
    private final long chunkMax;
    private final ChunkSpool spool = new ChunkSpool();
    private final TcpFollow tcpFollow = new TcpFollow(spool);
    private final UdpFollow udp = new UdpFollow(spool);
    private final int[] seen = new int[8];

    private FollowTap(boolean tcp, FollowText.Mode mode, int streamIndex, DisplayFilter addressFilter, String filterText,
                      long chunkMin, long chunkMax) {
        this.tcp = tcp;
        this.mode = mode;
        this.streamIndex = streamIndex;
        this.addressFilter = addressFilter;
        this.filterText = filterText;
        this.chunkMin = chunkMin;
        this.chunkMax = chunkMax;
    }

    private static TapArgumentException fail(String why) {
        return new TapArgumentException("tshark: follow - " + why, 1);
    }

    private static final Pattern INDEX = Pattern.compile(",\\s*([+-]?\\d+)");
    private static final Pattern V6 = Pattern.compile(",\\[([^\\]]{1,80})\\]:\\s*([+-]?\\d+)");
    private static final Pattern V4 = Pattern.compile(",([^:]{1,80}):\\s*([+-]?\\d+)");
    private static final Pattern RANGE = Pattern.compile(",\\s*\\+?(\\d+)-\\s*\\+?(\\d+)");
    private static final Pattern ONE = Pattern.compile(",\\s*\\+?(\\d+)");

    /** Parses {@code arg} (the whole -z text, "follow,tcp,..."), failing as tap-follow.c fails. */
    static FollowTap parse(String arg, boolean tcp, FieldTable table) {
        String proto = tcp ? "tcp" : "udp";
        String rest = arg.substring(("follow," + proto).length());
        FollowText.Mode mode = null;
        for (FollowText.Mode m : FollowText.Mode.values()) {
            String s = "," + m.name().toLowerCase(java.util.Locale.ROOT);
            if (rest.startsWith(s)) {
                mode = m;
                rest = rest.substring(s.length());
                break;
            }
        }
        if (mode == null) {
            throw fail(rest.startsWith(",ebcdic") ? "EBCDIC display mode is not supported by tcpscope." : "Invalid display mode.");
        }
        int index = -1;
        String filterText;
        DisplayFilter filter = null;
        Matcher m = INDEX.matcher(rest);
        if (m.lookingAt() && (m.end() == rest.length() || rest.charAt(m.end()) == ',')) {
            index = (int) Long.parseLong(m.group(1));
            rest = rest.substring(m.end());
            filterText = streamFilter(proto, index);
        } else {
            byte[][] addr = new byte[2][];
            int[] port = new int[2];
            boolean[] v6 = new boolean[2];
            for (int i = 0; i < 2; i++) {
                Matcher a = V6.matcher(rest);
                if (a.lookingAt()) {
                    v6[i] = true;
                } else {
                    a = V4.matcher(rest);
                    if (!a.lookingAt()) {
                        throw fail("Invalid address.");
                    }
                }
                long p = parsePort(a.group(2));
                if (p <= 0 || p > 65535) {
                    throw fail("Invalid port.");
                }
                port[i] = (int) p;
                addr[i] = v6[i] ? Net.parseIpv6(a.group(1)) : Net.parseIpv4(a.group(1));
                if (addr[i] == null) {
                    throw fail(v6[i] ? "Can't get IPv6 address" : "Can't get IPv4 address");
                }
                rest = rest.substring(a.end());
            }
            if (v6[0] != v6[1]) {
                throw fail("Mismatched IP address types.");
            }
            String ip = v6[0] ? "ipv6" : "ip";
            String a0 = Net.text(addr[0]);
            String a1 = Net.text(addr[1]);
            filterText = "((" + ip + ".src eq " + a0 + " and " + proto + ".srcport eq " + port[0] + ") and "
                    + "(" + ip + ".dst eq " + a1 + " and " + proto + ".dstport eq " + port[1] + "))"
                    + " or "
                    + "((" + ip + ".src eq " + a1 + " and " + proto + ".srcport eq " + port[1] + ") and "
                    + "(" + ip + ".dst eq " + a0 + " and " + proto + ".dstport eq " + port[0] + "))";
            filter = DisplayFilter.compile(filterText, table);
        }
        long min = 1;
        long max = 0xffffffffL;
        if (!rest.isEmpty()) {
            Matcher r = RANGE.matcher(rest);
            Matcher o = ONE.matcher(rest);
            if (r.lookingAt()) {
                min = unsigned(r.group(1));
                max = unsigned(r.group(2));
                rest = rest.substring(r.end());
            } else if (o.lookingAt()) {
                min = unsigned(o.group(1));
                max = min;
                rest = rest.substring(o.end());
            } else {
                throw fail("Invalid range.");
            }
            if (min < 1 || min > max) {
                throw fail("Invalid range value.");
            }
        }
        if (!rest.isEmpty()) {
            throw fail("Invalid parameter.");
        }
        return new FollowTap(tcp, mode, index, filter, filterText, min, max);
    }

    /** The filter tshark follows stream {@code index} of {@code proto} ("tcp"/"udp") with, as its report names it. */
    static String streamFilter(String proto, int index) {
        return proto + ".stream eq " + Integer.toUnsignedString(index);
    }

    private static long parsePort(String s) {
        try {
            return Long.parseLong(s);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long unsigned(String s) {
        try {
            return Long.parseLong(s) & 0xffffffffL;
        } catch (NumberFormatException e) {
            return 0xffffffffL;
        }
    }

    @Override
    public java.util.List<String> filters() { return java.util.List.of(filterText); }

    @Override
    public void packet(Decoder d) {
        if (tcp) {
            tcpPacket(d);
        } else {
            udpPacket(d);
        }
    }

    private void tcpPacket(Decoder d) {
        TcpRecord r = TcpFollow.followed(d);
        if (r == null) {
            return; // the TCP dissector queues its follow tap only once the segment length is known
        }
        if (addressFilter != null ? !addressFilter.test(d) : r.stream != streamIndex) {
            return;
        }
        tcpFollow.segment(d, r);
    }

    private void udpPacket(Decoder d) {
        Dissection x = d.dissection();
        int n = Math.min(d.udpStreams(seen), seen.length);
        boolean match = false;
        if (addressFilter != null) {
            match = addressFilter.test(d);
        } else {
            for (int i = 0; i < n; i++) {
                match |= seen[i] == streamIndex;
            }
        }
        int first = UdpStreams.first(x);
        if (match && first >= 0) {
            udp.datagram(d, first);
        }
    }

    @Override
    public void draw(Appendable out) throws IOException {
        if (tcp) {
            FollowText.block(out, mode, "tcp", filterText, tcpFollow.clientAddress(), tcpFollow.clientPort(),
                    tcpFollow.serverAddress(), tcpFollow.serverPort(), spool, chunkMin, chunkMax);
        } else {
            FollowText.block(out, mode, "udp", filterText, udp.clientAddress(), udp.clientPort(),
                    udp.serverAddress(), udp.serverPort(), spool, chunkMin, chunkMax);
        }
    }
}
