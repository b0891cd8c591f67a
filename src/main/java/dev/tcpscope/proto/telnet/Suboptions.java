package dev.tcpscope.proto.telnet;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;

import java.lang.foreign.MemorySegment;

/**
 * A Telnet suboption (IAC SB option ... IAC SE) as packet-telnet.c's telnet_sub_option and its
 * option dissectors show it. The parameters run to the next IAC that is not doubled; their
 * length is checked against the option's table entry ({@link Options}), and a doubled IAC among
 * them is undone before a dissector reads them. Every read goes through {@link #u8} so that a
 * read past the bytes stops the dissection as in Wireshark, with or without a tree.
 */
final class Suboptions {
    /** The bytes the current dissector reads: the segment's, or the unescaped parameters. */
    private Tvb t;

    /** Told when a START_TLS suboption is read while dissecting (null: building a tree). */
    private final Runnable startTls;

    Suboptions(Tvb segment, Runnable startTls) {
        this.t = segment;
        this.startTls = startTls;
    }

    /**
     * telnet_sub_option for the suboption whose IAC is at {@code start}, its option {@code code};
     * {@code item} the option's item (null: no tree). Returns where the parameters end.
     */
    int suboption(Tree item, int start, int code) {
        Options.Option opt = Options.of(code);
        int offset = start + 3;
        int cur = offset;
        int len = t.rep - offset;
        int escaped = 0;
        while (true) {
            int iac = t.find(cur, len, Telnet.IAC);
            if (iac == -1) {
                offset = (int) Math.min((long) offset + len, Integer.MAX_VALUE);
                break;
            }
            // 4.0 compares the IAC's offset in the segment with the length left after the option
            if (iac + 1 >= len || t.u8(iac + 1) != Telnet.IAC) {
                offset = iac;
                break;
            }
            cur = iac + 2;
            escaped++;
        }
        int subLen = offset - start - 3;
        int from = start + 3;
        if (subLen <= 0) {
            return offset;
        }
        if (opt.kind() != Options.Kind.DATA) {
            String wrong = switch (opt.length()) {
                case NONE -> "Bogus suboption data";
                case FIXED -> subLen - escaped != opt.min()
                        ? "Suboption parameter length is " + subLen + ", should be " + opt.min() : null;
                case VARIABLE -> subLen - escaped < opt.min()
                        ? "Suboption parameter length is " + subLen + ", should be at least " + opt.min() : null;
            };
            if (wrong != null) {
                if (item != null) {
                    item.expert("telnet.suboption_length.invalid", Tree.Severity.WARNING, Tree.Group.PROTOCOL, wrong);
                }
                return offset;
            }
            if (escaped > 0) {
                unescape(from, subLen);
                dissect(opt, item, 0, subLen - escaped);
            } else {
                dissect(opt, item, from, subLen);
            }
        } else if (escaped > 0) {
            unescape(from, subLen);
            bytes(item, "telnet.option_data", "Option data", 0, subLen - escaped);
        } else {
            bytes(item, "telnet.option_data", "Option data", from, subLen);
        }
        return offset;
    }

    /**
     * unescape_and_tvbuffify_telnet_option: the parameters with each doubled IAC made one, read
     * from then on instead of the segment (their length, captured and reported alike, is what is left).
     */
    private void unescape(int from, int len) {
        byte[] in = t.copy(from, len);
        byte[] out = new byte[len];
        int n = 0;
        for (int i = 0; i < len; ) {
            int b = in[i] & 0xff;
            if (b == 0xff && i + 1 < len && in[i + 1] == (byte) 0xff) {
                out[n++] = (byte) 0xff;
                i += 2;
            } else {
                out[n++] = (byte) b;
                i++;
            }
        }
        t = new Tvb(MemorySegment.ofArray(java.util.Arrays.copyOf(out, n)), 0, n, n);
    }

