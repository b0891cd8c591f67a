package dev.tcpscope.proto.openflow;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * OpenFlow 1.3's multipart requests and replies and queue configurations, as packet-openflow_v4.c
 * (Wireshark 4.0.17) walks them: the type, flags and padding, then the body of each OFPMP_ type
 * (flow, aggregate, table, port, queue, group, meter statistics, group and meter descriptions and
 * features, table features with their properties, port descriptions, experimenter). Each list
 * element moves the offset on ({@link V4Parts#progress}).
 */
final class V4Multipart {
    private final String P;
    private final V4Parts p;
    private final Tvb t;

    V4Multipart(V4Parts p) {
        this.p = p;
        this.t = p.t;
        this.P = p.P;
    }

    /** dissect_openflow_multipart_request_v4. */
    void request(Tree of, int off, int length) {
        int type = t.u16(off);
        p.add(of, P + "multipart_request.type", off, 2);
        p.flags(of, P + "multipart_request.flags", off + 2, 2);
        p.add(of, P + "multipart_request.pad", off + 4, 4);
        off += 8;
        switch (type) {
            case 0, 3, 7, 8, 11, 13 -> { } // empty bodies
            case 1, 2 -> {
                String n = P + (type == 1 ? "flow_stats_request." : "aggregate_stats_request.");
                p.table(of, n + "table_id", off);
                p.add(of, n + "pad", off + 1, 3);
                p.port(of, n + "out_port", off + 4);
                p.limited(of, n + "out_group", off + 8, V4Parts.OFPG_MAX);
                p.add(of, n + "pad2", off + 12, 4);
                p.add(of, n + "cookie", off + 16, 8);
                p.add(of, n + "cookie_mask", off + 24, 8);
                p.match(of, off + 32);
            }
            case 4 -> {
                p.port(of, P + "port_stats_request.port_no", off);
                p.add(of, P + "port_stats_request.pad", off + 4, 4);
            }
            case 5 -> {
                p.port(of, P + "queue_stats_request.port_no", off);
                p.unless(of, P + "queue_stats_request.queue_id", off + 4, 0xffffffffL);
            }
            case 6 -> {
                p.limited(of, P + "group_stats_request.group_id", off, V4Parts.OFPG_MAX);
                p.add(of, P + "group_stats_request.pad", off + 4, 4);
            }
            case 9, 10 -> {
                String n = P + (type == 9 ? "meter_stats_request." : "meter_config_request.");
                p.limited(of, n + "meter_id", off, V4Parts.OFPM_MAX);
                p.add(of, n + "pad", off + 4, 4);
            }
            case 12 -> {
                while (off < length) {
                    off = V4Parts.progress(off, tableFeatures(of, off));
                }
            }
            case 0xffff -> {
                p.add(of, P + "multipart_request.experimenter.experimenter", off, 4);
                p.add(of, P + "multipart_request.experimenter.exp_type", off + 4, 4);
                off += 8;
                if (off < length) {
                    p.expert(of, P + "multipart_request.undecoded", "Experimenter multipart request body.", off, length - off);
                }
            }
            default -> p.expert(of, P + "multipart_request.undecoded", "Unknown multipart request body.", off, length - off);
        }
    }

    /** dissect_openflow_multipart_reply_v4. */
    void reply(Tree of, int off, int length) {
        int type = t.u16(off);
        p.add(of, P + "multipart_reply.type", off, 2);
        p.flags(of, P + "multipart_reply.flags", off + 2, 2);
        p.add(of, P + "multipart_reply.pad", off + 4, 4);
        off += 8;
        switch (type) {
            case 0 -> switchDescription(of, off);
            case 1 -> {
                while (off < length) {
                    off = V4Parts.progress(off, flowStats(of, off));
                }
            }
            case 2 -> aggregateStats(of, off);
            case 3 -> tableStats(of, off, length);
            case 4 -> {
                while (off < length) {
                    off = portStats(of, off);
                }
            }
            case 5 -> queueStats(of, off, length);
            case 6 -> {
                while (off < length) {
                    off = V4Parts.progress(off, groupStats(of, off));
                }
            }
            case 7 -> {
                while (off < length) {
                    off = V4Parts.progress(off, groupDesc(of, off));
                }
            }
            case 8 -> groupFeatures(of, off);
            case 9 -> {
                while (off < length) {
                    off = V4Parts.progress(off, meterStats(of, off));
                }
            }
            case 10 -> {
                while (off < length) {
                    off = V4Parts.progress(off, meterConfig(of, off));
                }
            }
            case 11 -> meterFeatures(of, off);
            case 12 -> {
                while (off < length) {
                    off = V4Parts.progress(off, tableFeatures(of, off));
                }
            }
            case 13 -> {
                while (off < length) {
                    off = p.port(of, off);
                }
            }
            case 0xffff -> {
                p.add(of, P + "multipart_reply.experimenter.experimenter", off, 4);
                p.add(of, P + "multipart_reply.experimenter.exp_type", off + 4, 4);
                p.expert(of, P + "multipart_reply.undecoded", "Experimenter multipart reply body.", off + 8, length - 16);
            }
            default -> p.expert(of, P + "multipart_reply.undecoded", "Unknown multipart reply body.", off, length - 8);
        }
    }

    /*
     * reply hands the fixed bodies to their own methods: each field name's concatenation (P + ...)
     * and each p.add is a call site that C1 inlines whole, and reply with them took 27 MB to
     * compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The switch description (type 0). */
    private void switchDescription(Tree of, int off) {
        String n = P + "switch_description.";
        p.add(of, n + "mfr_desc", off, 256);
        p.add(of, n + "hw_desc", off + 256, 256);
        p.add(of, n + "sw_desc", off + 512, 256);
        p.add(of, n + "serial_num", off + 768, 32);
        p.add(of, n + "dp_desc", off + 800, 256);
    }

    /** The aggregate flow statistics (type 2). */
    private void aggregateStats(Tree of, int off) {
        p.add(of, P + "aggregate_stats.packet_count", off, 8);
        p.add(of, P + "aggregate_stats.byte_count", off + 8, 8);
        p.add(of, P + "aggregate_stats.flow_count", off + 16, 4);
        p.add(of, P + "aggregate_stats.pad", off + 20, 4);
    }

    /** The table statistics (type 3). */
    private void tableStats(Tree of, int off, int length) {
        while (off < length) {
            Tree s = p.text(of, "Table stats", off, 24);
            p.table(s, P + "table_stats.table_id", off);
            p.add(s, P + "table_stats.pad", off + 1, 3);
            p.add(s, P + "table_stats.active_count", off + 4, 4);
            p.add(s, P + "table_stats.lookup_count", off + 8, 8);
            p.add(s, P + "table_stats.match_count", off + 16, 8);
            off += 24;
        }
    }

    /** The queue statistics (type 5). */
    private void queueStats(Tree of, int off, int length) {
        while (off < length) {
            Tree s = p.text(of, "Queue stats", off, 40);
            p.port(s, P + "queue_stats.port_no", off);
            p.unless(s, P + "queue_stats.queue_id", off + 4, 0xffffffffL);
            p.add(s, P + "queue_stats.tx_bytes", off + 8, 8);
            p.add(s, P + "quee_stats.tx_packets", off + 16, 8);
            // hf_openflow_v4_queue_stats_tx_errors is registered as port_stats.tx_errors
            p.add(s, P + "port_stats.tx_errors", off + 24, 8);
            p.add(s, P + "queue_stats.duration_sec", off + 32, 4);
            p.add(s, P + "queue_stats.duration_nsec", off + 36, 4);
            off += 40;
        }
    }

    /** The meter features (type 11). */
    private void meterFeatures(Tree of, int off) {
        String n = P + "meter_features.";
        p.add(of, n + "max_meter", off, 4);
        Tree b = p.add(of, P + "features.band_types", off + 4, 4);
        p.add(b, n + "band_types.drop", off + 4, 4);
        p.add(b, n + "band_types.dscp_remark", off + 4, 4);
        p.flags(of, n + "capabilities", off + 8, 4);
        p.add(of, n + "max_bands", off + 12, 1);
        p.add(of, n + "max_color", off + 13, 1);
        p.add(of, n + "pad", off + 14, 2);
    }

    /** dissect_openflow_table_features_v4. */
    private int tableFeatures(Tree of, int off) {
        Tree f = p.text(of, "Table features", off, 0);
        int len = t.u16(off);
        int end = off + len;
        p.it.at(f, off, len);
        String n = P + "table_features.";
        p.add(f, n + "length", off, 2);
        p.add(f, n + "table_id", off + 2, 1);
        p.add(f, n + "pad", off + 3, 5);
        p.add(f, n + "name", off + 8, 32);
        p.add(f, n + "metadata_match", off + 40, 8);
        p.add(f, n + "metadata_write", off + 48, 8);
        p.add(f, n + "config", off + 56, 4);
        p.add(f, n + "max_entries", off + 60, 4);
        off += 64;
        while (off < end) {
            off = V4Parts.progress(off, tableFeatureProp(f, off));
        }
        return off;
    }

    /** dissect_openflow_table_feature_prop_v4. */
    private int tableFeatureProp(Tree tree, int off) {
        Tree pr = p.text(tree, "Table feature property", off, 0);
        int type = t.u16(off);
        String n = P + "table_feature_prop.";
        p.add(pr, n + "type", off, 2);
        int len = t.u16(off + 2);
        p.it.at(pr, off, len);
        p.add(pr, n + "length", off + 2, 2);
        off += 4;
        int end = off + len - 4;
        switch (type) {
            case 0, 1 -> {
                while (off < end) {
                    Tree e = p.text(pr, "Instruction ID", off, 0);
                    int next = V4Parts.progress(off, p.instructionHeader(e, off));
                    p.it.at(e, off, next - off);
                    off = next;
                }
            }
            case 2, 3 -> {
                while (off < end) {
                    p.add(pr, n + "next_tables.next_table_id", off, 1);
                    off += 1;
                }
            }
            case 4, 5, 6, 7 -> {
                while (off < end) {
                    Tree e = p.text(pr, "Action ID", off, 0);
                    int next = V4Parts.progress(off, p.actionHeader(e, off));
                    p.it.at(e, off, next - off);
                    off = next;
                }
            }
            case 8, 10, 12, 13, 14, 15 -> {
                while (off < end) {
                    Tree e = p.text(pr, "OXM ID", off, 0);
                    int next = V4Parts.progress(off, p.oxmHeader(e, off));
                    p.it.at(e, off, next - off);
                    off = next;
                }
            }
            case 0xfffe, 0xffff -> {
                p.add(pr, n + "experimenter.experimenter", off, 4);
                p.add(pr, n + "experimenter.exp_type", off + 4, 4);
                off += 8;
                p.expert(pr, n + "undecoded", "Experimenter table property body.", off, end - off);
                off = end;
            }
            default -> {
                p.expert(pr, n + "undecoded", "Unknown table property body.", off, end - off);
                off = end;
            }
        }
        int pad = (len + 7) / 8 * 8 - len;
        if (pad > 0) {
            p.add(pr, n + "pad", off, pad);
            off += pad;
        }
        return off;
    }

    /** dissect_openflow_flow_stats_v4. */
    private int flowStats(Tree of, int off) {
        Tree s = p.text(of, "Flow stats", off, 0);
        int len = t.u16(off);
        int end = off + len;
        p.it.at(s, off, len);
        String n = P + "flow_stats.";
        p.add(s, n + "length", off, 2);
        p.add(s, n + "table_id", off + 2, 1);
        p.add(s, n + "pad", off + 3, 1);
        p.add(s, n + "duration_sec", off + 4, 4);
        p.add(s, n + "duration_nsec", off + 8, 4);
        p.add(s, n + "priority", off + 12, 2);
        p.add(s, n + "idle_timeout", off + 14, 2);
        p.add(s, n + "hard_timeout", off + 16, 2);
        p.flags(s, n + "flags", off + 18, 2);
        p.add(s, n + "pad2", off + 20, 4);
        p.add(s, n + "cookie", off + 24, 8);
        p.add(s, n + "packet_count", off + 32, 8);
        p.add(s, n + "byte_count", off + 40, 8);
        off = p.match(s, off + 48);
        while (off < end) {
            off = V4Parts.progress(off, p.instruction(s, off));
        }
        return off;
    }

    /** dissect_openflow_port_stats_v4: 112 bytes. */
    private int portStats(Tree of, int off) {
        Tree s = p.text(of, "Port stats", off, 112);
        String n = P + "port_stats.";
        p.port(s, n + "port_no", off);
        p.add(s, n + "pad", off + 4, 4);
        int at = off + 8;
        for (String c : new String[] {"rx_packets", "tx_packets", "rx_bytes", "tx_bytes", "rx_dropped", "tx_dropped", "rx_errors",
                "tx_errors", "rx_frame_error", "rx_over_error", "rx_crc_error", "collisions"}) {
            p.add(s, n + c, at, 8);
            at += 8;
        }
        p.add(s, n + "duration_sec", at, 4);
        p.add(s, n + "duration_nsec", at + 4, 4);
        return at + 8;
    }

    /** dissect_openflow_group_stats_v4. */
    private int groupStats(Tree of, int off) {
        Tree s = p.text(of, "Group stats", off, 0);
        int len = t.u16(off);
        int end = off + len;
        p.it.at(s, off, len);
        String n = P + "group_stats.";
        p.add(s, n + "length", off, 2);
        p.add(s, n + "pad", off + 2, 2);
        p.limited(s, n + "group_id", off + 4, V4Parts.OFPG_MAX);
        p.add(s, n + "ref_count", off + 8, 4);
        p.add(s, n + "pad2", off + 12, 4);
        p.add(s, n + "packet_count", off + 16, 8);
        p.add(s, n + "byte_count", off + 24, 8);
        p.add(s, P + "flow_stats.duration_sec", off + 32, 4);
        p.add(s, P + "flow_stats.duration_nsec", off + 36, 4);
        off += 40;
        while (off < end) {
            Tree c = p.text(s, "Bucket counter", off, 16);
            p.add(c, P + "bucket_counter.packet_count", off, 8);
            p.add(c, P + "bucket_counter.byte_count", off + 8, 8);
            off += 16;
        }
        return off;
    }

    /** dissect_openflow_group_desc_v4. */
    private int groupDesc(Tree of, int off) {
        Tree d = p.text(of, "Group description", off, 0);
        int len = t.u16(off);
        int end = off + len;
        p.it.at(d, off, len);
        String n = P + "group_desc.";
        p.add(d, n + "length", off, 2);
        p.add(d, n + "type", off + 2, 1);
        p.add(d, n + "pad2", off + 3, 1);
        p.limited(d, n + "group_id", off + 4, V4Parts.OFPG_MAX);
        off += 8;
        while (off < end) {
            off = V4Parts.progress(off, p.bucket(d, off));
        }
        return off;
    }

    /** dissect_openflow_group_features_v4. */
    private void groupFeatures(Tree of, int off) {
        String n = P + "group_features.";
        p.flags(of, n + "types", off, 4);
        p.flags(of, n + "capabilities", off + 4, 4);
        off += 8;
        for (String w : new String[] {"all", "select", "indirect", "ff"}) {
            p.add(of, P + "group_stats.max_groups." + w, off, 4);
            off += 4;
        }
        for (String w : new String[] {"all", "select", "indirect", "ff"}) {
            p.flags(of, n + "actions." + w, off, 4);
            off += 4;
        }
    }

    /** dissect_openflow_meter_stats_v4. */
    private int meterStats(Tree of, int off) {
        Tree s = p.text(of, "Meter stats", off, 0);
        String n = P + "meter_stats.";
        p.limited(s, n + "meter_id", off, V4Parts.OFPM_MAX);
        int len = t.u16(off + 4);
        int end = off + len;
        p.it.at(s, off, len);
        p.add(s, n + "length", off + 4, 2);
        p.add(s, n + "pad", off + 6, 6);
        p.add(s, n + "flow_count", off + 12, 4);
        p.add(s, n + "packet_in_count", off + 16, 8);
        p.add(s, n + "byte_in_count", off + 24, 8);
        p.add(s, n + "duration_sec", off + 32, 4);
        p.add(s, n + "duration_nsec", off + 36, 4);
        off += 40;
        while (off < end) {
            Tree b = p.text(s, "Meter band stats", off, 16);
            p.add(b, P + "meter_band_stats.packet_band_count", off, 8);
            p.add(b, P + "meter_band_stats.byte_band_count", off + 8, 8);
            off += 16;
        }
        return off;
    }

    /** dissect_openflow_meter_config_v4. */
    private int meterConfig(Tree of, int off) {
        Tree c = p.text(of, "Meter config", off, 0);
        int len = t.u16(off);
        int end = off + len;
        p.it.at(c, off, len);
        String n = P + "meter_config.";
        p.add(c, n + "len", off, 2);
        p.flags(c, n + "flags", off + 2, 2);
        p.limited(c, n + "meter_id", off + 4, V4Parts.OFPM_MAX);
        off += 8;
        while (off < end) {
            off = V4Parts.progress(off, p.meterBand(c, off));
        }
        return off;
    }

    /** dissect_openflow_packet_queue_v4. */
    int packetQueue(Tree of, int off) {
        Tree q = p.text(of, "Queue", off, 0);
        String n = P + "packet_queue.";
        p.unless(q, n + "queue_id", off, 0xffffffffL);
        p.port(q, n + "port", off + 4);
        int len = t.u16(off + 8);
        int end = off + len;
        p.it.at(q, off, len);
        p.add(q, n + "len", off + 8, 2);
        p.add(q, n + "pad", off + 10, 6);
        off += 16;
        while (off < end) {
            off = V4Parts.progress(off, queueProp(q, off));
        }
        return off;
    }

    /** dissect_openflow_queue_prop_v4. */
    private int queueProp(Tree tree, int off) {
        Tree pr = p.text(tree, "Queue property", off, 0);
        int type = t.u16(off);
        String n = P + "queue_prop.";
        p.add(pr, n + "property", off, 2);
        int len = t.u16(off + 2);
        p.it.at(pr, off, len);
        p.add(pr, n + "len", off + 2, 2);
        p.add(pr, n + "pad", off + 4, 4);
        off += 8;
        switch (type) {
            case 1, 2 -> {
                String r = n + (type == 1 ? "min_rate." : "max_rate.");
                if (t.u16(off) <= 1000) {
                    p.plain(pr, r + "rate", off, 2);
                } else {
                    p.reserved(pr, r + "rate", off, 2);
                }
                p.add(pr, r + "pad", off + 2, 6);
                off += 8;
            }
            case 0xffff -> {
                p.add(pr, n + "experimenter.experimenter", off, 4);
                p.add(pr, n + "experimenter.pad", off + 4, 4);
                off += 8;
                p.expert(pr, n + "undecoded", "Experimenter queue property body.", off, len - 16);
                off += len - 16;
            }
            default -> {
                p.expert(pr, n + "undecoded", "Unknown queue property body.", off, len - 8);
                off += len - 8;
            }
        }
        return off;
    }
}
