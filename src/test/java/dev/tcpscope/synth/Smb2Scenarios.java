package dev.tcpscope.synth;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Writes {@code captures/synth-smb2.pcap}: NBSS and SMB2 as packet-nbns.c and packet-smb2.c see
 * them. On port 139: a session request with its NetBIOS names, a positive and a negative
 * response, a keep-alive, a retarget response, bytes that are no NBSS header (continuation). On
 * port 445: Negotiate, Tree Connect, Create, Read, Close, Echo, Tree Disconnect and Logoff
 * requests with their responses (so file and tree names are learnt and paired), an error
 * response, an async pending response, a compound Create/GetInfo/Close request and its
 * compound response, an NBSS message split over three segments, three messages in one
 * segment, an encrypted (transform header) message, an SMB1 message (data), and damaged ones: a
 * NextCommand pointing backwards, one past the message, a StructureSize of 0xffff, a security
 * blob and a file name past the message, a header cut short, and an NBSS length past the data
 * at the end of the connection. And DCE/RPC over the named pipes srvsvc and svcctl ({@link #pipes}). Run it to remake the file; nothing here says what the result
 * should be (tshark does).
 */
public final class Smb2Scenarios {
    private final TcpSessions io;
    private long msgId;

    private Smb2Scenarios(OutputStream os) throws IOException {
        io = new TcpSessions(os, 445, n -> 49200 + n);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] le16(int v) {
        return new byte[] {(byte) v, (byte) (v >> 8)};
    }

    private static byte[] le32(long v) {
        return new byte[] {(byte) v, (byte) (v >> 8), (byte) (v >> 16), (byte) (v >> 24)};
    }

    private static byte[] le64(long v) {
        return cat(le32(v), le32(v >>> 32));
    }

    private static byte[] zeros(int n) {
        return new byte[n];
    }

    private static byte[] u16(String s) {
        return s.getBytes(StandardCharsets.UTF_16LE);
    }

    /** A direct-hosted NBSS header (type 0, 24-bit length) before {@code payload}. */
    private static byte[] nbss(byte[] payload) {
        int n = payload.length;
        return cat(new byte[] {0, (byte) (n >> 16), (byte) (n >> 8), (byte) n}, payload);
    }

    /** A 64-byte SMB2 sync header. */
    private static byte[] header(int cmd, boolean response, long status, long next, long msg, long tid, long sesid, int flags) {
        return cat(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}, le16(64), le16(1),
                response ? le32(status) : le32(0), le16(cmd), le16(response ? 1 : 31),
                le32((response ? 1 : 0) | flags), le32(next), le64(msg), le32(0xfeff), le32(tid), le64(sesid), zeros(16));
    }

    private static final long SES = 0x0000100000000041L;
    private static final long TID = 5;
    private static final byte[] FID = {0x11, 0x22, 0x33, 0x44, 0, 0, 0, 0, 0x55, 0x66, 0x77, (byte) 0x88, 0, 0, 0, 0};

    private byte[] request(int cmd, long tid, byte[] body) {
        return cat(header(cmd, false, 0, 0, ++msgId, tid, SES, 0), body);
    }

    private byte[] response(int cmd, long status, long tid, byte[] body) {
        return cat(header(cmd, true, status, 0, msgId, tid, SES, 0), body);
    }

    private static byte[] negotiateRequest() {
        return cat(le16(36), le16(2), le16(1), le16(0), le32(0x7f), zeros(16), le32(0), le16(0), le16(0),
                le16(0x0202), le16(0x0210));
    }

    private static byte[] negotiateResponse() {
        return cat(le16(65), le16(1), le16(0x0210), le16(0), zeros(16), le32(7), le32(65536), le32(65536), le32(65536),
                le64(0), le64(0), le16(128), le16(0), le32(0), new byte[0]);
    }

    private static byte[] treeConnect(String path) {
        byte[] p = u16(path);
        return cat(le16(9), le16(0), le16(72), le16(p.length), p);
    }

    private static byte[] treeConnectResponse() {
        return cat(le16(16), new byte[] {1, 0}, le32(0), le32(0), le32(0x1f01ff));
    }

    private static byte[] create(String name) {
        byte[] n = u16(name);
        return cat(le16(57), new byte[] {0, 0}, le32(2), le64(0), le64(0), le32(0x80), le32(0), le32(7), le32(1), le32(0),
                le16(120), le16(n.length), le32(0), le32(0), n.length == 0 ? new byte[1] : n);
    }

    private static byte[] createResponse() {
        return cat(le16(89), new byte[] {0, 0}, le32(1), le64(0), le64(0), le64(0), le64(0), le64(4096), le64(10),
                le32(0x20), le32(0), FID, le32(0), le32(0));
    }

    private static byte[] close() {
        return cat(le16(24), le16(0), le32(0), FID);
    }

    private static byte[] closeResponse() {
        return cat(le16(60), le16(0), le32(0), zeros(52));
    }

    private static byte[] read(int len, long off) {
        return cat(le16(49), new byte[] {0x50, 0}, le32(len), le64(off), FID, le32(0), le32(0), le32(0), le16(0), le16(0), new byte[1]);
    }

    private static byte[] readResponse(String data) {
        byte[] d = data.getBytes(StandardCharsets.US_ASCII);
        return cat(le16(17), new byte[] {80, 0}, le32(d.length), le32(0), le32(0), d);
    }

    private static byte[] getInfo(int cls, int level) {
        return cat(le16(41), new byte[] {(byte) cls, (byte) level}, le32(4096), le16(0), le16(0), le32(0), le32(0), le32(0), FID);
    }

    private static byte[] errorResponse() {
        return cat(le16(9), new byte[] {0, 0}, le32(0), new byte[1]);
    }

    private static byte[] simple() {
        return cat(le16(4), le16(0));
    }

    private void write() throws IOException {
        // NetBIOS over port 139: request, positive response, keep-alive, negative response, retarget
        io.serverPort(139);
        io.open();
        byte[] called = netbiosName("FILESERVER", 0x20);
        byte[] calling = netbiosName("WORKSTATION7", 0x00);
        byte[] names = cat(called, calling);
        io.client(cat(new byte[] {(byte) 0x81, 0, 0, (byte) names.length}, names));
        io.server(new byte[] {(byte) 0x82, 0, 0, 0});
        io.client(new byte[] {(byte) 0x85, 0, 0, 0});
        io.server(new byte[] {(byte) 0x83, 0, 0, 1, (byte) 0x82});
        io.server(new byte[] {(byte) 0x84, 0, 0, 6, 10, 0, 0, 9, 0, (byte) 139});
        io.client(nbss(request(0, 0, negotiateRequest())));
        io.client("not an NBSS header".getBytes(StandardCharsets.US_ASCII));
        io.close();

        io.serverPort(445);
        io.open();
        msgId = -1;
        io.client(nbss(request(0, 0, negotiateRequest())));
        io.server(nbss(response(0, 0, 0, negotiateResponse())));
        io.client(nbss(request(3, 0, treeConnect("\\\\fileserver\\share"))));
        io.server(nbss(response(3, 0, TID, treeConnectResponse())));
        io.client(nbss(request(5, TID, create("dir\\report.txt"))));
        io.server(nbss(response(5, 0, TID, createResponse())));
        io.client(nbss(request(8, TID, read(4096, 0))));
        io.server(nbss(response(8, 0, TID, readResponse("hello, file"))));
        io.client(nbss(request(16, TID, getInfo(1, 18))));
        io.server(nbss(response(16, 0xc0000022L, TID, errorResponse())));
        io.client(nbss(request(13, 0, simple())));
        io.server(nbss(response(13, 0, 0, simple())));
        io.client(nbss(request(6, TID, close())));
        io.server(nbss(response(6, 0, TID, closeResponse())));
        // a Create that fails, one answered async (pending first)
        io.client(nbss(request(5, TID, create("missing.txt"))));
        io.server(nbss(response(5, 0xc0000034L, TID, errorResponse())));
        io.client(nbss(request(5, TID, create("slow.txt"))));
        byte[] pending = cat(new byte[] {(byte) 0xfe, 'S', 'M', 'B'}, le16(64), le16(1), le32(0x103), le16(5), le16(1),
                le32(3), le32(0), le64(msgId), le64(0x77), le64(SES), zeros(16), errorResponse());
        io.server(nbss(pending));
        // compound: Create + GetInfo + Close, 8-byte aligned, and its compound response
        byte[] c1 = cat(header(5, false, 0, 0, ++msgId, TID, SES, 0), create("chained.txt"));
        byte[] c1p = pad8(c1);
        byte[] c2 = pad8(cat(header(16, false, 0, 0, ++msgId, TID, SES, 4), getInfo(2, 5)));
        byte[] c3 = cat(header(6, false, 0, 0, ++msgId, TID, SES, 4), close());
        io.client(nbss(cat(setNext(c1p, c1p.length), setNext(c2, c2.length), c3)));
        byte[] r1 = pad8(cat(header(5, true, 0, 0, msgId - 2, TID, SES, 0), createResponse()));
        byte[] r2 = pad8(cat(header(16, true, 0, 0, msgId - 1, TID, SES, 4), cat(le16(9), le16(72), le32(8), zeros(8))));
        byte[] r3 = cat(header(6, true, 0, 0, msgId, TID, SES, 4), closeResponse());
        io.server(nbss(cat(setNext(r1, r1.length), setNext(r2, r2.length), r3)));
        // a message over three segments, then three messages in one segment
        byte[] split = nbss(request(8, TID, read(100, 4096)));
        io.client(Arrays.copyOfRange(split, 0, 2));
        io.client(Arrays.copyOfRange(split, 2, 40));
        io.client(Arrays.copyOfRange(split, 40, split.length));
        byte[] a = nbss(response(8, 0, TID, readResponse("part one")));
        io.server(cat(a, nbss(request(13, 0, simple())), nbss(response(13, 0, 0, simple()))));
        // encrypted (transform header) and SMB1
        io.client(nbss(cat(new byte[] {(byte) 0xfd, 'S', 'M', 'B'}, zeros(16), zeros(16), le32(20), le16(0), le16(1),
                le64(SES), zeros(20))));
        io.client(nbss(cat(new byte[] {(byte) 0xff, 'S', 'M', 'B', 0x72}, zeros(27), new byte[] {0, 2, 0})));
        io.client(nbss(request(4, TID, simple())));
        io.server(nbss(response(4, 0, TID, simple())));
        io.client(nbss(request(2, 0, simple())));
        io.server(nbss(response(2, 0, 0, simple())));
        io.close();

        pipes();

        // damaged messages
        io.open();
        msgId = 10;
        byte[] back = cat(header(13, false, 0, 8, ++msgId, 0, SES, 0), simple());
        io.client(nbss(back));
        byte[] past = pad8(cat(header(13, false, 0, 0, ++msgId, 0, SES, 0), simple()));
        io.client(nbss(setNext(past, 4000)));
        io.client(nbss(request(13, 0, cat(le16(0xffff), le16(0)))));
        io.client(nbss(request(1, 0, cat(le16(25), new byte[] {0, 1}, le32(1), le32(0), le16(88), le16(1000), le64(0),
                "NTLMSSP\0".getBytes(StandardCharsets.US_ASCII)))));
        io.client(nbss(request(5, TID, cat(create("x").length > 0 ? Arrays.copyOf(create("x"), 56) : new byte[0]))));
        byte[] longName = create("abc");
        longName[46] = (byte) 200; // NameLength 200, past the message
        io.client(nbss(request(5, TID, longName)));
        io.client(nbss(Arrays.copyOf(header(0, false, 0, 0, ++msgId, 0, 0, 0), 30)));
        io.client(cat(new byte[] {0, 0, 0x10, 0}, request(13, 0, simple())));
        io.close();
        io.done();
    }

    private static final byte[] PIPE_FID = {0x21, 0x43, 0x65, (byte) 0x87, 0, 0, 0, 0, 0x12, 0x34, 0x56, 0x78, 0, 0, 0, 0};
    private static final long IPC_TID = 9;

    /** A DCE/RPC connection-oriented PDU: the 16-byte header (little-endian NDR), then {@code body}. */
    private static byte[] rpc(int ptype, long callId, byte[] body) {
        return cat(new byte[] {5, 0, (byte) ptype, 3, 0x10, 0, 0, 0}, le16(16 + body.length), le16(0), le32(callId), body);
    }

    /** SRVSVC 3.0's UUID and NDR's, as a bind carries them (the first three fields little-endian). */
    private static final byte[] SRVSVC = {(byte) 0xc8, 0x4f, 0x32, 0x4b, 0x70, 0x16, (byte) 0xd3, 0x01, 0x12, 0x78, 0x5a, 0x47,
        (byte) 0xbf, 0x6e, (byte) 0xe1, (byte) 0x88};
    private static final byte[] NDR = {0x04, 0x5d, (byte) 0x88, (byte) 0x8a, (byte) 0xeb, 0x1c, (byte) 0xc9, 0x11, (byte) 0x9f,
        (byte) 0xe8, 0x08, 0x00, 0x2b, 0x10, 0x48, 0x60};

    private static byte[] writeRequest(byte[] fid, byte[] data) {
        return cat(le16(49), le16(112), le32(data.length), le64(0), fid, le32(0), le32(0), le16(0), le16(0), le32(0), data);
    }

    private static byte[] writeResponse(int count) {
        return cat(le16(17), le16(0), le32(count), le32(0), le16(0), le16(0));
    }

    private static byte[] readRequest(byte[] fid, int len) {
        return cat(le16(49), new byte[] {0x50, 0}, le32(len), le64(0), fid, le32(0), le32(0), le32(0), le16(0), le16(0), new byte[1]);
    }

    private static byte[] readResponse(byte[] data) {
        return cat(le16(17), new byte[] {80, 0}, le32(data.length), le32(0), le32(0), data);
    }

    private static byte[] transceive(byte[] fid, byte[] in) {
        return cat(le16(57), le16(0), le32(0x0011c017L), fid, le32(120), le32(in.length), le32(0), le32(120), le32(0), le32(4280),
                le32(1), le32(0), in);
    }

    private static byte[] transceiveResponse(byte[] fid, byte[] out) {
        return cat(le16(49), le16(0), le32(0x0011c017L), fid, le32(112), le32(0), le32(112), le32(out.length), le32(0), le32(0), out);
    }

    private static byte[] createResponse(byte[] fid) {
        return cat(le16(89), new byte[] {0, 0}, le32(1), le64(0), le64(0), le64(0), le64(0), le64(4096), le64(0),
                le32(0x80), le32(0), fid, le32(0), le32(0));
    }

    /**
     * DCE/RPC over the named pipe srvsvc of IPC$ (packet-smb2.c's pipe data, DCE/RPC's dcerpc_smb2
     * heuristic): a Bind by Write and its Bind_ack by Read; a Request by FSCTL_PIPE_TRANSCEIVE
     * answered with the first 40 bytes of a 100-byte Response (STATUS_BUFFER_OVERFLOW), whose
     * rest a Read brings (the pipe's reassembly); two Requests in one Write and two Responses in
     * one Read; bytes that are no DCE/RPC on the pipe (data).
     */
    private void pipes() throws IOException {
        io.open();
        msgId = 100;
        io.client(nbss(request(3, 0, treeConnect("\\\\fileserver\\IPC$"))));
        io.server(nbss(response(3, 0, IPC_TID, cat(le16(16), new byte[] {2, 0}, le32(0x30), le32(0), le32(0x1f01ff)))));
        io.client(nbss(request(5, IPC_TID, create("srvsvc"))));
        io.server(nbss(response(5, 0, IPC_TID, createResponse(PIPE_FID))));
        byte[] bind = rpc(11, 1, cat(le16(4280), le16(4280), le32(0), new byte[] {1, 0, 0, 0},
                le16(0), new byte[] {1, 0}, SRVSVC, le16(3), le16(0), NDR, le32(2)));
        io.client(nbss(request(9, IPC_TID, writeRequest(PIPE_FID, bind))));
        io.server(nbss(response(9, 0, IPC_TID, writeResponse(bind.length))));
        byte[] secAddr = "\\PIPE\\srvsvc\0".getBytes(StandardCharsets.US_ASCII);
        byte[] ackHead = cat(le16(4280), le16(4280), le32(0x1234), le16(secAddr.length), secAddr);
        byte[] ack = rpc(12, 1, cat(ackHead, zeros((4 - (16 + ackHead.length) % 4) % 4), new byte[] {1, 0, 0, 0},
                le16(0), le16(0), NDR, le32(2)));
        io.client(nbss(request(8, IPC_TID, readRequest(PIPE_FID, 4280))));
        io.server(nbss(response(8, 0, IPC_TID, readResponse(ack))));
        // operations SRVSVC has no function for (60, 61: no NDR body to read), so the stubs can be anything
        // a request by transceive, its 100-byte response over the ioctl and a read
        byte[] req = rpc(0, 2, cat(le32(8), le16(0), le16(60), zeros(8)));
        io.client(nbss(request(11, IPC_TID, transceive(PIPE_FID, req))));
        byte[] resp = rpc(2, 2, cat(le32(76), le16(0), new byte[] {0, 0}, zeros(76)));
        io.server(nbss(response(11, 0x80000005L, IPC_TID, transceiveResponse(PIPE_FID, Arrays.copyOf(resp, 40)))));
        io.client(nbss(request(8, IPC_TID, readRequest(PIPE_FID, 1024))));
        io.server(nbss(response(8, 0, IPC_TID, readResponse(Arrays.copyOfRange(resp, 40, resp.length)))));
        // two requests in one write, two responses in one read
        byte[] two = cat(rpc(0, 3, cat(le32(4), le16(0), le16(61), zeros(4))), rpc(0, 4, cat(le32(4), le16(0), le16(61), zeros(4))));
        io.client(nbss(request(9, IPC_TID, writeRequest(PIPE_FID, two))));
        io.server(nbss(response(9, 0, IPC_TID, writeResponse(two.length))));
        byte[] answers = cat(rpc(2, 3, cat(le32(4), le16(0), new byte[] {0, 0}, zeros(4))),
                rpc(2, 4, cat(le32(4), le16(0), new byte[] {0, 0}, zeros(4))));
        io.client(nbss(request(8, IPC_TID, readRequest(PIPE_FID, 1024))));
        io.server(nbss(response(8, 0, IPC_TID, readResponse(answers))));
        // bytes that are no DCE/RPC
        io.client(nbss(request(9, IPC_TID, writeRequest(PIPE_FID, "not a PDU".getBytes(StandardCharsets.US_ASCII)))));
        io.server(nbss(response(9, 0, IPC_TID, writeResponse(9))));
        io.client(nbss(request(6, IPC_TID, cat(le16(24), le16(0), le32(0), PIPE_FID))));
        io.server(nbss(response(6, 0, IPC_TID, closeResponse())));
        // the service control manager, as PsExec reaches it: OpenSCManagerW names the handle its
        // response opens, CloseServiceHandle shows that name (and "(null)" for one never opened)
        io.client(nbss(request(5, IPC_TID, create("svcctl"))));
        io.server(nbss(response(5, 0, IPC_TID, createResponse(SVC_FID))));
        byte[] svcBind = rpc(11, 1, cat(le16(4280), le16(4280), le32(0), new byte[] {1, 0, 0, 0},
                le16(0), new byte[] {1, 0}, SVCCTL, le16(2), le16(0), NDR, le32(2)));
        io.client(nbss(request(11, IPC_TID, transceive(SVC_FID, svcBind))));
        byte[] svcAck = rpc(12, 1, cat(le16(4280), le16(4280), le32(0x5678), le16(0), new byte[2], new byte[] {1, 0, 0, 0},
                le16(0), le16(0), NDR, le32(2)));
        io.server(nbss(response(11, 0, IPC_TID, transceiveResponse(SVC_FID, svcAck))));
        byte[] host = u16("\\\\HOST\0");
        byte[] open = rpc(0, 2, cat(le32(40), le16(0), le16(15), le32(0x20000), le32(host.length / 2), le32(0),
                le32(host.length / 2), host, zeros((4 - host.length % 4) % 4), le32(0), le32(0xf003f)));
        io.client(nbss(request(11, IPC_TID, transceive(SVC_FID, open))));
        byte[] handle = cat(le32(0), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16});
        io.server(nbss(response(11, 0, IPC_TID, transceiveResponse(SVC_FID,
                rpc(2, 2, cat(le32(24), le16(0), new byte[] {0, 0}, handle, le32(0)))))));
        io.client(nbss(request(11, IPC_TID, transceive(SVC_FID, rpc(0, 3, cat(le32(20), le16(0), le16(0), handle))))));
        io.server(nbss(response(11, 0, IPC_TID, transceiveResponse(SVC_FID,
                rpc(2, 3, cat(le32(24), le16(0), new byte[] {0, 0}, zeros(20), le32(0)))))));
        byte[] other = cat(le32(0), zeros(15), new byte[] {(byte) 0x99});
        io.client(nbss(request(11, IPC_TID, transceive(SVC_FID, rpc(0, 4, cat(le32(20), le16(0), le16(0), other))))));
        io.close();
    }

    private static final byte[] SVC_FID = {0x31, 0x42, 0x53, 0x64, 0, 0, 0, 0, 0x75, 0x06, 0x17, 0x28, 0, 0, 0, 0};
    /** SVCCTL 2.0's UUID as a bind carries it. */
    private static final byte[] SVCCTL = {(byte) 0x81, (byte) 0xbb, 0x7a, 0x36, 0x44, (byte) 0x98, (byte) 0xf1, 0x35, (byte) 0xad,
        0x32, (byte) 0x98, (byte) 0xf0, 0x38, 0x00, 0x10, 0x03};

    /** Pads to a multiple of 8 (compound PDUs are 8-byte aligned). */
    private static byte[] pad8(byte[] p) {
        return Arrays.copyOf(p, (p.length + 7) & ~7);
    }

    /** Sets the header's NextCommand. */
    private static byte[] setNext(byte[] p, long next) {
        byte[] c = p.clone();
        System.arraycopy(le32(next), 0, c, 20, 4);
        return c;
    }

    /** A NetBIOS name in first-level encoding (RFC 1001 §14.1): 32 letters, then the root label. */
    private static byte[] netbiosName(String name, int type) {
        byte[] raw = Arrays.copyOf((name + "               ").substring(0, 15).getBytes(StandardCharsets.US_ASCII), 16);
        raw[15] = (byte) type;
        byte[] out = new byte[34];
        out[0] = 32;
        for (int i = 0; i < 16; i++) {
            out[1 + 2 * i] = (byte) ('A' + ((raw[i] >> 4) & 0xf));
            out[2 + 2 * i] = (byte) ('A' + (raw[i] & 0xf));
        }
        return out;
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: Smb2Scenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            new Smb2Scenarios(os).write();
        }
    }
}
