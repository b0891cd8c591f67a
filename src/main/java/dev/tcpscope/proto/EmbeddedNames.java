package dev.tcpscope.proto;

import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Dissector;
import dev.tcpscope.wire.Udp;

import java.lang.foreign.MemorySegment;
import java.util.function.Consumer;

/**
 * {@link EmbeddedFrames#NAMES}: the protocols an embedded Ethernet frame shows in frame.protocols,
 * from its layers as wire.Dissector finds them (the names the present stage's builders give
 * them), for the trees built only for their fields. One dissector per thread.
 */
final class EmbeddedNames implements EmbeddedFrames {
    private static final ThreadLocal<Dissector> DISSECTOR = ThreadLocal.withInitial(Dissector::new);
    private static final ThreadLocal<Dissection> LAYERS = ThreadLocal.withInitial(Dissection::new);

    /**
     * Leaves the Source and Destination columns as an embedded Ethernet frame leaves pinfo's
     * addresses when its dissector does not restore them: its IP addresses, else its MAC ones.
     */
    static void addresses(MemorySegment s, long off, int cap, int rep, dev.tcpscope.tcp.AppColumns col) {
        Dissection d = LAYERS.get();
        DISSECTOR.get().embedded(d, s, off, cap, rep);
        int n = d.count();
        for (int i = n - 1; i >= 0; i--) {
            switch (d.proto(i)) {
                case IPV4 -> {
                    if (d.captured(i) >= 20) {
                        long at = d.offset(i);
                        col.setAddresses(ipv4(s, at + 12), ipv4(s, at + 16));
                        return;
                    }
                }
                case IPV6 -> {
                    if (d.captured(i) >= 40) {
                        long at = d.offset(i);
                        col.setAddresses(Text.ipv6(bytes(s, at + 8)), Text.ipv6(bytes(s, at + 24)));
                        return;
                    }
                }
                case ETH -> {
                    if (d.captured(i) >= 14) {
                        col.setAddresses(s, d.offset(i) + 6, d.offset(i));
                        return;
                    }
                }
                default -> { }
            }
        }
    }

    private static String ipv4(MemorySegment s, long at) {
        return Text.u8(s, at) + "." + Text.u8(s, at + 1) + "." + Text.u8(s, at + 2) + "." + Text.u8(s, at + 3);
    }

    private static byte[] bytes(MemorySegment s, long at) {
        byte[] b = new byte[16];
        MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, at, b, 0, 16);
        return b;
    }

    @Override
    public void ethernet(Tree parent, MemorySegment s, long off, int cap, int rep, Consumer<String> protocols) {
        Dissection d = LAYERS.get();
        DISSECTOR.get().embedded(d, s, off, cap, rep);
        int n = d.count();
        for (int i = 0; i < n; i++) {
            switch (d.proto(i)) {
                case ETH -> {
                    protocols.accept("eth");
                    if (d.captured(i) < 14) {
                        return;
                    }
                    if (!d.ieee8023) {
                        protocols.accept("ethertype");
                    }
                }
                case VLAN -> {
                    protocols.accept("vlan");
                    protocols.accept("ethertype");
                }
                case IPV4 -> protocols.accept("ip");
                case IPV6 -> protocols.accept("ipv6");
                case ARP -> protocols.accept("arp");
                case ICMP -> protocols.accept("icmp");
                case ICMPV6 -> protocols.accept("icmpv6");
                case LLC -> protocols.accept("llc");
                case STP -> protocols.accept("stp");
                case LLDP -> protocols.accept("lldp");
                case ISIS -> {
                    protocols.accept("osi");
                    protocols.accept("isis");
                    String sub = dev.tcpscope.proto.isis.Isis.subProtocolAt(d.segment(i), d.offset(i), d.captured(i));
                    if (sub != null) {
                        protocols.accept(sub);
                    }
                }
                case UDP -> {
                    protocols.accept("udp");
                    if (d.captured(i) > Udp.HEADER_LENGTH) {
                        protocols.accept("data");
                    }
                    return;
                }
                default -> {
                    if (d.captured(i) > 0) {
                        protocols.accept("data");
                    }
                    return;
                }
            }
        }
        if (n > 0 && d.end != dev.tcpscope.wire.End.COMPLETE && d.end != dev.tcpscope.wire.End.CAPTURE_SHORT
                && d.end != dev.tcpscope.wire.End.REPORTED_SHORT) {
            protocols.accept("data");
        }
    }
}
