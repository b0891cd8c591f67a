package dev.tcpscope.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

/**
 * ARP bodies built by hand; the expected title details are the parentheses tshark 4.0.17 put
 * after "Address Resolution Protocol" for the same bytes (as the whole packet and cut by the
 * snap length).
 */
class ArpTest {
    private static final String WHO_HAS = "0001080006040001 001122334455 01020304 000000000000 01020305";

    private static String title(String body, int cap, int rep) {
        MemorySegment s = Fixtures.seg(body);
        return Arp.titleDetail(s, 0, cap, rep);
    }

    @Test
    void fieldsAndLength() {
        MemorySegment s = Fixtures.seg(WHO_HAS);
        assertThat(Arp.hardwareType(s, 0)).isEqualTo(1);
        assertThat(Arp.protocolType(s, 0)).isEqualTo(0x0800);
        assertThat(Arp.hardwareSize(s, 0)).isEqualTo(6);
        assertThat(Arp.protocolSize(s, 0)).isEqualTo(4);
        assertThat(Arp.opcode(s, 0)).isEqualTo(1);
        assertThat(Arp.length(s, 0)).isEqualTo(28);
    }

    @Test
    void requestKinds() {
        assertThat(title(WHO_HAS, 28, 28)).isEqualTo("request");
        assertThat(title("0001080006040001 001122334455 01020304 001122334455 01020304", 28, 28))
                .isEqualTo("request/gratuitous ARP");
        assertThat(title("0001080006040001 001122334455 01020304 000000000000 01020304", 28, 28))
                .isEqualTo("ARP Announcement");
        assertThat(title("0001080006040001 001122334455 00000000 000000000000 01020305", 28, 28))
                .isEqualTo("ARP Probe");
        assertThat(title("0001080006040002 001122334455 01020304 001122334455 01020304", 28, 28))
                .isEqualTo("reply/gratuitous ARP");
    }

    @Test
    void opcodeNames() {
        assertThat(title("0001080006040007 001122334455 01020304 000000000000 01020305", 28, 28))
                .isEqualTo("drarp error");
        assertThat(title("0001080006040064 001122334455 01020304 000000000000 01020305", 28, 28))
                .isEqualTo("opcode 0x0064");
        assertThat(title("000108000604ffff 001122334455 01020304 000000000000 01020305", 28, 28))
                .isEqualTo("reserved");
    }

    @Test
    void cutPacketsHaveNoDetailOnceInfoReadsFail() {
        // a request compares the protocol addresses: all of it must be captured
        assertThat(title(WHO_HAS, 27, 28)).isNull();
        assertThat(title(WHO_HAS, 7, 28)).isNull();
        // shorter on the wire than its sizes say: packet-arp.c cannot shrink it to its length
        assertThat(title(WHO_HAS, 16, 16)).isNull();
        // a DRARP error or an unknown opcode reads no address for Info
        assertThat(title("0001080006040007 001122334455 01020304 000000000000 01020305", 16, 28))
                .isEqualTo("drarp error");
        assertThat(title("0001080006040064 001122334455 01020304 000000000000 01020305", 16, 28))
                .isEqualTo("opcode 0x0064");
        // a reverse request reads the target hardware address
        assertThat(title("0001080006040003 001122334455 01020304 000000000000 01020305", 23, 28)).isNull();
        assertThat(title("0001080006040003 001122334455 01020304 000000000000 01020305", 24, 28))
                .isEqualTo("reverse request");
    }
}
