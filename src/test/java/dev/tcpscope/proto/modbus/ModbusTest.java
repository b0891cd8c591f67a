package dev.tcpscope.proto.modbus;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Modbus/TCP (packet-mbtcp.c) on captures/synth-modbus.pcap (ModbusScenarios); the expected
 * values are tshark 4.0.17's with scripts/tshark-profile.sh's profile, e.g. {@code tshark -r
 * captures/synth-modbus.pcap -Y modbus.request_frame -T fields -e frame.number -e
 * modbus.request_frame -e modbus.response_time}.
 */
class ModbusTest {
    private static final String CAPTURE = "captures/synth-modbus.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    @Test
    void infoSaysQueryOrResponseByThePortAndNamesTheFunction() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number in {8, 9, 23, 24, 91}", "-T", "fields", "-e", "_ws.col.Protocol",
                "-e", "_ws.col.Info")).containsExactly(
                "Modbus/TCP\t   Query: Trans:     3; Unit:   1, Func:   3: Read Holding Registers",
                "Modbus/TCP\tResponse: Trans:     3; Unit:   1, Func:   3: Read Holding Registers",
                "Modbus/TCP\tResponse: Trans:    10; Unit:   1, Func:   3: Read Holding Registers. Exception returned ",
                "Modbus/TCP\t   Query: Trans:    11; Unit:   1, Func:   8/  1: Return Query Data",
                "Modbus/TCP\t unknown: Trans:    40; Unit:   1, Func:   3: Read Holding Registers. Unable to classify as query or response.");
    }

    @Test
    void aResponseNumbersItsRegistersFromThePairedQuery() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 9", "-T", "fields", "-e", "modbus.request_frame",
                "-e", "modbus.response_time", "-e", "modbus.regnum16", "-e", "modbus.regval_uint16"))
                .containsExactly("8\t0.010000000\t107,108,109\t555,0,100");
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 5", "-T", "fields", "-e", "modbus.bitnum"))
                .containsExactly("16,17,18,19,20,21,22,23,24,25,26,27,28");
    }

    @Test
    void twoAdusInASegmentAndOneOverThreeSegments() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 69", "-T", "fields", "-e", "mbtcp.trans_id",
                "-e", "frame.protocols", "-e", "_ws.col.Info")).containsExactly(
                "23,24\teth:ethertype:ip:tcp:mbtcp:modbus:modbus\t   Query: Trans:    24; Unit:   2, Func:   1: Read Coils");
        assertThat(read("read", CAPTURE, "-Y", "mbtcp.trans_id == 25 && modbus.byte_cnt", "-T", "fields", "-e", "frame.number",
                "-e", "tcp.reassembled.length")).containsExactly("74\t29");
    }

    @Test
    void aRequestCutShortIsMalformedAndSegmentsThatAreNotModbusAreData() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 80", "-T", "fields", "-e", "_ws.col.Info"))
                .containsExactly("   Query: Trans:    28; Unit:   1, Func:   6: Write Single Register[Malformed Packet]");
        assertThat(read("read", CAPTURE, "-Y", "frame.number in {75, 81, 82, 83}", "-T", "fields", "-e", "frame.protocols"))
                .containsOnly("eth:ethertype:ip:tcp:data");
    }

    @Test
    void aResponseCutByTheSnapLengthStopsBeforeItsRegisters() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 68", "-T", "fields", "-e", "_ws.col.Info", "-e", "modbus.byte_cnt",
                "-e", "modbus.regnum16")).containsExactly(
                "Response: Trans:    45; Unit:   1, Func:   3: Read Holding Registers[Packet size limited during capture]\t8\t");
    }

    @Test
    void readDeviceIdentificationShowsItsObjects() {
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 35", "-T", "fields", "-e", "modbus.object_id",
                "-e", "modbus.object_str_value")).containsExactly("0,1,2\tACME,X-1,V2.1");
    }
}
