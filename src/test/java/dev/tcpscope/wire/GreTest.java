package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.tcpscope.frame.LinkType;
import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/** The GRE and ERSPAN views, and the walk through them into the frame they carry. */
class GreTest {
    /*
     * zeek erspanIII.pcap frame 1 (tshark -x): Ethernet, IPv4 (protocol 47), GRE with a sequence
     * number and type 0x22eb, ERSPAN type III (VLAN 20, hardware ID 3), Ethernet, IPv4, ICMP echo.
     */
    private static final byte[] ERSPAN_III = Fixtures.bytes("""
            00 50 56 eb 85 f4 00 35 1a f3 9d 44 08 00 45 00
            00 8a fd 37 00 00 3f 2f 6a 0b 0a 00 00 01 0a 00
            00 02 10 00 22 eb 03 b3 ed 5c 20 14 00 00 00 00
            14 58 00 00 80 30 02 50 56 56 44 52 00 50 56 be
            d5 5d 08 00 45 00 00 54 e1 bc 00 00 3f 01 c8 13
            c0 a8 0f 2f 01 01 01 01 08 00 09 7d 01 39 00 00
            5c 38 85 4c 00 0c 20 b6 08 09 0a 0b 0c 0d 0e 0f
            10 11 12 13 14 15 16 17 18 19 1a 1b 1c 1d 1e 1f
            20 21 22 23 24 25 26 27 28 29 2a 2b 2c 2d 2e 2f
            30 31 32 33 34 35 36 37""");

    /*
     * PcapPlusPlus GrePackets.cap frame 13 (tshark -x): PPTP's enhanced GRE, flags 0x3081 (key,
     * sequence number, acknowledgment, version 1), payload length 18, call ID 1, then PPP.
     */
    private static final byte[] PPTP = Fixtures.bytes("""
            00 14 00 00 02 00 00 09 e9 55 c0 1c 08 00 45 00
            00 36 1a d7 00 00 ff 2f 78 bf 14 00 00 01 14 00
            00 02 30 81 88 0b 00 12 00 01 00 00 00 01 ff ff
            ff ff ff 03 c0 21 01 01 00 0e 03 04 c0 23 05 06
            0f 3f 11 7c""");

    @Test
    void greHeaderWithSequenceNumber() {
        MemorySegment s = MemorySegment.ofArray(ERSPAN_III);
        assertThat(Gre.flags(s, 34)).isEqualTo(Gre.FLAG_SEQUENCE);
        assertThat(Gre.protocolType(s, 34)).isEqualTo(Gre.TYPE_ERSPAN_22EB);
        assertThat(Gre.headerLength(s, 34, ERSPAN_III.length - 34)).isEqualTo(8);
        assertThat(Gre.typeName(Gre.TYPE_ERSPAN_22EB)).isEqualTo("ERSPAN III");
    }

    @Test
    void erspanTypeIIIHeader() {
        MemorySegment s = MemorySegment.ofArray(ERSPAN_III);
        assertThat(Erspan.version(s, 42)).isEqualTo(Erspan.VERSION_TYPE_III);
        assertThat(Erspan.vlan(s, 42)).isEqualTo(20);
        assertThat(Erspan.frameType(s, 42)).isEqualTo(Erspan.FRAME_ETHERNET);
        assertThat(Erspan.hasSubheader(s, 42)).isFalse();
        assertThat(Erspan.headerLength(s, 42, 20)).isEqualTo(12);
    }

    @Test
    void enhancedHeaderHasAnAcknowledgmentNumber() {
        MemorySegment s = MemorySegment.ofArray(PPTP);
        int flags = Gre.flags(s, 34);
        assertThat(Gre.isPpp(flags, Gre.protocolType(s, 34))).isTrue();
        assertThat(Gre.splitKey(flags, Gre.protocolType(s, 34))).isTrue();
        assertThat(Gre.headerLength(s, 34, PPTP.length - 34)).isEqualTo(16);
        // the header's fields run out before 16 bytes: how many are needed, negative
        assertThat(Gre.headerLength(s, 34, 10)).isEqualTo(-16);
    }

    @Test
    void walkGoesThroughGreAndErspanIntoTheInnerFrame() {
        Dissection d = Fixtures.dissect(Fixtures.frame(LinkType.ETHERNET, ERSPAN_III));
        assertThat(Fixtures.layers(d)).containsExactly(
                "ETH@0 152/152", "IPV4@14 138/138", "GRE@34 118/118", "ERSPAN@42 110/110",
                "ETH@54 98/98", "IPV4@68 84/84", "ICMP@88 64/64");
        assertThat(d.end).isEqualTo(End.COMPLETE);
    }

    @Test
    void pppInsideGreIsALayerOfItsOwn() {
        Dissection d = Fixtures.dissect(Fixtures.frame(LinkType.ETHERNET, PPTP));
        assertThat(Fixtures.layers(d)).containsExactly("ETH@0 68/68", "IPV4@14 54/54", "GRE@34 34/34", "PPP@50 18/18");
        assertThat(d.end).isEqualTo(End.COMPLETE);
    }

    @Test
    void typeIHasAnEmptyErspanLayerBeforeTheFrame() {
        byte[] b = ERSPAN_III.clone();
        b[34] = 0; // no sequence number flag ...
        b[36] = (byte) 0x88; // ... and type 0x88be: ERSPAN type I, the frame follows the 4-byte GRE header
        b[37] = (byte) 0xbe;
        Dissection d = Fixtures.dissect(Fixtures.frame(LinkType.ETHERNET, b));
        assertThat(d.proto(3)).isEqualTo(Proto.ERSPAN);
        assertThat(Erspan.isTypeI(d, 3)).isTrue();
        assertThat(d.offset(3)).isEqualTo(38);
        assertThat(d.proto(4)).isEqualTo(Proto.ETH);
        assertThat(d.offset(4)).isEqualTo(38);
    }

    /** Every cut of the frame inside GRE or ERSPAN ends there as snapped or as malformed, never with an exception. */
    @Test
    void cutsInsideTheTunnelHeadersAreRecorded() {
        for (int cap = 34; cap < 54; cap++) {
            Dissection snapped = Fixtures.dissect(Fixtures.frame(LinkType.ETHERNET, ERSPAN_III, cap, ERSPAN_III.length));
            assertThat(snapped.end).as("captured %d", cap).isEqualTo(End.CAPTURE_SHORT);
            int reported = cap;
            byte[] b = ERSPAN_III.clone();
            b[16] = 0; // IPv4 total length: the datagram ends at the cut
            b[17] = (byte) (reported - 14);
            assertThatCode(() -> Fixtures.dissect(Fixtures.frame(LinkType.ETHERNET, b, reported, reported)))
                    .doesNotThrowAnyException();
            Dissection cut = Fixtures.dissect(Fixtures.frame(LinkType.ETHERNET, b, reported, reported));
            assertThat(cut.end).as("reported %d", reported).isIn(End.REPORTED_SHORT, End.COMPLETE);
        }
    }
}