    private void dissect(Options.Option opt, Tree item, int off, int len) {
        switch (opt.kind()) {
            case STRING -> string(opt.name(), item, off, len);
            case NAWS -> {
                int w = t.u16(off);
                if (item != null) {
                    item.field("telnet.naws_subopt.width", "Width: " + w, Integer.toString(w)).at(t.s, t.base + off, 2);
                }
                int h = t.u16(off + 2);
                if (item != null) {
                    item.field("telnet.naws_subopt.height", "Height: " + h, Integer.toString(h)).at(t.s, t.base + off + 2, 2);
                }
            }
            case RFC -> {
                int c = t.u8(off);
                if (item != null) {
                    String name = switch (c) {
                        case 0 -> "OFF";
                        case 1 -> "ON";
                        case 2 -> "RESTART-ANY";
                        case 3 -> "RESTART-XON";
                        default -> "Unknown";
                    };
                    item.field("telnet.rfc_subopt.cmd", "Command: " + name + " (" + c + ")", Integer.toString(c)).at(t.s, t.base + off, 1);
                }
            }
            case HTSTOPS -> tabStops(opt.name(), item, off, len);
            case OUTMARK -> outputMarking(item, off, len);
            case STARTTLS -> {
                int c = t.u8(off);
                if (item != null) {
                    item.field("telnet.starttls", "Follows: " + c, Integer.toString(c)).at(t.s, t.base + off, 1);
                }
                if (startTls != null) {
                    startTls.run();
                }
            }
            case AUTH -> authentication(item, off, len);
            case ENC -> encryption(item, off, len);
            case REGIME -> regime(item, off, len);
            case TN3270E -> tn3270e(item, off, len);
            case COMPORT -> comPort(opt.name(), item, off, len);
            case DATA -> bytes(item, "telnet.option_data", "Option data", off, len);
        }
    }

    private void bytes(Tree item, String key, String title, int off, int len) {
        t.need(off, len);
        if (item != null) {
            t.at(item.bytes(key, title, t.s, t.base + off, len), off, len);
        }
    }

    /** An item whose label is given whole (proto_tree_add_bytes_format with no value shown). */
    private void labelledBytes(Tree item, String key, String label, int off, int len) {
        t.need(off, len);
        if (item != null) {
            t.at(item.field(key, label, Text.hexColons(t.s, t.base + off, len)), off, len);
        }
    }

    private void string(Tree item, String key, String title, int off, int len) {
        t.need(off, len);
        if (item != null) {
            t.string(item, key, title, off, len);
        }
    }

    private void subcommand(Tree item, String label, int c, int off) {
        if (item != null) {
            t.at(item.field("telnet.subcmd", label, Integer.toString(c)), off, 1);
        }
    }

    private void invalid(Tree item, String option, int c) {
        if (item != null) {
            item.expert("telnet.invalid_subcommand", Tree.Severity.WARNING, Tree.Group.PROTOCOL,
                    "Invalid " + option + " subcommand " + c);
        }
    }

    /** dissect_string_subopt: Terminal Type, X Display Location. */
    private void string(String option, Tree item, int off, int len) {
        int c = t.u8(off);
        switch (c) {
            case 0 -> {
                subcommand(item, "Here's my " + option, c, off);
                if (len - 1 > 0) {
                    string(item, "telnet.string_subopt.value", "Value", off + 1, len - 1);
                }
            }
            case 1 -> {
                subcommand(item, "Send your " + option, c, off);
                if (len - 1 > 0) {
                    labelledBytes(item, "telnet.subcommand_data", "Extra data", off + 1, len - 1);
                }
            }
            default -> {
                invalid(item, option, c);
                if (len - 1 > 0) {
                    bytes(item, "telnet.subcommand_data", "Subcommand data", off + 1, len - 1);
                }
            }
        }
    }

