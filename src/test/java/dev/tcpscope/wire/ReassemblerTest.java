package dev.tcpscope.wire;

import static dev.tcpscope.wire.Fixtures.concat;
import static dev.tcpscope.wire.Fixtures.layers;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * IP reassembly as tshark 4.0 does it in one pass (epan/reassemble.c): the whole datagram is
 * kept and the upper layer dissected over it; fragments are listed by offset with their flags;
 * incomplete datagrams are bounded in number and bytes.
 */
class ReassemblerTest {
    private final Dissector dissector = new Dissector();
    private final Dissection d = new Dissection();
    private long frameNumber;

    /** A raw IPv4 fragment (no link layer) of protocol {@code proto}. */
    private static byte[] ipv4(int id, int proto, int fragOffset, boolean more, byte[] payload, int src, int dst) {
        ByteBuffer b = ByteBuffer.allocate(20 + payload.length);
        b.put((byte) 0x45).put((byte) 0).putShort((short) (20 + payload.length)).putShort((short) id)
                .putShort((short) ((more ? 0x2000 : 0) | fragOffset / 8)).put((byte) 64).put((byte) proto)
                .putShort((short) 0).putInt(src).putInt(dst).put(payload);
        return b.array();
    }

    private static byte[] ipv4(int id, int fragOffset, boolean more, byte[] payload) {
        return ipv4(id, 17, fragOffset, more, payload, 0xc0000201, 0xc6336401);
    }

    /** A UDP datagram with {@code n} payload bytes counting up from 0. */
    private static byte[] udp(int n) {
        ByteBuffer b = ByteBuffer.allocate(8 + n);
        b.putShort((short) 4000).putShort((short) 53).putShort((short) (8 + n)).putShort((short) 0);
        for (int k = 0; k < n; k++) {
            b.put((byte) k);
        }
        return b.array();
    }

    private static byte[] slice(byte[] b, int from, int to) {
        return Arrays.copyOfRange(b, from, to);
    }

    private Dissection feed(int linkType, byte[] b) {
        return feed(linkType, b, b.length);
    }

    private Dissection feed(int linkType, byte[] b, int captured) {
        Frame f = new Frame();
        f.set(++frameNumber, 1_700_000_000L, 0, 9, linkType, 0, MemorySegment.ofArray(b), 0, captured, b.length);
        dissector.dissect(f, d);
        return d;
    }

    private static byte[] bytes(MemorySegment s, long off, int len) {
        return s.asSlice(off, len).toArray(java.lang.foreign.ValueLayout.JAVA_BYTE);
    }

    @Test
    void theWholeDatagramIsKeptAndTheUpperLayerSeesAllOfIt() {
        byte[] dgram = udp(2992); // 3000 bytes: 1480 + 1480 + 40
        feed(LinkType.IPV4, ipv4(7, 1480, true, slice(dgram, 1480, 2960)));
        assertThat(d.end).isEqualTo(End.IP_FRAGMENT);
        assertThat(d.reassembly()).isNull();
        feed(LinkType.IPV4, ipv4(7, 2960, false, slice(dgram, 2960, 3000)));
        assertThat(d.end).isEqualTo(End.IP_FRAGMENT);
        feed(LinkType.IPV4, ipv4(7, 0, true, slice(dgram, 0, 1480)));
        assertThat(layers(d)).containsExactly("IPV4@0 1500/1500", "UDP@20 3000/3000");
        assertThat(d.reassembled).isTrue();
        Reassembly r = d.reassembly();
        assertThat(r.layer()).isZero();
        assertThat(r.v6()).isFalse();
        assertThat(r.sourceName()).isEqualTo("Reassembled IPv4");
        assertThat(r.length()).isEqualTo(3000);
        assertThat(bytes(r.segment(), r.offset(), r.length())).isEqualTo(dgram);
        assertThat(bytes(d.segment(1), d.offset(1), 3000)).isEqualTo(dgram);
        // listed by offset, not by arrival
        assertThat(r.count()).isEqualTo(3);
        assertThat(new long[] {r.frame(0), r.frame(1), r.frame(2)}).containsExactly(3, 1, 2);
        assertThat(new int[] {r.offset(0), r.offset(1), r.offset(2)}).containsExactly(0, 1480, 2960);
        assertThat(new int[] {r.length(0), r.length(1), r.length(2)}).containsExactly(1480, 1480, 40);
        assertThat(r.allFlags()).isZero();
        // the IP header is copied in front of the datagram, for readers that want it there
        assertThat(Ipv4.id(r.segment(), r.offset() - 20)).isEqualTo(7);
        // the next frame forgets it; a fragment with the same key starts anew
        feed(LinkType.IPV4, ipv4(7, 2960, false, slice(dgram, 2960, 3000)));
        assertThat(d.reassembly()).isNull();
        assertThat(d.end).isEqualTo(End.IP_FRAGMENT);
    }

