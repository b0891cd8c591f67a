package dev.tcpscope.filter;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.capture.Captures;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.tcp.Decoder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Property: for filters drawn by a seeded generator, the compiled predicate and the
 * {@link Interpreter} agree on every frame of a few captures of different kinds (TCP with
 * analysis labels, IP in IP, VLAN, ICMP, ARP). Generated filters that the checker refuses are
 * skipped, but most are valid by construction.
 */
class CompiledVsInterpretedTest {
    private static final String[] CAPTURES = {
            "captures/learn_tcp.pcapng", "captures/arkime-wireshark-retrans.pcap",
            "captures/pcapplusplus-IPv4-encapsulated-IPv6.pcap", "captures/arkime-twovlan.pcap",
            "captures/pcapplusplus-IcmpPackets.pcap", "captures/arkime-cloudshark-arp.pcap",
            "captures/zeek-http-bro.org.pcap"};

    private static final String[] INT_FIELDS = {"tcp.port", "tcp.srcport", "tcp.len", "frame.len", "ip.ttl", "ip.proto",
            "tcp.stream", "tcp.hdr_len", "frame.number", "udp.port", "vlan.id", "icmp.type", "tcp.seq", "tcp.ack",
            "ip.version", "tcp.window_size", "tcp.analysis.acks_frame", "tcp.option_kind", "tcp.flags"};
    private static final String[] BYTE_THINGS = {"frame", "tcp", "ip", "eth", "tcp.payload", "tcp.options", "eth.src", "eth.addr", "udp"};
    private static final String[] LABELS = {"tcp.analysis.retransmission", "tcp.analysis.flags", "tcp.analysis.duplicate_ack",
            "tcp.flags.syn", "tcp.flags.ack", "ip", "ipv6", "tcp", "udp", "icmp", "arp", "vlan", "tcp.options.sack_perm"};
    private static final String[] OPS = {"==", "!=", "===", "!==", ">", ">=", "<", "<=", "eq", "ne", "~="};

    private final Random rnd = new Random(20241125L);

    private String pick(String[] a) {
        return a[rnd.nextInt(a.length)];
    }

    private String number() {
        int[] small = {0, 1, 2, 4, 5, 6, 20, 32, 40, 64, 66, 80, 128, 5200, 5201, 1460};
        return rnd.nextInt(4) == 0 ? "0x" + Integer.toHexString(small[rnd.nextInt(small.length)])
                : Integer.toString(small[rnd.nextInt(small.length)]);
    }

    private String quant() {
        return switch (rnd.nextInt(6)) {
            case 0 -> "any ";
            case 1 -> "all ";
            default -> "";
        };
    }

    private String hexBytes() {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(3);
        for (int i = 0; i < n; i++) {
            sb.append(i > 0 ? ":" : "").append(String.format("%02x", new int[] {0, 0x45, 0x08, 0x06, 0x7f, 0xff, 0x14, 0x50}[rnd.nextInt(8)]));
        }
        return sb.toString();
    }

    private String slice() {
        return switch (rnd.nextInt(6)) {
            case 0 -> "[" + rnd.nextInt(20) + "]";
            case 1 -> "[" + rnd.nextInt(20) + ":" + (1 + rnd.nextInt(4)) + "]";
            case 2 -> "[" + rnd.nextInt(10) + "-" + (10 + rnd.nextInt(10)) + "]";
            case 3 -> "[:" + (1 + rnd.nextInt(4)) + "]";
            case 4 -> "[-" + (1 + rnd.nextInt(4)) + ":]";
            default -> "[0:2," + (2 + rnd.nextInt(8)) + ":2]";
        };
    }

    private String atom() {
        String f = pick(INT_FIELDS);
        return switch (rnd.nextInt(16)) {
            case 0, 1, 2 -> quant() + f + " " + pick(OPS) + " " + number();
            case 3 -> f + (rnd.nextBoolean() ? " in {" : " not in {") + number() + " " + number() + ".." + number() + "}";
            case 4 -> f + " " + pick(new String[] {"+", "-", "*", "/", "%", "&"}) + " " + number() + " " + pick(OPS) + " " + number();
            case 5 -> f + " & " + number();
            case 6 -> pick(LABELS);
            case 7 -> pick(BYTE_THINGS) + slice() + " " + pick(OPS) + " " + hexBytes();
            case 8 -> quant() + pick(BYTE_THINGS) + " contains " + hexBytes();
            case 9 -> pick(BYTE_THINGS) + slice();
            case 10 -> "count(" + f + ") " + pick(OPS) + " " + rnd.nextInt(3);
            case 11 -> "len(" + pick(BYTE_THINGS) + ") " + pick(OPS) + " " + number();
            case 12 -> pick(new String[] {"max", "min"}) + "(" + f + ", " + pick(INT_FIELDS) + ") " + pick(OPS) + " " + number();
            case 13 -> quant() + pick(new String[] {"ip.addr", "ip.src", "ip.dst"}) + " " + pick(OPS) + " "
                    + pick(new String[] {"127.0.0.1", "10.0.0.0/8", "192.168.0.0/16", "0.0.0.0/0", "172.17.96.77"});
            case 14 -> quant() + pick(new String[] {"tcp.flags.str", "ip.host", "frame.protocols"}) + " matches \""
                    + pick(new String[] {"A", "^1", "tcp$", "S", "\\\\.0"}) + "\"";
            default -> "abs(" + f + " - " + number() + ") " + pick(OPS) + " " + number();
        };
    }

    private String filter(int depth) {
        if (depth == 0 || rnd.nextInt(3) == 0) {
            return atom();
        }
        return switch (rnd.nextInt(4)) {
            case 0 -> filter(depth - 1) + " and " + filter(depth - 1);
            case 1 -> filter(depth - 1) + " or " + filter(depth - 1);
            case 2 -> "not " + filter(depth - 1);
            default -> "(" + filter(depth - 1) + ")";
        };
    }

    @Test
    void compiledPredicateAgreesWithTheInterpreter() throws IOException {
        List<String> filters = new ArrayList<>();
        List<Typed.Test> trees = new ArrayList<>();
        int refused = 0;
        while (filters.size() < 400) {
            String f = filter(3);
            try {
                trees.add(Checker.check(Parser.parse(f), FieldTable.standard(), f));
                filters.add(f);
            } catch (FilterSyntaxException e) {
                refused++;
            }
        }
        List<Compiler.Node> compiled = trees.stream().map(Compiler::compile).toList();
        List<String> disagreements = new ArrayList<>();
        long checks = 0;
        long trues = 0;
        for (String capture : CAPTURES) {
            try (CaptureReader reader = Captures.open(capture)) {
                Frame frame = new Frame();
                Decoder d = new Decoder();
                while (reader.next(frame)) {
                    d.decode(frame);
                    for (int i = 0; i < trees.size(); i++) {
                        boolean want = Interpreter.test(trees.get(i), d);
                        boolean got = compiled.get(i).test(d);
                        checks++;
                        trues += want ? 1 : 0;
                        if (want != got && disagreements.size() < 20) {
                            disagreements.add(capture + " frame " + frame.number() + ": " + filters.get(i)
                                    + " interpreter " + want + ", compiled " + got);
                        }
                    }
                }
            }
        }
        assertThat(disagreements).isEmpty();
        assertThat(refused).as("generated filters the checker refused").isLessThan(400);
        assertThat(trues).as("some generated filters match").isGreaterThan(checks / 50);
    }
}
