package dev.tcpscope.proto.dns;

import dev.tcpscope.cli.CliRun;
import dev.tcpscope.tcp.AppColumns;
import dev.tcpscope.tcp.PduContext;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The DNS dissector on hostile and high-volume input, and decode-as on udp.port through the real
 * read command (what tshark prints for the captures is checked by DnsGoldenTest).
 */
class DnsTest {
    /** A message: header, then the given question bytes (a name as raw bytes, type A, class IN). */
    private static byte[] message(int id, int flags, int questions, byte[] name) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(id >> 8);
        b.write(id);
        b.write(flags >> 8);
        b.write(flags);
        b.write(0);
        b.write(questions);
        for (int i = 0; i < 6; i++) {
            b.write(0);
        }
        b.writeBytes(name);
        b.writeBytes(new byte[] {0, 1, 0, 1});
        return b.toByteArray();
    }

    private static String info(Dns dns, byte[] msg, int frame, long conversation) {
        PduContext c = new PduContext();
        AppColumns cols = new AppColumns();
        c.columns = cols;
        c.frame = frame;
        c.time = frame * 1_000_000L;
        c.datagram = true;
        c.reportedLength = msg.length;
        c.conversation = conversation;
        c.stream = -1;
        dns.dissect(MemorySegment.ofArray(msg), 0, msg.length, c);
        return cols.info().toString();
    }

    @Test
    void aQueryReadsAsTsharkWritesIt() {
        byte[] name = "\u0004shop\u0004test\u0000".getBytes(StandardCharsets.ISO_8859_1);
        assertThat(info(new Dns(Dns.Kind.DNS), message(0xa88b, 0x0100, 1, name), 1, 7))
                .isEqualTo("Standard query 0xa88b A shop.test");
        assertThat(info(new Dns(Dns.Kind.DNS), message(0xa88b, 0x8183, 1, name), 1, 7))
                .isEqualTo("Standard query response 0xa88b No such name A shop.test");
    }

    @Test
    void pointerLoopsLongLabelsAndCutNamesEndTheMessageWithoutException() {
        Dns dns = new Dns(Dns.Kind.DNS);
        // a name that points at itself: followed 256 times, then named as a loop (packet-dns.c)
        byte[] self = {(byte) 0xc0, 12};
        assertThat(info(dns, message(1, 0x0100, 1, self), 1, 1))
                .isEqualTo("Standard query 0x0001 A <Name contains a pointer that loops>");
        // two names pointing at each other, followed at most 255 times
        byte[] loop = {(byte) 0xc0, 14, (byte) 0xc0, 12};
        assertThat(info(dns, message(2, 0x0100, 2, loop), 2, 1))
                .startsWith("Standard query 0x0002").contains("<Name contains a pointer that loops>");
        // a label of 64 bytes or more has the top bits 01 or 10: an extended label or an error
        byte[] long64 = new byte[70];
        long64[0] = (byte) 0x80;
        assertThat(info(dns, message(3, 0x0100, 1, long64), 3, 1)).endsWith("[Malformed Packet]");
        // a label running past the datagram
        byte[] cut = {30, 'a', 'b'};
        byte[] msg = message(4, 0x0100, 1, cut);
        assertThat(info(dns, java.util.Arrays.copyOf(msg, 12 + 3), 4, 1)).isEqualTo("Standard query 0x0004[Malformed Packet]");
        // 65535 questions of one compressed name: work bounded by the bytes there are
        byte[] many = message(5, 0x0100, 0xff, "\u0001a\u0000".getBytes(StandardCharsets.ISO_8859_1));
        assertThat(info(dns, many, 5, 1)).endsWith("[Malformed Packet]");
    }

    @Test
    void pairingRemembersABoundedNumberOfTransactions() {
        Dns dns = new Dns(Dns.Kind.DNS);
        byte[] name = "\u0001a\u0000".getBytes(StandardCharsets.ISO_8859_1);
        int n = Dns.MAX_TRANSACTIONS + 5000;
        for (int i = 0; i < n; i++) {
            info(dns, message(i & 0xffff, 0x0100, 1, name), i + 1, i / 65536 + 1000L * (i & 7));
        }
        assertThat(dns.transactions()).isEqualTo(Dns.MAX_TRANSACTIONS);
        // the newest query is still paired with its response
        int last = n - 1;
        info(dns, message(last & 0xffff, 0x8180, 1, name), n + 1, last / 65536 + 1000L * (last & 7));
        assertThat(dns.messages(n + 1).get(0).requestFrame).isEqualTo(n);
    }

    @Test
    void decodeAsOnUdpPorts() {
        CliRun off = CliRun.of("read", "captures/zeek-dns_extended_rcode.pcap", "-d", "udp.port==53,data");
        assertThat(off.out()).contains(" UDP 73 31337 → 53 Len=45").doesNotContain("DNS");
        CliRun asDns = CliRun.of("read", "captures/pcapplusplus-Dns.pcap", "-d", "udp.port==5353,dns");
        assertThat(asDns.out()).contains("DNS 171 Standard query 0x0000 ANY Yaels-iPhone.local ANY").doesNotContain("MDNS");
        CliRun http = CliRun.of("read", "captures/pcapplusplus-Dns.pcap", "-d", "udp.port==53,http");
        assertThat(http.rc()).isEqualTo(2);
        assertThat(http.err()).startsWith("tcpscope: Unknown protocol -- \"http\" (tcpscope decodes udp.port as: ssdp, tftp, dns, mdns, llmnr, enip, quic, dhcp, dhcpv6, ntp, ptp, hsrp, bfd, bfd_echo, isakmp, nbns, rx, rpc, sip, dnp3, kerberos, snmp, radius, data)");
    }
}
