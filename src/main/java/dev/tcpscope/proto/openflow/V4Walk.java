package dev.tcpscope.proto.openflow;

import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

/**
 * One OpenFlow 1.3 message as Wireshark 4.0.17's packet-openflow_v4.c walks it under its
 * "OpenFlow 1.3" item: the header, then each type's body (hello elements, errors with the failed
 * message's header and body under "Body", echo data, experimenter, switch features and config,
 * PACKET_IN, FLOW_REMOVED, PORT_STATUS, PACKET_OUT, FLOW_MOD, GROUP_MOD, PORT_MOD, TABLE_MOD,
 * every multipart request and reply, queue configs, roles, async config, METER_MOD). The shared
 * structures are {@link V4Parts}'. Lists end at their length; an element that does not move the
 * offset ends the message as malformed, so the work is bounded by the message's bytes.
 *
 * <p>The Ethernet frame of a PACKET_IN or PACKET_OUT goes to eth_withoutfcs under "Data"
 * ({@link dev.tcpscope.proto.EmbeddedFrames}).
 */
final class V4Walk {
    /** error.code's value string for each error type 0..13 (OFPET_HELLO_FAILED ... OFPET_TABLE_FEATURES_FAILED), per version. */
    private static final java.util.Map<VnWalk.Version, java.util.List<java.util.Map<Long, String>>> ERROR_CODES =
            new java.util.concurrent.ConcurrentHashMap<>();
    private final String P;
    private final VnWalk.Version version;
    private final OfItems it;
    private final V4Parts p;
    private final Tvb t;

    private final java.util.function.Consumer<String> protocols;
    /** How deep errors quote errors at most (the rest of such a chain shows as its Body bytes only). */
    static final int MAX_DEPTH = 64;
    private int depth;

    V4Walk(VnWalk.Version version, Tvb t, boolean tree) {
        this(version, t, tree, x -> { });
    }

    /** {@code protocols}: where an embedded frame's protocols are named (frame.protocols). */
    V4Walk(VnWalk.Version version, Tvb t, boolean tree, java.util.function.Consumer<String> protocols) {
        this.version = version;
        this.P = version.proto + ".";
        this.it = new OfItems(t, version.reg, tree);
        this.p = new V4Parts(it, version);
        this.t = t;
        this.protocols = protocols;
    }

    /** dissect_openflow_v4 under {@code root}. */
    void walk(Tree root) {
        t.u8(1);
        t.u16(2);
        Tree of = it.tree ? it.at(root.protocol(version.proto, version.title), 0, t.cap) : Tree.NOTHING;
        message(of, 0);
    }

    /**
     * The message types (and multipart request and reply types) whose layout OpenFlow 1.4 and 1.5
     * keep from 1.3, as far as checked: tcpdump's 1.3 capture with every version byte made 5 or 6
     * (scripts/openflow-versions.py) read by tshark and by this walk, message by message. The
     * other types show their header only (docs/OPENFLOW.md).
     */
    private static boolean shared(VnWalk.Version v, int type, int multipart) {
        return switch (v) {
            case V4 -> true;
            case V5 -> switch (type) {
                case 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 20, 21 -> true;
                case 18 -> switch (multipart) {
                    case 0, 2, 3, 4, 5, 7, 8, 10, 11, 12 -> true;
                    default -> false;
                };
                case 19 -> switch (multipart) {
                    case 0, 2, 3, 6, 7, 8, 9, 10, 11 -> true;
                    default -> false;
                };
                default -> false;
            };
            case V6 -> switch (type) {
                case 0, 4, 5, 6, 7, 8, 9 -> true;
                default -> false;
            };
        };
    }

