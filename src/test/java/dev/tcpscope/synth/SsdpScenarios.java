package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static dev.tcpscope.synth.RawPackets.*;

/**
 * Writes {@code captures/synth-ssdp.pcap}: SSDP datagrams on udp.port 1900 for the parts of
 * packet-http.c's {@code dissect_ssdp} a home network's capture rarely shows together. The
 * goldens are made from it by the scripts like from any other capture.
 *
 * <pre>
 * java -cp target/test-classes:target/classes dev.tcpscope.synth.SsdpScenarios captures/synth-ssdp.pcap
 * </pre>
 *
 * Frames: an M-SEARCH to the multicast group and a device's unicast answer (two conversations,
 * so no pairing); an M-SEARCH sent straight to the device, its answer and a repeated answer
 * (one conversation: paired, then an answer without a request); NOTIFY alive and byebye, over
 * IPv4 and IPv6; an M-SEARCH with a Content-Length body and one with a chunked body; a last
 * header line with no line end; a datagram of bytes that are not text, and one of text that is
 * not HTTP; a request with a Connection header; a request cut by the snap length in its headers, one
 * whose Content-Length runs past the datagram, and one whose body the snap length cuts.
 */
public final class SsdpScenarios {
    private static final long START = 1_700_000_000_000_000_000L;
    private static final byte[] CLIENT = {(byte) 192, (byte) 168, 1, 10};
    private static final byte[] DEVICE = {(byte) 192, (byte) 168, 1, 20};
    private static final byte[] GROUP = {(byte) 239, (byte) 255, (byte) 255, (byte) 250};
    private static final byte[] LINK_LOCAL = hex("fe800000000000000000000000000010");
    private static final byte[] GROUP6 = hex("ff02000000000000000000000000000c");

    private final PcapWriter out;
    private long frames;

