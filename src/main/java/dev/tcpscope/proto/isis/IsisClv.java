package dev.tcpscope.proto.isis;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * The CLVs (code, length, value; ISO 10589 §9 and the RFCs that add codes) of an IS-IS PDU as
 * packet-isis-clv.c and the PDU dissectors' tables show them: each CLV a subtree titled
 * "Name (t=code, l=length)" with its Type and Length items, then its value. A CLV's length is one
 * byte, so each turn of the loop moves at least two bytes and at most 257: the walk ends.
 */
final class IsisClv {
    private final Tvb t;
    private final String prefix;
    private final int idLen;
    private final Registry r;
    private final boolean hello;
    private final boolean lsp;
    private final boolean level1;

    IsisClv(Tvb t, String prefix, int idLen, boolean level1) {
        this.t = t;
        this.prefix = prefix;
        this.idLen = idLen;
        this.r = switch (prefix) {
            case "isis.hello" -> Isis.HELLO;
            case "isis.lsp" -> Isis.LSP;
            case "isis.csnp" -> Isis.CSNP;
            default -> Isis.PSNP;
        };
        this.hello = prefix.equals("isis.hello");
        this.lsp = prefix.equals("isis.lsp");
        this.level1 = level1;
    }

    void walk(Tree parent, int off, int end) {
        // as isis_dissect_clvs counts: a code or a length byte that leaves nothing after it ends
        // the walk without an item (so a zero-length CLV in the last two bytes is not shown)
        int left = end - off;
        while (left > 0) {
            int code = t.u8(off);
            left--;
            if (left == 0) {
                return;
            }
            int len = t.u8(off + 1);
            left--;
            if (left == 0) {
                return;
            }
            if (left < len) {
                shortClv(parent, off + 2, len, left);
                return;
            }
            String name = name(code);
            Tree c = t.at(parent.text((name == null ? "Unknown code" : name) + " (t=" + code + ", l=" + len + ")"), off, len + 2);
            IsisPdu.item(r, t, c, prefix + ".clv.type", off, 1);
            IsisPdu.item(r, t, c, prefix + ".clv.length", off + 1, 1);
            int v = off + 2;
            if (name == null) {
                String message = "Dissector for IS-IS CLV (" + code + ") code not implemented, Contact Wireshark developers if you want this supported";
                t.at(c.text(message), v, len).expert(prefix + ".clv.unknown", Tree.Severity.NOTE, Tree.Group.UNDECODED, message);
            } else {
                value(c, code, v, len);
            }
            off += 2 + len;
            left -= len;
        }
    }

    /** isis_dissect_clvs' "Short CLV header" item, from after the CLV's header to the captured end. */
    private void shortClv(Tree parent, int off, int wanted, int left) {
        String message = "Short CLV header (" + wanted + " vs " + left + ")";
        t.at(parent.text(message), off, Math.max(0, t.cap - off)).expert(prefix + ".short_clv", Tree.Severity.ERROR,
                Tree.Group.MALFORMED, message);
    }

    /** The CLV's title as the PDU type's table names it, or null for a code it does not list. */
    private String name(int code) {
        return switch (code) {
            case 1 -> "Area address(es)";
            case 2 -> lsp ? "IS Reachability" : null;
            case 6 -> hello ? "IS Neighbor(s)" : null;
            case 7 -> "Instance Identifier";
            case 8 -> hello ? "Padding" : null;
            case 9 -> !hello && !lsp ? "LSP entries" : null;
            case 22 -> lsp ? "Extended IS reachability" : null;
            case 128 -> lsp ? "IP Internal reachability" : null;
            case 129 -> hello ? "Protocols Supported" : lsp ? "Protocols supported" : null;
            case 130 -> lsp ? "IP External reachability" : null;
            case 132 -> hello || lsp ? "IP Interface address(es)" : null;
            case 135 -> lsp ? "Extended IP Reachability" : null;
            case 137 -> lsp ? "Hostname" : null;
            case 143 -> hello ? "MT Port Capability" : null;
            case 211 -> hello ? "Restart Signaling" : null;
            case 240 -> hello ? "Point-to-point Adjacency State" : null;
            case 242 -> lsp ? "Router Capability" : null;
            default -> null;
        };
    }

