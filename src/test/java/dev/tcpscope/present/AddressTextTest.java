package dev.tcpscope.present;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class AddressTextTest {

    /** Expected texts are tshark 4.0.17's Source column for IPv6 packets with these sources. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
        20010db8000000000000000000000001 | 2001:db8::1
        00000000000000000000000000000001 | ::1
        00000000000000000000000000000000 | ::
        00000000000000000000ffffc0000201 | ::ffff:192.0.2.1
        000000000000000000000000c0000201 | ::192.0.2.1
        20010db8000000010000000000000000 | 2001:db8:0:1::
        20010db8000000000001000000000001 | 2001:db8::1:0:0:1
        fe800000000000000211000000000000 | fe80::211:0:0:0
        20010db8000000000001000000000000 | 2001:db8:0:0:1::
        20010db8000100000000000000000001 | 2001:db8:1::1
        20010db8aaaabbbbccccddddeeee0001 | 2001:db8:aaaa:bbbb:cccc:dddd:eeee:1
        ff020000000000000000000000000001 | ff02::1
        0000000000000000000000000000ffff | ::ffff
        00000000000000000000ffff00000000 | ::ffff:0.0.0.0
        00010000000000000000000000000000 | 1::
        20010db8000000000000000100000000 | 2001:db8::1:0:0
        """)
    void ipv6(String hex, String expected) {
        StringBuilder sb = new StringBuilder("x");
        AddressText.appendIpv6(sb, Hex.seg("ff" + hex), 1);
        assertThat(sb).hasToString("x" + expected);
    }

    @Test
    void ipv4AndMac() {
        StringBuilder sb = new StringBuilder();
        AddressText.appendIpv4(sb, Hex.seg("c0a80001ff000a"), 0);
        sb.append(' ');
        AddressText.appendIpv4(sb, Hex.seg("c0a80001ff000a"), 3);
        sb.append(' ');
        AddressText.appendMac(sb, Hex.seg("001d09f092ab"), 0);
        assertThat(sb).hasToString("192.168.0.1 1.255.0.10 00:1d:09:f0:92:ab");
    }
}