    /** dissect_htstops_subopt: Output Horizontal Tab Stops. */
    private void tabStops(String option, Tree item, int off, int len) {
        int c = t.u8(off);
        switch (c) {
            case 0 -> subcommand(item, "Here's my " + option, c, off);
            case 1 -> subcommand(item, "Send your " + option, c, off);
            default -> {
                invalid(item, option, c);
                if (len - 1 > 0) {
                    bytes(item, "telnet.subcommand_data", "Subcommand data", off + 1, len - 1);
                }
                return;
            }
        }
        off++;
        len--;
        while (len > 0) {
            int v = t.u8(off);
            if (item != null) {
                String label = switch (v) {
                    case 0 -> "Sender wants to handle tab stops";
                    case 251, 252, 253, 254 -> "Invalid value: " + v;
                    case 255 -> "Sender wants receiver to handle tab stops";
                    default -> "Sender wants receiver to handle tab stop at " + v;
                };
                item.field("telnet.tabstop", label, Integer.toString(v)).at(t.s, t.base + off, 1);
            }
            off++;
            len--;
        }
    }

    /** dissect_outmark_subopt: Output Marking, a command byte then a banner up to a GS. */
    private void outputMarking(Tree item, int off, int len) {
        while (len > 0) {
            int c = t.u8(off);
            if (item != null) {
                String name = switch (c) {
                    case 0x06 -> "ACK";
                    case 0x15 -> "NAK";
                    case 'D' -> "Default";
                    case 'T' -> "Top";
                    case 'B' -> "Bottom";
                    case 'L' -> "Left";
                    case 'R' -> "Right";
                    default -> "Unknown";
                };
                String ch = character(c);
                item.field("telnet.outmark_subopt.cmd", "Command: " + name + " (" + ch + ")", ch).at(t.s, t.base + off, 1);
            }
            off++;
            len--;
            int gs = t.find(off, len, 29);
            int n = (gs == -1 ? off + len : gs) - off;
            if (n > 0) {
                string(item, "telnet.outmark_subopt.banner", "Banner", off, n);
                off += n;
                len -= n;
            }
        }
    }

    /** An FT_CHAR value as Wireshark writes it: the character in quotes, escaped unless printable. */
    private static String character(int c) {
        if (c >= 0x20 && c < 0x7f && c != '\'' && c != '\\') {
            return "'" + (char) c + "'";
        }
        return switch (c) {
            case '\'' -> "'\\''";
            case '\\' -> "'\\\\'";
            default -> String.format("'\\x%02x'", c);
        };
    }

    /** MAX_KRB5_BLOB_LEN: a Kerberos blob this long or longer is not unescaped, only noted. */
    private static final int MAX_KERBEROS_BLOB = 10240;

    /** dissect_authentication_subopt: every IS and REPLY is read as Kerberos v5's, as 4.0 does. */
    private void authentication(Tree item, int off, int len) {
        int c = t.u8(off);
        if (item != null) {
            item.field("telnet.auth.cmd", "Auth Cmd: " + name(c, "IS", "SEND", "REPLY", "NAME") + " (" + c + ")",
                    Integer.toString(c)).at(t.s, t.base + off, 1);
        }
        off++;
        len--;
        switch (c) {
            case 0, 2 -> {
                typePair(item, off);
                off += 2;
                int k = t.u8(off);
                int blob = len - 3;
                if (item != null) {
                    Tree cmd = t.at(item.field("telnet.auth.krb5.cmd", "Command: " + name(k, "Auth", "Reject", "Accept", "Response",
                            "Forward", "Forward Accept", "Forward Reject") + " (" + k + ")", Integer.toString(k)), off, 1);
                    if (c == 0 && k == 0 && blob >= MAX_KERBEROS_BLOB) {
                        cmd.expert("telnet.kerberos_blob_too_long", Tree.Severity.NOTE, Tree.Group.PROTOCOL,
                                "Kerberos blob (too long to dissect - length " + blob + " > " + MAX_KERBEROS_BLOB + ")");
                    }
                }
                // a shorter Kerberos AP_REQ / AP_REP that may follow is not dissected (docs/TEXTPROTO.md)
            }
            case 1 -> {
                while (len > 0) {
                    typePair(item, off);
                    off += 2;
                    len -= 2;
                }
            }
            case 3 -> string(item, "telnet.auth.name", "Name", off, len);
            default -> { }
        }
    }

