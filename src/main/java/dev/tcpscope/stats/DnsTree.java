package dev.tcpscope.stats;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.proto.dns.DnsTap;
import dev.tcpscope.tcp.Decoder;

/**
 * {@code -z dns,tree[,FILTER]}: packet-dns.c's statistics tree "DNS" (dns_stats_tree_init and
 * _packet). Each DNS message the dissector queues on its tap ({@link DnsTap}) counts under Total
 * Packets by QR bit, first question's type and class, rcode and opcode; its size is averaged; a
 * query adds its first name's length and label count, a response its record counts and, when its
 * request was seen, its retransmission or request-response time. As in Wireshark 4.0, a solicited
 * response adds its record counts twice, and the label nodes count without their parents.
 */
final class DnsTree extends StatsTreeTap {
    private static final String TITLE = "DNS";
    private static final String PACKETS = "Total Packets";
    private static final String PAYLOAD = "Payload size";
    private static final String QNAME_LENGTH = "Qname Len";
    private static final String[] LEVELS = {"1st Level", "2nd Level", "3rd Level", "4th Level or more"};
    private static final String QUESTIONS = "no. of questions";
    private static final String ANSWERS = "no. of answers";
    private static final String AUTHORITIES = "no. of authorities";
    private static final String ADDITIONALS = "no. of additionals";
    private static final String UNSOLICITED = "no. of unsolicited responses";
    private static final String RETRANSMISSIONS = "no. of retransmissions";
    private static final String RRT = "request-response time (msec)";

    private final StatsTree.Node qr;
    private final StatsTree.Node qtypes;
    private final StatsTree.Node qclasses;
    private final StatsTree.Node rcodes;
    private final StatsTree.Node opcodes;

    private DnsTree(String filterText, DisplayFilter filter) {
        super(TITLE, filterText, filter);
        StatsTree.Node packets = tree.node(PACKETS, null, true);
        qr = tree.node("Query/Response", packets, true);
        qtypes = tree.node("Query Type", packets, true);
        qclasses = tree.node("Class", packets, true);
        rcodes = tree.node("rcode", packets, true);
        opcodes = tree.node("opcodes", packets, true);
        tree.node(PAYLOAD, null, false);
        StatsTree.Node query = tree.node("Query Stats", null, true);
        tree.node(QNAME_LENGTH, query, false);
        StatsTree.Node labels = tree.node("Label Stats", query, true);
        for (String level : LEVELS) {
            tree.node(level, labels, false);
        }
        StatsTree.Node response = tree.node("Response Stats", null, true);
        for (String count : new String[] {QUESTIONS, ANSWERS, AUTHORITIES, ADDITIONALS}) {
            tree.node(count, response, false);
        }
        StatsTree.Node service = tree.node("Service Stats", null, true);
        tree.node(UNSOLICITED, service, false);
        tree.node(RETRANSMISSIONS, service, false);
        StatsTree.floating(tree.node(RRT, service, false));
    }

    static Tap parse(String arg, FieldTable table) {
        String f = arg.length() > "dns,tree".length() && arg.charAt("dns,tree".length()) == ',' ? arg.substring("dns,tree".length() + 1) : null;
        DisplayFilter filter = Taps.filter(f, table, "tcpscope: stats_tree for: " + TITLE + " failed to attach to the tap: ", "", 0);
        return new DnsTree(f, filter);
    }

    @Override
    public void packet(Decoder d) {
        var messages = DnsTap.of(d);
        if (messages.isEmpty() || !passes(d)) {
            return;
        }
        for (DnsTap m : messages) {
            tree.clock(d.relativeMillis());
            message(m);
        }
    }

    private void message(DnsTap m) {
        tree.tick(PACKETS, null);
        tree.tickPivot(qr, m.qrText());
        tree.tickPivot(qtypes, m.qtypeText());
        tree.tickPivot(qclasses, m.qclassText());
        tree.tickPivot(rcodes, m.rcodeText());
        tree.tickPivot(opcodes, m.opcodeText());
        tree.average(PAYLOAD, m.payloadSize());
        if (!m.response()) {
            tree.average(QNAME_LENGTH, m.qnameLength());
            int labels = m.qnameLabels();
            tree.tick(LEVELS[labels >= 1 && labels <= 3 ? labels - 1 : 3], null); // 0 labels: "4th Level or more"
            return;
        }
        counts(m);
        if (m.unsolicited()) {
            tree.tick(UNSOLICITED, null);
            return;
        }
        counts(m); // dns_stats_tree_packet adds them again for a solicited response
        if (m.retransmission()) {
            tree.tick(RETRANSMISSIONS, null);
        } else {
            long secs = m.rrtNanos() / 1_000_000_000L;
            long nanos = m.rrtNanos() % 1_000_000_000L;
            tree.average(RRT, (float) (secs * 1000. + nanos / 1000000.0));
        }
    }

    private void counts(DnsTap m) {
        tree.average(QUESTIONS, m.questions());
        tree.average(ANSWERS, m.answers());
        tree.average(AUTHORITIES, m.authorities());
        tree.average(ADDITIONALS, m.additionals());
    }
}
