package dev.tcpscope.proto.tunnel;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.List;

/**
 * The fields of packet-vxlan.c, packet-geneve.c, packet-gtp.c and packet-teredo.c that the walks add
 * ({@code tshark -G fields}, names, titles, types and bases of tshark 4.0.17), their values the
 * items of the walks that build the trees.
 */
public final class TunnelFields {
    private TunnelFields() { }

    public static List<Field> all() {
        return List.of(
                f("vxlan", "Virtual eXtensible Local Area Network", FieldType.PROTOCOL, 0, Base.NONE),
                f("vxlan.flags", "Flags", FieldType.UINT, 16, Base.HEX),
                f("vxlan.flag_g", "GBP Extension", FieldType.BOOLEAN, 0, Base.NONE),
                f("vxlan.flag_i", "VXLAN Network ID (VNI)", FieldType.BOOLEAN, 0, Base.NONE),
                f("vxlan.flag_d", "Don't Learn", FieldType.BOOLEAN, 0, Base.NONE),
                f("vxlan.flag_a", "Policy Applied", FieldType.BOOLEAN, 0, Base.NONE),
                f("vxlan.flags_reserved", "Reserved(R)", FieldType.UINT, 16, Base.HEX),
                f("vxlan.gbp", "Group Policy ID", FieldType.UINT, 16, Base.DEC),
                f("vxlan.vni", "VXLAN Network Identifier (VNI)", FieldType.UINT, 24, Base.DEC),
                f("vxlan.reserved8", "Reserved", FieldType.UINT, 8, Base.DEC),
                f("vxlan.ver", "Version", FieldType.UINT, 8, Base.DEC),
                f("vxlan.i_bit", "Instance", FieldType.UINT, 8, Base.DEC),
                f("vxlan.p_bit", "Next Protocol Bit", FieldType.UINT, 8, Base.DEC),
                f("vxlan.o_bit", "OAM bit", FieldType.UINT, 8, Base.DEC),
                f("vxlan.reserved_16", "Reserved", FieldType.UINT, 16, Base.DEC),
                f("vxlan.next_proto", "Next Protocol", FieldType.UINT, 8, Base.DEC),
                f("geneve", "Generic Network Virtualization Encapsulation", FieldType.PROTOCOL, 0, Base.NONE),
                f("geneve.version", "Version", FieldType.UINT, 8, Base.DEC),
                f("geneve.version.unknown", "Unknown version", FieldType.NONE, 0, Base.NONE),
                f("geneve.option.length", "Length", FieldType.UINT, 8, Base.DEC),
                f("geneve.flags", "Flags", FieldType.UINT, 8, Base.HEX),
                f("geneve.flags.oam", "Operations, Administration and Management Frame", FieldType.BOOLEAN, 0, Base.NONE),
                f("geneve.flags.critical", "Critical Options Present", FieldType.BOOLEAN, 0, Base.NONE),
                f("geneve.flags.reserved", "Reserved", FieldType.BOOLEAN, 0, Base.NONE),
                f("geneve.proto_type", "Protocol Type", FieldType.UINT, 16, Base.HEX),
                f("geneve.vni", "Virtual Network Identifier (VNI)", FieldType.UINT, 24, Base.HEX_DEC),
                f("geneve.reserved", "Reserved", FieldType.UINT, 8, Base.HEX),
                f("geneve.options", "Geneve Options", FieldType.BYTES, 0, Base.NONE),
                f("geneve.option", "Option", FieldType.BYTES, 0, Base.NONE),
                f("geneve.option.class", "Class", FieldType.UINT, 16, Base.HEX),
                f("geneve.option.type", "Type", FieldType.UINT, 8, Base.HEX),
                f("geneve.option.type.critical", "Critical Option", FieldType.BOOLEAN, 0, Base.NONE),
                f("geneve.option.flags", "Flags", FieldType.UINT, 8, Base.HEX),
                f("geneve.option.flags.reserved", "Reserved", FieldType.BOOLEAN, 0, Base.NONE),
                f("geneve.option.gcp.vnid", "GCP Virtual Network ID", FieldType.UINT, 32, Base.DEC),
                f("geneve.option.gcp.direction", "GCP Traffic Direction", FieldType.BOOLEAN, 0, Base.NONE),
                f("geneve.option.gcp.reserved", "GCP Reserved bits", FieldType.BOOLEAN, 0, Base.NONE),
                f("geneve.option.gcp.endpoint", "GCP Endpoint ID", FieldType.BYTES, 0, Base.NONE),
                f("geneve.option.gcp.profile", "GCP Profile ID", FieldType.UINT, 64, Base.DEC),
                f("geneve.option.unknown.data", "Unknown Option Data", FieldType.BYTES, 0, Base.NONE),
                f("geneve.option.length.invalid", "Invalid length for option", FieldType.NONE, 0, Base.NONE),
                f("gtp", "GPRS Tunneling Protocol", FieldType.PROTOCOL, 0, Base.NONE),
                f("gtpprime", "GPRS Tunneling Protocol Prime", FieldType.PROTOCOL, 0, Base.NONE),
                f("gtp.prim.flags.version", "Version", FieldType.UINT, 8, Base.DEC),
                f("gtp.flags.hdr_length", "Header length", FieldType.BOOLEAN, 0, Base.NONE),
                f("gtp.tpdu_data", "T-PDU Data", FieldType.BYTES, 0, Base.NONE),
                f("gtp.ext_length.invalid", "Malformed length", FieldType.NONE, 0, Base.NONE),
                f("gtp.flags", "Flags", FieldType.UINT, 8, Base.HEX),
                f("gtp.flags.version", "Version", FieldType.UINT, 8, Base.DEC),
                f("gtp.flags.payload", "Protocol type", FieldType.UINT, 8, Base.DEC),
                f("gtp.flags.reserved", "Reserved", FieldType.UINT, 8, Base.DEC),
                f("gtp.flags.e", "Is Next Extension Header present?", FieldType.BOOLEAN, 0, Base.NONE),
                f("gtp.flags.s", "Is Sequence Number present?", FieldType.BOOLEAN, 0, Base.NONE),
                f("gtp.flags.snn", "Is SNDCP N-PDU included?", FieldType.BOOLEAN, 0, Base.NONE),
                f("gtp.flags.pn", "Is N-PDU number present?", FieldType.BOOLEAN, 0, Base.NONE),
                f("gtp.message", "Message Type", FieldType.UINT, 8, Base.HEX),
                f("gtp.length", "Length", FieldType.UINT, 16, Base.DEC),
                f("gtp.teid", "TEID", FieldType.UINT, 32, Base.HEX_DEC),
                f("gtp.seq_number", "Sequence number", FieldType.UINT, 16, Base.HEX_DEC),
                f("gtp.npdu_number", "N-PDU Number", FieldType.UINT, 8, Base.HEX),
                f("gtp.flow_label", "Flow label", FieldType.UINT, 16, Base.HEX),
                f("gtp.sndcp_number", "SNDCP N-PDU LLC Number", FieldType.UINT, 8, Base.HEX),
                f("gtp.tid", "TID", FieldType.STRING, 0, Base.NONE),
                f("gtp.ext_hdr", "Extension header", FieldType.NONE, 0, Base.NONE),
                f("gtp.ext_hdr.length", "Extension Header Length", FieldType.UINT, 8, Base.DEC),
                f("gtp.ext_hdr.pdcp_sn", "PDCP Sequence Number", FieldType.UINT, 16, Base.DEC),
                f("gtp.ext_hdr.udp_port", "UDP Port", FieldType.UINT, 16, Base.DEC),
                f("gtp.ext_hdr.next", "Next extension header type", FieldType.UINT, 8, Base.HEX),
                f("teredo", "Teredo IPv6 over UDP tunneling", FieldType.PROTOCOL, 0, Base.NONE),
                f("teredo.auth", "Teredo Authentication header", FieldType.NONE, 0, Base.NONE),
                f("teredo.auth.idlen", "Client identifier length", FieldType.UINT, 8, Base.DEC),
                f("teredo.auth.aulen", "Authentication value length", FieldType.UINT, 8, Base.DEC),
                f("teredo.auth.id", "Client identifier", FieldType.BYTES, 0, Base.NONE),
                f("teredo.auth.value", "Authentication value", FieldType.BYTES, 0, Base.NONE),
                f("teredo.auth.nonce", "Nonce value", FieldType.BYTES, 0, Base.NONE),
                f("teredo.auth.conf", "Confirmation byte", FieldType.BYTES, 0, Base.NONE),
                f("teredo.orig", "Teredo Origin Indication header", FieldType.NONE, 0, Base.NONE),
                f("teredo.orig.port", "Origin UDP port", FieldType.UINT, 16, Base.DEC),
                f("teredo.orig.addr", "Origin IPv4 address", FieldType.IPV4, 0, Base.NONE));
    }