    @Test
    void aSecondPassKnowsWhereTheFirstCompletedEachDatagram() {
        byte[] dgram = udp(40);
        byte[][] frames = {
            ipv4(3, 0, true, slice(dgram, 0, 24)), ipv4(4, 0, true, slice(dgram, 0, 24)),
            ipv4(3, 24, false, slice(dgram, 24, 48))
        };
        ReassembledIn notes = new ReassembledIn();
        dissector.noteReassemblies(notes);
        for (byte[] b : frames) {
            feed(LinkType.IPV4, b);
        }
        assertThat(notes.of(1)).isEqualTo(3);
        assertThat(notes.of(2)).isZero(); // never completed
        assertThat(notes.of(3)).isZero(); // completes itself
        Dissector second = new Dissector();
        second.knownReassemblies(notes);
        long[] expected = {3, 0, 0};
        for (int k = 0; k < frames.length; k++) {
            Frame f = new Frame();
            f.set(k + 1, 1_700_000_000L, 0, 9, LinkType.IPV4, 0, MemorySegment.ofArray(frames[k]), 0,
                    frames[k].length, frames[k].length);
            second.dissect(f, d);
            assertThat(d.reassembledIn).as("frame %d", k + 1).isEqualTo(expected[k]);
        }
        assertThat(d.reassembly()).isNotNull();
    }

    @Test
    void overlapsKeepTheEarlierListedBytesAndAreFlagged() {
        byte[] a = new byte[16];
        byte[] b = new byte[16];
        Arrays.fill(a, (byte) 1);
        Arrays.fill(b, (byte) 2);
        Reassembler r = new Reassembler();
        assertThat(add(r, 1, 0, true, a)).isFalse();
        assertThat(add(r, 2, 8, true, b)).isFalse();
        assertThat(add(r, 3, 24, false, new byte[8])).isTrue();
        Reassembly x = r.result();
        assertThat(x.length()).isEqualTo(32);
        byte[] got = bytes(x.segment(), x.offset(), 32);
        assertThat(slice(got, 0, 16)).containsOnly(1);
        assertThat(slice(got, 16, 24)).containsOnly(2);
        assertThat(x.flags(0)).isZero();
        assertThat(x.flags(1)).isEqualTo(Reassembly.OVERLAP | Reassembly.OVERLAP_CONFLICT);
        assertThat(x.flags(2)).isZero();
    }

    @Test
    void aSecondTailWithAnotherLengthAndBytesPastTheEndAreFlagged() {
        Reassembler r = new Reassembler();
        assertThat(add(r, 1, 8, false, new byte[8])).isFalse(); // the datagram is 16 bytes
        assertThat(add(r, 2, 8, true, new byte[24])).isFalse(); // runs to 32
        assertThat(add(r, 3, 16, false, new byte[16])).isFalse(); // another tail: 32
        assertThat(add(r, 4, 0, true, new byte[8])).isTrue();
        Reassembly x = r.result();
        assertThat(x.length()).isEqualTo(16);
        // by offset: 0 (frame 4), 8 (frame 1), 8 (frame 2, after 1), 16 (frame 3)
        assertThat(new long[] {x.frame(0), x.frame(1), x.frame(2), x.frame(3)}).containsExactly(4, 1, 2, 3);
        assertThat(x.flags(0)).isZero();
        assertThat(x.flags(1)).isZero();
        assertThat(x.flags(2)).isEqualTo(Reassembly.TOO_LONG | Reassembly.OVERLAP);
        assertThat(x.flags(3)).isEqualTo(Reassembly.MULTIPLE_TAILS | Reassembly.TOO_LONG);
        assertThat(x.allFlags() & Reassembly.ERRORS).isNotZero();
    }

