package dev.tcpscope.proto.pim;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.igmp.Igmp;
import dev.tcpscope.proto.vrrp.Vrrp;
import dev.tcpscope.synth.PimScenarios;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Hostile PIM messages: random mutations (byte flips, counts and lengths made huge, cuts by the
 * snap length and by the IP length) of the real messages of tcpdump's PIM assortment and of the
 * crafted synth-pim.pcap walk to an end or to tshark's bounds exception ({@link Tvb.Stop}),
 * never to another exception, and in bounded steps: no more tree items than a small multiple
 * of the message's length.
 */
class PimMalformedTest {
    private static final Vrrp.Ip V4 = new Vrrp.Ip(new byte[] {10, 0, 0, 2}, new byte[] {(byte) 224, 0, 0, 13});
    private static final Vrrp.Ip V6 = new Vrrp.Ip(new byte[16], new byte[16]);

    /** A message, whether IGMP carries it (PIMv1), and the IP version it came in. */
    private record Message(byte[] bytes, boolean v1, boolean v6) { }

    @Test
    void mutationsOfRealMessagesOnlyEverStopOnTheirBounds() throws IOException {
        List<Message> seeds = new ArrayList<>(messages(Files.readAllBytes(Path.of("captures/tcpdump-pim-packet-assortment.pcap"))));
        seeds.addAll(messages(Files.readAllBytes(Path.of("captures/tcpdump-PIM-SM_join_prune.pcap"))));
        seeds.addAll(messages(PimScenarios.bytes()));
        assertThat(seeds).hasSizeGreaterThan(250);
        Random r = new Random(103);
        for (int round = 0; round < 20_000; round++) {
            Message seed = seeds.get(r.nextInt(seeds.size()));
            byte[] m = seed.bytes.clone();
            if (m.length == 0) {
                continue;
            }
            int flips = 1 + r.nextInt(6);
            for (int i = 0; i < flips; i++) {
                m[r.nextInt(m.length)] = (byte) (r.nextInt(4) == 0 ? 0xff : r.nextInt(256));
            }
            int cap = r.nextInt(5) == 0 ? r.nextInt(m.length + 1) : m.length;
            int rep = r.nextInt(7) == 0 ? cap + r.nextInt(40) : r.nextInt(7) == 0 ? r.nextInt(m.length + 1) : m.length;
            rep = Math.max(rep, cap);
            int[] items = new int[1];
            Tree counting = counting(items);
            walk(seed, m, cap, rep, counting, r.nextBoolean());
            walk(seed, m, cap, rep, new Collected(), false);
            assertThat(items[0]).isLessThanOrEqualTo(16 * cap + 64);
        }
    }

    @Test
    void aJoinPruneCutInsideASourceIsMalformed() {
        byte[] jp = {0x23, 0, 0, 0, 1, 0, 10, 0, 0, 9, 0, 1, 0, (byte) 210, 1, 0, 0, 32, (byte) 239, 1, 1, 1, 0, 1, 0, 0,
            1, 0, 4, 32, 10, 1};
        StringBuilder info = new StringBuilder();
        Tvb.Stop stop = Pim.walk(new Tvb(MemorySegment.ofArray(jp), 0, jp.length, jp.length), V4, false, Tree.NOTHING,
                new StringBuilder(), info);
        assertThat(info.toString()).isEqualTo("Join/Prune");
        assertThat(stop).isSameAs(Tvb.Stop.MALFORMED);
    }

    private static void walk(Message seed, byte[] m, int cap, int rep, Tree tree, boolean fragmented) {
        Tvb t = new Tvb(MemorySegment.ofArray(m), 0, cap, rep);
        StringBuilder p = new StringBuilder();
        StringBuilder i = new StringBuilder();
        if (seed.v1) {
            Igmp.walk(t, fragmented, tree, p, i);
            return;
        }
        Pim.walk(t, seed.v6 ? V6 : V4, fragmented, tree, p, i);
        assertThat(p.toString()).startsWith("PIM");
    }

    /** A tree that counts what is added to it. */
    private static Tree counting(int[] items) {
        Tree[] self = new Tree[1];
        self[0] = (Tree) Proxy.newProxyInstance(Tree.class.getClassLoader(), new Class<?>[] {Tree.class}, (proxy, method, args) -> {
            items[0]++;
            return method.getReturnType() == Tree.class ? self[0] : null;
        });
        return self[0];
    }

    /** The PIM messages (IP protocol 103, and IGMP type 0x14) of the Ethernet frames of a pcap file. */
    private static List<Message> messages(byte[] pcap) {
        List<Message> out = new ArrayList<>();
        ByteBuffer b = ByteBuffer.wrap(pcap).order(ByteOrder.LITTLE_ENDIAN);
        int at = 24;
        while (at + 16 <= pcap.length) {
            int incl = b.getInt(at + 8);
            byte[] f = Arrays.copyOfRange(pcap, at + 16, Math.min(pcap.length, at + 16 + incl));
            at += 16 + incl;
            if (f.length < 14 + 40) {
                continue;
            }
            int type = (f[12] & 0xff) << 8 | f[13] & 0xff;
            if (type == 0x0800) {
                int ihl = (f[14] & 0x0f) * 4;
                int total = (f[16] & 0xff) << 8 | f[17] & 0xff;
                int proto = f[14 + 9] & 0xff;
                byte[] payload = Arrays.copyOfRange(f, 14 + ihl, Math.max(14 + ihl, Math.min(f.length, 14 + total)));
                if (proto == 103) {
                    out.add(new Message(payload, false, false));
                } else if (proto == 2 && payload.length > 0 && payload[0] == 0x14) {
                    out.add(new Message(payload, true, false));
                }
            } else if (type == 0x86dd && (f[14 + 6] & 0xff) == 103) {
                out.add(new Message(Arrays.copyOfRange(f, 14 + 40, f.length), false, true));
            }
        }
        return out;
    }
}
