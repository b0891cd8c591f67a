package dev.tcpscope.tcp;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.present.PacketList;
import dev.tcpscope.present.TimeFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.ByteBuffer;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Conversations spilled to the file come back exactly as they left: every field of a conversation
 * survives the round trip, and a capture analysed with only a handful of conversations in memory
 * lists (with every analysis field) exactly as with all of them in memory.
 */
class ConversationSpillTest {

    /** Every field, set to a random value, survives put and take; a field added later and not written fails here. */
    @Test
    void everyFieldOfAConversationSurvivesTheFile() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        for (int round = 0; round < 50; round++) {
            Conversation c = new Conversation(rnd.nextInt(1 << 20), rnd.nextLong(), null, rnd.nextBoolean());
            randomize(c, rnd, 0);
            for (Endpoint e : new Endpoint[] {c.low, c.high}) {
                for (int i = rnd.nextInt(0, 40); i > 0; i--) {
                    e.addUnacked(rnd.nextInt(), rnd.nextInt(), rnd.nextInt(), rnd.nextLong());
                    e.uaResent[e.unacked - 1] = rnd.nextBoolean();
                }
                for (int i = rnd.nextInt(0, 5); i > 0; i--) {
                    int s = rnd.nextInt(1 << 20);
                    e.holes.add(s, s + rnd.nextInt(1, 1000));
                    e.sacked.add(s + 5000, s + 5000 + rnd.nextInt(1, 1000));
                }
            }
            FlowKey key = key(rnd);
            try (ConversationSpill spill = new ConversationSpill()) {
                assertThat(spill.put(key, c)).isTrue();
                FlowKey other = key(rnd);
                assertThat(spill.take(other, null, null)).isNull();
                Conversation back = spill.take(key, null, null);
                assertThat(back).isNotNull();
                assertSame(c, back, "conversation");
                assertThat(spill.take(key, null, null)).as("taken once").isNull();
            }
        }
    }

    /** Thousands of conversations in and out, the table growing and its tombstones cleared, each found again. */
    @Test
    void manyConversationsAreEachFoundAgain() {
        SplittableRandom rnd = new SplittableRandom(5);
        try (ConversationSpill spill = new ConversationSpill()) {
            List<FlowKey> keys = new ArrayList<>();
            for (int i = 0; i < 60_000; i++) {
                FlowKey k = key(rnd);
                Conversation c = new Conversation(i, i, null, false);
                assertThat(spill.put(k, c)).isTrue();
                keys.add(k);
                if (i % 3 == 0) {
                    FlowKey back = keys.remove(rnd.nextInt(keys.size()));
                    assertThat(spill.take(back, null, null)).isNotNull();
                }
            }
            assertThat(spill.size()).isEqualTo(keys.size());
            for (FlowKey k : keys) {
                assertThat(spill.take(k, null, null)).isNotNull();
            }
            assertThat(spill.size()).isZero();
        }
    }

    /** The whole analysis with 1 conversation in memory is the analysis with all of them. */
    @ParameterizedTest
    @ValueSource(strings = {"synth-traffic-12k.pcap", "zeek-http-bro.org.pcap", "pcapplusplus-three_http_streams.pcap",
            "synth-tcp-flags.pcap", "pcapplusplus-four_ipv6_http_streams.pcap"})
    void aCaptureListsTheSameWithConversationsSpilled(String name) throws Exception {
        assertThat(list(name, TcpAnalyzer.LIVE, AnalysisMode.TSHARK)).isEqualTo(list(name, 1, AnalysisMode.TSHARK));
        assertThat(list(name, TcpAnalyzer.LIVE, AnalysisMode.PRECISE)).isEqualTo(list(name, 1, AnalysisMode.PRECISE));
    }

    /** A second pass (-2) shows the first pass's final values, spilled or not. */
    @ParameterizedTest
    @ValueSource(strings = {"synth-traffic-12k.pcap", "zeek-http-bro.org.pcap"})
    void aSecondPassShowsTheSameFinalsWithConversationsSpilled(String name) throws Exception {
        assertThat(secondPass(name, 1)).isEqualTo(secondPass(name, TcpAnalyzer.LIVE));
    }

    private static String secondPass(String name, int live) throws Exception {
        TcpAnalyzer first = new TcpAnalyzer(AnalysisMode.TSHARK).liveConversations(live).recordFinals();
        Decoder d = new Decoder(first);
        try (CaptureReader r = Captures.open("captures/" + name)) {
            Frame f = new Frame();
            while (r.next(f)) {
                d.decode(f);
            }
        }
        return list(name, new TcpAnalyzer(AnalysisMode.TSHARK, first.finals()).liveConversations(live), live);
    }

    private static String list(String name, int live, AnalysisMode mode) throws Exception {
        return list(name, new TcpAnalyzer(mode).liveConversations(live), live);
    }

    private static String list(String name, TcpAnalyzer a, int live) throws Exception {
        Decoder d = new Decoder(a);
        PacketList list = new PacketList(new TimeFormat(TimeFormat.Kind.RELATIVE, ZoneOffset.UTC), () -> null, d);
        StringBuilder out = new StringBuilder();
        try (CaptureReader r = Captures.open("captures/" + name)) {
            Frame f = new Frame();
            while (r.next(f)) {
                list.appendLine(f, out);
                TcpRecord t = d.tcp();
                if (t != null) {
                    out.append('|').append(t.stream).append('|').append(t.analysisFlags).append('|')
                            .append(t.ackRtt).append('|').append(t.bytesInFlight).append('|').append(t.ackedResent)
                            .append('|').append(t.completeness).append('|').append(t.initialRtt);
                }
                out.append('\n');
            }
        }
        if (live == 1) {
            assertThat(a.spilledConversations()).as("some were spilled").isPositive();
        }
        return out.toString();
    }

    private static FlowKey key(SplittableRandom rnd) {
        FlowKey k = new FlowKey();
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) rnd.nextInt();
        }
        var s = java.lang.foreign.MemorySegment.ofArray(b);
        return k.set(s, 0, 4, false, rnd.nextInt(65536), rnd.nextInt(65536)).copy();
    }

    private static void randomize(Object o, SplittableRandom rnd, int depth) throws Exception {
        for (Field f : o.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers())) {
                continue;
            }
            f.setAccessible(true);
            Class<?> t = f.getType();
            if (Modifier.isFinal(f.getModifiers())) {
                Object v = f.get(o);
                if (v instanceof int[] a) {
                    for (int i = 0; i < a.length; i++) a[i] = rnd.nextInt();
                } else if (v != null && depth < 2 && (v instanceof Endpoint || v instanceof Handshake)) {
                    randomize(v, rnd, depth + 1);
                }
                continue;
            }
            if (t == int.class) f.setInt(o, rnd.nextInt());
            else if (t == long.class) f.setLong(o, rnd.nextLong());
            else if (t == boolean.class) f.setBoolean(o, rnd.nextBoolean());
        }
        if (o instanceof Endpoint e) {
            e.winScale = rnd.nextInt(-2, 15);
            e.sackCount = rnd.nextInt(0, 4);
            e.unacked = 0;
            e.uaFrame = new int[0];
            e.uaSeq = new int[0];
            e.uaNext = new int[0];
            e.uaTime = new long[0];
            e.uaResent = new boolean[0];
        }
    }

    private static void assertSame(Object a, Object b, String path) throws Exception {
        if (a instanceof Endpoint ea && b instanceof Endpoint eb) {
            assertThat(eb.unacked).as(path + ".unacked").isEqualTo(ea.unacked);
            for (int i = 0; i < ea.unacked; i++) {
                assertThat(new Object[] {eb.uaFrame[i], eb.uaSeq[i], eb.uaNext[i], eb.uaTime[i], eb.uaResent[i]})
                        .as(path + ".unacked[" + i + "]")
                        .containsExactly(ea.uaFrame[i], ea.uaSeq[i], ea.uaNext[i], ea.uaTime[i], ea.uaResent[i]);
            }
        }
        if (a instanceof RangeSet ra && b instanceof RangeSet rb) {
            ByteBuffer x = ByteBuffer.allocate(512);
            ByteBuffer y = ByteBuffer.allocate(512);
            ra.write(x);
            rb.write(y);
            assertThat(y.flip()).as(path).isEqualTo(x.flip());
            return;
        }
        for (Field f : a.getClass().getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) || f.getName().startsWith("ua")) {
                continue;
            }
            f.setAccessible(true);
            Object va = f.get(a);
            Object vb = f.get(b);
            String p = path + "." + f.getName();
            if (va instanceof Endpoint || va instanceof Handshake || va instanceof RangeSet) {
                assertSame(va, vb, p);
            } else if (va instanceof int[] ia) {
                assertThat((int[]) vb).as(p).containsExactly(ia);
            } else {
                assertThat(vb).as(p).isEqualTo(va);
            }
        }
    }
}