    /** dissect_authentication_type_pair: the type, then the modifier bits of the next byte. */
    private void typePair(Tree item, int off) {
        int type = t.u8(off);
        if (item != null) {
            String name = switch (type) {
                case 0 -> "NULL";
                case 1 -> "Kerberos v4";
                case 2 -> "Kerberos v5";
                case 3 -> "SPX";
                case 4 -> "MINK";
                case 5 -> "SRP";
                case 6 -> "RSA";
                case 7 -> "SSL";
                case 10 -> "LOKI";
                case 11 -> "SSA";
                case 12 -> "KEA_SJ";
                case 13 -> "KEA_SJ_INTEG";
                case 14 -> "DSS";
                case 15 -> "NTLM";
                default -> "Unknown";
            };
            item.field("telnet.auth.type", "Auth Type: " + name + " (" + type + ")", Integer.toString(type)).at(t.s, t.base + off, 1);
        }
        int m = t.u8(off + 1);
        if (item != null) {
            int enc = (m & 0x14) >> 2;
            String encName = switch (enc) {
                case 0 -> "Off";
                case 1 -> "Telnet Options";
                case 2 -> "After Exchange";
                case 4 -> "Reserved";
                default -> "Unknown";
            };
            long at = t.base + off + 1;
            item.field("telnet.auth.mod.enc", Text.bits(m, 0x14, 8) + " = Encrypt: " + encName + " (" + enc + ")",
                    Integer.toString(enc)).at(t.s, at, 1);
            item.field("telnet.auth.mod.cred_fwd", Text.bits(m, 0x08, 8) + " = Cred Fwd: "
                    + ((m & 0x08) != 0 ? "Client WILL forward auth creds" : "Client will NOT forward auth creds"),
                    (m & 0x08) != 0 ? "1" : "0").at(t.s, at, 1);
            item.field("telnet.auth.mod.how", Text.bits(m, 0x02, 8) + " = How: "
                    + ((m & 0x02) != 0 ? "MUTUAL authentication" : "One Way authentication"),
                    (m & 0x02) != 0 ? "1" : "0").at(t.s, at, 1);
            item.field("telnet.auth.mod.who", Text.bits(m, 0x01, 8) + " = Who: "
                    + ((m & 0x01) != 0 ? "Mask server to client" : "Mask client to server"),
                    (m & 0x01) != 0 ? "1" : "0").at(t.s, at, 1);
        }
    }

    private static final String[] ENC_TYPES = {
        "NULL", "DES_CFB64", "DES_OFB64", "DES3_CFB64", "DES3_OFB64", null, null, null,
        "CAST5_40_CFB64", "CAST5_40_OFB64", "CAST128_CFB64", "CAST128_OFB64"
    };

    /** dissect_encryption_subopt. */
    private void encryption(Tree item, int off, int len) {
        int c = t.u8(off);
        if (item != null) {
            item.field("telnet.enc.cmd", "Enc Cmd: " + name(c, "IS", "SUPPORT", "REPLY", "START", "END", "REQUEST-START",
                    "REQUEST-END", "ENC_KEYID", "DEC_KEYID") + " (" + c + ")", Integer.toString(c)).at(t.s, t.base + off, 1);
        }
        off++;
        len--;
        switch (c) {
            case 0, 2 -> {
                if (len > 0) {
                    encryptionType(item, off);
                    bytes(item, "telnet.enc.type_data", "Type-specific data", off + 1, len - 1);
                }
            }
            case 1 -> {
                while (len > 0) {
                    encryptionType(item, off);
                    off++;
                    len--;
                }
            }
            case 3 -> {
                if (len > 0) {
                    labelledBytes(item, "telnet.enc.key_id", t.u8(off) == 0 ? "Default key" : "Key ID", off, len);
                }
            }
            case 5 -> {
                if (len > 0) {
                    labelledBytes(item, "telnet.enc.key_id", "Key ID (advisory)", off, len);
                }
            }
            case 7, 8 -> {
                if (len > 0) {
                    bytes(item, "telnet.enc.key_id", "Key ID", off, len);
                }
            }
            case 4, 6 -> { }
            default -> {
                if (item != null) {
                    item.expert("telnet.enc.cmd.unknown", Tree.Severity.WARNING, Tree.Group.PROTOCOL, "Unknown encryption command");
                }
            }
        }
    }

