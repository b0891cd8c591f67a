package dev.tcpscope.stats;

import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Ethernet;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Tcp;
import dev.tcpscope.wire.Udp;

import java.io.IOException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * {@code -z conv,TYPE[,FILTER]} and {@code -z endpoints,TYPE[,FILTER]} for Ethernet, IPv4, IPv6,
 * TCP and UDP: the frames and bytes (frame lengths) of each conversation or endpoint, as
 * ui/cli/tap-iousers.c and tap-endpoints.c print Wireshark's conversation table
 * (epan/conversation_table.c). A conversation's "A" side is the source of its first frame; frames
 * from A are "->", frames to A "<-"; TCP conversations are also told apart by {@code tcp.stream}.
 * Each layer of the type counts (IP in IP twice), but not an ICMP error's quoted header. Rows are printed by total frames, most first, ties in order of first sight.
 */
final class ConversationTap implements Tap {
    /** The layers a table can count, with the names tshark prints. */
    enum Type {
        ETH("Ethernet", "eth"), IP("IPv4", "ip"), IPV6("IPv6", "ipv6"), TCP("TCP", "tcp"), UDP("UDP", "udp");

        final String title;
        final String filterName;

        Type(String title, String filterName) {
            this.title = title;
            this.filterName = filterName;
        }

        boolean ports() { return this == TCP || this == UDP; }
    }

    private final Type type;
    private final boolean endpoints;
    private final String filterText;
    private final DisplayFilter filter;
    private final TimeFormat.Kind time;
    private final ZoneId zone;
    private final Supplier<MacNames> macs;
    private final Map<Key, Item> index = new HashMap<>();
    private final List<Item> items = new ArrayList<>();

    ConversationTap(Type type, boolean endpoints, String filterText, DisplayFilter filter, TimeFormat.Kind time,
                    ZoneId zone, Supplier<MacNames> macs) {
        this.type = type;
        this.endpoints = endpoints;
        this.filterText = filterText;
        this.filter = filter;
        this.time = time;
        this.zone = zone;
        this.macs = macs;
    }

