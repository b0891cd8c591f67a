package dev.tcpscope.wire;

import static dev.tcpscope.wire.Fixtures.concat;
import static dev.tcpscope.wire.Fixtures.dissect;
import static dev.tcpscope.wire.Fixtures.frame;
import static org.assertj.core.api.Assertions.assertThat;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;

/**
 * How the bytes after an EtherType payload split into padding, trailer and FCS, as
 * packet-eth.c's add_ethernet_trailer() splits them (checked against tshark 4.0.17 on
 * arkime-cloudshark-arp.pcap, zeek-http-bro.org.pcap, pcapplusplus-QinQ_802.1_AD.pcapng,
 * tcpdump-icmp-icmp_print-oobr-1.pcap and snap-length-cut copies of them).
 */
class EtherTrailerTest {
    private static EtherTrailer trailer(Frame f) {
        return new EtherTrailer().compute(f, dissect(f));
    }

    @Test
    void zeroPaddingUpToSixtyBytes() {
        EtherTrailer t = trailer(frame(LinkType.ETHERNET, WireFrames.ethIpv4IcmpPadded()));
        assertThat(t.outcome()).isEqualTo(EtherTrailer.Outcome.OK);
        assertThat(t.layer()).isZero();
        assertThat(t.start()).isEqualTo(14 + 32);
        assertThat(t.padding()).isEqualTo(14);
        assertThat(t.trailer()).isZero();
        assertThat(t.hasFcs()).isFalse();
    }

    @Test
    void anIeee8023LengthEndsThePayloadAndWhatFollowsIsPadding() {
        // an STP BPDU as zeek's raw_packets.pcap frame 3 has it: length 38, padded to 60 bytes
        // (tshark: "Padding: 0000000000000000", then "Data (38 bytes)")
        byte[] b = concat(Fixtures.bytes("0180c2000000e8de27ffc0770026"), Fixtures.bytes("424203"), new byte[35], new byte[8]);
        Frame f = frame(LinkType.ETHERNET, b);
        Dissection d = dissect(f);
        assertThat(d.ieee8023).isTrue();
        assertThat(d.reported(0)).isEqualTo(14 + 38);
        EtherTrailer t = new EtherTrailer().compute(f, d);
        assertThat(t.layer()).isZero();
        assertThat(t.start()).isEqualTo(14 + 38);
        assertThat(t.padding()).isEqualTo(8);
        assertThat(t.trailer()).isZero();
        // a length past the frame: the payload is what the frame holds, with no trailer
        byte[] past = concat(Fixtures.bytes("0180c2000000e8de27ffc07705dc"), new byte[46]);
        Dissection p = dissect(frame(LinkType.ETHERNET, past));
        assertThat(p.reported(0)).isEqualTo(60);
        assertThat(new EtherTrailer().compute(frame(LinkType.ETHERNET, past), p).outcome()).isEqualTo(EtherTrailer.Outcome.NONE);
    }

    @Test
    void arpEndsWhereItsAddressesEnd() {
        EtherTrailer t = trailer(frame(LinkType.ETHERNET, WireFrames.ethArp()));
        assertThat(t.start()).isEqualTo(14 + 28);
        assertThat(t.padding()).isEqualTo(18);
    }

    @Test
    void aFrameOf64BytesOrMoreEndsWithAnFcsUnlessTheFileSaysNone() {
        byte[] b = concat(WireFrames.ethIpv4IcmpPadded(), Fixtures.bytes("aabbccdd"));
        EtherTrailer t = trailer(frame(LinkType.ETHERNET, b));
        assertThat(t.padding()).isEqualTo(14);
        assertThat(t.trailer()).isZero();
        assertThat(t.hasFcs()).isTrue();
        assertThat(Bytes.u32(java.lang.foreign.MemorySegment.ofArray(b), t.fcsOffset())).isEqualTo(0xaabbccddL);
        Frame none = frame(LinkType.ETHERNET, b);
        none.setFcsLength(0);
        EtherTrailer n = trailer(none);
        assertThat(n.hasFcs()).isFalse();
        assertThat(n.trailer()).isEqualTo(4);
    }

    @Test
    void nonZeroBytesAreATrailerWithWiresharksNote() {
        byte[] b = WireFrames.ethIpv4IcmpPadded();
        b[b.length - 1] = 1;
        EtherTrailer t = trailer(frame(LinkType.ETHERNET, b));
        assertThat(t.padding()).isZero();
        assertThat(t.trailer()).isEqualTo(14);
        assertThat(t.maybePadded()).isTrue();
    }

    @Test
    void paddingOrFcsCutByTheSnapLengthIsAnEthertypeException() {
        byte[] padded = WireFrames.ethIpv4IcmpPadded();
        EtherTrailer cutPadding = trailer(frame(LinkType.ETHERNET, padded, 50, 60));
        assertThat(cutPadding.outcome()).isEqualTo(EtherTrailer.Outcome.TRUNCATED);
        assertThat(cutPadding.padding()).isZero();
        byte[] fcs = concat(padded, Fixtures.bytes("aabbccdd"));
        EtherTrailer cutFcs = trailer(frame(LinkType.ETHERNET, fcs, 62, 64));
        assertThat(cutFcs.outcome()).isEqualTo(EtherTrailer.Outcome.TRUNCATED);
        assertThat(cutFcs.hasFcs()).isFalse();
    }

    @Test
    void noTrailerWhenNoneOfItWasCapturedOrThePayloadFillsTheFrame() {
        assertThat(trailer(frame(LinkType.ETHERNET, WireFrames.ethIpv4IcmpPadded(), 46, 60)).outcome())
                .isEqualTo(EtherTrailer.Outcome.NONE);
        assertThat(trailer(frame(LinkType.ETHERNET, WireFrames.ethIpv4TcpSyn())).outcome())
                .isEqualTo(EtherTrailer.Outcome.NONE);
        assertThat(trailer(frame(LinkType.NULL, concat(Fixtures.bytes("02000000"), WireFrames.ipv4Icmp(), new byte[30])))
                .layer()).isEqualTo(-1);
    }

    @Test
    void aVlanTagsTrailerNeverEndsWithAnFcs() {
        // the QinQ capture: 1500 bytes, IPv4 total length 1474 after two tags, 4 bytes left
        byte[] b = concat(Fixtures.bytes("000000000000 000000000000 88a8 001e 8100 0064 0800"),
                Fixtures.bytes("450005c2 00000000 fffd0000 c0000201 c0000202"), new byte[1454], Fixtures.bytes("466d627a"));
        EtherTrailer t = trailer(frame(LinkType.ETHERNET, b));
        assertThat(t.layer()).isEqualTo(2);
        assertThat(t.tagged()).isTrue();
        assertThat(t.hasFcs()).isFalse();
        assertThat(t.trailer()).isEqualTo(4);
    }
}