    private void encryptionType(Tree item, int off) {
        int type = t.u8(off);
        if (item != null) {
            String name = type < ENC_TYPES.length && ENC_TYPES[type] != null ? ENC_TYPES[type] : "Unknown";
            t.at(item.field("telnet.enc.type", "Enc Type: " + name + " (" + type + ")", Integer.toString(type)), off, 1);
        }
    }

    /** dissect_tn3270_regime_subopt: ARE or IS and the regime's name, or bogus bytes. */
    private void regime(Tree item, int off, int len) {
        while (len > 0) {
            int c = t.u8(off);
            if (c == 0 || c == 1) {
                if (item != null) {
                    item.field("telnet.regime_cmd", c == 1 ? "ARE" : "IS", Integer.toString(c)).at(t.s, t.base + off, 1);
                }
                string(item, "telnet.tn3270.regime_subopt.value", "Value", off + 1, len - 1);
                return;
            }
            if (item != null) {
                item.field("telnet.regime_cmd", "Bogus value: " + c, Integer.toString(c)).at(t.s, t.base + off, 1);
            }
            off++;
            len--;
        }
    }

    private static final String[] TN3270E_SUBOPTIONS = {
        "ASSOCIATE", "CONNECT", "DEVICE-TYPE", "FUNCTIONS", "IS", "REASON", "REJECT", "REQUEST", "SEND"
    };

    /**
     * dissect_tn3270e_subopt: each byte a TN3270E suboption; CONNECT takes the rest as its name,
     * IS after DEVICE-TYPE the device up to a CONNECT, REASON the next byte, REQUEST after
     * DEVICE-TYPE the rest and after FUNCTIONS the known function codes. 4.0's lengths are kept
     * (CONNECT's string is one byte longer than what is left).
     */
    private void tn3270e(Tree item, int off, int len) {
        while (len > 0) {
            int c = t.u8(off);
            if (item != null) {
                item.field("telnet.tn3270.subopt", "Suboption: " + name(c, TN3270E_SUBOPTIONS) + " (" + c + ")",
                        Integer.toString(c)).at(t.s, t.base + off, 1);
            }
            switch (c) {
                case 1 -> {
                    string(item, "telnet.tn3270.connect", "Connect", off + 1, len);
                    off += len - 1;
                    len = 1;
                }
                case 4 -> {
                    if (t.u8(off - 1) == 2) {
                        int connect = t.find(off + 1, len, 1);
                        if (connect != -1 && connect - (off + 1) > 0) {
                            int n = connect - (off + 1);
                            string(item, "telnet.tn3270.is", "Is", off + 1, n);
                            off += n;
                            len -= n;
                        }
                    }
                }
                case 5 -> {
                    off++;
                    len--;
                    int r = t.u8(off);
                    if (item != null) {
                        item.field("telnet.tn3270.reason", "Reason: " + name(r, "CONN-PARTNER", "DEVICE-IN-USE", "INV-ASSOCIATE",
                                "INV-DEVICE-NAME", "INV-DEVICE-TYPE", "TYPE-NAME-ERROR", "UNKNOWN-ERROR", "UNSUPPORTED-REQ")
                                + " (" + r + ")", Integer.toString(r)).at(t.s, t.base + off, 1);
                    }
                }
                case 7 -> {
                    int device = t.u8(off - 1);
                    if (device == 2) {
                        string(item, "telnet.tn3270.request_string", "Request", off + 1, len - 1);
                        off += len - 1;
                        len = 1;
                    } else if (device == 3) {
                        while (len > 0) {
                            int r = t.u8(off);
                            String fn = name(r, "BIND-IMAGE", "DATA-STREAM-CTL", "RESPONSES", "SCS-CTL-CODES", "SYSREQ");
                            if (item != null) {
                                item.field("telnet.tn3270.request", "Request: " + fn + " (" + r + ")", Integer.toString(r))
                                        .at(t.s, t.base + off, 1);
                            }
                            if (fn.equals("Unknown")) {
                                break;
                            }
                            off++;
                            len--;
                        }
                    }
                }
                default -> { }
            }
            off++;
            len--;
        }
    }

