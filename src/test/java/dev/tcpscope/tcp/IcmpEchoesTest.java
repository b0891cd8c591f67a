package dev.tcpscope.tcp;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The decoder's echo matching on real frames (chrissanders-packets/icmp_echo.pcapng frames 1 and
 * 2, PcapPlusPlus' ICMPv6_echos.cap frames 1 and 2), one pass and two; what tshark prints for
 * the same is in the ipproto goldens of captures/synth-icmp-echo.pcap (IpProtocolsTest).
 */
class IcmpEchoesTest {
    private static final String REQUEST = "0012804bc07f0016d4b859b108004500003cfefd00008001f1e6c0a8648ac0a86401"
            + "0800145c050034006162636465666768696a6b6c6d6e6f7071727374757677616263646566676869";
    private static final String REPLY = "0016d4b859b10012804bc07f08004500003cfefd0000ff0172e6c0a86401c0a8648a"
            + "00001c5c050034006162636465666768696a6b6c6d6e6f7071727374757677616263646566676869";
    private static final String REQUEST6 = "c20151fa0000c20051fa000086dd60000000003c3a4020010db8000000120000000000000001"
            + "20010db80000001200000000000000028000863c110d0000000102030405060708090a0b0c0d0e0f10111213141516"
            + "1718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233";
    private static final String REPLY6 = "c20051fa0000c20151fa000086dd60000000003c3a4020010db8000000120000000000000002"
            + "20010db80000001200000000000000018100853c110d0000000102030405060708090a0b0c0d0e0f10111213141516"
            + "1718191a1b1c1d1e1f202122232425262728292a2b2c2d2e2f30313233";

    private static IcmpEchoes decode(Decoder d, long number, String hex) {
        byte[] b = HexFormat.of().parseHex(hex);
        Frame f = new Frame();
        f.set(number, 1_700_000_000L + number, 0, 9, LinkType.ETHERNET, 0, MemorySegment.ofArray(b), 0, b.length, b.length);
        d.decode(f);
        return d.echoes();
    }

    @Test
    void onePassNamesTheRequestFromTheReplyOnly() {
        Decoder d = new Decoder();
        IcmpEchoes e = decode(d, 1, REQUEST);
        assertThat(e.about(2)).isTrue(); // layers Ethernet, IPv4, ICMP
        assertThat(e.request()).isTrue();
        assertThat(e.partner()).isZero();
        assertThat(e.unanswered()).isFalse(); // one pass cannot know
        e = decode(d, 2, REPLY);
        assertThat(e.request()).isFalse();
        assertThat(e.partner()).isEqualTo(1);
        assertThat(e.requestTime()).isEqualTo(1_700_000_001L * 1_000_000_000L);
        e = decode(d, 3, REPLY); // answered already
        assertThat(e.about(2)).isTrue();
        assertThat(e.partner()).isZero();
    }

    @Test
    void theSecondPassShowsBothEndsAndTheUnanswered() {
        Decoder first = new Decoder();
        first.noteForSecondPass();
        decode(first, 1, REQUEST);
        decode(first, 2, REQUEST6);
        decode(first, 3, REPLY);
        decode(first, 4, REQUEST); // never answered
        Decoder second = new Decoder(new TcpAnalyzer(), first);
        assertThat(decode(second, 1, REQUEST).partner()).isEqualTo(3);
        IcmpEchoes e = decode(second, 2, REQUEST6);
        assertThat(e.partner()).isZero();
        assertThat(e.unanswered()).isTrue();
        assertThat(e.multicast()).isFalse();
        e = decode(second, 3, REPLY);
        assertThat(e.partner()).isEqualTo(1);
        assertThat(e.requestTime()).isEqualTo(1_700_000_001L * 1_000_000_000L);
        assertThat(decode(second, 4, REQUEST).unanswered()).isTrue();
    }

    @Test
    void icmpv6PairsUnderTheRequestsChecksum() {
        Decoder d = new Decoder();
        decode(d, 1, REQUEST6);
        IcmpEchoes e = decode(d, 2, REPLY6);
        assertThat(e.about(2)).isTrue();
        assertThat(e.partner()).isEqualTo(1);
        // an ICMP (v4) reply with the same identifier and sequence is not the ICMPv6 request's
        decode(d, 3, REQUEST6);
        assertThat(decode(d, 4, REPLY).partner()).isZero();
    }

    @Test
    void aReplyKeyWrapsAsTheDissectorsDo() {
        // the request's checksum 0xf7ff makes packet-icmp.c's key 0, stored as 0xffff
        assertThat(IcmpEchoes.shifted(0xf7ff, 0x0800)).isEqualTo(0xffff);
        assertThat(IcmpEchoes.shifted(0x145c, 0x0800)).isEqualTo(0x1c5c); // REQUEST → REPLY above
        assertThat(IcmpEchoes.shifted(0x853c, 0x0100)).isEqualTo(0x863c); // REPLY6 → REQUEST6
    }

    @Test
    void framesWithoutAnEchoAreNotAbout() {
        Decoder d = new Decoder();
        IcmpEchoes e = decode(d, 1, REQUEST.substring(0, (14 + 20 + 7) * 2)); // cut in the sequence number
        assertThat(e.about(2)).isFalse();
    }
}
