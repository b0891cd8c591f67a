package dev.tcpscope.proto.enip;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * EtherNet/IP and CIP (packet-enip.c, packet-cip.c) on captures/synth-enip.pcap (EnipScenarios)
 * and the two gopacket captures; the expected values are tshark 4.0.17's with
 * scripts/tshark-profile.sh's profile, e.g. {@code tshark -r captures/synth-enip.pcap -Y
 * enip.response_to -T fields -e frame.number -e enip.response_to -e enip.time}.
 */
class EnipTest {
    private static final String SYNTH = "captures/synth-enip.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void responsesArePairedWithTheirRequests() {
        assertThat(read("read", SYNTH, "-Y", "enip.response_to", "-T", "fields", "-e", "frame.number", "-e", "enip.response_to",
                "-e", "enip.time")).startsWith("14\t13\t0.010000000", "16\t15\t0.010000000")
                .contains("28\t27\t0.010000000", "30\t29,29\t0.010000000,0.010000000").hasSize(9);
        assertThat(read("read", SYNTH, "-2", "-Y", "enip.response_in", "-T", "fields", "-e", "frame.number", "-e", "enip.response_in"))
                .startsWith("13\t14", "15\t16").endsWith("29\t30,30");
    }

    @Test
    void infoAndProtocolAsTsharkWritesThem() {
        assertThat(read("read", SYNTH, "-Y", "frame.number==5 || frame.number==7 || frame.number==13 || frame.number==14 || frame.number==27"
                + " || frame.number==28 || frame.number==29 || frame.number==35", "-T", "fields", "-e", "_ws.col.Protocol",
                "-e", "_ws.col.Info")).containsExactly(
                "ENIP\tList Services (Rsp), Communications",
                "ENIP\tList Identity (Rsp), 1756-EN2T/B  ",
                "CIP PCCC\tPCCC Class - Execute PCCC - Diagnostic status",
                "CIP PCCC\tSuccess: PCCC Class - Execute PCCC",
                "CIP\tMessage Router - Multiple Service Packet: [Malformed Packet]",
                "CIP\tSuccess: Multiple Service Packet: Service (0x4c), Service (0x4c), Get Attribute Single",
                "CIP\tIdentity - Get Attribute Single | Identity - Get Attribute Single",
                "ENIP\tUnknown Command (0x00c9) (Req)");
    }

    @Test
    void badMessagesAreMarkedAsTsharkMarksThem() {
        assertThat(read("read", SYNTH, "-Y", "frame.number >= 44 && frame.number <= 47", "-T", "fields", "-e", "_ws.col.Info",
                "-e", "frame.protocols")).containsExactly(
                "Identity - Get Attribute Single[Malformed Packet: length of contained item exceeds length of containing item]"
                        + "\teth:ethertype:ip:tcp:enip:cip",
                "Send RR Data (Req)\teth:ethertype:ip:tcp:enip",
                "Send RR Data (Req)[Packet size limited during capture]\teth:ethertype:ip:tcp:enip",
                "51002 → 44818 [PSH, ACK] Seq=157 Ack=1 Win=65000 Len=1\teth:ethertype:ip:tcp:data");
    }

    @Test
    void pcccRequestTreeAndAnUnpairedAnswer() {
        List<String> v = read("read", "captures/gopacket-cip-2000.pcap", "-V", "-Y", "frame.number == 1");
        assertThat(v.subList(v.indexOf("CIP PCCC Object"), v.size())).startsWith("CIP PCCC Object",
                "    Service: Execute PCCC (Request)", "        0... .... = Request/Response: Request (0x0)",
                "        .100 1011 = Service: Execute PCCC (0x4b)", "    Requestor ID", "        Requestor ID Length: 0x07",
                "        CIP Vendor ID: 0x004d", "        CIP Serial Number: 0x07aa23d3", "    PCCC Command Data",
                "        Command Code: 0x06", "        Status: Success (0x00)", "        Transaction Code: 0xb1d7",
                "        Function Code: Diagnostic status (0x03)");
        assertThat(read("read", "captures/gopacket-cip-2000.pcap", "-Y", "frame.number == 1594", "-T", "fields", "-e", "_ws.col.Protocol",
                "-e", "_ws.col.Info", "-e", "frame.protocols"))
                .containsExactly("CIP\t[TCP ACKed unseen segment]  | Success: Service (0x4b)\teth:ethertype:ip:tcp:enip:cip:cipcls");
    }

    @Test
    void multipleServicePacketsAndFilters() {
        assertThat(read("read", "captures/gopacket-ethernetIP.pcap", "-Y", "cip.msp.num_services > 10")).hasSize(17);
        assertThat(read("read", "captures/gopacket-ethernetIP.pcap", "-Y", "frame.number == 1", "-T", "fields", "-e", "cip.msp.offset",
                "-e", "cip.class", "-e", "enip.cpf.cai.connid")).containsExactly("6,18,6,18\t0x02,0x72,0x72\t0x00351309");
    }
}
