package dev.tcpscope.proto.ppp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * PPP's protocol field as packet-ppp.c's dissect_ppp shows it (RFC 1661 §2): the item over the
 * one or two bytes, and, when no dissector here takes the protocol, packet-ppp.c's columns for
 * it ("0x0021", "PPP Internet Protocol version 4 (0x0021)"); the rest is then data. LCP, IPCP,
 * IPV6CP, PAP and CHAP go on to {@link PppCp}.
 */
public final class PppFrame {
    private PppFrame() { }

    /** packet-ppp.c's fields and value strings (the PPP protocol names among them). */
    static final Registry PPP = Registry.loadNamed(PppFrame.class, "ppp");

    /**
     * Walks the protocol field at the start of {@code t}, after an address and a control byte
     * when {@code hdlc} (dissect_ppp_hdlc: PPP in GRE) and the first byte is 0xFF;
     * {@code taken} says whether a layer follows (IPv4, IPv6), else the columns name the protocol.
     */
    public static Tvb.Stop walk(Tvb t, boolean hdlc, boolean taken, Tree root, StringBuilder protocol, StringBuilder info) {
        // dissect_ppp_hdlc names the protocol before it reads a byte, dissect_ppp (PPPoE's) once
        // the protocol field is read
        if (hdlc) {
            protocol.setLength(0);
            protocol.append("PPP");
        }
        try {
            int start = hdlc && t.u8(0) == 0xff ? 2 : 0;
            // the item covers the whole frame until the field's width is known
            Tree p = t.at(root.protocol("ppp", "Point-to-Point Protocol"), 0, t.cap);
            if (start == 2) {
                int control = t.u8(1); // read before either item is added
                t.at(p.field("ppp.address", "Address: 0xff", "0xff"), 0, 1);
                t.at(p.field("ppp.control", "Control: 0x" + Registry.hex(control, 2), "0x" + Registry.hex(control, 2)), 1, 1);
            }
            int first = t.u8(start);
            int width = (first & 1) != 0 ? 1 : 2;
            int proto = width == 1 ? first : t.u16(start);
            protocol.setLength(0);
            protocol.append("PPP");
            String hex = Registry.hex(proto, 4);
            String name = PPP.name("ppp.protocol", proto);
            t.at(p.field("ppp.protocol", "Protocol: " + name + " (0x" + hex + ")", "0x" + hex), start, width);
            t.at(p, 0, start + width);
            if (!taken && PppCp.takes(proto)) {
                int w = start + width;
                PppCp.walk(new Tvb(t.s, t.base + w, Math.max(0, t.cap - w), Math.max(0, t.rep - w)), proto, root, protocol, info);
            } else if (!taken) {
                protocol.setLength(0);
                protocol.append("0x").append(hex);
                info.setLength(0);
                info.append("PPP ").append(name).append(" (0x").append(hex).append(')');
            }
            return null;
        } catch (Tvb.Stop stop) {
            return stop;
        }
    }
}
