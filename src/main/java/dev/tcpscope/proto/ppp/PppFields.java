package dev.tcpscope.proto.ppp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.ArrayList;
import java.util.List;

/**
 * packet-pppoe.c's and packet-ppp.c's fields with Wireshark 4.0.17's names, titles and types
 * (the walks' registries), their values the items of the walks that build the tree.
 */
public final class PppFields {
    private PppFields() { }

    public static List<Field> all() {
        List<Field> out = new ArrayList<>();
        // pppoe.* are shared by both stages; the "pppoe" protocol itself never gets an item
        out.addAll(Pppoe.PPPOE.fields("PPP-over-Ethernet", PppFields::ofEither));
        out.addAll(Pppoe.PPPOES.fields("PPP-over-Ethernet Session", PppFields::ofSession));
        out.addAll(Pppoe.PPPOED.fields("PPP-over-Ethernet Discovery", PppFields::ofDiscovery));
        out.addAll(PppFrame.PPP.fields("Point-to-Point Protocol", PppFields::ofPpp));
        // LCP, IPCP, IPV6CP, PAP and CHAP are walked inside the PPP layer (PppCp)
        out.addAll(PppCp.LCP_R.fields("PPP Link Control Protocol", PppFields::ofPpp));
        out.addAll(PppCp.IPCP_R.fields("PPP IP Control Protocol", PppFields::ofPpp));
        // ipv6cp.interface_identifier is FT_BYTES with SEP_COLON: -T fields writes "c8:01:...", the item's text
        out.addAll(PppCp.IPV6CP_R.fields("PPP IPv6 Control Protocol", PppFields::ofPpp).stream()
                .map(f -> f.name().equals("ipv6cp.interface_identifier")
                        ? Collected.field(f.name(), f.title(), dev.tcpscope.field.FieldType.STRING, 0, PppFields::ofPpp) : f)
                .toList());
        out.addAll(PppCp.PAP_R.fields("PPP Password Authentication Protocol", PppFields::ofPpp));
        out.addAll(PppCp.CHAP_R.fields("PPP Challenge Handshake Authentication Protocol", PppFields::ofPpp));
        return out;
    }

    private static Collected ofSession(Decoder d) {
        return Collected.ofLayers(d, Proto.PPPOES, (x, i, c) -> Pppoe.session(tvb(x, i), c, new StringBuilder(), new StringBuilder()));
    }

    private static Collected ofDiscovery(Decoder d) {
        return Collected.ofLayers(d, Proto.PPPOED, (x, i, c) -> Pppoe.discovery(tvb(x, i), c, new StringBuilder(), new StringBuilder()));
    }

    private static Collected ofEither(Decoder d) {
        Collected c = ofSession(d);
        return c != null ? c : ofDiscovery(d);
    }

    private static Collected ofPpp(Decoder d) {
        return Collected.ofLayers(d, Proto.PPP, (x, i, c) -> PppFrame.walk(tvb(x, i), dev.tcpscope.wire.Ppp.hdlc(x, i), i < x.count() - 1, c,
                new StringBuilder(), new StringBuilder()));
    }

    static Tvb tvb(Dissection x, int i) {
        return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
    }
}
