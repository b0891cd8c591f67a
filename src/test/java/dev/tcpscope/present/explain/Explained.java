package dev.tcpscope.present.explain;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.frame.LinkType;
import dev.tcpscope.present.MacNames;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import dev.tcpscope.present.color.FilterColorizer;
import dev.tcpscope.synth.FrameBuilder;
import dev.tcpscope.synth.PcapWriter;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.TcpRecord;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * A capture run through {@link PacketList} and {@link Explainer} as the commands do: each frame's
 * packet-list line, the analysis tshark would make ({@link Analysis}, copied out of the reused
 * {@link TcpRecord}) and its explanation. Also builds small synthetic exchanges (client
 * 10.0.0.1:40000 or 2001:db8::1, server 10.0.0.2:5201 or 2001:db8::2; times in ms).
 */
final class Explained {
    static final int SYN = FrameBuilder.SYN, ACK = FrameBuilder.ACK, FIN = FrameBuilder.FIN,
            RST = FrameBuilder.RST, PSH = FrameBuilder.PSH;

    /** The analysis values the tests compare with. */
    record Analysis(long seq, long ack, int len, int flags, int analysisFlags, int acksFrame, long window) {
        static Analysis of(TcpRecord r) {
            return r == null ? null : new Analysis(r.seq, r.ack, r.segmentLength, r.flags, r.analysisFlags, r.acksFrame, r.window);
        }

        boolean has(int flag) { return (analysisFlags & flag) != 0; }
    }

    final List<String> lines = new ArrayList<>();
    final List<Analysis> analysis = new ArrayList<>();
    final List<Explanation> explanations = new ArrayList<>();
    final Explainer explainer;

    private Explained(Explainer explainer) {
        this.explainer = explainer;
    }

    static Explained file(Path capture, Lang lang) throws IOException {
        return file(capture, lang, new Explainer(lang, FilterColorizer.defaults()));
    }

    /** {@code capture} explained by {@code explainer}. */
    static Explained file(Path capture, Lang lang, Explainer explainer) throws IOException {
        try (CaptureReader r = Captures.open(capture, capture.toString())) {
            return run(r, explainer);
        }
    }

    static Explained bytes(byte[] capture, Lang lang) {
        try (CaptureReader r = Captures.open(new ByteArrayInputStream(capture), "synthetic")) {
            return run(r, new Explainer(lang, FilterColorizer.defaults()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Explained run(CaptureReader reader, Explainer explainer) throws IOException {
        Explained x = new Explained(explainer);
        Decoder decoder = new Decoder();
        PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneId.of("UTC")), MacNames::none, decoder);
        Frame f = new Frame();
        while (reader.next(f)) {
            StringBuilder line = new StringBuilder();
            decoder.decode(f);
            list.appendLine(decoder, line);
            x.lines.add(line.toString());
            x.analysis.add(Analysis.of(decoder.tcp()));
            x.explanations.add(x.explainer.explain(decoder));
        }
        return x;
    }

    List<Role> roles() {
        return explanations.stream().map(Explanation::role).toList();
    }

    /** A synthetic exchange, written as a pcap in memory. */
    static final class Builder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final PcapWriter writer;
        private final FrameBuilder client;
        private final FrameBuilder server;
        private double ms;

        Builder(boolean ipv6) {
            try {
                writer = new PcapWriter(bytes, LinkType.ETHERNET, 65535, true);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (ipv6) {
                byte[] a = new byte[16];
                byte[] b = new byte[16];
                a[0] = b[0] = 0x20;
                a[1] = b[1] = 0x01;
                a[2] = b[2] = 0x0d;
                a[3] = b[3] = (byte) 0xb8;
                a[15] = 1;
                b[15] = 2;
                client = new FrameBuilder().ipv6(a, b);
                server = new FrameBuilder().ipv6(b, a);
            } else {
                client = new FrameBuilder().ipv4(0x0a000001, 0x0a000002);
                server = new FrameBuilder().ipv4(0x0a000002, 0x0a000001);
            }
        }

        Builder at(double millis) {
            ms = millis;
            return this;
        }

        Builder c(long seq, long ack, int flags, int window, int len) {
            return write(client, 40000, 5201, seq, ack, flags, window, len);
        }

        /** A client SYN with a timestamp option (TSval, TSecr), as a kernel sends it. */
        Builder synWithTimestamps(long seq, long ack, int tsval, int tsecr) {
            client.options().clear().timestamps(tsval, tsecr);
            write(client, 40000, 5201, seq, ack, SYN, 8000, 0);
            client.options().clear();
            return this;
        }

        Builder s(long seq, long ack, int flags, int window, int len) {
            return write(server, 5201, 40000, seq, ack, flags, window, len);
        }

        /** SYN, SYN/ACK, ACK at 0, 50, 100 ms: client ISN 1000, server ISN 5000, windows 8000, no options. */
        Builder handshake() {
            return at(0).c(1000, 0, SYN, 8000, 0).at(50).s(5000, 1001, SYN | ACK, 8000, 0)
                    .at(100).c(1001, 5001, ACK, 8000, 0);
        }

        private Builder write(FrameBuilder fb, int sp, int dp, long seq, long ack, int flags, int window, int len) {
            int n = fb.tcp(sp, dp, (int) seq, (int) ack, flags, window, len);
            try {
                writer.write(1_700_000_000_000_000_000L + Math.round(ms * 1_000_000), fb.buffer(), 0, n);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        Explained explain(Lang lang) {
            try {
                writer.flush();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes(bytes.toByteArray(), lang);
        }
    }
}
