package dev.tcpscope.tcp;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.HexFormat;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A TCP segment whose IPv6 datagram carries a Mobile IPv6 Home Address option comes from the
 * home address (RFC 6275 §6.3; packet-ipv6.c sets pinfo->src), so it is not in the conversation
 * of a segment from the header's source with the same ports. tshark 4.0.17 on these two raw
 * IPv6 frames: tcp.stream 0 and 1, and the second SYN is no retransmission.
 */
class HomeAddressStreamTest {
    private static final String SRC = "20010db8000000000000000000000001";
    private static final String DST = "20010db8000000000000000000000002";
    private static final String HOME = "20010db8000000000000000000000009";
    /** SYN 5000 -> 80, seq 1, window 1000, no options (checksum not checked). */
    private static final String SYN = "138800500000000100000000500203e800000000";

    private static byte[] frame(String hex) {
        return HexFormat.of().parseHex(hex);
    }

    private static TcpRecord decode(Decoder d, long number, byte[] b) {
        Frame f = new Frame();
        f.set(number, 1_700_000_000L + number, 0, 9, LinkType.IPV6, 0, MemorySegment.ofArray(b), 0, b.length, b.length);
        d.decode(f);
        return d.tcp();
    }

    @Test
    void aHomeAddressMakesAConversationOfItsOwn() {
        // destination options (next header TCP, 24 bytes): home address option, PadN
        byte[] fromHome = frame("600000000030" + "3c40" + SRC + DST + "0602" + "c910" + HOME + "01020000" + SYN);
        byte[] plain = frame("600000000014" + "0640" + SRC + DST + SYN);
        Decoder d = new Decoder();
        assertThat(decode(d, 1, fromHome).stream).isZero(); // the record is reused: read it at once
        TcpRecord second = decode(d, 2, plain);
        assertThat(second.stream).isEqualTo(1);
        assertThat(second.analysisFlags).isZero();
    }
}