    /** An ordered address/port pair and the conversation id (tcp.stream or udp.stream, else -1); b is null for endpoints. */
    private record Key(byte[] a, int portA, byte[] b, int portB, long id) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && portA == k.portA && portB == k.portB && id == k.id
                    && Arrays.equals(a, k.a) && Arrays.equals(b, k.b);
        }

        @Override
        public int hashCode() {
            return ((Arrays.hashCode(a) * 31 + portA) * 31 + Arrays.hashCode(b)) * 31 + portB + Long.hashCode(id);
        }
    }

    /** One row: tx counts frames from {@code key.a}, rx frames to it. */
    private static final class Item {
        final Key key;
        long txFrames, txBytes, rxFrames, rxBytes;
        /** First and last relative times and the first's absolute time, as whole seconds and nanoseconds (exact at any distance). */
        long start, stop, startAbs;
        int startNanos, stopNanos, startAbsNanos;

        Item(Key key) {
            this.key = key;
        }

        long frames() { return txFrames + rxFrames; }
    }

    @Override
    public List<String> filters() { return filterText == null ? List.of() : List.of(filterText); }

    @Override
    public void packet(Decoder d) {
        if (filter != null && !filter.test(d)) {
            return;
        }
        Dissection x = d.dissection();
        int length = d.frame().originalLength();
        for (int i = 0; i < x.count(); i++) {
            layer(d, x, i, true, length); // not an ICMP error's quote: epan/tap.c queues nothing in_error_pkt
        }
    }

    private void layer(Decoder d, Dissection x, int i, boolean outer, int length) {
        Proto p = x.proto(i);
        switch (type) {
            case ETH -> {
                if (p == Proto.ETH && x.captured(i) >= Ethernet.HEADER_LENGTH) {
                    long off = x.offset(i);
                    add(d, Net.copy(x.segment(i), off + 6, 6), 0, Net.copy(x.segment(i), off, 6), 0, -1, length);
                }
            }
            case IP, IPV6 -> {
                if (p == (type == Type.IP ? Proto.IPV4 : Proto.IPV6) && ipComplete(x, i)) {
                    add(d, Net.headerSource(x, i), 0, Net.headerDestination(x, i), 0, -1, length);
                }
            }
            case TCP -> {
                if (p == Proto.TCP && outer && i == d.tcpLayer()) {
                    TcpRecord r = d.tcp();
                    if (r == null || !r.optionsComplete || r.bogusHeaderLength) {
                        return; // the TCP dissector stopped before queueing its tap
                    }
                    int ip = d.tcpIpLayer();
                    add(d, Net.source(x, ip), Net.u16(x.segment(i), x.offset(i) + Tcp.SRC_PORT),
                            Net.destination(x, ip), Net.u16(x.segment(i), x.offset(i) + Tcp.DST_PORT), r.stream, length);
                }
            }
            case UDP -> {
                if (p == Proto.UDP && x.captured(i) >= Udp.HEADER_LENGTH) {
                    int ip = UdpStreams.ipBefore(x, i);
                    if (ip >= 0) {
                        // packet-udp.c's tap gives the conversation its udp.stream as id: a pair whose
                        // later datagrams a dissector moved to a second conversation (SNMP) is two rows
                        long[] conv = d.udpConversation(x, i);
                        add(d, Net.source(x, ip), Net.u16(x.segment(i), x.offset(i) + Udp.SRC_PORT),
                                Net.destination(x, ip), Net.u16(x.segment(i), x.offset(i) + Udp.DST_PORT), conv == null ? -1 : conv[0], length);
                    }
                }
            }
        }
    }

    /** An IP layer whose dissector reached its tap (the header was whole and plausible). */
    static boolean ipComplete(Dissection x, int i) {
        if (i == x.count() - 1 && x.end == dev.tcpscope.wire.End.BOGUS) {
            return false;
        }
        int min = x.proto(i) == Proto.IPV4 ? 20 : 40;
        return x.captured(i) >= min;
    }

    private void add(Decoder d, byte[] src, int sport, byte[] dst, int dport, long id, int length) {
        if (endpoints) {
            endpoint(src, sport, true, length);
            endpoint(dst, dport, false, length);
            return;
        }
        Key fwd = new Key(src, sport, dst, dport, id);
        Item item = index.get(fwd);
        boolean forward = true;
        if (item == null) {
            item = index.get(new Key(dst, dport, src, sport, id));
            forward = false;
        }
        long rel = d.relativeWholeSeconds();
        int relNanos = d.relativeNanosOfSecond();
        if (item == null) {
            item = new Item(fwd);
            item.start = item.stop = rel;
            item.startNanos = item.stopNanos = relNanos;
            item.startAbs = d.frame().seconds();
            item.startAbsNanos = d.frame().nanos();
            index.put(fwd, item);
            items.add(item);
            forward = true;
        }
        if (forward) {
            item.txFrames++;
            item.txBytes += length;
        } else {
            item.rxFrames++;
            item.rxBytes += length;
        }
        if (rel > item.stop || rel == item.stop && relNanos > item.stopNanos) {
            item.stop = rel;
            item.stopNanos = relNanos;
        } else if (rel < item.start || rel == item.start && relNanos < item.startNanos) {
            item.start = rel;
            item.startNanos = relNanos;
            item.startAbs = d.frame().seconds();
            item.startAbsNanos = d.frame().nanos();
        }
    }

    private void endpoint(byte[] addr, int port, boolean sender, int length) {
        Key k = new Key(addr, port, null, 0, -1);
        Item item = index.get(k);
        if (item == null) {
            item = new Item(k);
            index.put(k, item);
            items.add(item);
        }
        if (sender) {
            item.txFrames++;
            item.txBytes += length;
        } else {
            item.rxFrames++;
            item.rxBytes += length;
        }
    }

    private String address(byte[] a) {
        if (type == Type.ETH) {
            long mac = 0;
            for (byte b : a) {
                mac = (mac << 8) | (b & 0xff);
            }
            return macs.get().name(mac);
        }
        return Net.text(a);
    }

    private static final String RULE = "================================================================================\n";

    @Override
    public void draw(Appendable out) throws IOException {
        List<Item> rows = new ArrayList<>(items);
        rows.sort(Comparator.comparingLong(Item::frames).reversed()); // stable: ties keep first-seen order
        out.append(RULE).append(type.title).append(endpoints ? " Endpoints\n" : " Conversations\n")
                .append("Filter:").append(filterText == null ? "<No Filter>" : filterText).append('\n');
        if (endpoints) {
            out.append("                       |  ").append(type.ports() ? "Port  ||  " : "")
                    .append("Packets  | |  Bytes  | | Tx Packets | | Tx Bytes | | Rx Packets | | Rx Bytes |\n");
            for (Item it : rows) {
                if (it.frames() == 0) {
                    continue;
                }
                String a = address(it.key.a);
                out.append(type.ports()
                        ? String.format("%-20s      %5s     %6d     %9d     %6d       %9d      %6d       %9d   \n", a,
                                Integer.toString(it.key.portA), it.frames(), it.txBytes + it.rxBytes, it.txFrames,
                                it.txBytes, it.rxFrames, it.rxBytes)
                        : String.format("%-20s      %6d     %9d     %6d       %9d      %6d       %9d   \n", a,
                                it.frames(), it.txBytes + it.rxBytes, it.txFrames, it.txBytes, it.rxFrames, it.rxBytes));
            }
            out.append(RULE);
            return;
        }
        String pad = type.ports() ? "            " : "";
        String[] head = switch (time) {
            case ABSOLUTE, UTC -> new String[] {"| Absolute Time  |", "| Frames  Size  | | Frames  Size  | | Frames  Size  |      Start     |"};
            case ABSOLUTE_DATE, UTC_DATE -> new String[] {"| Absolute Date  |", "| Frames  Size  | | Frames  Size  | | Frames  Size  |     Start      |"};
            case EPOCH -> new String[] {"|       Relative       |", "| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |         Start        |"};
            default -> new String[] {"|    Relative    |", "| Frames  Bytes | | Frames  Bytes | | Frames  Bytes |      Start     |"};
        };
        out.append(pad).append("                                               |       <-      | |       ->      | |     Total     ")
                .append(head[0]).append("   Duration   |\n");
        out.append(pad).append("                                               ").append(head[1]).append("              |\n");
        StringBuilder line = new StringBuilder(160);
        for (Item it : rows) {
            line.setLength(0);
            String a = address(it.key.a);
            String b = address(it.key.b);
            if (type.ports()) {
                a += ":" + it.key.portA;
                b += ":" + it.key.portB;
            }
            String w = type.ports() ? "26" : "20";
            line.append(String.format("%-" + w + "s <-> %-" + w + "s  %6d %-9s  %6d %-9s  %6d %-9s  ", a, b,
                    it.rxFrames, size(it.rxBytes), it.txFrames, size(it.txBytes), it.frames(), size(it.txBytes + it.rxBytes)));
            line.append(start(it)).append("   ");
            double duration = seconds(it.stop, it.stopNanos) - seconds(it.start, it.startNanos);
            line.append(pad(Cfmt.fixed(duration, 4), 12)).append('\n');
            out.append(line);
        }
        out.append(RULE);
    }

    private String start(Item it) {
        return switch (time) {
            case ABSOLUTE, UTC, ABSOLUTE_DATE, UTC_DATE -> {
                ZoneId z = time == TimeFormat.Kind.UTC || time == TimeFormat.Kind.UTC_DATE ? java.time.ZoneOffset.UTC : zone;
                java.time.ZonedDateTime t;
                try {
                    t = java.time.Instant.ofEpochSecond(it.startAbs).atZone(z);
                } catch (java.time.DateTimeException e) {
                    yield ""; // beyond the calendar, as the packet list's clock columns leave it blank
                }
                yield time == TimeFormat.Kind.ABSOLUTE || time == TimeFormat.Kind.UTC
                        ? String.format("%02d:%02d:%02d", t.getHour(), t.getMinute(), t.getSecond())
                        : String.format("%04d-%02d-%02d %02d:%02d:%02d", t.getYear(), t.getMonthValue(), t.getDayOfMonth(),
                                t.getHour(), t.getMinute(), t.getSecond());
            }
            case EPOCH -> pad(Cfmt.fixed(seconds(it.startAbs, it.startAbsNanos), 9), 20);
            default -> pad(Cfmt.fixed(seconds(it.start, it.startNanos), 9), 14);
        };
    }

    /** nstime_to_sec: a time as a double number of seconds. */
    private static double seconds(long seconds, int nanos) {
        return (double) seconds + (double) nanos / 1e9;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : " ".repeat(width - s.length()) + s;
    }

    /** wsutil/str_util.c format_size with FORMAT_SIZE_UNIT_BYTES, SI prefixes, no digit grouping (C locale). */
    static String size(long n) {
        long p = 1000;
        if (n / p / p / p / p >= 10) {
            return n / p / p / p / p + " TB";
        } else if (n / p / p / p >= 10) {
            return n / p / p / p + " GB";
        } else if (n / p / p >= 10) {
            return n / p / p + " MB";
        } else if (n / p >= 10) {
            return n / p + " kB";
        }
        return n + " bytes";
    }
}