    /** The header and body of the message at {@code base} (an error's failed message is one too). */
    private void message(Tree of, int base) {
        int type = t.u8(base + 1);
        int length = base + t.u16(base + 2); // the end, as an offset into the bytes
        header(of, base);
        int off = base + 8;
        if (version != VnWalk.Version.V4 && !shared(version, type, type == 18 || type == 19 ? t.u16(off) : -1)) {
            return;
        }
        switch (type) {
            case 0 -> {
                while (off < length) {
                    off = V4Parts.progress(off, helloElement(of, off, length));
                }
            }
            case 1 -> error(of, off, length);
            case 2, 3 -> {
                if (off < length) {
                    p.add(of, P + "echo.data", off, length - off);
                }
            }
            case 4 -> {
                p.add(of, P + "experimenter.experimenter", off, 4);
                p.add(of, P + "experimenter.exp_type", off + 4, 4);
                off += 8;
                if (off < length) {
                    p.expert(of, P + "experimenter.undecoded", "Experimenter body.", off, length - base - 16);
                }
            }
            case 5, 7, 20, 21, 26 -> { } // no body
            case 6 -> switchFeatures(of, off);
            case 8, 9 -> {
                Tree f = p.add(of, P + "switch_config.flags", off, 2);
                if (it.tree) {
                    int b = t.u8(off + 1);
                    String n = p.reg.name(P + "switch_config.flags.fragments", b & 3);
                    t.at(f.field(P + "switch_config.flags.fragments", dev.tcpscope.proto.Text.bits(b, 0x03, 8) + " = IP Fragments: "
                            + n + " (" + (b & 3) + ")", Integer.toString(b & 3)), off + 1, 1);
                }
                if (t.u16(off + 2) <= V4Parts.OFPCML_MAX) {
                    p.plain(of, P + "switch_config.miss_send_len", off + 2, 2);
                } else {
                    p.reserved(of, P + "switch_config.miss_send_len", off + 2, 2);
                }
            }
            case 10 -> packetIn(of, off, length);
            case 11 -> flowRemoved(of, off);
            case 12 -> {
                p.add(of, P + "port_status.reason", off, 1);
                p.add(of, P + "port_status.pad", off + 1, 7);
                p.port(of, off + 8);
            }
            case 13 -> packetOut(of, off, length);
            case 14 -> flowMod(of, off, length);
            default -> laterMessage(of, type, base, off, length);
        }
    }

    /*
     * message is cut into pieces (switchFeatures, flowRemoved, laterMessage): each field name's
     * concatenation is a call site that C1 inlines whole, and the method in one piece took 20 MB
     * to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** The features reply (type 6). */
    private void switchFeatures(Tree of, int off) {
        p.add(of, P + "switch_features.datapath_id", off, 8);
        p.add(of, P + "switch_features.n_buffers", off + 8, 4);
        p.add(of, P + "switch_features.n_tables", off + 12, 1);
        p.add(of, P + "switch_features.auxiliary_id", off + 13, 1);
        p.add(of, P + "switch_features.pad", off + 14, 2);
        p.flags(of, P + "switch_features.capabilities", off + 16, 4);
        p.add(of, P + "switch_features_reserved", off + 20, 4);
    }

    /** The flow removed message (type 11). */
    private void flowRemoved(Tree of, int off) {
        String n = P + "flow_removed.";
        p.add(of, n + "cookie", off, 8);
        p.add(of, n + "priority", off + 8, 2);
        p.add(of, n + "reason", off + 10, 1);
        p.add(of, n + "table_id", off + 11, 1);
        p.add(of, n + "duration_sec", off + 12, 4);
        p.add(of, n + "duration_nsec", off + 16, 4);
        p.add(of, n + "idle_timeout", off + 20, 2);
        p.add(of, n + "hard_timeout", off + 22, 2);
        p.add(of, n + "packet_count", off + 24, 8);
        p.add(of, n + "byte_count", off + 32, 8);
        p.match(of, off + 40);
    }

