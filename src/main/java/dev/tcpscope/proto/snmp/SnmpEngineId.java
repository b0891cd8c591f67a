package dev.tcpscope.proto.snmp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * packet-snmp.c's dissect_snmp_engineid (RFC 3411 §5's SnmpEngineID, RFC 1910's older form): the
 * conformance bit, the enterprise number, then by format an IPv4 or IPv6 address, a MAC address
 * (after Cisco's type byte), text, Net-SNMP's random bytes and creation time, or plain octets;
 * bytes left over get the "Data not conforming" expert item.
 */
final class SnmpEngineId {
    private SnmpEngineId() { }

    private static final Registry REG = SnmpWalk.REG;

    /** Enterprise numbers (IANA's PEN registry, as epan/enterprises.c names them) that tshark shows; the rest are "Unknown". */
    private static String enterprise(long id) {
        return switch ((int) id) {
            case 9 -> "ciscoSystems";
            case 2021 -> "U.C. Davis, ECE Dept. Tom";
            case 8072 -> "net-snmp";
            default -> "Unknown";
        };
    }

    static void dissect(Tvb t, Tree tree, int off, int len) {
        int remain = len;
        int conform = t.u8(off) >> 7 & 1;
        REG.integerItem(t, tree, REG.row("snmp.engineid.conform"), off, 1, (v, n) -> n);
        if (remain < 4) {
            return;
        }
        long id = t.u32(off);
        if (conform == 1) {
            id -= 0x80000000L;
        }
        String en = Long.toString(id);
        t.at(tree.field("snmp.engineid.enterprise", "Engine Enterprise ID: " + enterprise(id) + " (" + en + ")", en), off, 4);
        off += 4;
        remain -= 4;
        if (conform == 0) {
            if (remain == 8) {
                t.at(tree.bytes("snmp.agentid_trailer", "AgentID Trailer", t.s, t.base + off, 8), off, 8);
                return;
            }
            nonConformant(t, tree, "snmp.rfc1910_non_conformant", "Data not conforming to RFC1910", off, remain);
            return;
        }
        if (remain < 1) {
            return;
        }
        int format = t.u8(off);
        String fname = REG.value("snmp.engineid.format", format);
        Tree fitem = t.at(tree.field("snmp.engineid.format", "Engine ID Format: " + (fname == null ? "Reserved/Enterprise-specific" : fname)
                + " (" + format + ")", Integer.toString(format)), off, 1);
        off++;
        remain--;
        switch (format) {
            case 1 -> {
                if (remain == 4) {
                    String a = t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
                    t.at(tree.field("snmp.engineid.ipv4", "Engine ID Data: IPv4 address: " + a, a), off, 4);
                    off += 4;
                    remain = 0;
                }
            }
            case 2 -> {
                if (remain == 16) {
                    String a = Text.ipv6(t.copy(off, 16));
                    t.at(tree.field("snmp.engineid.ipv6", "Engine ID Data: IPv6 address: " + a, a), off, 16);
                    off += 16;
                    remain = 0;
                }
            }
            case 3 -> {
                if (id == 9 && remain == 7) {
                    REG.integerItem(t, tree, REG.row("snmp.engineid.cisco.type"), off, 1,
                            (v, n) -> (REG.value("snmp.engineid.cisco.type", v) == null ? "Unknown" : REG.value("snmp.engineid.cisco.type", v)) + " (" + n + ")");
                    off++;
                    remain--;
                }
                if (remain == 6) {
                    t.need(off, 6);
                    String mac = Text.hexColons(t.s, t.base + off, 6);
                    long m = 0;
                    for (int i = 0; i < 6; i++) {
                        m = m << 8 | t.u8(off + i);
                    }
                    String name = dev.tcpscope.proto.EtherNames.name(m);
                    t.at(tree.field("snmp.engineid.mac", "Engine ID Data: MAC address: " + name + " (" + mac + ")", mac), off, 6);
                    off += 6;
                    remain = 0;
                }
            }
            case 4 -> {
                if (remain <= 27) {
                    t.string(tree, "snmp.engineid.text", "Engine ID Data: Text", off, remain);
                    off += remain;
                    remain = 0;
                }
            }
            default -> {
                if (format == 128 && (id == 2021 || id == 8072)) {
                    fitem.relabel("Engine ID Format: Reserved/Enterprise-specific (128): " + (id == 2021 ? "UCD-SNMP Random" : "Net-SNMP Random"));
                    if (remain == 8 || remain == 12) {
                        t.need(off, remain);
                        t.at(tree.bytes("snmp.engineid.data", "Engine ID Data", t.s, t.base + off, 4), off, 4);
                        long secs = 0;
                        for (int i = (remain == 8 ? 4 : 8) - 1; i >= 0; i--) {
                            secs = secs << 8 | t.u8(off + 4 + i);
                        }
                        if (remain == 8) {
                            secs = (int) secs; // time_t from a 32-bit little-endian value
                        }
                        String when = Text.absTime(secs, 0);
                        String shown = when.substring(0, when.lastIndexOf('.')) + " UTC";
                        t.at(tree.field("snmp.engineid.time", "Engine ID Data: Creation Time: " + shown, when).time(secs, 0), off + 4, remain - 4);
                        off += remain;
                        remain = 0;
                    }
                } else if (remain <= 27) {
                    t.need(off, remain);
                    Tree d = tree.bytes("snmp.engineid.data", "Engine ID Data", t.s, t.base + off, remain);
                    t.at(remain == 0 ? d.relabel("Engine ID Data: <MISSING>") : d, off, remain);
                    off += remain;
                    remain = 0;
                }
            }
        }
        if (remain > 0) {
            nonConformant(t, tree, "snmp.rfc3411_non_conformant", "Data not conforming to RFC3411", off, remain);
        }
    }

    private static void nonConformant(Tvb t, Tree tree, String key, String msg, int off, int len) {
        t.at(tree.text(msg), off, Math.max(0, Math.min(len, t.cap - off))).expert(key, Tree.Severity.WARNING, Tree.Group.PROTOCOL, msg);
    }
}
