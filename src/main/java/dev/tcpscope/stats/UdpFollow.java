package dev.tcpscope.stats;

import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Udp;

import java.util.Arrays;

/**
 * One followed UDP conversation as Wireshark's follow tap keeps it (epan/follow.c,
 * {@code follow_tvb_tap_listener}): the source of its first datagram is the "client" (node 0),
 * and each datagram's payload is one chunk, the client's or the server's.
 */
final class UdpFollow {
    private final ChunkSink sink;
    private byte[] client;
    private int clientPort;
    private byte[] server;
    private int serverPort;

    UdpFollow(ChunkSink sink) {
        this.sink = sink;
    }

    byte[] clientAddress() { return client; }

    int clientPort() { return clientPort; }

    byte[] serverAddress() { return server; }

    int serverPort() { return serverPort; }

    /** The payload of UDP layer {@code udp} (see {@link UdpStreams#first}) of the frame just decoded. */
    void datagram(Decoder d, int udp) {
        Dissection x = d.dissection();
        int ip = UdpStreams.ipBefore(x, udp);
        var s = x.segment(udp);
        long off = x.offset(udp);
        byte[] src = Net.source(x, ip);
        int sport = Net.u16(s, off + Udp.SRC_PORT);
        if (client == null) {
            client = src;
            clientPort = sport;
            server = Net.destination(x, ip);
            serverPort = Net.u16(s, off + Udp.DST_PORT);
        }
        boolean isServer = !(Arrays.equals(client, src) && clientPort == sport);
        int captured = Math.max(0, x.captured(udp) - Udp.HEADER_LENGTH);
        Frame f = d.frame();
        sink.chunk(isServer, f.number(), f.seconds(), f.nanos(), s, off + Udp.HEADER_LENGTH, captured);
    }
}
