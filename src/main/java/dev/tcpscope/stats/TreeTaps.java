package dev.tcpscope.stats;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;
import dev.tcpscope.wire.Udp;

import java.util.List;

/**
 * The statistics trees of Wireshark's stats_tree plugin (plugins/epan/stats_tree/pinfo_stats_tree.c)
 * that describe transport traffic: {@code -z plen,tree} (frame lengths in fixed bins),
 * {@code -z ptype,tree} (the port type of IPv4 packets) and {@code -z ip_hosts,tree} (every IPv4
 * address seen, each packet counting its source and its destination), each with an optional
 * display filter after {@code tree,}.
 *
 * <p>The two IPv4 trees listen on the IPv4 tap, which packet-ip.c queues once per IPv4 header it
 * dissects (not those quoted in ICMP errors); when they run, after the frame is dissected,
 * they read the frame's final network addresses and port type, those of its innermost IP header
 * and transport.
 */
final class TreeTaps {
    private TreeTaps() { }

    /** The default bins of the plen tree's "Packet Lengths" preference. */
    private static final List<String> PLEN_BINS = List.of("0-19", "20-39", "40-79", "80-159", "160-319",
            "320-639", "640-1279", "1280-2559", "2560-5119", "5120 and greater");

    /** The tap for {@code command} ("plen,tree", "ptype,tree" or "ip_hosts,tree") and its argument. */
    static Tap parse(String command, String arg, FieldTable table) {
        String f = arg.length() > command.length() && arg.charAt(command.length()) == ',' ? arg.substring(command.length() + 1) : null;
        // init_stats_tree registers the tap with the filter; for a bad one it reports the failure
        // and tshark goes on without the tree (exit status 0: a warning, see Taps)
        String name = switch (command) {
            case "plen,tree" -> "Packet Lengths";
            case "ptype,tree" -> "IPv4 Statistics/IP Protocol Types";
            default -> "IPv4 Statistics/All Addresses";
        };
        DisplayFilter filter = Taps.filter(f, table, "tcpscope: stats_tree for: " + name + " failed to attach to the tap: ", "", 0);
        return switch (command) {
            case "plen,tree" -> new Plen(f, filter);
            case "ptype,tree" -> new Ptype(f, filter);
            default -> new IpHosts(f, filter);
        };
    }

    /** A tree over one tap call per frame (or per IPv4 header, as the subclass counts). */
    private abstract static class TreeTap extends StatsTreeTap {
        TreeTap(String title, String filterText, DisplayFilter filter) {
            super(title, filterText, filter);
        }

        @Override
        public final void packet(Decoder d) {
            if (passes(d)) {
                tapped(d);
            }
        }

        abstract void tapped(Decoder d);
    }

    private static final class Plen extends TreeTap {
        private final StatsTree.Node lengths;

        Plen(String filterText, DisplayFilter filter) {
            super("Packet Lengths", filterText, filter);
            lengths = tree.ranges("Packet Lengths", PLEN_BINS);
        }

        @Override
        void tapped(Decoder d) {
            tree.clock(d.relativeMillis());
            tree.tick("Packet Lengths", null);
            tree.tickRange(lengths, d.frame().originalLength());
        }
    }

    private static final class Ptype extends TreeTap {
        private final StatsTree.Node types;

        Ptype(String filterText, DisplayFilter filter) {
            super("IPv4 Statistics/IP Protocol Types", filterText, filter);
            types = tree.node("IPv4 Statistics/IP Protocol Types", null, true);
        }

        @Override
        void tapped(Decoder d) {
            Dissection x = d.dissection();
            int taps = ipv4Taps(x);
            if (taps == 0) {
                return;
            }
            String type = portType(x);
            for (int i = 0; i < taps; i++) {
                tree.clock(d.relativeMillis());
                tree.tickPivot(types, type);
            }
        }
    }

    private static final class IpHosts extends TreeTap {
        private static final String NAME = "IPv4 Statistics/All Addresses";
        private final StatsTree.Node all;

        IpHosts(String filterText, DisplayFilter filter) {
            super(NAME, filterText, filter);
            all = tree.node(NAME, null, true);
        }

        @Override
        void tapped(Decoder d) {
            Dissection x = d.dissection();
            int taps = ipv4Taps(x);
            if (taps == 0) {
                return;
            }
            int ip = Net.innermostIp(x);
            String src = Net.text(Net.headerSource(x, ip));
            String dst = Net.text(Net.headerDestination(x, ip));
            for (int i = 0; i < taps; i++) {
                tree.clock(d.relativeMillis());
                tree.tick(NAME, null);
                tree.tick(src, all);
                tree.tick(dst, all);
            }
        }
    }

    /** How many IPv4 headers of the frame reached packet-ip.c's tap. */
    private static int ipv4Taps(Dissection x) {
        int n = 0;
        for (int i = 0; i < x.count(); i++) {
            if (x.proto(i) == Proto.IPV4 && ConversationTap.ipComplete(x, i)) {
                n++;
            }
        }
        return n;
    }

    /**
     * pinfo->ptype at the end of the frame, as port_type_to_str names it: set by the last TCP or
     * UDP header dissected, a quoted one in an ICMP error included. packet-tcp.c sets it once the
     * ports are read; packet-udp.c only after the length check, so a UDP length below 8 leaves it.
     */
    private static String portType(Dissection x) {
        String type = transport(x, "NONE");
        return x.quote() == null ? type : transport(x.quote(), type);
    }

    private static String transport(Dissection x, String type) {
        for (int i = 0; i < x.count(); i++) {
            if (x.proto(i) == Proto.TCP && x.captured(i) >= 4) {
                type = "TCP";
            } else if (x.proto(i) == Proto.UDP && x.captured(i) >= Udp.HEADER_LENGTH) {
                int length = Net.u16(x.segment(i), x.offset(i) + Udp.LENGTH);
                boolean v6 = i > 0 && x.proto(i - 1) == Proto.IPV6;
                if (length >= Udp.HEADER_LENGTH || (length == 0 && v6)) {
                    type = "UDP";
                }
            }
        }
        return type;
    }
}