    @Test
    void incompleteDatagramsStayWithinTheByteBudgetOldestDroppedFirst() {
        Reassembler r = new Reassembler(100, 1000);
        for (int id = 0; id < 5; id++) {
            assertThat(add(r, id, id, 0, true, new byte[300])).isFalse();
            assertThat(r.pendingBytes()).isLessThanOrEqualTo(1000);
        }
        assertThat(r.pendingDatagrams()).isEqualTo(3);
        assertThat(r.pendingBytes()).isEqualTo(900);
        // datagram 0 was dropped: its tail does not complete it (and now waits itself)
        assertThat(add(r, 5, 0, 300, false, new byte[8])).isFalse();
        // datagram 4 is still there
        assertThat(add(r, 6, 4, 300, false, new byte[8])).isTrue();
        assertThat(r.result().length()).isEqualTo(308);
    }

    @Test
    void incompleteDatagramsStayWithinTheCountBound() {
        Reassembler r = new Reassembler(10, Reassembler.MAX_BYTES);
        for (int id = 0; id < 1000; id++) {
            add(r, id, id, 8, false, new byte[8]);
            assertThat(r.pendingDatagrams()).isLessThanOrEqualTo(10);
        }
        assertThat(r.pendingBytes()).isEqualTo(80);
    }

    @Test
    void theDefaultBoundsHoldUnderAFloodOfUnfinishedFragments() {
        Reassembler r = new Reassembler();
        byte[] chunk = new byte[1480];
        for (int id = 0; id < 30_000; id++) {
            add(r, id, id, 1480, true, chunk);
        }
        assertThat(r.pendingBytes()).isLessThanOrEqualTo(Reassembler.MAX_BYTES);
        assertThat(r.pendingDatagrams()).isLessThanOrEqualTo(Reassembler.MAX_PENDING);
    }

    @Test
    void aFragmentCutByTheSnapLengthIsNotReassembled() {
        byte[] dgram = udp(40);
        feed(LinkType.IPV4, ipv4(9, 24, false, slice(dgram, 24, 48)));
        byte[] first = ipv4(9, 0, true, slice(dgram, 0, 24));
        feed(LinkType.IPV4, first, first.length - 1);
        // not added: dissected as a first fragment whose length is unknown
        assertThat(d.reassembly()).isNull();
        assertThat(d.fragmented).isTrue();
        assertThat(layers(d)).containsExactly("IPV4@0 43/44", "UDP@20 23/24");
    }

    @Test
    void aTotalLengthBeyondTheFrameIsNotReassembled() {
        byte[] dgram = udp(40);
        feed(LinkType.IPV4, ipv4(9, 24, false, slice(dgram, 24, 48)));
        byte[] first = ipv4(9, 0, true, slice(dgram, 0, 24));
        first[3] += 4; // says 48 bytes, has 44
        feed(LinkType.IPV4, first);
        assertThat(d.reassembly()).isNull();
    }

    @Test
    void samePrivateAddressesOnTwoVlansAreTwoDatagrams() {
        byte[] dgram = udp(40);
        int src = 0x0a000001;
        int dst = 0x0a000002;
        feed(LinkType.ETHERNET, vlan(10, ipv4(5, 17, 0, true, slice(dgram, 0, 24), src, dst)));
        feed(LinkType.ETHERNET, vlan(20, ipv4(5, 17, 24, false, slice(dgram, 24, 48), src, dst)));
        assertThat(d.reassembly()).isNull();
        feed(LinkType.ETHERNET, vlan(10, ipv4(5, 17, 24, false, slice(dgram, 24, 48), src, dst)));
        assertThat(d.reassembly()).isNotNull();
        assertThat(d.reassembly().layer()).isEqualTo(2);
        assertThat(layers(d)).containsExactly("ETH@0 62/62", "VLAN@14 48/48", "IPV4@18 44/44", "UDP@20 48/48");
    }

