package dev.tcpscope.proto.sdp;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Registry;

import java.util.List;

/**
 * packet-sdp.c's fields with Wireshark 4.0.17's names, titles and types ({@code tshark -G
 * fields}, written by scripts/gen-registry-tables.sh); their values are the items SDP adds to
 * the tree of the protocol carrying it (SIP's message body).
 */
public final class SdpFields {
    private SdpFields() { }

    public static final Registry REGISTRY = Registry.load(SdpFields.class, "sdp");

    public static List<Field> all() {
        return REGISTRY.fields("Session Description Protocol", SdpFields::of);
    }

    private static Collected of(dev.tcpscope.tcp.Decoder d) {
        dev.tcpscope.proto.sip.Sip x = Collected.dissector(d, "sip", dev.tcpscope.proto.sip.Sip.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