    private void value(Tree c, int code, int v, int len) {
        switch (code) {
            case 1 -> areas(c, v, len);
            case 2 -> isReach(c, v, len);
            case 6 -> {
                for (int k = 0; k + 6 <= len; k += 6) {
                    long mac = 0;
                    for (int j = 0; j < 6; j++) {
                        mac = mac << 8 | t.u8(v + k + j);
                    }
                    String plain = dev.tcpscope.proto.EtherNames.plain(mac);
                    t.at(c.field("isis.hello.is_neighbor", "IS Neighbor: " + dev.tcpscope.proto.EtherNames.name(mac) + " (" + plain + ")",
                            plain), v + k, 6);
                }
            }
            case 7 -> {
                // a PSNP's Instance Identifier items are packet-isis-snp.c's CSNP fields
                String p = prefix.equals("isis.psnp") ? "isis.csnp" : prefix;
                Registry g = prefix.equals("isis.psnp") ? Isis.CSNP : r;
                IsisPdu.item(g, t, c, p + ".iid", v, 2);
                for (int k = 2; k + 2 <= len; k += 2) {
                    IsisPdu.item(g, t, c, p + ".supported_itid", v + k, 2);
                }
            }
            case 8 -> { }
            case 9 -> lspEntries(c, v, len);
            case 22 -> extIsReach(c, v, len);
            case 128, 130 -> ipReach(c, v, len);
            case 129 -> {
                // one text item naming every NLPID, each NLPID a field under it
                t.need(v, len);
                StringBuilder names = new StringBuilder(len > 1 ? "NLPIDs: " : "NLPID: ");
                for (int k = 0; k < len; k++) {
                    int n = t.u8(v + k);
                    names.append(k > 0 ? ", " : "").append(Isis.nlpidName(n)).append(" (").append(Isis.hex2(n)).append(')');
                }
                Tree x = t.at(c.text(names.toString()), v, len);
                for (int k = 0; k < len; k++) {
                    int n = t.u8(v + k);
                    t.at(x.field(prefix + ".clv_nlpid.nlpid", "NLPID: " + Isis.hex2(n), Isis.hex2(n)), v + k, 1);
                }
            }
            case 132 -> {
                for (int k = 0; k + 4 <= len; k += 4) {
                    String a = ipv4(v + k);
                    t.at(c.field(prefix + ".clv_ipv4_int_addr", "IPv4 interface address: " + a, a), v + k, 4);
                }
            }
            case 135 -> extIpReach(c, v, len);
            case 137 -> t.string(c, "isis.lsp.hostname", "Hostname", v, len);
            case 143 -> mtPortCapability(c, v, len);
            case 211 -> restart(c, v, len);
            case 240 -> p2pAdjacency(c, v, len);
            case 242 -> routerCapability(c, v, len);
            default -> { }
        }
    }