    private static final String[] DATA_SIZES = {"Request", "<invalid>", "<invalid>", "<invalid>", "<invalid>", "5", "6", "7", "8"};
    private static final String[] PARITIES = {"Request", "None", "Odd", "Even", "Mark", "Space"};
    private static final String[] STOPS = {"Request", "1", "2", "1.5"};
    private static final String[] CONTROLS = {
        "Output Flow Control Request", "Output Flow: None", "Output Flow: XON/XOFF", "Output Flow: CTS/RTS",
        "Break Request", "Break: ON", "Break: OFF", "DTR Request", "DTR: ON", "DTR: OFF", "RTS Request", "RTS: ON",
        "RTS: OFF", "Input Flow Control Request", "Input Flow: None", "Input Flow: XON/XOFF", "Input Flow: CTS/RTS",
        "Output Flow: DCD", "Input Flow: DTR", "Output Flow: DSR"
    };
    private static final String[] LINE_STATES = {
        "Data Ready", "Overrun Error", "Parity Error", "Framing Error", "Break Detected",
        "Transfer Holding Register Empty", "Transfer Shift Register Empty", "Timeout Error"
    };
    private static final String[] MODEM_STATES = {"DCTS", "DDSR", "TERI", "DDCD", "CTS", "DSR", "RI", "DCD"};
    private static final String[] PURGES = {"Purge None", "Purge RX", "Purge TX", "Purge RX/TX"};

    /**
     * A COM Port Control command with a one-byte value: its field, the text between the side and
     * the value's name (4.0 labels a control "Stop"), the names, the text of a value past them,
     * and the expert item of a missing value.
     */
    private record ComValue(String key, String title, String shown, String[] names, String beyond,
                            String invalidKey, String invalid) { }

    private static final java.util.Map<Integer, ComValue> COM_VALUES = java.util.Map.of(
            2, new ComValue("telnet.comport_subopt.data_size", "Data Size", " Data Size: ", DATA_SIZES, "<invalid>",
                    "telnet.invalid_data_size", " <Invalid Data Size Packet>"),
            3, new ComValue("telnet.comport_subopt.parity", "Parity", " Parity: ", PARITIES, "<invalid>",
                    "telnet.invalid_parity", " <Invalid Parity Packet>"),
            4, new ComValue("telnet.comport_subopt.stop", "Stop Bits", " Stop: ", STOPS, "<invalid>",
                    "telnet.invalid_stop", " <Invalid Stop Packet>"),
            5, new ComValue("telnet.comport_subopt.control", "Control", " Stop: ", CONTROLS, "Control: <invalid>",
                    "telnet.invalid_control", " <Invalid Control Packet>"),
            12, new ComValue("telnet.comport_subopt.purge", "Purge", " ", PURGES, "<Purge invalid>",
                    "telnet.invalid_purge", " <Invalid Purge Packet>"));

