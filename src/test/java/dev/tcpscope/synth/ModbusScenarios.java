package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code captures/synth-modbus.pcap}: Modbus/TCP on port 502 covering packet-mbtcp.c:
 * read coils and discrete inputs (1, 2), read holding and input registers (3, 4), write single
 * coil and register (5, 6), write multiple coils and registers (15, 16), read/write registers
 * (23), an exception response, diagnostics (8) with several subfunctions, read device
 * identification (43/14) with its objects, report slave ID (17), mask write (22), file records
 * (20, 21), FIFO queue (24), event logs, an unknown MEI type, exceptions with unknown codes, two ADUs in one
 * segment both ways, an ADU split over three segments, a response whose byte count does not fit,
 * a request cut short (malformed), a response cut by the snap length, a segment too short to be Modbus, a protocol identifier that
 * is not 0, and a connection whose ports are both 502 (neither query nor response). Run it
 * to remake the file; nothing here says what the result should be (tshark does).
 */
public final class ModbusScenarios {
    private final TcpSessions io;

    private ModbusScenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 502, n -> n == 2 ? 502 : 43000 + n);
    }

    /** An ADU: MBAP header (transaction, protocol 0, length, unit) and the PDU bytes. */
    private static byte[] adu(int trans, int unit, int... pdu) {
        return aduP(trans, 0, unit, pdu.length + 1, pdu);
    }

    private static byte[] aduP(int trans, int proto, int unit, int len, int... pdu) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        o.write(trans >> 8);
        o.write(trans);
        o.write(proto >> 8);
        o.write(proto);
        o.write(len >> 8);
        o.write(len);
        o.write(unit);
        for (int b : pdu) {
            o.write(b);
        }
        return o.toByteArray();
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private void write() throws IOException {
        io.open();
        io.client(adu(1, 1, 0x01, 0x00, 0x10, 0x00, 0x0d));
        io.server(adu(1, 1, 0x01, 0x02, 0xa5, 0x1b));
        io.client(adu(2, 1, 0x02, 0x00, 0x00, 0x00, 0x05));
        io.server(adu(2, 1, 0x02, 0x01, 0x13));
        io.client(adu(3, 1, 0x03, 0x00, 0x6b, 0x00, 0x03));
        io.server(adu(3, 1, 0x03, 0x06, 0x02, 0x2b, 0x00, 0x00, 0x00, 0x64));
        io.client(adu(4, 1, 0x04, 0x00, 0x08, 0x00, 0x01));
        io.server(adu(4, 1, 0x04, 0x02, 0xff, 0xfe));
        io.client(adu(5, 1, 0x05, 0x00, 0xac, 0xff, 0x00));
        io.server(adu(5, 1, 0x05, 0x00, 0xac, 0xff, 0x00));
        io.client(adu(6, 1, 0x06, 0x00, 0x01, 0x00, 0x03));
        io.server(adu(6, 1, 0x06, 0x00, 0x01, 0x00, 0x03));
        io.client(adu(7, 1, 0x0f, 0x00, 0x13, 0x00, 0x0a, 0x02, 0xcd, 0x01));
        io.server(adu(7, 1, 0x0f, 0x00, 0x13, 0x00, 0x0a));
        io.client(adu(8, 1, 0x10, 0x00, 0x01, 0x00, 0x02, 0x04, 0x00, 0x0a, 0x01, 0x02));
        io.server(adu(8, 1, 0x10, 0x00, 0x01, 0x00, 0x02));
        io.client(adu(9, 1, 0x17, 0x00, 0x03, 0x00, 0x06, 0x00, 0x0e, 0x00, 0x03, 0x06, 0x00, 0xff, 0x00, 0xff, 0x00, 0xff));
        io.server(adu(9, 1, 0x17, 0x0c, 0x00, 0xfe, 0x0a, 0xcd, 0x00, 0x01, 0x00, 0x03, 0x00, 0x0d, 0x00, 0xff));
        // an exception response
        io.client(adu(10, 1, 0x03, 0x27, 0x10, 0x00, 0x01));
        io.server(adu(10, 1, 0x83, 0x02));
        // diagnostics
        io.client(adu(11, 1, 0x08, 0x00, 0x00, 0xa5, 0x37));
        io.server(adu(11, 1, 0x08, 0x00, 0x00, 0xa5, 0x37));
        io.client(adu(12, 1, 0x08, 0x00, 0x01, 0xff, 0x00));
        io.server(adu(12, 1, 0x08, 0x00, 0x01, 0xff, 0x00));
        io.client(adu(13, 1, 0x08, 0x00, 0x02, 0x00, 0x00));
        io.server(adu(13, 1, 0x08, 0x00, 0x02, 0x12, 0x34));
        io.client(adu(14, 1, 0x08, 0x00, 0x0b, 0x00, 0x00));
        io.server(adu(14, 1, 0x08, 0x00, 0x0b, 0x00, 0x2a));
        io.client(adu(15, 1, 0x08, 0x00, 0x63, 0x00, 0x00));
        io.server(adu(15, 1, 0x88, 0x01));
        // read device identification
        io.client(adu(16, 1, 0x2b, 0x0e, 0x01, 0x00));
        io.server(adu(16, 1, 0x2b, 0x0e, 0x01, 0x81, 0x00, 0x00, 0x03,
                0x00, 0x04, 'A', 'C', 'M', 'E', 0x01, 0x03, 'X', '-', '1', 0x02, 0x04, 'V', '2', '.', '1'));
        io.client(adu(17, 1, 0x2b, 0x0e, 0x04, 0x80));
        io.server(adu(17, 1, 0x2b, 0x0e, 0x04, 0x83, 0x00, 0x00, 0x01, 0x80, 0x03, 0x01, 0x02, 0x03));
        // report slave ID, mask write register, read exception status, comm event counters
        io.client(adu(18, 1, 0x11));
        io.server(adu(18, 1, 0x11, 0x03, 0x0a, 0xff, 0x00));
        io.client(adu(19, 1, 0x16, 0x00, 0x04, 0x00, 0xf2, 0x00, 0x25));
        io.server(adu(19, 1, 0x16, 0x00, 0x04, 0x00, 0xf2, 0x00, 0x25));
        io.client(adu(20, 1, 0x07));
        io.server(adu(20, 1, 0x07, 0x6d));
        io.client(adu(21, 1, 0x0b));
        io.server(adu(21, 1, 0x0b, 0xff, 0xff, 0x01, 0x08));
        io.client(adu(22, 1, 0x0c));
        io.server(adu(22, 1, 0x0c, 0x08, 0x00, 0x00, 0x01, 0x08, 0x01, 0x21, 0x20, 0x00));
        // file records, FIFO queue, an event log with receive and send events, an unknown MEI type
        io.client(adu(33, 1, 0x14, 0x0e, 0x06, 0x00, 0x04, 0x00, 0x01, 0x00, 0x02, 0x06, 0x00, 0x03, 0x00, 0x09, 0x00, 0x02));
        io.server(adu(33, 1, 0x14, 0x0c, 0x05, 0x06, 0x0d, 0xfe, 0x00, 0x20, 0x05, 0x06, 0x33, 0xcd, 0x00, 0x40));
        io.client(adu(34, 1, 0x15, 0x0d, 0x06, 0x00, 0x04, 0x00, 0x07, 0x00, 0x03, 0x06, 0xaf, 0x04, 0xbe, 0x10, 0x0d));
        io.server(adu(34, 1, 0x15, 0x0d, 0x06, 0x00, 0x04, 0x00, 0x07, 0x00, 0x03, 0x06, 0xaf, 0x04, 0xbe, 0x10, 0x0d));
        io.client(adu(35, 1, 0x18, 0x04, 0xde));
        io.server(adu(35, 1, 0x18, 0x00, 0x06, 0x00, 0x02, 0x01, 0xb8, 0x12, 0x84));
        io.client(adu(36, 1, 0x0c));
        io.server(adu(36, 1, 0x0c, 0x0a, 0x12, 0x34, 0x00, 0x05, 0x00, 0x09, 0xf2, 0x4f, 0x04, 0x00));
        io.client(adu(37, 1, 0x2b, 0x0d, 0x01, 0x02, 0x03));
        io.server(adu(37, 1, 0x2b, 0x0d, 0x01, 0x02, 0x03));
        io.client(adu(38, 1, 0x08, 0x00, 0x03, 0x0a, 0x00));
        io.server(adu(38, 1, 0x08, 0x00, 0x0a, 0x00, 0x00));
        io.server(adu(38, 1, 0x81, 0x00));
        io.server(adu(39, 1, 0x99, 0x0c));
        // an ADU whose length leaves no function code after a good one, in one segment
        io.client(cat(adu(41, 1, 0x03, 0x00, 0x00, 0x00, 0x01), aduP(42, 0, 1, 1)));
        // a response of coils with more bytes than its query asked bits for, registers of an odd byte count
        io.client(adu(43, 1, 0x01, 0x00, 0x00, 0x00, 0x03));
        io.server(adu(43, 1, 0x01, 0x03, 0xff, 0xff, 0xff));
        io.client(adu(44, 1, 0x04, 0x00, 0x00, 0x00, 0x02));
        io.server(adu(44, 1, 0x04, 0x03, 0x00, 0x01, 0x02));
        // a response cut by the snap length
        io.client(adu(45, 1, 0x03, 0x00, 0x00, 0x00, 0x04));
        io.send(false, TcpSessions.PSH | TcpSessions.ACK, 0, adu(45, 1, 0x03, 0x08, 0, 1, 0, 2, 0, 3, 0, 4), 12);
        // two ADUs in one segment, both ways
        io.client(cat(adu(23, 1, 0x03, 0x00, 0x00, 0x00, 0x01), adu(24, 2, 0x01, 0x00, 0x00, 0x00, 0x03)));
        io.server(cat(adu(23, 1, 0x03, 0x02, 0x00, 0x7b), adu(24, 2, 0x01, 0x01, 0x05)));
        // an ADU split over three segments
        byte[] big = adu(25, 1, 0x03, 0x14, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20);
        io.client(adu(25, 1, 0x03, 0x00, 0x00, 0x00, 0x0a));
        io.server(java.util.Arrays.copyOfRange(big, 0, 10));
        io.server(java.util.Arrays.copyOfRange(big, 10, 20));
        io.server(java.util.Arrays.copyOfRange(big, 20, big.length));
        io.server(new byte[] {0, 25, 0, 0});
        // a response whose byte count does not fit, an unknown function
        io.client(adu(26, 1, 0x03, 0x00, 0x00, 0x00, 0x04));
        io.server(adu(26, 1, 0x03, 0x08, 0x00, 0x01));
        io.client(adu(27, 1, 0x41, 0x01, 0x02));
        io.server(adu(27, 1, 0x41, 0x01, 0x02));
        // a request cut short, a short segment, a protocol identifier not 0, a length below 2
        io.client(adu(28, 1, 0x06, 0x00));
        io.client(new byte[] {0, 29, 0, 0, 0, 2, 1});
        io.client(aduP(30, 1, 1, 6, 0x03, 0x00, 0x00, 0x00, 0x01));
        io.client(aduP(31, 0, 1, 1, 0x03, 0x00, 0x00, 0x00, 0x01));
        // an MBAP length larger than the segment, then FIN
        io.client(aduP(32, 0, 1, 40, 0x10, 0x00, 0x01, 0x00, 0x02));
        io.close();

        // a connection whose ports are both 502: neither query nor response
        io.open();
        io.client(adu(40, 1, 0x03, 0x00, 0x00, 0x00, 0x01));
        io.server(adu(40, 1, 0x03, 0x02, 0x00, 0x01));
        io.close();
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: ModbusScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            ModbusScenarios s = new ModbusScenarios(os);
            s.write();
            s.io.done();
        }
    }
}
