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