    private SsdpScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, false);
    }

    private void write(byte[] frame, int captured) throws IOException {
        out.write(START + frames++ * 250_000_000L, frame, 0, captured, frame.length);
    }

    private void udp(byte[] src, int sport, byte[] dst, int dport, String text) throws IOException {
        udp(src, sport, dst, dport, text, Integer.MAX_VALUE);
    }

    private void udp(byte[] src, int sport, byte[] dst, int dport, String text, int captured) throws IOException {
        byte[] frame = ethernet(0x0800, ipv4(17, src, dst, udp4(sport, dport, text.getBytes(StandardCharsets.ISO_8859_1))));
        write(frame, Math.min(captured, frame.length));
    }

    private static final String SEARCH = "M-SEARCH * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nMAN: \"ssdp:discover\"\r\n"
            + "MX: 2\r\nST: upnp:rootdevice\r\nUSER-AGENT: tcpscope/1 UPnP/1.1 test/1\r\n\r\n";
    private static final String ANSWER = "HTTP/1.1 200 OK\r\nCACHE-CONTROL: max-age=1800\r\nDATE: Tue, 14 Nov 2023 22:13:20 GMT\r\n"
            + "EXT:\r\nLOCATION: http://192.168.1.20:49152/desc.xml\r\nSERVER: Linux/6.1 UPnP/1.1 box/2\r\n"
            + "ST: upnp:rootdevice\r\nUSN: uuid:2fac1234-31f8-11b4-a222-08002b34c003::upnp:rootdevice\r\n\r\n";

    private static String notify(String nts) {
        return "NOTIFY * HTTP/1.1\r\nHOST: 239.255.255.250:1900\r\nCACHE-CONTROL: max-age=1800\r\n"
                + "LOCATION: http://192.168.1.20:49152/desc.xml\r\nNT: upnp:rootdevice\r\nNTS: " + nts + "\r\n"
                + "SERVER: Linux/6.1 UPnP/1.1 box/2\r\nUSN: uuid:2fac1234-31f8-11b4-a222-08002b34c003::upnp:rootdevice\r\n\r\n";
    }

    private void scenarios() throws IOException {
        // 1-2: multicast search, unicast answer: two UDP conversations, nothing paired
        udp(CLIENT, 50000, GROUP, 1900, SEARCH);
        udp(DEVICE, 1900, CLIENT, 50000, ANSWER);
        // 3-5: a search sent to the device, its answer, the answer again
        udp(CLIENT, 50001, DEVICE, 1900, SEARCH.replace("239.255.255.250", "192.168.1.20"));
        udp(DEVICE, 1900, CLIENT, 50001, ANSWER);
        udp(DEVICE, 1900, CLIENT, 50001, ANSWER);
        // 6-7: announcements
        udp(DEVICE, 1900, GROUP, 1900, notify("ssdp:alive"));
        udp(DEVICE, 1900, GROUP, 1900, notify("ssdp:byebye"));
        // 8: over IPv6 to ff02::c
        byte[] n6 = ("NOTIFY * HTTP/1.1\r\nHOST: [FF02::C]:1900\r\nNT: upnp:rootdevice\r\nNTS: ssdp:alive\r\n"
                + "USN: uuid:2fac1234::upnp:rootdevice\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] f6 = ethernet(0x86dd, ipv6(17, LINK_LOCAL, GROUP6, udp6(1900, 1900, n6, LINK_LOCAL, GROUP6)));
        write(f6, f6.length);
        // 9: a body sized by Content-Length, 10: a chunked one
        udp(CLIENT, 50002, DEVICE, 1900, "M-SEARCH * HTTP/1.1\r\nHOST: 192.168.1.20:1900\r\nCONTENT-TYPE: text/plain\r\n"
                + "CONTENT-LENGTH: 5\r\n\r\nhello");
        udp(CLIENT, 50003, DEVICE, 1900, "NOTIFY * HTTP/1.1\r\nHOST: 192.168.1.20:1900\r\nTRANSFER-ENCODING: chunked\r\n\r\n"
                + "5\r\nhello\r\n0\r\n\r\n");
        // 11: the last header line has no line end
        udp(CLIENT, 50004, DEVICE, 1900, "M-SEARCH * HTTP/1.1\r\nHOST: 192.168.1.20:1900\r\nMX: 1");
        // 12: bytes that are not text; 13: text that is not HTTP
        udp(CLIENT, 50005, DEVICE, 1900, "\u0001\u0002\u0003\u0004binary");
        udp(CLIENT, 50006, DEVICE, 1900, "hello there\r\n\r\n");
        // 14: a request with a header tshark names (an empty line before it is left out: tshark's
        // PDML then gives the "Leading CRLF" item and the generated ones positions past the bytes)
        udp(CLIENT, 50007, DEVICE, 1900, SEARCH.replace("MX: 2\r\n", "MX: 2\r\nCONNECTION: close\r\n"));
        // 15: a request cut by the snap length in its headers
        udp(CLIENT, 50008, DEVICE, 1900, SEARCH, 14 + 20 + 8 + 40);
        // 16: a request with a Content-Length past the datagram
        udp(CLIENT, 50009, DEVICE, 1900, "M-SEARCH * HTTP/1.1\r\nHOST: 192.168.1.20:1900\r\nCONTENT-LENGTH: 50\r\n\r\nshort");
        // 17: a body the snap length cuts
        String body = "M-SEARCH * HTTP/1.1\r\nHOST: 192.168.1.20:1900\r\nCONTENT-TYPE: text/plain\r\nCONTENT-LENGTH: 30\r\n\r\n"
                + "abcdefghijklmnopqrstuvwxyz0123";
        udp(CLIENT, 50010, DEVICE, 1900, body, 14 + 20 + 8 + body.length() - 20);
    }

    public static void main(String[] args) throws IOException {
        Path path = Path.of(args.length > 0 ? args[0] : "captures/synth-ssdp.pcap");
        try (OutputStream os = Files.newOutputStream(path)) {
            SsdpScenarios s = new SsdpScenarios(os);
            s.scenarios();
            s.out.close();
        }
    }
}
