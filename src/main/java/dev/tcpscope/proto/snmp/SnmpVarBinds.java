package dev.tcpscope.proto.snmp;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.ldap.Ber;

import static dev.tcpscope.proto.snmp.SnmpWalk.CLASSES;
import static dev.tcpscope.proto.snmp.SnmpWalk.MAX_DEPTH;
import static dev.tcpscope.proto.snmp.SnmpWalk.REG;
import static dev.tcpscope.proto.snmp.SnmpWalk.berError;
import static dev.tcpscope.proto.snmp.SnmpWalk.idLength;
import static dev.tcpscope.proto.snmp.SnmpWalk.sub;

/**
 * packet-snmp.c's VarBindList (packet-ber.c's SEQUENCE OF: the item count, unless the list is cut
 * by the snap length) and its hand-written dissect_snmp_VarBind: the name, the value by its class
 * and tag as a plain tshark shows it without MIBs (no MIB type or index decoding), wrong lengths
 * and integral values too long or empty, the decoding-error subtrees with the part of packet-ber.c's
 * dissect_unknown_ber SNMP needs, the label "name: value" and the name in the Info column. Part of
 * one {@link SnmpWalk}, whose Info, queued sub-dissector calls and nesting depth it shares.
 */
final class SnmpVarBinds {
    /** VarBind names whose OCTET STRING value packet-snmp.c hands to its string dissector (sysDescr, sysName). */
    private static final java.util.Set<String> STRING_OIDS = java.util.Set.of("1.3.6.1.2.1.1.1.0", "1.3.6.1.2.1.1.5.0");

    private final SnmpWalk w;

    SnmpVarBinds(SnmpWalk w) {
        this.w = w;
    }

    /** The VarBindList (SEQUENCE OF VarBind): "variable-bindings: N items", then each VarBind. */
    void list(Tvb b, Tree p) {
        Ber.Tlv h = Ber.header(b, 0, new Ber.Tlv());
        if (h.indefinite || h.value + h.length > Integer.MAX_VALUE) {
            throw Tvb.Stop.MALFORMED;
        }
        int offset = h.value;
        int end = (int) (h.value + h.length);
        int count = 0;
        boolean counted = b.cap == b.rep;
        if (counted) {
            int o = offset;
            while (o < end) {
                if (b.u8(o) == 0 && b.u8(o + 1) == 0) {
                    break;
                }
                Ber.Tlv x = Ber.header(b, o, new Ber.Tlv());
                long next = x.value + x.length;
                count++;
                if (next <= o || next > Integer.MAX_VALUE) {
                    throw Tvb.Stop.MALFORMED;
                }
                o = (int) next;
            }
        }
        Registry.Row r = REG.row("snmp.variable_bindings");
        String items = counted ? count + (count == 1 ? " item" : " items") : "unknown number of items";
        Tree list = b.at(p.field(r.name(), r.title() + ": " + items, Integer.toString(count)), offset,
                (int) Math.max(0, Math.min(end, b.rep) - offset));
        while (offset < end) {
            int hoffset = offset;
            Ber.Tlv e = Ber.header(b, offset, new Ber.Tlv());
            long eoffset = e.value + e.length;
            if (eoffset <= hoffset || eoffset > Integer.MAX_VALUE) {
                throw Tvb.Stop.MALFORMED;
            }
            if (e.cls != Ber.UNIVERSAL || e.tag != Ber.T_SEQUENCE) {
                berError(b, list, "ber.error.sequence.field_wrong", "BER Error: Wrong field in SEQUENCE OF: expected class:UNIVERSAL(0) tag:16(SEQUENCE) but found class:"
                        + CLASSES[e.cls] + "(" + e.cls + ") tag:" + e.tag, hoffset, idLength(b, hoffset));
            } else {
                varbind(sub(b, hoffset, eoffset - hoffset), list);
            }
            offset = (int) eoffset;
        }
        if (offset != end) {
            b.need(offset - 2, 2);
            berError(b, list, "ber.error.length", "BER Error: SEQUENCE OF ate " + (offset - end) + " too many bytes", offset - 2, 2);
        }
    }

