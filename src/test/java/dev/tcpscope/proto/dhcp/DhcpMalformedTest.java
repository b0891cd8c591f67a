package dev.tcpscope.proto.dhcp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile DHCP messages: random mutations (byte flips, cuts, lengths made huge) of a real
 * DHCP ACK walk to an end or to tshark's bounds exception ({@link Tvb.Stop}), never to another
 * exception, and in bounded steps.
 */
class DhcpMalformedTest {
    /** Zeek's dhcp.pcap frame 2 (an Offer with Aruba vendor info, NTP, NetBIOS, bootfile), UDP payload. */
    private static final byte[] OFFER = HexFormat.of().parseHex(
            "02010600000007c0000000000000000080020661ac13e6070000000090b11c9949290000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
            + "000000000000000000000000000000000000000000000000000000000000000000000000000000000000000063825363"
            + "3501023604800206983304000003840104ffffff0003048002060106088002010b8002010a0408800201148002011543"
            + "0d6e6574776f726b2d636f6e66671c04800206ff2a0c8002011480020115800201162b0b3137322e31382e362e33373c"
            + "07417275626141502c088002681d8002681e2e01020f07636d752e656475ff");

    @Test
    void mutationsNeverThrowAnythingElse() {
        Random r = new Random(4017);
        for (int round = 0; round < 20000; round++) {
            byte[] m = OFFER.clone();
            int flips = 1 + r.nextInt(6);
            for (int i = 0; i < flips; i++) {
                int at = 236 + r.nextInt(m.length - 236);
                m[at] = (byte) (r.nextInt(4) == 0 ? 0xff : r.nextInt(256));
            }
            if (r.nextInt(8) == 0) {
                m[r.nextInt(m.length)] = (byte) r.nextInt(256);
            }
            int cap = r.nextInt(5) == 0 ? r.nextInt(m.length + 1) : m.length;
            int rep = r.nextInt(7) == 0 ? cap + r.nextInt(40) : m.length;
            walk(m, cap, Math.max(rep, cap), Tree.NOTHING, false);
            walk(m, cap, Math.max(rep, cap), new Collected(), true);
        }
    }

    @Test
    void theOfferWalksToItsEnd() {
        Collected c = new Collected();
        DhcpWalk w = walk(OFFER, OFFER.length, OFFER.length, c, true);
        assertThat(w.protocol).isEqualTo("DHCP");
        assertThat(w.info.toString()).isEqualTo("DHCP Offer    - Transaction ID 0x7c0");
        assertThat(c.has("dhcp.option.vendor.arubaap.controllerip")).isTrue();
        assertThat(c.has("dhcp.option.netbios_over_tcpip_node_type")).isTrue();
    }

    @Test
    void aHeaderCutShortIsTshark_sException() {
        byte[] cut = java.util.Arrays.copyOf(OFFER, 100);
        DhcpWalk w = new DhcpWalk(new Tvb(MemorySegment.ofArray(cut), 0, cut.length, cut.length), false, false);
        try {
            w.walk(Tree.NOTHING);
            throw new AssertionError("walked past the end");
        } catch (Tvb.Stop stop) {
            assertThat(stop.info()).isEqualTo("[Malformed Packet]");
        }
        assertThat(w.info.toString()).startsWith("Boot Reply");
    }

    private static DhcpWalk walk(byte[] m, int cap, int rep, Tree tree, boolean strict) {
        DhcpWalk w = new DhcpWalk(new Tvb(MemorySegment.ofArray(m), 0, cap, rep), strict, false);
        try {
            w.walk(tree);
        } catch (Tvb.Stop expected) {
            // tshark's [Malformed Packet] or [Packet size limited during capture]
        }
        return w;
    }
}