    /** The messages from type 15 (group mod) on. */
    private void laterMessage(Tree of, int type, int base, int off, int length) {
        switch (type) {
            case 15 -> {
                p.add(of, P + "groupmod.command", off, 2);
                p.add(of, P + "groupmod.type", off + 2, 1);
                p.add(of, P + "groupmod.pad", off + 3, 1);
                p.limited(of, P + "groupmod.group_id", off + 4, V4Parts.OFPG_MAX);
                off += 8;
                while (off < length) {
                    off = V4Parts.progress(off, p.bucket(of, off));
                }
            }
            case 16 -> {
                String n = P + "portmod.";
                p.port(of, n + "port_no", off);
                p.add(of, n + "pad", off + 4, 4);
                p.add(of, n + "hw_addr", off + 8, 6);
                p.add(of, n + "pad2", off + 14, 2);
                p.flags(of, n + "config", off + 16, 4);
                p.flags(of, n + "mask", off + 20, 4);
                p.flags(of, n + "advertise", off + 24, 4);
                p.add(of, n + "pad3", off + 28, 4);
            }
            case 17 -> {
                p.table(of, P + "tablemod.table_id", off);
                p.add(of, P + "tablemod.pad", off + 1, 3);
                p.add(of, P + "tablemod.config", off + 4, 4);
            }
            case 18 -> new V4Multipart(p).request(of, off, length);
            case 19 -> new V4Multipart(p).reply(of, off, length);
            case 22 -> {
                p.port(of, P + "queue_get_config_request.port", off);
                p.add(of, P + "queue_get_config_request.pad", off + 4, 4);
            }
            case 23 -> {
                p.port(of, P + "queue_get_config_reply.port", off);
                p.add(of, P + "queue_get_config_reply.pad", off + 4, 4);
                off += 8;
                while (off < length) {
                    off = V4Parts.progress(off, new V4Multipart(p).packetQueue(of, off));
                }
            }
            case 24, 25 -> {
                String n = P + (type == 24 ? "role_request." : "role_reply.");
                p.add(of, n + "role", off, 4);
                p.add(of, n + "pad", off + 4, 4);
                p.add(of, n + "generation_id", off + 8, 8);
            }
            case 27, 28 -> {
                String n = P + "async_config.";
                for (String w : new String[] {"packet_in_mask.master", "packet_in_mask.slave", "port_status_mask.master",
                        "port_status_mask.slave", "flow_removed_mask.master", "flow_removed_mask.slave"}) {
                    p.flags(of, n + w, off, 4);
                    off += 4;
                }
            }
            case 29 -> {
                p.add(of, P + "metermod.command", off, 2);
                p.flags(of, P + "metermod.flags", off + 2, 2);
                p.limited(of, P + "metermod.meter_id", off + 4, V4Parts.OFPM_MAX);
                off += 8;
                while (off < length) {
                    off = V4Parts.progress(off, p.meterBand(of, off));
                }
            }
            default -> {
                if (length - base > 8) {
                    p.expert(of, P + "message.undecoded", "Unknown message body.", off, length - base - 8);
                }
            }
        }
    }

    /** dissect_openflow_header_v4. */
    private void header(Tree of, int off) {
        p.add(of, P + "version", off, 1);
        p.add(of, P + "type", off + 1, 1);
        p.add(of, P + "length", off + 2, 2);
        p.add(of, P + "xid", off + 4, 4);
    }

    /** dissect_openflow_hello_element_v4. */
    private int helloElement(Tree of, int off, int length) {
        Tree e = p.text(of, "Element", off, length - off);
        int type = t.u16(off);
        p.add(e, P + "hello_element.type", off, 2);
        int len = t.u16(off + 2);
        int pad = (len + 7) / 8 * 8 - len;
        p.add(e, P + "hello_element.length", off + 2, 2);
        off += 4;
        if (type == 1) {
            p.add(e, P + "hello_element.version.bitmap", off, len - 4);
        } else {
            p.expert(of, P + "hello_element.undecoded", "Unknown hello element body.", off, len - 4);
        }
        off += len - 4;
        if (pad > 0) {
            p.add(of, P + "hello_element.pad", off, pad);
            off += pad;
        }
        return off;
    }