    private void areas(Tree c, int v, int len) {
        int k = 0;
        while (k < len) {
            int alen = t.u8(v + k);
            if (alen > len - k - 1) {
                // the CLV ends the area list; the walk goes on with the next CLV
                String message = "short address, packet says " + alen + ", we have " + (len - k - 1) + " left";
                t.at(c.text(message), v + k, len - k).expert(prefix.equals("isis.hello") ? "isis.hello.short_clv"
                        : prefix + ".short_clv", Tree.Severity.ERROR, Tree.Group.MALFORMED, message);
                return;
            }
            t.need(v + k + 1, alen);
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < alen; j++) {
                if (j == 1 || (j > 1 && (j - 1) % 2 == 0)) {
                    sb.append('.');
                }
                sb.append(String.format("%02x", t.u8(v + k + 1 + j)));
            }
            t.at(c.bytes(prefix + ".area_address", "Area address", t.s, t.base + v + k, alen + 1)
                    .relabel("Area address (" + alen + "): " + sb), v + k, alen + 1);
            k += alen + 1;
        }
    }

    private void lspEntries(Tree c, int v, int len) {
        // PSNP and CSNP share packet-isis-snp.c's LSP entry fields (isis.csnp.*)
        String p = "isis.csnp";
        Registry g = Isis.CSNP;
        for (int k = 0; k + 16 <= len; k += 16) {
            int o = v + k;
            Tree e = t.at(c.text("LSP Entry"), o, 16);
            IsisPdu.item(g, t, e, p + ".lsp_seq_num", o + 10, 4);
            IsisPdu.item(g, t, e, p + ".lsp_remain_life", o, 2);
            IsisPdu.item(g, t, e, p + ".lsp_checksum", o + 14, 2);
            IsisPdu.systemId(t, c, p + ".lsp_id", "LSP-ID", o + 2, 8);
        }
    }

    private void isReach(Tree c, int v, int len) {
        Registry l = Isis.LSP;
        // 4.0.17 shows the first byte as the virtual flag in an L1 LSP, as a reserved byte in an L2 LSP
        if (level1) {
            int virt = t.u8(v);
            t.at(c.field("isis.lsp.is_virtual", "IsVirtual: " + (virt != 0 ? "Yes" : "No"), virt != 0 ? "1" : "0"), v, 1);
        } else {
            IsisPdu.item(l, t, c, "isis.lsp.eis_neighbors_clv_inner.reserved", v, 1);
        }
        for (int k = 1; k + 4 + idLen + 1 <= len; k += 4 + idLen + 1) {
            int o = v + k;
            String id = Isis.systemId(t, o + 4, idLen + 1);
            Tree n = t.at(c.text("IS Neighbor: " + id), o, 4 + idLen + 1);
            // 4.0.17 reads all four metrics from the entry's first byte, each item over its own byte
            IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.default_metric", o, 1);
            IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.default_metric_ie", o, 1);
            IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.delay_metric", o, 1);
            IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors_delay_metric.supported", o, 1);
            t.at(IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.delay_metric_ie", o, 1), o + 1, 1);
            IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.expense_metric", o, 1);
            IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.expense_metric_supported", o, 1);
            t.at(IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.expense_metric_ie", o, 1), o + 2, 1);
            IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.error_metric", o, 1);
            IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.error_metric_supported", o, 1);
            t.at(IsisPdu.item(l, t, n, "isis.lsp.eis_neighbors.error_metric_ie", o, 1), o + 3, 1);
            IsisPdu.systemId(t, n, "isis.lsp.eis_neighbors.is_neighbor", "IS Neighbor", o + 4, idLen + 1);
        }
    }

    private void ipReach(Tree c, int v, int len) {
        Registry l = Isis.LSP;
        String p = "isis.lsp.ip_reachability.";
        for (int k = 0; k + 12 <= len; k += 12) {
            int o = v + k;
            String a = ipv4(o + 4);
            int bits = Integer.bitCount((int) t.u32(o + 8));
            Tree n = t.at(c.field(p + "ipv4_prefix", "IPv4 prefix: " + a + "/" + bits, a), o, 12);
            Tree s = n;
            IsisPdu.item(l, t, s, p + "default_metric", o, 1);
            IsisPdu.item(l, t, s, p + "default_metric_ie", o, 1);
            IsisPdu.item(l, t, s, p + "distribution", o, 1);
            IsisPdu.item(l, t, s, p + "delay_metric", o + 1, 1);
            IsisPdu.item(l, t, s, p + "delay_metric_support", o + 1, 1);
            IsisPdu.item(l, t, s, p + "delay_metric_ie", o + 1, 1);
            IsisPdu.item(l, t, s, p + "expense_metric", o + 2, 1);
            IsisPdu.item(l, t, s, p + "expense_metric_support", o + 2, 1);
            IsisPdu.item(l, t, s, p + "expense_metric_ie", o + 2, 1);
            IsisPdu.item(l, t, s, p + "error_metric", o + 3, 1);
            IsisPdu.item(l, t, s, p + "error_metric_support", o + 3, 1);
            IsisPdu.item(l, t, s, p + "error_metric_ie", o + 3, 1);
        }
    }

    private void extIsReach(Tree c, int v, int len) {
        Registry l = Isis.LSP;
        int k = 0;
        while (k + idLen + 5 <= len) {
            int o = v + k;
            String id = Isis.systemId(t, o, idLen + 1);
            int sub = t.u8(o + idLen + 4);
            Tree n = t.at(c.text("IS Neighbor: " + id), o, idLen + 5 + sub);
            IsisPdu.systemId(t, n, "isis.lsp.ext_is_reachability.is_neighbor_id", "IS neighbor ID", o, idLen + 1);
            IsisPdu.item(l, t, n, "isis.lsp.ext_is_reachability.metric", o + idLen + 1, 3);
            String subText = sub == 0 ? "SubCLV Length: 0 (no sub-TLVs present)" : "SubCLV Length: " + sub;
            t.at(n.field("isis.lsp.ext_is_reachability.subclvs_length", subText, Integer.toString(sub)), o + idLen + 4, 1);
            k += idLen + 5 + sub;
        }
    }

    private void extIpReach(Tree c, int v, int len) {
        Registry l = Isis.LSP;
        String p = "isis.lsp.ext_ip_reachability.";
        int k = 0;
        while (k + 5 <= len) {
            int o = v + k;
            int ctl = t.u8(o + 4);
            int bits = ctl & 0x3f;
            int bytes = (bits + 7) / 8;
            byte[] a = new byte[4];
            for (int j = 0; j < bytes && j < 4; j++) {
                a[j] = (byte) t.u8(o + 5 + j);
            }
            String addr = (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
            boolean hasSub = (ctl & 0x40) != 0;
            int sub = hasSub ? t.u8(o + 5 + bytes) : 0;
            int entry = 5 + bytes + (hasSub ? 1 + sub : 0);
            Tree n = t.at(c.text("Ext. IP Reachability: " + addr + "/" + bits), o, entry);
            IsisPdu.item(l, t, n, p + "metric", o, 4);
            IsisPdu.item(l, t, n, p + "distribution", o + 4, 1);
            IsisPdu.item(l, t, n, p + "subtlv", o + 4, 1);
            IsisPdu.item(l, t, n, p + "prefix_length", o + 4, 1);
            t.at(n.field(p + "ipv4_prefix", "IPv4 prefix: " + addr, addr), o + 5, bytes);
            if (hasSub) {
                IsisPdu.item(l, t, n, p + "subclvs_length", o + 5 + bytes, 1);
            } else {
                // 4.0.17 adds the sub-CLV length as an empty item labelled so
                t.at(n.field(p + "subclvs_length", "no sub-TLVs present", "0"), o + 5 + bytes, 0);
            }
            k += entry;
        }
    }

    private void restart(Tree c, int v, int len) {
        if (len < 1) {
            return;
        }
        Tree f = IsisPdu.item(r, t, c, "isis.hello.clv_restart_flags", v, 1);
        IsisPdu.item(r, t, f, "isis.hello.clv_restart_flags.sa", v, 1);
        IsisPdu.item(r, t, f, "isis.hello.clv_restart_flags.ra", v, 1);
        IsisPdu.item(r, t, f, "isis.hello.clv_restart_flags.rr", v, 1);
        // the remaining time is there when the restart acknowledgment is (RFC 5306 §3.1)
        if (len >= 3 && (t.u8(v) & 2) != 0) {
            IsisPdu.item(r, t, c, "isis.hello.clv_restart.remain_time", v + 1, 2);
        }
        if (len >= 3 + idLen) {
            IsisPdu.systemId(t, c, "isis.hello.clv_restart.neighbor", "Restarting Neighbor ID", v + 3, idLen);
        }
    }

    /**
     * RFC 7981's router capability: router ID, the S and D flags, then sub-TLVs (each shown as
     * 4.0.17 shows one it does not decode; they advance by 2 + their length, within the CLV).
     */
    private void routerCapability(Tree c, int v, int len) {
        Registry l = Isis.LSP;
        if (len < 5) {
            return;
        }
        IsisPdu.item(l, t, c, "isis.lsp.rt_capable.router_id", v, 4);
        IsisPdu.item(l, t, c, "isis.lsp.rt_capable.flag_s", v + 4, 1);
        IsisPdu.item(l, t, c, "isis.lsp.rt_capable.flag_d", v + 4, 1);
        int k = 5;
        while (k + 2 <= len) {
            int type = t.u8(v + k);
            int sub = t.u8(v + k + 1);
            String message = "Unknown SubTlv: Type: " + type + ", Length: " + sub;
            t.at(c.text(message), v + k, Math.min(2 + sub, len - k)).expert("isis.lsp.subtlv.unknown", Tree.Severity.WARNING,
                    Tree.Group.PROTOCOL, message);
            k += 2 + sub;
        }
    }

    /**
     * IEEE 802.1aq's MT port capability in a Hello: the topology ID, then sub-TLVs; SPB's MCID (4)
     * and digest (5) decoded, each advancing by 2 + its length within the CLV.
     */
    private void mtPortCapability(Tree c, int v, int len) {
        if (len < 2) {
            return;
        }
        IsisPdu.item(r, t, c, "isis.hello.mtid", v, 2);
        int k = 2;
        while (k + 2 <= len) {
            int o = v + k;
            int type = t.u8(o);
            int sub = t.u8(o + 1);
            if (sub > len - k - 2) {
                String message = "Short type " + type + " TLV (" + sub + " vs " + (len - k - 2) + ")";
                t.at(c.text(message), o, len - k).expert("isis.hello.short_clv", Tree.Severity.ERROR, Tree.Group.MALFORMED, message);
                return;
            }
            if (type == 4 && sub >= 102) {
                Tree m = t.at(c.text(String.format("SPB MCID: Type: 0x%02x, Length: %d", type, sub)), o, 2 + sub);
                t.at(m.bytes("isis.hello.mcid", "MCID", t.s, t.base + o + 2, 51), o + 2, 51);
                t.need(o + 53, 51);
                t.at(m.bytes("isis.hello.aux_mcid", "Aux MCID", t.s, t.base + o + 53, 51), o + 53, 51);
            } else if (type == 5 && sub >= 33) {
                Tree d = t.at(c.text(String.format("SPB Digest: Type: 0x%02x, Length: %d", type, sub)), o, 2 + sub);
                IsisPdu.item(r, t, d, "isis.hello.digest.v", o + 2, 1);
                IsisPdu.item(r, t, d, "isis.hello.digest.a", o + 2, 1);
                IsisPdu.item(r, t, d, "isis.hello.digest.d", o + 2, 1);
                t.need(o + 3, 32);
                t.at(d.bytes("isis.hello.digest", "Digest", t.s, t.base + o + 3, 32), o + 3, 32);
            }
            k += 2 + sub;
        }
    }

    private void p2pAdjacency(Tree c, int v, int len) {
        if (len >= 1) {
            IsisPdu.item(r, t, c, "isis.hello.adjacency_state", v, 1);
        }
        if (len >= 5) {
            IsisPdu.item(r, t, c, "isis.hello.extended_local_circuit_id", v + 1, 4);
        }
        if (len >= 11) {
            IsisPdu.systemId(t, c, "isis.hello.neighbor_systemid", "Neighbor SystemID", v + 5, idLen);
        }
        if (len >= 15) {
            IsisPdu.item(r, t, c, "isis.hello.neighbor_extended_local_circuit_id", v + 11, 4);
        }
    }

    private String ipv4(int off) {
        return t.u8(off) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
    }
}
