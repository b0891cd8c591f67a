package dev.tcpscope.proto.dns;

import dev.tcpscope.proto.DissectorTable;
import dev.tcpscope.tcp.Decoder;

import java.util.ArrayList;
import java.util.List;

/**
 * What packet-dns.c queues on its "dns" tap for one message ({@code struct DnsTap}), which
 * {@code -z dns,tree} counts: only for DNS proper (mDNS and LLMNR queue nothing), only when the
 * dissection ran to its end (an exception skips the tap), and never inside an ICMP error.
 *
 * @param response    the QR bit
 * @param qtype       the first question's type, 0 without a question
 * @param qclass      the first question's class, 0 without a question
 * @param payloadSize the captured bytes of the message (with the length prefix over TCP)
 * @param qnameLength the first question's name length ({@code <Root>} counts 6), 0 without one
 * @param qnameLabels its labels: dots plus one for a name longer than one byte
 * @param rrtNanos    a paired response's time since its request
 */
public record DnsTap(boolean response, int opcode, int rcode, int qtype, int qclass, int payloadSize,
                     int questions, int answers, int authorities, int additionals,
                     int qnameLength, int qnameLabels, boolean unsolicited, boolean retransmission, long rrtNanos) {

    /** The taps of the DNS messages dissected in the decoder's current frame, in order. */
    public static List<DnsTap> of(Decoder d) {
        if (d.frame() == null || !(d.payloadTable() instanceof DissectorTable t) || !(t.byName("dns") instanceof Dns dns)) {
            return List.of();
        }
        List<Dns.Message> messages = dns.messages(d.frame().number());
        if (messages.isEmpty()) {
            return List.of();
        }
        List<DnsTap> out = new ArrayList<>(messages.size());
        for (Dns.Message m : messages) {
            if (m.kind == Dns.Kind.DNS && m.haveHeader && m.end == dev.tcpscope.proto.LayerTree.End.OK) {
                out.add(of(m));
            }
        }
        return out;
    }

    private static DnsTap of(Dns.Message m) {
        DnsBytes b = m.bytes;
        int o = m.tcp ? 2 : 0;
        int flags = b.u16(o + 2);
        int quest = b.u16(o + 4);
        int qtype = 0;
        int qclass = 0;
        int nameLength = 0;
        int labels = 0;
        if (quest > 0) {
            DnsName n = DnsName.read(b, o + 12, o);
            int at = o + 12 + n.used;
            qtype = b.u16(at);
            qclass = b.u16(at + 2);
            nameLength = n.length;
            labels = n.labels();
        }
        boolean response = (flags & DnsWalk.F_RESPONSE) != 0;
        boolean unsolicited = response && m.requestFrame == 0;
        return new DnsTap(response, (flags & DnsWalk.F_OPCODE) >> 11, flags & DnsWalk.F_RCODE, qtype, qclass, b.cap,
                quest, b.u16(o + 6), b.u16(o + 8), b.u16(o + 10), nameLength, labels,
                unsolicited, response && !unsolicited && m.retransmission, response && !unsolicited ? m.delta : 0);
    }

    /** {@code dns_qr_vals}. */
    public String qrText() { return response ? "Response" : "Query"; }

    /** {@code dns_types_description_vals}, else "Unknown packet type (N)". */
    public String qtypeText() {
        String s = DnsValues.typeDescription(qtype);
        return s != null ? s : "Unknown packet type (" + qtype + ")";
    }

    /** {@code dns_classes}, else "Unknown class (N)". */
    public String qclassText() {
        String s = DnsValues.dnsClass(qclass);
        return s != null ? s : "Unknown class (" + qclass + ")";
    }

    /** {@code rcode_vals}, else "Unknown rcode (N)". */
    public String rcodeText() {
        String s = DnsValues.rcode(rcode);
        return s != null ? s : "Unknown rcode (" + rcode + ")";
    }

    /** {@code opcode_vals}, else "Unknown opcode (N)". */
    public String opcodeText() {
        String s = DnsValues.opcode(opcode);
        return s != null ? s : "Unknown opcode (" + opcode + ")";
    }
}