    /**
     * dissect_comport_subopt (RFC 2217): a command (the server's are the client's plus 100) and
     * its value; a value missing is an expert item on the option. 4.0's labels are kept (a
     * control is labelled "Stop").
     */
    private void comPort(String option, Tree item, int off, int len) {
        int c = t.u8(off);
        boolean server = c > 99;
        int cmd = server ? c - 100 : c;
        String who = server ? "Server" : "Client";
        len--;
        switch (cmd) {
            case 0 -> {
                if (len == 0) {
                    if (item != null) {
                        item.field("telnet.comport_subopt.signature", who + " Requests Signature", "").at(t.s, t.base + off, 1);
                    }
                } else {
                    t.need(off + 1, len);
                    String sig = Text.ascii(t.s, t.base + off + 1, len);
                    if (item != null) {
                        item.field("telnet.comport_subopt.signature", who + " Signature: " + sig, sig).at(t.s, t.base + off, 1 + len);
                    }
                }
            }
            case 1 -> {
                if (len >= 4) {
                    t.need(off + 1, 4);
                    long baud = t.u32(off + 1);
                    if (item != null) {
                        String v = baud == 0 ? who + " Requests Baud Rate" : who + " Baud Rate: " + (int) baud;
                        item.field("telnet.comport_subopt.baud_rate", "Baud Rate: " + v, Long.toString(baud)).at(t.s, t.base + off, 5);
                    }
                } else {
                    invalidComPort(item, "telnet.invalid_baud_rate", who + " <Invalid Baud Rate Packet>");
                }
            }
            case 2, 3, 4, 5, 12 -> {
                ComValue value = COM_VALUES.get(cmd);
                if (len >= 1) {
                    int v = t.u8(off + 1);
                    if (item != null) {
                        String name = v < value.names().length ? value.names()[v] : value.beyond();
                        t.at(item.field(value.key(), value.title() + ": " + who + value.shown() + name, Integer.toString(v)),
                                off, 2);
                    }
                } else {
                    invalidComPort(item, value.invalidKey(), who + value.invalid());
                }
            }
            case 6, 10, 7, 11 -> {
                boolean line = cmd == 6 || cmd == 10;
                boolean mask = cmd == 10 || cmd == 11;
                if (len >= 1) {
                    int v = t.u8(off + 1);
                    StringBuilder names = new StringBuilder();
                    for (int b = 0; b < 8; b++) {
                        if ((v >> b & 1) != 0) {
                            names.append(names.isEmpty() ? "" : ", ").append((line ? LINE_STATES : MODEM_STATES)[b]);
                        }
                    }
                    if (item != null) {
                        String key = "telnet.comport_subopt." + (mask ? "set_" : "") + (line ? "linestate" : "modemstate")
                                + (mask ? "_mask" : "");
                        String what = mask ? (line ? " Set Linestate Mask: " : " Set Modemstate Mask: ")
                                : (line ? " Linestate: " : " Modemstate: ");
                        item.field(key, who + what + names, names.toString()).at(t.s, t.base + off, 2);
                    }
                } else {
                    invalidComPort(item, line ? "telnet.invalid_linestate" : "telnet.invalid_modemstate", who
                            + (line ? (mask ? " <Invalid Linestate Mask>" : " <Invalid Linestate Packet>")
                                    : (mask ? " <Invalid Modemstate Mask>" : " <Invalid Modemstate Packet>")));
                }
            }
            case 8, 9 -> {
                if (item != null) {
                    item.none(cmd == 8 ? "telnet.comport_subopt.flow_control_suspend" : "telnet.comport_subopt.flow_control_resume",
                            who + (cmd == 8 ? " Flow Control Suspend" : " Flow Control Resume")).at(t.s, t.base + off, 1);
                }
            }
            default -> {
                invalid(item, option, cmd);
                if (len > 0) {
                    bytes(item, "telnet.subcommand_data", "Subcommand data", off + 1, len);
                }
            }
        }
    }

    private static void invalidComPort(Tree item, String key, String message) {
        if (item != null) {
            item.expert(key, Tree.Severity.WARNING, Tree.Group.PROTOCOL, message);
        }
    }

    /** A value_string over codes 0, 1, 2 ...; "Unknown" past them. */
    private static String name(int c, String... names) {
        return c >= 0 && c < names.length ? names[c] : "Unknown";
    }
}