    /** dissect_snmp_VarBind: the name, the value by its class and tag, the label "name: value" and the Info. */
    private void varbind(Tvb b, Tree list) {
        Ber.Tlv seq = Ber.header(b, 0, new Ber.Tlv());
        long seqLen = seq.length + seq.value;
        int whole = (int) Math.min(seqLen, b.cap);
        if (!seq.constructed) {
            decodingError(b, list, whole, "VarBind must be an universal class sequence", "snmp.varbind.not_uni_class_seq",
                    "VarBind is not an universal class sequence", 0);
            return;
        }
        if (seq.indefinite) {
            decodingError(b, list, whole, "Indicator must be clear in VarBind", "snmp.varbind.has_indicator", "VarBind has indicator set", 0);
            return;
        }
        // a text item must lie in the captured bytes (proto_tree_add_subtree throws otherwise)
        b.need(seq.value, (int) Math.min(seq.length, Integer.MAX_VALUE - seq.value));
        Tree vb = b.at(list.text("VarBind"), seq.value, (int) seq.length);
        Ber.Tlv name = Ber.header(b, seq.value, new Ber.Tlv());
        if (name.constructed || name.cls != Ber.UNIVERSAL || name.tag != 6) {
            decodingError(b, list, whole, "ObjectName must be an OID in primitive encoding", "snmp.objectname_not_oid", "ObjectName not an OID", 0);
            return;
        }
        if (name.indefinite) {
            decodingError(b, list, whole, "Indicator must be clear in ObjectName", "snmp.objectname_has_indicator", "ObjectName has indicator set",
                    seq.value);
            return;
        }
        if (name.value + name.length > Integer.MAX_VALUE) {
            throw Tvb.Stop.MALFORMED;
        }
        int nameLen = (int) name.length;
        int valueStart = name.value + nameLen;
        Ber.Tlv val = Ber.header(b, valueStart, new Ber.Tlv());
        b.need(name.value, nameLen);
        long[] a = SnmpOids.arcs(b, name.value, nameLen);
        Tree nameItem = a == null ? vb : b.at(vb.field("snmp.name", "Object Name: " + SnmpOids.label(a), SnmpOids.dotted(a, 0)), name.value, nameLen);
        if (val.constructed) {
            Tree pt = b.at(vb.text("the value must be in primitive encoding"), valueStart,
                    (int) Math.max(0, Math.min(val.length, b.cap - valueStart)));
            pt.expert("snmp.value_not_primitive_encoding", Tree.Severity.WARNING, Tree.Group.MALFORMED, "value not in primitive encoding");
            unknown(b, valueStart, pt);
            return;
        }
        if (a == null) {
            String repr = SnmpOids.dottedLoose(b, name.value, nameLen);
            Tree pt = nameItem.text("invalid oid: " + repr);
            pt.expert("snmp.invalid_oid", Tree.Severity.WARNING, Tree.Group.MALFORMED, "invalid oid: " + repr);
            unknown(b, name.value, pt);
            return;
        }
        String numeric = SnmpOids.dotted(a, 0);
        if (val.value + val.length > Integer.MAX_VALUE) {
            throw Tvb.Stop.MALFORMED;
        }
        int valueLen = (int) val.length;
        int voff = val.value;
        String[] repr = SnmpOids.varbind(a);
        String valueLabel;
        if (val.cls == Ber.CONTEXT) {
            String key = switch (val.tag) {
                case 0 -> "snmp.noSuchObject";
                case 1 -> "snmp.noSuchInstance";
                case 2 -> "snmp.endOfMibView";
                default -> null;
            };
            if (key == null) {
                Tree pt = vb.text("Wrong tag for Error Value: expected 0, 1, or 2 but got: " + val.tag);
                pt.expert("snmp.varbind.wrong_tag", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Wrong tag for SNMP VarBind error value");
                unknown(b, valueStart, pt);
                return;
            }
            String note = REG.row(key).title();
            b.need(voff, valueLen);
            // expert_add_info_format(pi, &ei_snmp_varbind_response, note)
            b.at(vb.none(key, REG.row(key).title()), voff, valueLen)
                    .expert("snmp.varbind.response", Tree.Severity.NOTE, Tree.Group.RESPONSE_CODE, note);
            vb.relabel(repr[0] + ": " + note);
            w.info = w.info == null ? " " + repr[1] : w.info + " " + repr[1];
            return;
        }
        Tree value = null;
        valueLabel = null;
        String key;
        int min = 0;
        int max = 0;
        boolean wrongLength = false;
        switch (val.cls << 8 | val.tag) {
            case Ber.T_INTEGER -> {
                key = "snmp.value.int";
                min = 1;
                max = 4;
                wrongLength = valueLen < 1 || valueLen > 4;
            }
            case Ber.T_OCTET_STRING -> key = "snmp.value.octets";
            case 6 -> {
                key = "snmp.value.oid";
                min = 1;
                max = -1;
                wrongLength = valueLen == 0;
            }
            case 5 -> {
                key = "snmp.value.null";
                wrongLength = valueLen != 0;
            }
            case Ber.APPLICATION << 8 -> key = valueLen == 4 ? "snmp.value.ipv4" : valueLen == 16 ? "snmp.value.ipv6" : "snmp.value.addr";
            case Ber.APPLICATION << 8 | 7 -> key = "snmp.value.u32";
            case Ber.APPLICATION << 8 | 2 -> key = "snmp.value.g32";
            case Ber.APPLICATION << 8 | 1 -> key = "snmp.value.counter";
            case Ber.APPLICATION << 8 | 3 -> key = "snmp.value.timeticks";
            case Ber.APPLICATION << 8 | 4 -> key = "snmp.value.opaque";
            case Ber.APPLICATION << 8 | 5 -> key = "snmp.value.nsap";
            case Ber.APPLICATION << 8 | 6 -> key = "snmp.value.counter"; // hf_snmp_big_counter_value is registered as snmp.value.counter
            default -> key = "snmp.value.unk";
        }
        Registry.Row r = REG.row(key);
        String title = val.cls == Ber.APPLICATION && val.tag == 6 ? "Value (Counter64)" : r.title();
        boolean unsigned64 = r.type().equals("FT_UINT64");
        boolean signed64 = r.type().equals("FT_INT64");
        int o = voff;
        int n = valueLen;
        boolean added = false;
        if (n > 8 && (unsigned64 || signed64)) {
            if (signed64 || n > 9 || b.u8(voff) != 0) {
                String msg = signed64 ? "Integral value too large or too small" : "Integral value too large";
                b.at(vb.text(msg), voff, Math.min(n, Math.max(0, b.cap - voff)))
                        .expert(signed64 ? "snmp.int_too_large" : "snmp.uint_too_large", Tree.Severity.NOTE, Tree.Group.UNDECODED, msg);
                added = true;
            } else {
                o++;
                n--;
            }
        } else if (n == 0 && (unsigned64 || signed64)) {
            b.at(vb.text("Integral value is zero-length"), voff, 0)
                    .expert("snmp.integral_value0", Tree.Severity.NOTE, Tree.Group.UNDECODED, "Integral value is zero-length");
            added = true;
        }
        if (!added) {
            b.need(o, n);
            valueLabel = key.equals("snmp.value.null") ? title : title + ": " + valueText(b, key, o, n);
            value = item(b, vb, key, valueLabel, o, n);
            if (wrongLength) {
                value.expert("snmp.missing_mib", Tree.Severity.NOTE, Tree.Group.UNDECODED, "Unresolved value, Missing MIB");
            }
        }
        if (value != null && key.equals("snmp.value.octets") && STRING_OIDS.contains(numeric)) {
            // next_tvb_add_string: called once the whole message is read (stringsAfter)
            Tree at = value;
            Tvb vb2 = sub(b, voff, valueLen);
            w.pending.add(() -> {
                w.protocols.accept("snmp"); // the string dissector is called through its handle
                vb2.string(at, "snmp.var-bind_str", "Variable-binding-string", 0, vb2.cap);
            });
        }
        if (wrongLength && value != null) {
            // under the value's item; without one (an integral error) proto_item_add_subtree(NULL) shows nothing
            Tree parent = value;
            Tree pt = b.at(parent.text("Wrong value length: " + valueLen + "  expecting: " + min + " <= len <= " + (max == -1 ? 0xFFFFFF : max)), 0, 0);
            pt.expert("snmp.varbind.wrong_length_value", Tree.Severity.WARNING, Tree.Group.MALFORMED, "Wrong length for SNMP VarBind/value");
            unknown(b, valueStart, pt);
        }
        String valstr = valueLabel == null ? "" : valueLabel.indexOf(": ") >= 0 ? valueLabel.substring(valueLabel.indexOf(": ") + 2) : valueLabel;
        vb.relabel(repr[0] + ": " + valstr);
        w.info = w.info == null ? " " + repr[1] : w.info + " " + repr[1];
    }

    /** The value's text after "Value (Type): " as proto.c writes the field's type. */
    private static String valueText(Tvb b, String key, int off, int len) {
        return switch (key) {
            case "snmp.value.octets" -> octets(b, off, len);
            case "snmp.value.oid" -> {
                long[] a = len == 0 ? new long[] {0} : SnmpOids.arcs(b, off, len);
                yield a == null ? "[Invalid OID]" : SnmpOids.label(a);
            }
            case "snmp.value.ipv4" -> b.u8(off) + "." + b.u8(off + 1) + "." + b.u8(off + 2) + "." + b.u8(off + 3);
            case "snmp.value.ipv6" -> Text.ipv6(b.copy(off, 16));
            case "snmp.value.int", "snmp.value.u32", "snmp.value.g32" -> Long.toString(Ber.integer(b, off, len));
            case "snmp.value.counter", "snmp.value.timeticks", "snmp.value.nsap" -> Long.toUnsignedString(unsigned(b, off, len));
            default -> len == 0 ? "<MISSING>" : hex(b, off, len);
        };
    }

    private static long unsigned(Tvb b, int off, int len) {
        long v = 0;
        for (int i = 0; i < len; i++) {
            v = v << 8 | b.u8(off + i);
        }
        return v;
    }

    /** The value's item with the field's JSON value. */
    private static Tree item(Tvb b, Tree vb, String key, String label, int off, int len) {
        Tree it = switch (key) {
            case "snmp.value.null" -> vb.none(key, label);
            case "snmp.value.octets", "snmp.value.addr", "snmp.value.opaque", "snmp.value.unk" ->
                    vb.bytes(key, REG.row(key).title(), b.s, b.base + off, len).relabel(label);
            case "snmp.value.oid" -> {
                long[] a = len == 0 ? new long[] {0} : SnmpOids.arcs(b, off, len);
                yield vb.field(key, label, a == null ? "" : SnmpOids.dotted(a, 0));
            }
            default -> vb.field(key, label, label.substring(label.indexOf(": ") + 2));
        };
        return b.at(it, off, len);
    }

    /** FT_BYTES with BASE_SHOW_ASCII_PRINTABLE: quoted text when every byte is printable ASCII, else hex. */
    private static String octets(Tvb b, int off, int len) {
        if (len == 0) {
            return "<MISSING>";
        }
        for (int i = 0; i < len; i++) {
            int c = b.u8(off + i);
            if (c < 0x20 || c > 0x7e) {
                return hex(b, off, len);
            }
        }
        return "\"" + Text.format(b.s, b.base + off, len) + "\"";
    }

    private static String hex(Tvb b, int off, int len) {
        int n = Math.min(len, 36);
        StringBuilder sb = new StringBuilder(n * 2 + 1);
        for (int i = 0; i < n; i++) {
            sb.append(Registry.hex(b.u8(off + i), 2));
        }
        return len > n ? sb.append('…').toString() : sb.toString();
    }

    /** A VarBind the code gives up on: a subtree with the expert item and the generic BER display of its bytes. */
    private void decodingError(Tvb b, Tree list, int len, String label, String expert, String msg, int from) {
        Tree pt = b.at(list.text(label), 0, len);
        pt.expert(expert, Tree.Severity.WARNING, Tree.Group.MALFORMED, msg);
        unknown(b, from, pt);
    }

    /**
     * dissect_unknown_ber at {@code off}: one TLV and, for a constructed one, what it holds (a
     * small part of packet-ber.c's generic display: the universal types SNMP messages carry).
     */
    private void unknown(Tvb b, int off, Tree parent) {
        unknownAt(b, off, parent);
    }

    private static final String[] UNIVERSAL_NAMES = {"EOC", "BOOLEAN", "INTEGER", "BIT STRING", "OCTET STRING", "NULL",
        "OBJECT IDENTIFIER", "OBJECT DESCRIPTOR", "EXTERNAL", "REAL", "ENUMERATED", "EMBEDDED PDV", "UTF8String",
        "RELATIVE-OID", "TIME", "RESERVED", "SEQUENCE", "SET"};

    private int unknownAt(Tvb b, int o, Tree parent) {
        if (++w.depth > MAX_DEPTH) {
            w.depth--;
            throw Tvb.Stop.MALFORMED;
        }
        try {
            Ber.Tlv h = Ber.header(b, o, new Ber.Tlv());
            long next = h.value + h.length;
            if (next <= o || next > Integer.MAX_VALUE || h.indefinite) {
                throw Tvb.Stop.MALFORMED;
            }
            int len = (int) h.length;
            if (h.constructed) {
                String name = h.cls == Ber.UNIVERSAL && h.tag < UNIVERSAL_NAMES.length ? UNIVERSAL_NAMES[h.tag]
                        : "[" + CLASSES[h.cls] + " " + h.tag + "]";
                Tree s = b.at(parent.text(name), h.value, (int) Math.max(0, Math.min(next, b.cap) - h.value));
                int x = h.value;
                while (x < next) {
                    x = unknownAt(b, x, s);
                }
            } else if (h.cls == Ber.UNIVERSAL && h.tag == Ber.T_OCTET_STRING) {
                b.need(h.value, len);
                Tree item = b.at(parent.bytes("ber.unknown.OCTETSTRING", "OCTETSTRING", b.s, b.base + h.value, len), h.value, len);
                if (len == 0) {
                    item.relabel("OCTETSTRING: <MISSING>");
                }
            } else if (h.cls == Ber.UNIVERSAL && h.tag == 5) {
                b.need(h.value, len);
                b.at(parent.none("ber.null_tag", "NULL tag"), h.value, len);
            } else if (h.cls == Ber.UNIVERSAL && h.tag == Ber.T_INTEGER && len >= 1 && len <= 8) {
                b.need(h.value, len);
                long v = Ber.integer(b, h.value, len);
                b.at(parent.field("ber.unknown.INTEGER", "INTEGER: " + v, Long.toString(v)), h.value, len);
            } else if (h.cls == Ber.UNIVERSAL && h.tag == 6) {
                b.need(h.value, len);
                long[] a = len == 0 ? new long[] {0} : SnmpOids.arcs(b, h.value, len);
                String shown = a == null ? SnmpOids.dottedLoose(b, h.value, len) : SnmpOids.label(a);
                b.at(parent.field("ber.unknown.OID", "OID: " + shown, a == null ? shown : SnmpOids.dotted(a, 0)), h.value, len);
            } else {
                b.need(h.value, len);
                // an FT_NONE item labelled with the class, tag and bytes
                b.at(parent.none("ber.unknown.primitive", "[" + CLASSES[h.cls] + " " + h.tag + "] " + hex(b, h.value, len)), h.value, len);
            }
            return (int) next;
        } finally {
            w.depth--;
        }
    }
}