    private static Field f(String name, String title, FieldType type, int bits, Base base) {
        Proto p = name.startsWith("vxlan") ? Proto.VXLAN : name.startsWith("geneve") ? Proto.GENEVE
                : name.startsWith("teredo") ? Proto.TEREDO : Proto.GTP;
        Collected.Source source = p == Proto.VXLAN ? d -> vxlan(d) : d -> Collected.ofLayers(d, p, TunnelFields::walk);
        return type == FieldType.UINT ? Collected.field(name, title, type, bits, base, source)
                : Collected.field(name, title, type, bits, source);
    }

    /** The items of the frame's VXLAN and VXLAN-GPE layers, in order, or null. */
    private static Collected vxlan(Decoder d) {
        Collected c = null;
        for (Dissection x = d.dissection(); x != null; x = x.quote()) {
            for (int i = 0; i < x.count(); i++) {
                if (x.proto(i) == Proto.VXLAN || x.proto(i) == Proto.VXLAN_GPE) {
                    if (c == null) {
                        c = new Collected();
                    }
                    walk(x, i, c);
                }
            }
        }
        return c;
    }

    /** Walks tunnel layer {@code i} of {@code x} into {@code c}. */
    static void walk(Dissection x, int i, Collected c) {
        Tvb t = new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
        StringBuilder protocol = new StringBuilder();
        StringBuilder info = new StringBuilder();
        switch (x.proto(i)) {
            case VXLAN -> Vxlan.walk(t, c, protocol, info);
            case VXLAN_GPE -> Vxlan.walkGpe(t, c, protocol, info);
            case GENEVE -> Geneve.walk(t, c, protocol, info);
            case GTP -> Gtp.walk(t, c, protocol, info);
            case TEREDO -> Teredo.walk(t, c, protocol, info);
            default -> { }
        }
    }
}
