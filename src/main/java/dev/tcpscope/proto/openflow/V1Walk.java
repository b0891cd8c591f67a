package dev.tcpscope.proto.openflow;

import dev.tcpscope.proto.EmbeddedFrames;
import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One OpenFlow 1.0 message as Wireshark 4.0.17's packet-openflow_v1.c walks it: the header, then
 * the body of the types it knows (FEATURES_REPLY with its ports, GET_CONFIG_REPLY/SET_CONFIG,
 * PACKET_IN, PACKET_OUT, FLOW_MOD with its match and one action, STATS_REQUEST/REPLY's type and
 * flags and a flow-stats request body); another type with a body gets the "Message data not
 * dissected yet" expert item. The Info text is "Type: NAME". The dissector ends a message where
 * a read runs past its bytes (tcp_dissect_pdus then marks it malformed and goes on).
 *
 * <p>The frame a PACKET_IN or PACKET_OUT carries goes to eth_withoutfcs under the OpenFlow item
 * ({@link EmbeddedFrames}: the present stage's link and network layer builders).
 */
final class V1Walk {
    static final Registry REG = Registry.loadNamed(V1Walk.class, "openflow_v1");
    static final int PACKET_IN = 10, PACKET_OUT = 13;

    private final OfItems it;
    private final java.util.function.Consumer<String> protocols;
    /** Where the frame a PACKET_IN or PACKET_OUT carries starts in the message (-1: none) and its reported length. */
    int frameAt = -1, frameLength;

    V1Walk(Tvb t, boolean tree) {
        this(t, tree, x -> { });
    }

    /** {@code protocols}: where an embedded frame's protocols are named (frame.protocols). */
    V1Walk(Tvb t, boolean tree, java.util.function.Consumer<String> protocols) {
        this.it = new OfItems(t, REG, tree);
        this.protocols = protocols;
    }

    /** The Info text of the message (col_append_fstr "Type: %s"). */
    static String info(int type) {
        String n = REG.value("openflow_1_0.type", type);
        return "Type: " + (n == null ? "Unknown message type" : n);
    }

    /** dissect_openflow_v1 under {@code root}. */
    void walk(Tree root) {
        Tvb t = it.t;
        int type = t.u8(1);
        Tree of = it.tree ? it.at(root.protocol("openflow_v1", "OpenFlow 1.0"), 0, t.cap) : Tree.NOTHING;
        it.add(of, "openflow.version", 0, 1);
        Tree typeItem = it.add(of, "openflow_1_0.type", 1, 1);
        int length = t.u16(2);
        it.add(of, "openflow.length", 2, 2);
        it.add(of, "openflow.xid", 4, 4);
        int off = 8;
        switch (type) {
            case 0, 5, 7 -> { } // HELLO, FEATURES_REQUEST, GET_CONFIG_REQUEST: no body
            case 6 -> featuresReply(of, off, length);
            case 8, 9 -> {
                it.add(of, "openflow.config_flags", off, 2);
                it.add(of, "openflow.miss_send_len", off + 2, 2);
            }
            case PACKET_IN -> {
                it.add(of, "openflow.buffer_id", off, 4);
                it.add(of, "openflow.total_len", off + 4, 2);
                it.add(of, "openflow.in_port", off + 6, 2);
                it.add(of, "openflow.reason", off + 8, 1);
                it.add(of, "openflow.pkt_in.pad", off + 9, 1);
                frame(of, off + 10, length);
            }
            case PACKET_OUT -> {
                long bufferId = t.u32(off);
                it.add(of, "openflow.buffer_id", off, 4);
                it.add(of, "openflow.in_port", off + 4, 2);
                it.add(of, "openflow.actions_len", off + 6, 2);
                int end = action(of, off + 8);
                if (bufferId == 0xffffffffL) {
                    frame(of, end, length);
                }
            }
            case 14 -> flowMod(of, off);
            case 16 -> statsRequest(of, off);
            case 17 -> statsReply(of, off, length);
            default -> {
                if (length > 8) {
                    undecoded(typeItem);
                }
            }
        }
    }

    private void undecoded(Tree item) {
        if (it.tree) {
            item.expert("openflow_1_0.type.undecoded", Tree.Severity.WARNING, Tree.Group.UNDECODED, "Message data not dissected yet");
        }
    }

    /**
     * The frame after a PACKET_IN's or PACKET_OUT's header: tvb_new_subset_length(offset, length -
     * offset) handed to eth_withoutfcs under the OpenFlow item ({@link EmbeddedFrames}).
     */
    private void frame(Tree of, int off, int length) {
        int n = length - off;
        if (n < -1 || off > it.t.rep) {
            throw Tvb.Stop.MALFORMED;
        }
        if (n == -1) {
            n = it.t.rep - off;
        }
        frameAt = off;
        frameLength = n;
        if (it.tree) {
            int cap = Math.max(0, Math.min(n, it.t.cap - off));
            EmbeddedFrames.CURRENT.get().ethernet(of, it.t.s, it.t.base + off, cap, n, protocols);
        }
    }

    /** dissect_openflow_features_reply_v1. */
    private void featuresReply(Tree of, int off, int length) {
        Tree id = it.add(of, "openflow.datapath_id", off, 8);
        it.add(id, "openflow.datapath_imp", off, 2);
        it.add(id, "openflow.datapath_mac", off + 2, 6);
        off += 8;
        it.add(of, "openflow.n_buffers", off, 4);
        it.add(of, "openflow.n_tables", off + 4, 1);
        it.add(of, "openflow.features_reply.pad", off + 5, 3);
        off += 8;
        Tree cap = it.add(of, "openflow.capabilities", off, 4);
        for (String f : new String[] {"openflow.flow_stats", "openflow.table_stats", "openflow.port_stats", "openflow.group_stats",
                "openflow.ip_reasm", "openflow.queue_stats", "openflow.port_blocked"}) {
            it.add(cap, f, off, 4);
        }
        off += 4;
        Tree act = it.add(of, "openflow.actions", off, 4);
        for (String f : new String[] {"openflow.output", "openflow.set_vlan_vid", "openflow.set_vlan_pcp", "openflow.strip_vlan",
                "openflow.set_dl_src", "openflow.set_dl_ds", "openflow.set_nw_src", "openflow.set_nw_ds", "openflow.set_nw_tos",
                "openflow.set_tp_src", "openflow.set_tp_dst", "openflow.enqueue"}) {
            it.add(act, f, off, 4);
        }
        off += 4;
        int remaining = (length - 32) & 0xffff; // a guint16
        int ports = remaining / 48;
        for (int i = 0; i < ports; i++) {
            if (!it.tree) {
                break; // nothing is read without a tree
            }
            Tree port = it.text(of, "Port data " + (i + 1), off, 48);
            phyPort(port, off);
            off += 48;
        }
    }

    /** dissect_openflow_phy_port. */
    private void phyPort(Tree port, int off) {
        it.add(port, "openflow.port_no", off, 2);
        it.add(port, "openflow.hw_add", off + 2, 6);
        it.add(port, "openflow.port_name", off + 8, 16);
        off += 24;
        Tree cnf = it.add(port, "openflow.port_config", off, 4);
        for (String f : new String[] {"openflow.port_down", "openflow.no_stp", "openflow.no_recv", "openflow.no_recv_stp",
                "openflow.no_flood", "openflow.no_fwd", "openflow.no_packet_in"}) {
            it.add(cnf, f, off, 4);
        }
        off += 4;
        Tree state = it.add(port, "openflow.port_state", off, 4);
        it.add(state, "openflow.link_down", off, 4);
        off += 4;
        Tree curr = it.add(port, "openflow.port_curr", off, 4);
        for (String f : new String[] {"openflow.10mb_hd", "openflow.10mb_fd", "openflow.100mb_hd", "openflow.100mb_0fd",
                "openflow.1gb_hd", "openflow.1gb_fd", "openflow.10gb_fd", "openflow.copper", "openflow.fiber",
                "openflow.autoneg", "openflow.pause", "openflow.pause_asym"}) {
            it.add(curr, f, off, 4);
        }
        off += 4;
        it.add(port, "openflow.port_advertised", off, 4);
        it.add(port, "openflow.port_supported", off + 4, 4);
        it.add(port, "openflow.port_peer", off + 8, 4);
    }

    /** dissect_openflow_ofp_match_v1: 40 bytes. */
    private int match(Tree of, int off) {
        it.add(of, "openflow.wildcards", off, 4);
        it.add(of, "openflow.in_port", off + 4, 2);
        it.add(of, "openflow.eth_src", off + 6, 6);
        it.add(of, "openflow.eth_dst", off + 12, 6);
        it.add(of, "openflow.dl_vlan", off + 18, 2);
        it.add(of, "openflow.dl_vlan_pcp", off + 20, 1);
        it.add(of, "openflow.ofp_match.pad", off + 21, 1);
        it.add(of, "openflow.ofp_match.dl_type", off + 22, 2);
        it.add(of, "openflow.ofp_match.tos", off + 24, 1);
        it.add(of, "openflow.ofp_match.nw_proto", off + 25, 1);
        it.add(of, "openflow.ofp_match.pad", off + 26, 2);
        it.add(of, "openflow.ofp_match.source_addr", off + 28, 4);
        it.add(of, "openflow.ofp_match.dest_addr", off + 32, 4);
        it.add(of, "openflow.ofp_match.source_port", off + 36, 2);
        it.add(of, "openflow.ofp_match.dest_port", off + 38, 2);
        return off + 40;
    }

    /** dissect_openflow_action_header: returns the offset after the action. */
    private int action(Tree of, int off) {
        int type = it.u16(off);
        Tree ti = it.add(of, "openflow.action_typ", off, 2);
        int len = it.u16(off + 2);
        it.add(of, "openflow.action_len", off + 2, 2);
        off += 4;
        if (type == 0) {
            it.add(of, "openflow.output_port", off, 2);
            it.add(of, "openflow.max_len", off + 2, 2);
            return off + 4;
        }
        if (it.tree) {
            ti.expert("openflow.action_typ.undecoded", Tree.Severity.WARNING, Tree.Group.UNDECODED, "Action not dissected yet");
        }
        return off + (len - 4);
    }

    /** dissect_openflow_flow_mod: the match, the fixed part, then one action. */
    private void flowMod(Tree of, int off) {
        off = match(of, off);
        it.add(of, "openflow.cookie", off, 8);
        it.add(of, "openflow.command", off + 8, 2);
        it.add(of, "openflow.idle_timeout", off + 10, 2);
        it.add(of, "openflow.hard_timeout", off + 12, 2);
        it.add(of, "openflow.priority", off + 14, 2);
        it.add(of, "openflow.buffer_id", off + 16, 4);
        it.add(of, "openflow.out_port", off + 20, 2);
        it.add(of, "openflow.flags", off + 22, 2);
        action(of, off + 24);
    }

    /** dissect_openflow_stats_req. */
    private void statsRequest(Tree of, int off) {
        int type = it.u16(off); // proto_tree_add_item_ret_uint fetches it whatever the tree
        Tree ti = it.add(of, "openflow.stats.type", off, 2);
        it.add(of, "openflow.flags", off + 2, 2);
        off += 4;
        if (type == 0) {
            return;
        }
        if (type == 1) {
            off = match(of, off);
            it.add(of, "openflow.table_id", off, 1);
            it.add(of, "openflow.stats.request_pad", off + 1, 1);
            it.add(of, "openflow.out_port", off + 2, 2);
            return;
        }
        undecoded(ti);
    }

    /** dissect_openflow_stats_resp. */
    private void statsReply(Tree of, int off, int length) {
        int type = it.u16(off);
        Tree ti = it.add(of, "openflow.stats.type", off, 2);
        it.add(of, "openflow.flags", off + 2, 2);
        if (length == 12 || type == 0) {
            return;
        }
        undecoded(ti);
    }
}