    @Test
    void ipv6ExtensionHeadersAfterTheFragmentHeaderAreInTheDatagram() {
        // Destination Options (8 bytes, next: UDP) then UDP, in two fragments of 24 and 32 bytes
        byte[] dgram = concat(Fixtures.bytes("11 00 01 04 00 00 00 00"), udp(40));
        feed(LinkType.IPV6, ipv6(60, 0x1234, 0, true, slice(dgram, 0, 24)));
        assertThat(d.end).isEqualTo(End.IP_FRAGMENT);
        assertThat(d.ipProto).isEqualTo(60); // the Fragment header's next header
        feed(LinkType.IPV6, ipv6(60, 0x1234, 24, false, slice(dgram, 24, 56)));
        Reassembly r = d.reassembly();
        assertThat(r).isNotNull();
        assertThat(r.v6()).isTrue();
        assertThat(r.sourceName()).isEqualTo("Reassembled IPv6");
        assertThat(r.length()).isEqualTo(56);
        assertThat(d.ipProto).isEqualTo(17);
        assertThat(d.count()).isEqualTo(2);
        assertThat(d.proto(1)).isEqualTo(Proto.UDP);
        assertThat(d.offset(1)).isEqualTo(r.offset() + 8);
        assertThat(d.captured(1)).isEqualTo(48);
    }

    @Test
    void aTruncatedFirstIpv6FragmentShowsAsData() {
        byte[] dgram = udp(40);
        byte[] first = ipv6(17, 1, 0, true, slice(dgram, 0, 24));
        feed(LinkType.IPV6, first, first.length - 1);
        assertThat(d.end).isEqualTo(End.IP_FRAGMENT);
        assertThat(d.reassembly()).isNull();
    }

    @Test
    void randomFragmentsNeverThrowAndCompletedDatagramsAreConsistent() {
        java.util.Random random = new java.util.Random(42);
        int completed = 0;
        for (int n = 0; n < 20_000; n++) {
            int id = random.nextInt(4);
            int offset = random.nextInt(32) * 8;
            boolean more = random.nextInt(3) > 0;
            byte[] payload = new byte[1 + random.nextInt(64)];
            random.nextBytes(payload);
            if (random.nextBoolean() && payload.length >= 8) {
                payload[0] = 0; // sometimes a plausible UDP/extension start
            }
            boolean v6 = random.nextBoolean();
            byte[] b = v6 ? ipv6(random.nextBoolean() ? 17 : 60, id, offset, more, payload)
                    : ipv4(id, random.nextBoolean() ? 17 : 6, offset, more, payload, 0x0a000001, 0x0a000002);
            int cap = random.nextInt(10) == 0 ? random.nextInt(b.length + 1) : b.length;
            feed(v6 ? LinkType.IPV6 : LinkType.IPV4, b, cap);
            Reassembly r = d.reassembly();
            if (r != null) {
                completed++;
                int last = 0;
                for (int k = 0; k < r.count(); k++) {
                    assertThat(r.offset(k)).isGreaterThanOrEqualTo(last);
                    last = r.offset(k);
                }
                assertThat(r.frame(0)).isLessThanOrEqualTo(frameNumber);
                if (d.count() > 1) {
                    assertThat(d.captured(d.count() - 1)).isLessThanOrEqualTo(r.length());
                }
            }
        }
        assertThat(completed).isPositive();
    }

    /** A raw IPv6 packet: fixed header, Fragment header (next: {@code nxt}), payload. */
    private static byte[] ipv6(int nxt, long ident, int fragOffset, boolean more, byte[] payload) {
        ByteBuffer b = ByteBuffer.allocate(48 + payload.length);
        b.putInt(0x60000000).putShort((short) (8 + payload.length)).put((byte) 44).put((byte) 64);
        b.put(Fixtures.bytes("20010db8000000000000000000000001")).put(Fixtures.bytes("20010db8000000000000000000000002"));
        b.put((byte) nxt).put((byte) 0).putShort((short) (fragOffset | (more ? 1 : 0))).putInt((int) ident);
        b.put(payload);
        return b.array();
    }

    private static byte[] vlan(int id, byte[] ip) {
        return concat(Fixtures.bytes("020000000001 020000000002 8100"), new byte[] {(byte) (id >> 8), (byte) id, 8, 0}, ip);
    }

    private static boolean add(Reassembler r, long frame, int offset, boolean more, byte[] payload) {
        return add(r, frame, 1, offset, more, payload);
    }

    private static boolean add(Reassembler r, long frame, int id, int offset, boolean more, byte[] payload) {
        byte[] ip = ipv4(id, offset, more, payload);
        MemorySegment s = MemorySegment.ofArray(ip);
        return r.add(s, Ipv4.SRC, Ipv4.DST, 4, id, offset, more, 20, payload.length, 0, 20, frame);
    }
}