    /** dissect_openflow_error_v4. */
    private void error(Tree of, int off, int length) {
        int type = t.u16(off);
        p.add(of, P + "error.type", off, 2);
        java.util.List<java.util.Map<Long, String>> codes = ERROR_CODES.computeIfAbsent(version, v -> V4Parts.tables(v, v.proto + ".error.code"));
        if (type <= 13 && type < codes.size()) {
            java.util.Map<Long, String> names = codes.get(type);
            it.add(of, p.reg.row(P + "error.code"), off + 2, 2, v -> names.getOrDefault(v, "Unknown"));
        } else {
            p.plain(of, P + "error.code", off + 2, 2);
        }
        off += 4;
        int base = off - 12;
        if (type == 0) {
            p.add(of, P + "error.data", off, length - base - 12);
        } else if (type >= 1 && type <= 13) {
            Tree body = p.add(of, P + "error.data.body", off, length - base - 20);
            if (++depth <= MAX_DEPTH) { // an error quoting an error quoting ...: each level 12 bytes on
                message(body, off);
            }
        } else if (type == 0xffff) {
            p.add(of, P + "error.experimenter", off, 4);
            p.expert(of, P + "error.undecoded", "Experimenter error body.", off + 4, length - base - 16);
        } else {
            p.expert(of, P + "error.undecoded", "Unknown error body.", off, length - base - 12);
        }
    }

    /** dissect_openflow_packet_in_v4. */
    private void packetIn(Tree of, int off, int length) {
        String n = P + "packet_in.";
        p.unless(of, n + "buffer_id", off, 0xffffffffL);
        p.add(of, n + "total_len", off + 4, 2);
        p.add(of, n + "reason", off + 6, 1);
        p.add(of, n + "table_id", off + 7, 1);
        p.add(of, n + "cookie", off + 8, 8);
        off = p.match(of, off + 16);
        p.add(of, n + "pad", off, 2);
        off += 2;
        data(of, off, length);
    }

    /**
     * The frame after a PACKET_IN's or PACKET_OUT's fields, handed to eth_withoutfcs under "Data"
     * ({@link dev.tcpscope.proto.EmbeddedFrames}); the columns stay as they were.
     */
    private void data(Tree of, int off, int length) {
        if (off < length && it.tree) {
            Tree d = p.text(of, "Data", off, length - off);
            int n = length - off;
            int cap = Math.max(0, Math.min(n, t.cap - off));
            dev.tcpscope.proto.EmbeddedFrames.CURRENT.get().ethernet(d, t.s, t.base + off, cap, n, protocols);
        }
    }

    /** dissect_openflow_packet_out_v4. */
    private void packetOut(Tree of, int off, int length) {
        String n = P + "packet_out.";
        p.unless(of, n + "buffer_id", off, 0xffffffffL);
        p.port(of, n + "in_port", off + 4);
        int actsLen = t.u16(off + 8);
        p.add(of, n + "acts_len", off + 8, 2);
        p.add(of, n + "pad", off + 10, 6);
        off += 16;
        int end = off + actsLen;
        while (off < end) {
            off = V4Parts.progress(off, p.action(of, off));
        }
        data(of, off, length);
    }

    /** dissect_openflow_flowmod_v4. */
    private void flowMod(Tree of, int off, int length) {
        String n = P + "flowmod.";
        p.add(of, n + "cookie", off, 8);
        p.add(of, n + "cookie_mask", off + 8, 8);
        p.table(of, n + "table_id", off + 16);
        p.add(of, n + "command", off + 17, 1);
        p.add(of, n + "idle_timeout", off + 18, 2);
        p.add(of, n + "hard_timeout", off + 20, 2);
        p.add(of, n + "priority", off + 22, 2);
        p.unless(of, n + "buffer_id", off + 24, 0xffffffffL);
        p.port(of, n + "out_port", off + 28);
        p.limited(of, n + "out_group", off + 32, V4Parts.OFPG_MAX);
        p.flags(of, n + "flags", off + 36, 2);
        p.add(of, n + "pad", off + 38, 2);
        off = p.match(of, off + 40);
        while (off < length) {
            off = V4Parts.progress(off, p.instruction(of, off));
        }
    }
}
