package dev.tcpscope.proto.openflow;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The structures OpenFlow 1.3 messages share, as packet-openflow_v4.c (Wireshark 4.0.17) walks
 * them: matches and their OXM fields, actions, instructions, ports, meter bands, buckets, and the
 * flag words whose bits each get an item. Every walk over a list moves on by at least the bytes it
 * read (a zero-length element stops it: {@link #progress}), so the work is bounded by the message.
 */
final class V4Parts {
    /** Each version's flag words and their bits (see {@link #BITS}). */
    private static final Map<VnWalk.Version, Map<String, List<String>>> BITS_OF = new java.util.concurrent.ConcurrentHashMap<>();
    static final long OFPP_MAX = 0xffffff00L, OFPG_MAX = 0xffffff00L, OFPM_MAX = 0xffff0000L;
    static final int OFPTT_MAX = 254, OFPCML_MAX = 0xffe5;
    /**
     * The value strings of a name registered several times with a table each (openflow_v4.error.code,
     * one per error type), in registration order: tshark -G values lists them one after the other,
     * each starting again at a value not above the last one's.
     */
    static List<Map<Long, String>> tables(VnWalk.Version version, String field) {
        List<Map<Long, String>> out = new ArrayList<>();
        long[] last = {Long.MAX_VALUE};
        Registry.read(V4Parts.class, version.proto + ".values.tsv", r -> {
            if (r.length > 3 && r[0].equals("V") && r[1].equals(field)) {
                long v = Long.decode(r[2]);
                if (out.isEmpty() || v <= last[0]) {
                    out.add(new HashMap<>());
                }
                out.get(out.size() - 1).putIfAbsent(v, r[3]);
                last[0] = v;
            }
        });
        return out;
    }

    /** Each flag word's bit items, in registration order: the names under it with a bitmask. */
    private static Map<String, List<String>> bits(VnWalk.Version v) {
        return BITS_OF.computeIfAbsent(v, k -> {
            Map<String, List<String>> m = new HashMap<>();
            for (Registry.Row r : k.reg.rows()) {
                int dot = r.name().lastIndexOf('.');
                if (r.mask() != 0 && dot > 0) {
                    List<String> l = m.computeIfAbsent(r.name().substring(0, dot), x -> new ArrayList<>());
                    if (!l.contains(r.name())) {
                        l.add(r.name());
                    }
                }
            }
            return m;
        });
    }

    final OfItems it;
    final Tvb t;
    final VnWalk.Version version;
    /** The version's registry and its names' prefix (P + ""). */
    final Registry reg;
    final String P;
    private final Map<String, List<String>> bits;

    V4Parts(OfItems it, VnWalk.Version version) {
        this.it = it;
        this.t = it.t;
        this.version = version;
        this.reg = version.reg;
        this.P = version.proto + ".";
        this.bits = bits(version);
    }

    // ---- items ---------------------------------------------------------------------------------

    Tree add(Tree parent, String name, int off, int len) {
        return it.add(parent, name, off, len);
    }

    /** A field whose registration tshark lists carries no value string (its reserved twin's names are not its own). */
    Tree plain(Tree parent, String name, int off, int len) {
        return it.add(parent, reg.row(name), off, len, null);
    }

    /** The reserved twin of a number field: the reserved values' names (4.0.17 keeps the decimal base). */
    Tree reserved(Tree parent, String name, int off, int len) {
        return it.add(parent, reg.row(name), off, len, v -> reg.name(name, v));
    }

    /** A port number: plain up to OFPP_MAX, else the reserved port's name. */
    Tree port(Tree parent, String name, int off) {
        return limited(parent, name, off, OFPP_MAX);
    }

    /** A 32-bit number plain up to {@code max}, else reserved (fetched whatever the tree, as tvb_get_ntohl is). */
    Tree limited(Tree parent, String name, int off, long max) {
        return t.u32(off) <= max ? plain(parent, name, off, 4) : reserved(parent, name, off, 4);
    }

    /** A 32-bit id plain unless it is {@code special} (OFP_NO_BUFFER, OFPQ_ALL). */
    Tree unless(Tree parent, String name, int off, long special) {
        return t.u32(off) != special ? plain(parent, name, off, 4) : reserved(parent, name, off, 4);
    }

    /** A table id: plain up to OFPTT_MAX, else OFPTT_ALL. */
    Tree table(Tree parent, String name, int off) {
        return t.u8(off) <= OFPTT_MAX ? plain(parent, name, off, 1) : reserved(parent, name, off, 1);
    }

    /** A flag word and its bits. */
    Tree flags(Tree parent, String name, int off, int len) {
        return flags(parent, name, name, off, len);
    }

    /** A flag word registered as {@code name} whose bits are registered under {@code bits} (4.0.17's "port.sate"). */
    Tree flags(Tree parent, String name, String bits, int off, int len) {
        Tree w = add(parent, name, off, len);
        for (String b : this.bits.getOrDefault(bits, List.of())) {
            add(w, b, off, len);
        }
        return w;
    }

    /** proto_tree_add_subtree: a text item over {@code len} bytes. */
    Tree text(Tree parent, String label, int off, int len) {
        return it.text(parent, label, off, len);
    }

    /** proto_tree_add_expert_format: a text item with its expert info, the bytes checked (a negative length throws). */
    void expert(Tree parent, String key, String message, int off, int len) {
        if (!it.tree) {
            return;
        }
        if (len < 0) {
            throw Tvb.Stop.MALFORMED;
        }
        t.need(off, len);
        t.at(parent.text(message), off, len).expert(key, Tree.Severity.NOTE, Tree.Group.UNDECODED, message);
    }

    /** A list element must move the offset on; one that does not ends the message as malformed. */
    static int progress(int before, int after) {
        if (after <= before) {
            throw Tvb.Stop.MALFORMED;
        }
        return after;
    }

    // ---- OXM, match ----------------------------------------------------------------------------

    /** dissect_openflow_oxm_header_v4: class, field and has-mask bits, length, an experimenter's id. */
    int oxmHeader(Tree tree, int off) {
        int cls = t.u16(off);
        add(tree, P + "oxm.class", off, 2);
        int b = t.u8(off + 2);
        if (it.tree) {
            int field = b >> 1;
            String n = cls == 0x8000 ? reg.name(P + "oxm.field", field) : null;
            String shown = n == null ? Integer.toString(field) : n + " (" + field + ")";
            t.at(tree.field(P + "oxm.field", Text.bits(b, 0xfe, 8) + " = Field: " + shown, Integer.toString(field)), off + 2, 1);
            boolean hm = (b & 1) != 0;
            t.at(tree.field(P + "oxm.hm", Text.bits(b, 0x01, 8) + " = Has mask: " + (hm ? "True" : "False"), hm ? "1" : "0"),
                    off + 2, 1);
        }
        add(tree, P + "oxm.length", off + 3, 1);
        off += 4;
        if (cls == 0xffff) {
            add(tree, P + "oxm_experimenter.experimenter", off, 4);
            off += 4;
        }
        return off;
    }

    /** dissect_openflow_oxm_v4: an "OXM field" and its value (and mask) typed by the basic field. */
    int oxm(Tree tree, int off) {
        int cls = t.u16(off);
        int fieldHm = t.u8(off + 2);
        int oxmLength = t.u8(off + 3);
        int field = fieldHm >> 1;
        boolean hm = (fieldHm & 1) != 0;
        int fieldLength = hm ? oxmLength / 2 : oxmLength;
        Tree o = text(tree, "OXM field", off, oxmLength + 4);
        off = oxmHeader(o, off);
        if (cls == 0xffff) {
            int n = oxmLength - 4;
            if (n > 0) {
                add(o, P + "oxm_experimenter.value", off, n);
                off += n;
            }
            return off;
        }
        if (cls != 0x8000) {
            expert(o, P + "oxm.undecoded", "Unknown OXM body.", off, oxmLength);
            return off + oxmLength;
        }
        return oxmValue(o, field, hm, fieldLength, off);
    }

    /*
     * oxm is cut in two (oxmValue): each field name's concatenation is a call site that C1
     * inlines whole, and the method in one piece took 10.3 MB to compile with C1, past the
     * launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** An OpenFlow basic OXM field's value (and mask) at {@code off}; returns the offset after it. */
    private int oxmValue(Tree o, int field, boolean hm, int fieldLength, int off) {
        String v = P + "oxm.";
        switch (field) {
            case 0, 1 -> off = value(o, v + "value_uint32", off, 4);
            case 3, 4, 24, 25 -> {
                off = value(o, v + "value_etheraddr", off, 6);
                if (hm) {
                    off = value(o, v + "ether_mask", off, 6);
                }
            }
            case 5 -> off = value(o, v + "value_ethertype", off, 2);
            case 6 -> {
                add(o, v + "value_vlan_present", off, 2);
                off = value(o, v + "value_vlan_vid", off, 2);
                if (hm) {
                    off = value(o, v + "vlan_mask", off, 2);
                }
            }
            case 10 -> off = value(o, v + "value_ipproto", off, 1);
            case 11, 12, 22, 23 -> {
                off = value(o, v + "value_ipv4addr", off, 4);
                if (hm) {
                    off = value(o, v + "ipv4_mask", off, 4);
                }
            }
            case 13, 14, 15, 16, 17, 18 -> off = value(o, v + "value_uint16", off, 2);
            case 26, 27, 32, 33 -> {
                off = value(o, v + "value_ipv6addr", off, 16);
                if (hm) {
                    off = value(o, v + "ipv6_mask", off, 16);
                }
            }
            case 34 -> {
                if (fieldLength == 3) {
                    off = value(o, v + "value_uint24", off, 3);
                } else if (fieldLength == 4) {
                    off = value(o, v + "value_uint32", off, 4);
                }
            }
            default -> {
                if (fieldLength > 0) {
                    off = value(o, v + "value", off, fieldLength);
                }
                if (fieldLength > 0 && hm) {
                    off = value(o, v + "mask", off, fieldLength);
                }
            }
        }
        return off;
    }

    private int value(Tree o, String name, int off, int len) {
        add(o, name, off, len);
        return off + len;
    }

    /** dissect_openflow_match_v4: type, length, the OXM fields, the padding to 8 bytes. */
    int match(Tree tree, int off) {
        Tree m = text(tree, "Match", off, 0);
        int type = t.u16(off);
        add(m, P + "match.type", off, 2);
        int length = t.u16(off + 2);
        int pad = (length + 7) / 8 * 8 - length;
        it.at(m, off, length + pad);
        add(m, P + "match.length", off + 2, 2);
        int start = off;
        off += 4;
        if (type == 1) {
            int end = start + length;
            while (off < end) {
                off = progress(off, oxm(m, off));
            }
        } else {
            expert(m, P + "match.undecoded", type == 0 ? "Standard match body (deprecated)." : "Unknown match body.", off,
                    length - 4);
            off += length - 4;
        }
        if (pad > 0) {
            add(m, P + "match.pad", off, pad);
            off += pad;
        }
        return off;
    }

    // ---- actions, instructions -----------------------------------------------------------------

    /** dissect_openflow_action_header_v4. */
    int actionHeader(Tree tree, int off) {
        int type = t.u16(off);
        add(tree, P + "action.type", off, 2);
        add(tree, P + "action.length", off + 2, 2);
        off += 4;
        if (type == 0xffff) {
            add(tree, P + "action_experimenter.experimenter", off, 4);
            off += 4;
        }
        return off;
    }

    /** dissect_openflow_action_v4. */
    int action(Tree tree, int off) {
        int type = t.u16(off);
        int length = t.u16(off + 2);
        int end = off + length;
        Tree a = text(tree, "Action", off, length);
        off = actionHeader(a, off);
        String p = P + "action.";
        switch (type) {
            case 0 -> off = output(a, p, off);
            case 11 -> off = pad(a, p + "copy_ttl_out.pad", off, 4);
            case 12 -> off = pad(a, p + "copy_ttl_in.pad", off, 4);
            default -> off = laterAction(a, type, off, end, length, p);
        }
        return off;
    }

    /*
     * action is cut into output, laterAction (types 15 to 20) and lastAction (21 on): each field
     * name's concatenation is a call site that C1 inlines whole, and action in one piece took
     * 20 MB to compile with C1, past the launcher's 10 MB cap (MemLimit), so it ran interpreted.
     */

    /** An output action's body at {@code off}; returns the offset after it. */
    private int output(Tree a, String p, int off) {
        port(a, p + "output.port", off);
        if (t.u16(off + 4) <= OFPCML_MAX) {
            plain(a, p + "output.max_len", off + 4, 2);
        } else {
            reserved(a, p + "output.max_len", off + 4, 2);
        }
        add(a, p + "output.pad", off + 6, 6);
        off += 12;
        return off;
    }

    /** An action's body from type 15 to 20, at {@code off}; returns the offset after it. */
    private int laterAction(Tree a, int type, int off, int end, int length, String p) {
        switch (type) {
            case 15 -> {
                add(a, p + "set_mpls_ttl.ttl", off, 1);
                off = pad(a, p + "set_mpls_ttl.pad", off + 1, 3);
            }
            case 16 -> off = pad(a, p + "dec_mpls_ttl.pad", off, 4);
            case 17 -> off = ethertype(a, p + "push_vlan", off);
            case 18 -> off = pad(a, p + "pop_vlan.pad", off, 4);
            case 19 -> off = ethertype(a, p + "push_mpls", off);
            case 20 -> off = ethertype(a, p + "pop_mpls", off);
            default -> off = lastAction(a, type, off, end, length);
        }
        return off;
    }

    /** An action's body from type 21 (set queue) on, at {@code off}; returns the offset after it. */
    private int lastAction(Tree a, int type, int off, int end, int length) {
        String p = P + "action.";
        switch (type) {
            case 21 -> {
                add(a, p + "set_queue.queue_id", off, 4);
                off += 4;
            }
            case 22 -> {
                limited(a, p + "group.group_id", off, OFPG_MAX);
                off += 4;
            }
            case 23 -> {
                add(a, p + "set_nw_ttl.ttl", off, 1);
                off = pad(a, p + "set_nw_ttl.pad", off + 1, 3);
            }
            case 24 -> off = pad(a, p + "dec_nw_ttl.pad", off, 4);
            case 25 -> {
                off = oxm(a, off);
                if (off < end) {
                    add(a, p + "set_field.pad", off, end - off);
                    off = end;
                }
            }
            case 26 -> off = ethertype(a, p + "push_pbb", off);
            case 27 -> off = pad(a, p + "pop_pbb.pad", off, 4);
            case 0xffff -> {
                expert(a, P + "action.undecoded", "Experimenter action body.", off, length - 8);
                if (length > 8) {
                    off += length - 8;
                }
            }
            default -> {
                expert(a, P + "action.undecoded", "Unknown action body.", off, length - 4);
                if (length > 4) {
                    off += length - 4;
                }
            }
        }
        return off;
    }

    private int pad(Tree a, String name, int off, int len) {
        add(a, name, off, len);
        return off + len;
    }

    private int ethertype(Tree a, String prefix, int off) {
        add(a, prefix + ".ethertype", off, 2);
        return pad(a, prefix + ".pad", off + 2, 2);
    }

    /** dissect_openflow_instruction_header_v4. */
    int instructionHeader(Tree tree, int off) {
        int type = t.u16(off);
        add(tree, P + "instruction.type", off, 2);
        add(tree, P + "instruction.length", off + 2, 2);
        off += 4;
        if (type == 0xffff) {
            add(tree, P + "instruction_experimenter.experimenter", off, 4);
            off += 4;
        }
        return off;
    }

    /** dissect_openflow_instruction_v4. */
    int instruction(Tree tree, int off) {
        int type = t.u16(off);
        int length = t.u16(off + 2);
        Tree in = text(tree, "Instruction", off, length);
        off = instructionHeader(in, off);
        String p = P + "instruction.";
        switch (type) {
            case 1 -> {
                add(in, p + "goto_table.table_id", off, 1);
                off = pad(in, p + "goto_table.pad", off + 1, 3);
            }
            case 2 -> {
                off = pad(in, p + "write_metadata.pad", off, 4);
                add(in, p + "write_metadata.value", off, 8);
                add(in, p + "write_metadata.mask", off + 8, 8);
                off += 16;
            }
            case 3, 4, 5 -> {
                off = pad(in, p + "actions.pad", off, 4);
                int end = off + length - 8;
                while (off < end) {
                    off = progress(off, action(in, off));
                }
            }
            case 6 -> {
                limited(in, p + "meter.meter_id", off, OFPM_MAX);
                off += 4;
            }
            case 0xffff -> {
                expert(in, P + "instruction.undecoded", "Experimenter instruction body.", off, length - 8);
                off += length - 8;
            }
            default -> {
                expert(in, P + "instruction.undecoded", "Unknown instruction body.", off, length - 4);
                off += length - 4;
            }
        }
        return off;
    }

    // ---- ports, bands, buckets -----------------------------------------------------------------

    /** dissect_openflow_port_v4: 64 bytes. */
    int port(Tree tree, int off) {
        Tree p = text(tree, "Port", off, 64);
        String n = P + "port.";
        port(p, n + "port_no", off);
        add(p, n + "pad", off + 4, 4);
        add(p, n + "hw_addr", off + 8, 6);
        add(p, n + "pad2", off + 14, 2);
        add(p, n + "name", off + 16, 16);
        off += 32;
        for (String w : new String[] {"config", "sate", "current", "advertised", "supported", "peer"}) {
            flags(p, n + w, n + (w.equals("sate") ? "state" : w), off, 4);
            off += 4;
        }
        add(p, n + "curr_speed", off, 4);
        add(p, n + "max_speed", off + 4, 4);
        return off + 8;
    }

    /** dissect_openflow_meter_band_v4. */
    int meterBand(Tree tree, int off) {
        Tree b = text(tree, "Meter band", off, 0);
        int type = t.u16(off);
        add(b, P + "meter_band.type", off, 2);
        int len = t.u16(off + 2);
        it.at(b, off, len);
        add(b, P + "meter_band.length", off + 2, 2);
        add(b, P + "meter_band.rate", off + 4, 4);
        add(b, P + "meter_band.burst_size", off + 8, 4);
        off += 12;
        switch (type) {
            case 1 -> off = pad(b, P + "meter_band.drop.pad", off, 4);
            case 2 -> {
                add(b, P + "meter_band.dscp_remark.prec_level", off, 1);
                off = pad(b, P + "meter_band.dscp_remark.pad", off + 1, 3);
            }
            case 0xffff -> {
                add(b, P + "meter_band.experimenter.experimenter", off, 4);
                off += 4;
                expert(b, P + "meter_band.undecoded", "Experimenter meter band body.", off, off - 16 + len);
                off += len - 16;
            }
            default -> {
                expert(b, P + "meter_band.undecoded", "Unknown meter band body.", off, off - 12 + len);
                off += len - 12;
            }
        }
        return off;
    }

    /** dissect_openflow_bucket_v4. */
    int bucket(Tree tree, int off) {
        Tree b = text(tree, "Bucket", off, 0);
        int len = t.u16(off);
        it.at(b, off, len);
        add(b, P + "bucket.length", off, 2);
        add(b, P + "bucket.weight", off + 2, 2);
        port(b, P + "bucket.watch_port", off + 4);
        limited(b, P + "bucket.watch_group", off + 8, OFPG_MAX);
        add(b, P + "bucket.pad", off + 12, 4);
        off += 16;
        int end = off + len - 16;
        while (off < end) {
            off = progress(off, action(b, off));
        }
        return off;
    }
}
