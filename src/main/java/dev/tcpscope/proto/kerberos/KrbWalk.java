package dev.tcpscope.proto.kerberos;

import dev.tcpscope.proto.Registry;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.proto.ldap.Ber;

import java.util.List;
import java.util.Map;

/**
 * One Kerberos message as Wireshark 4.0.17's packet-kerberos.c (generated from RFC 4120's ASN.1
 * and RFC 6113's FAST) shows it without a keytab: the Applications CHOICE (Ticket, AS/TGS
 * requests and replies, AP-REQ/AP-REP, KRB-PRIV, KRB-CRED, KRB-ERROR), PA-DATA with the values
 * 4.0 decodes here (PA-TGS-REQ, PA-ENC-TIMESTAMP, ETYPE-INFO/-INFO2, PA-PAC-REQUEST, PA-FX-FAST,
 * PA-PAC-OPTIONS), host addresses, and KRB-ERROR's e-data by its error code. Encrypted parts are
 * shown as their cipher bytes. The Info column is the first msg-type's name (gbl_do_col_info is
 * cleared after it), or "KRB Error: NAME" for a non-zero error code.
 */
final class KrbWalk extends KrbBer {
    private static final List<Registry.Row> KDC_OPTIONS = bits("kerberos.KDCOptions.");
    private static final List<Registry.Row> AP_OPTIONS = bits("kerberos.APOptions.");
    private static final List<Registry.Row> PAC_OPTIONS = bits("kerberos.PAC.OPTIONS.FLAGS.");

    /** krb5_msg_types: the Info column's names. */
    private static final Map<Integer, String> MSG_TYPES = Map.ofEntries(Map.entry(10, "AS-REQ"), Map.entry(11, "AS-REP"),
            Map.entry(12, "TGS-REQ"), Map.entry(13, "TGS-REP"), Map.entry(14, "AP-REQ"), Map.entry(15, "AP-REP"),
            Map.entry(16, "TGT-REQ"), Map.entry(17, "TGT-REP"), Map.entry(20, "KRB-SAFE"), Map.entry(21, "KRB-PRIV"),
            Map.entry(22, "KRB-CRED"), Map.entry(25, "EncASRepPart"), Map.entry(26, "EncTGSRepPart"),
            Map.entry(27, "EncAPRepPart"), Map.entry(28, "EncKrbPrivPart"), Map.entry(29, "EncKrbCredPart"),
            Map.entry(30, "KRB-ERROR"));

    private final boolean rm;
    /** The Info column this message writes (col_add_str replaces it), or null when it writes none. */
    String info;
    private boolean colInfo = true;
    private long padataType;
    private long errorCode;
    private long addrType;
    /** Whether the message is a request (PA-FX-FAST's request or reply form). */
    private boolean request;

    KrbWalk(boolean recordMark) {
        this.rm = recordMark;
    }

    /**
     * dissect_kerberos_common over {@code t}: the record mark (TCP) and the message, under
     * {@code krb} (the Kerberos item); returns the offset after the message.
     */
    int message(Tvb t, Tree krb) {
        int off = 0;
        if (rm) {
            long mark = t.u32(0);
            Tree m = t.at(krb.text("Record Mark: " + (mark & 0x7fffffffL) + ((mark & 0x7fffffffL) == 1 ? " byte" : " bytes")), 0, 4);
            REG.integerItem(t, m, REG.row("kerberos.rm.reserved"), 0, 4, (v, n) -> n);
            REG.integerItem(t, m, REG.row("kerberos.rm.length"), 0, 4, (v, n) -> n);
            off = 4;
        }
        return applications(t, off, krb);
    }

    /** The Applications CHOICE (its alternatives carry their own APPLICATION tags); returns the end. */
    private int applications(Tvb t, int off, Tree parent) {
        Ber.Tlv h = tlv(t, off);
        int end = h.value + len(h);
        if (h.cls != APP) {
            berError(t, parent, "ber.error.choice_not_found", "BER Error: This choice field was not found.", off, end - off);
            return end;
        }
        int inner = h.value;
        switch (h.tag) {
            case 1 -> sequence(t, inner, parent, "kerberos.ticket_element", ticketBody());
            case 10, 12 -> {
                request = true;
                sequence(t, inner, parent, h.tag == 10 ? "kerberos.as_req_element" : "kerberos.tgs_req_element", kdcReq());
            }
            case 11, 13 -> sequence(t, inner, parent, h.tag == 11 ? "kerberos.as_rep_element" : "kerberos.tgs_rep_element", kdcRep());
            case 14 -> sequence(t, inner, parent, "kerberos.ap_req_element", apReq());
            case 15 -> sequence(t, inner, parent, "kerberos.ap_rep_element",
                    el(0, "kerberos.pvno", this::integer), el(1, "kerberos.msg_type", this::msgType),
                    el(2, "kerberos.enc_part_element", this::encryptedData));
            case 20 -> sequence(t, inner, parent, "kerberos.krb_safe_element",
                    el(0, "kerberos.pvno", this::integer), el(1, "kerberos.msg_type", this::msgType),
                    el(2, "kerberos.safe_body_element", (x, q, k) -> sequence(x, 0, q, k,
                            el(0, "kerberos.user_data", (y, r, kk) -> octets(y, r, kk, null)),
                            opt(1, "kerberos.timestamp", this::time), opt(2, "kerberos.usec", this::integer),
                            opt(3, "kerberos.seq_number", this::integer), el(4, "kerberos.s_address_element", this::hostAddress),
                            opt(5, "kerberos.r_address_element", this::hostAddress))),
                    el(3, "kerberos.cksum_element", this::checksum));
            case 21 -> sequence(t, inner, parent, "kerberos.krb_priv_element",
                    el(0, "kerberos.pvno", this::integer), el(1, "kerberos.msg_type", this::msgType),
                    el(3, "kerberos.enc_part_element", this::encryptedData));
            case 22 -> sequence(t, inner, parent, "kerberos.krb_cred_element",
                    el(0, "kerberos.pvno", this::integer), el(1, "kerberos.msg_type", this::msgType),
                    el(2, "kerberos.tickets", (x, p, k) -> sequenceOf(x, 0, p, k, "kerberos.Ticket_element", this::ticket)),
                    el(3, "kerberos.enc_part_element", this::encryptedData));
            case 30 -> sequence(t, inner, parent, "kerberos.krb_error_element", krbError());
            default -> berError(t, parent, "ber.error.choice_not_found", "BER Error: This choice field was not found.", off, end - off);
        }
        return end;
    }

    private void msgType(Tvb t, Tree p, String k) {
        long v = super.integer(t, p, k);
        if (colInfo) {
            String name = v >= 0 && v <= Integer.MAX_VALUE ? MSG_TYPES.get((int) v) : null;
            info = name != null ? name : "Unknown msg type 0x" + Long.toHexString(v & 0xffffffffL);
        }
        colInfo = false;
    }

    private El[] ticketBody() {
        return new El[] {el(0, "kerberos.tkt_vno", this::integer), el(1, "kerberos.realm", this::string),
            el(2, "kerberos.sname_element", this::sname), el(3, "kerberos.enc_part_element", this::encryptedData)};
    }

    /** Ticket ::= [APPLICATION 1] SEQUENCE. */
    private void ticket(Tvb t, Tree p, String k) {
        Ber.Tlv h = tlv(t, 0);
        len(h);
        if (h.cls != APP || h.tag != 1) {
            berError(t, p, "ber.error.wrong_tag_in_tagged_type", "BER Error: Wrong tag in tagged type - expected class:APPLICATION(1) tag:1 (Ticket) but found class:"
                    + new String[] {"UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"}[h.cls] + "(" + h.cls + ") tag:" + h.tag, 0, h.value);
        }
        sequence(t, h.value, p, k, ticketBody());
    }

    private El[] kdcReq() {
        return new El[] {el(1, "kerberos.pvno", this::integer), el(2, "kerberos.msg_type", this::msgType),
            opt(3, "kerberos.padata", this::padata), el(4, "kerberos.req_body_element", this::reqBody)};
    }

    private El[] kdcRep() {
        return new El[] {el(0, "kerberos.pvno", this::integer), el(1, "kerberos.msg_type", this::msgType),
            opt(2, "kerberos.padata", this::padata), el(3, "kerberos.crealm", this::string),
            el(4, "kerberos.cname_element", this::cname), el(5, "kerberos.ticket_element", this::ticket),
            el(6, "kerberos.enc_part_element", this::encryptedData)};
    }

    private El[] apReq() {
        return new El[] {el(0, "kerberos.pvno", this::integer), el(1, "kerberos.msg_type", this::msgType),
            el(2, "kerberos.ap_options", (t, p, k) -> bitString(t, p, k, AP_OPTIONS)),
            el(3, "kerberos.ticket_element", this::ticket), el(4, "kerberos.authenticator_element", this::encryptedData)};
    }

    private El[] krbError() {
        return new El[] {el(0, "kerberos.pvno", this::integer), el(1, "kerberos.msg_type", this::msgType),
            opt(2, "kerberos.ctime", this::time), opt(3, "kerberos.cusec", this::integer),
            el(4, "kerberos.stime", this::time), el(5, "kerberos.susec", this::integer),
            el(6, "kerberos.error_code", this::errorCode), opt(7, "kerberos.crealm", this::string),
            opt(8, "kerberos.cname_element", this::cname), el(9, "kerberos.realm", this::string),
            el(10, "kerberos.sname_element", this::sname), opt(11, "kerberos.e_text", this::string),
            opt(12, "kerberos.e_data", this::eData)};
    }

    private void errorCode(Tvb t, Tree p, String k) {
        errorCode = super.integer(t, p, k);
        if (errorCode != 0) {
            String name = ERRORS.get((int) errorCode);
            info = "KRB Error: " + (name != null ? name : "Unknown error code 0x" + Long.toHexString(errorCode & 0xffffffffL));
        }
    }

    /** KRB-ERROR's e-data as 4.0 reads it for the error code. */
    private void eData(Tvb t, Tree p, String k) {
        int code = (int) errorCode;
        switch (code) {
            case 12, 13, 18, 23 -> octets(t, p, k, (x, q, kk) -> sequence(x, 0, q, null, paData()));
            case 24, 25, 14, 68, 90, 91, 92, 93 -> octets(t, p, k,
                    (x, q, kk) -> sequenceOf(x, 0, q, null, "kerberos.PA_DATA_element", this::paDataElement));
            default -> octets(t, p, k, null);
        }
    }

    private void reqBody(Tvb t, Tree p, String k) {
        sequence(t, 0, p, k,
                el(0, "kerberos.kdc_options", (x, q, kk) -> bitString(x, q, kk, KDC_OPTIONS)),
                opt(1, "kerberos.cname_element", this::cname), el(2, "kerberos.realm", this::string),
                opt(3, "kerberos.sname_element", this::sname), opt(4, "kerberos.from", this::time),
                el(5, "kerberos.till", this::time), opt(6, "kerberos.rtime", this::time),
                el(7, "kerberos.nonce", this::integer),
                el(8, "kerberos.kdc-req-body.etype", (x, q, kk) -> sequenceOf(x, 0, q, kk, "kerberos.ENCTYPE", this::integer)),
                opt(9, "kerberos.addresses", this::addresses),
                opt(10, "kerberos.enc_authorization_data_element", this::encryptedData),
                opt(11, "kerberos.additional_tickets", (x, q, kk) -> sequenceOf(x, 0, q, kk, "kerberos.Ticket_element", this::ticket)));
    }

    private void cname(Tvb t, Tree p, String k) {
        principal(t, p, k, "kerberos.cname_string", "kerberos.CNameString");
    }

    private void sname(Tvb t, Tree p, String k) {
        principal(t, p, k, "kerberos.sname_string", "kerberos.SNameString");
    }

    private void principal(Tvb t, Tree p, String k, String list, String item) {
        sequence(t, 0, p, k, el(0, "kerberos.name_type", this::integer),
                el(1, list, (x, q, kk) -> sequenceOf(x, 0, q, kk, item, this::string)));
    }

    private void encryptedData(Tvb t, Tree p, String k) {
        sequence(t, 0, p, k, el(0, "kerberos.etype", this::integer), opt(1, "kerberos.kvno", this::integer),
                el(2, "kerberos.cipher", (x, q, kk) -> octets(x, q, kk, null)));
    }

    private void checksum(Tvb t, Tree p, String k) {
        sequence(t, 0, p, k, el(0, "kerberos.cksumtype", this::integer),
                el(1, "kerberos.checksum", (x, q, kk) -> octets(x, q, kk, null)));
    }

    private void padata(Tvb t, Tree p, String k) {
        sequenceOf(t, 0, p, k, "kerberos.PA_DATA_element", this::paDataElement);
    }

    private El[] paData() {
        return new El[] {el(1, "kerberos.padata_type", this::padataType), el(2, "kerberos.padata_value", this::padataValue)};
    }

    private void paDataElement(Tvb t, Tree p, String k) {
        sequence(t, 0, p, k, paData());
    }

    private void padataType(Tvb t, Tree p, String k) {
        padataType = super.integer(t, p, k);
        String name = REG.value(k, padataType & 0xffffffffL);
        p.relabel(title("kerberos.PA_DATA_element") + " " + (name != null ? name : "Unknown:" + padataType));
    }

    /** PA-DATA's padata-value, beneath the padata-type item, read by its type as 4.0 reads it. */
    private void padataValue(Tvb t, Tree p, String k) {
        // beneath actx->created_item: the padata-type item, or whatever leaf came last when it is missing
        Tree under = created;
        Fn contents = switch ((int) padataType) {
            case 1 -> (x, q, kk) -> applications(x, 0, q);
            case 2 -> (x, q, kk) -> sequence(x, 0, q, null, encryptedDataEls());
            case 11 -> (x, q, kk) -> sequenceOf(x, 0, q, null, "kerberos.ETYPE_INFO_ENTRY_element", this::etypeInfo);
            case 19 -> (x, q, kk) -> sequenceOf(x, 0, q, null, "kerberos.ETYPE_INFO2_ENTRY_element", this::etypeInfo2);
            case 128 -> (x, q, kk) -> sequence(x, 0, q, null, el(0, "kerberos.include_pac", this::bool));
            case 136 -> (x, q, kk) -> fxFast(x, q);
            case 167 -> (x, q, kk) -> sequence(x, 0, q, null,
                    el(0, "kerberos.flags", (y, r, kkk) -> bitString(y, r, kkk, PAC_OPTIONS)));
            default -> null;
        };
        octets(t, under, k, contents);
    }

    private El[] encryptedDataEls() {
        return new El[] {el(0, "kerberos.etype", this::integer), opt(1, "kerberos.kvno", this::integer),
            el(2, "kerberos.cipher", (x, q, kk) -> octets(x, q, kk, null))};
    }

    private void etypeInfo(Tvb t, Tree p, String k) {
        sequence(t, 0, p, k, el(0, "kerberos.etype", this::integer),
                opt(1, "kerberos.salt", (x, q, kk) -> octets(x, q, kk, null)));
    }

    private void etypeInfo2(Tvb t, Tree p, String k) {
        sequence(t, 0, p, k, el(0, "kerberos.etype", this::integer), opt(1, "kerberos.info2_salt", this::string),
                opt(2, "kerberos.s2kparams", (x, q, kk) -> octets(x, q, kk, null)));
    }

    /** PA-FX-FAST-REQUEST / -REPLY: a CHOICE of armored-data [0]. */
    private void fxFast(Tvb t, Tree p) {
        Ber.Tlv h = tlv(t, 0);
        int n = len(h);
        if (h.cls != CON || h.tag != 0) {
            berError(t, p, "ber.error.choice_not_found", "BER Error: This choice field was not found.", 0, h.value + n);
            return;
        }
        Tvb x = sub(t, h.value, n);
        if (request) {
            sequence(x, 0, p, "kerberos.armored_data_element",
                    opt(0, "kerberos.armor_element", (y, q, k) -> sequence(y, 0, q, k, el(0, "kerberos.armor_type", this::integer),
                            el(1, "kerberos.armor_value", (z, r, kk) -> octets(z, r, kk, null)))),
                    el(1, "kerberos.req_checksum_element", this::checksum),
                    el(2, "kerberos.enc_fast_req_element", this::encryptedData));
        } else {
            sequence(x, 0, p, "kerberos.armored_data_element", el(0, "kerberos.enc_fast_rep_element", this::encryptedData));
        }
    }

    private void addresses(Tvb t, Tree p, String k) {
        sequenceOf(t, 0, p, k, "kerberos.HostAddress_element", this::hostAddress);
    }

    private void hostAddress(Tvb t, Tree p, String k) {
        Tree[] item = new Tree[1];
        Tree list = p;
        sequence(t, 0, p, k, el(0, "kerberos.addr_type", (x, q, kk) -> {
            item[0] = q;
            addrType = super.integer(x, q, kk);
        }), el(1, "kerberos.address", (x, q, kk) -> address(x, q, item[0], list)));
    }

    /** HostAddress's address by its type, its text appended to the HostAddress and HostAddresses items. */
    private void address(Tvb t, Tree q, Tree host, Tree list) {
        Ber.Tlv h = tlv(t, 0);
        int n = len(h);
        int off = h.value;
        String text;
        switch ((int) addrType) {
            case 2 -> {
                t.need(off, 4);
                text = (t.u8(off)) + "." + t.u8(off + 1) + "." + t.u8(off + 2) + "." + t.u8(off + 3);
                t.at(q.field("kerberos.addr_ip", "IP Address: " + text, text), off, 4);
            }
            case 20 -> {
                t.need(off, 16);
                StringBuilder name = new StringBuilder();
                for (int i = 0; i < 15; i++) {
                    name.append((char) t.u8(off + i));
                }
                int end = name.length();
                while (end > 0 && name.charAt(end - 1) == ' ') {
                    end--;
                }
                name.setLength(end);
                int type = t.u8(off + 15);
                text = name + "<" + String.format("%02x", type) + ">";
                t.at(q.line("kerberos.addr_nb", "NetBIOS Name: " + text + " (" + dev.tcpscope.proto.smb2.NbName.typeName(type) + ")", name.toString()), off, 16);
            }
            case 24 -> {
                t.need(off, 16);
                byte[] a = t.copy(off, 16);
                text = dev.tcpscope.proto.Text.ipv6(a);
                t.at(q.field("kerberos.addr_ipv6", "IPv6 Address: " + text, text), off, 16);
            }
            default -> {
                t.at(q.text("KRB Address: I don't know how to parse this type of address yet"), off, Math.min(n, Math.max(0, t.cap - off)))
                        .expert("kerberos.address.unknown", Tree.Severity.WARNING, Tree.Group.UNDECODED,
                                "KRB Address: I don't know how to parse this type of address yet");
                return;
            }
        }
        if (host != null) {
            host.relabel(title("kerberos.HostAddress_element") + " " + text);
        }
        appendToList(list, text);
    }

    /** proto_item_append_text on the address's grandparent, the HostAddresses item. */
    private void appendToList(Tree list, String text) {
        StringBuilder b = listLabels.get(list);
        if (b == null) {
            return;
        }
        b.append(' ').append(text);
        list.relabel(b.toString());
    }

    /** krb5_error_codes: the names the Info column gives error codes. */
    static final Map<Integer, String> ERRORS = errors();

    private static Map<Integer, String> errors() {
        String[] names = {"KRB5KDC_ERR_NONE", "KRB5KDC_ERR_NAME_EXP", "KRB5KDC_ERR_SERVICE_EXP", "KRB5KDC_ERR_BAD_PVNO",
            "KRB5KDC_ERR_C_OLD_MAST_KVNO", "KRB5KDC_ERR_S_OLD_MAST_KVNO", "KRB5KDC_ERR_C_PRINCIPAL_UNKNOWN",
            "KRB5KDC_ERR_S_PRINCIPAL_UNKNOWN", "KRB5KDC_ERR_PRINCIPAL_NOT_UNIQUE", "KRB5KDC_ERR_NULL_KEY",
            "KRB5KDC_ERR_CANNOT_POSTDATE", "KRB5KDC_ERR_NEVER_VALID", "KRB5KDC_ERR_POLICY", "KRB5KDC_ERR_BADOPTION",
            "KRB5KDC_ERR_ETYPE_NOSUPP", "KRB5KDC_ERR_SUMTYPE_NOSUPP", "KRB5KDC_ERR_PADATA_TYPE_NOSUPP",
            "KRB5KDC_ERR_TRTYPE_NOSUPP", "KRB5KDC_ERR_CLIENT_REVOKED", "KRB5KDC_ERR_SERVICE_REVOKED",
            "KRB5KDC_ERR_TGT_REVOKED", "KRB5KDC_ERR_CLIENT_NOTYET", "KRB5KDC_ERR_SERVICE_NOTYET", "KRB5KDC_ERR_KEY_EXP",
            "KRB5KDC_ERR_PREAUTH_FAILED", "KRB5KDC_ERR_PREAUTH_REQUIRED", "KRB5KDC_ERR_SERVER_NOMATCH",
            "KRB5KDC_ERR_MUST_USE_USER2USER", "KRB5KDC_ERR_PATH_NOT_ACCEPTED", "KRB5KDC_ERR_SVC_UNAVAILABLE"};
        Map<Integer, String> m = new java.util.HashMap<>();
        for (int i = 0; i < names.length; i++) {
            m.put(i, names[i]);
        }
        String[] ap = {"KRB5KRB_AP_ERR_BAD_INTEGRITY", "KRB5KRB_AP_ERR_TKT_EXPIRED", "KRB5KRB_AP_ERR_TKT_NYV",
            "KRB5KRB_AP_ERR_REPEAT", "KRB5KRB_AP_ERR_NOT_US", "KRB5KRB_AP_ERR_BADMATCH", "KRB5KRB_AP_ERR_SKEW",
            "KRB5KRB_AP_ERR_BADADDR", "KRB5KRB_AP_ERR_BADVERSION", "KRB5KRB_AP_ERR_MSG_TYPE", "KRB5KRB_AP_ERR_MODIFIED",
            "KRB5KRB_AP_ERR_BADORDER", "KRB5KRB_AP_ERR_ILL_CR_TKT", "KRB5KRB_AP_ERR_BADKEYVER", "KRB5KRB_AP_ERR_NOKEY",
            "KRB5KRB_AP_ERR_MUT_FAIL", "KRB5KRB_AP_ERR_BADDIRECTION", "KRB5KRB_AP_ERR_METHOD", "KRB5KRB_AP_ERR_BADSEQ",
            "KRB5KRB_AP_ERR_INAPP_CKSUM", "KRB5KDC_AP_PATH_NOT_ACCEPTED", "KRB5KRB_ERR_RESPONSE_TOO_BIG"};
        for (int i = 0; i < ap.length; i++) {
            m.put(31 + i, ap[i]);
        }
        String[] gen = {"KRB5KRB_ERR_GENERIC", "KRB5KRB_ERR_FIELD_TOOLONG", "KDC_ERROR_CLIENT_NOT_TRUSTED",
            "KDC_ERROR_KDC_NOT_TRUSTED", "KDC_ERROR_INVALID_SIG", "KDC_ERR_KEY_TOO_WEAK", "KDC_ERR_CERTIFICATE_MISMATCH",
            "KRB_AP_ERR_NO_TGT", "KDC_ERR_WRONG_REALM", "KRB_AP_ERR_USER_TO_USER_REQUIRED", "KDC_ERR_CANT_VERIFY_CERTIFICATE",
            "KDC_ERR_INVALID_CERTIFICATE", "KDC_ERR_REVOKED_CERTIFICATE", "KDC_ERR_REVOCATION_STATUS_UNKNOWN",
            "KDC_ERR_REVOCATION_STATUS_UNAVAILABLE", "KDC_ERR_CLIENT_NAME_MISMATCH", "KDC_ERR_KDC_NAME_MISMATCH"};
        for (int i = 0; i < gen.length; i++) {
            m.put(60 + i, gen[i]);
        }
        m.put(90, "KDC_ERR_PREAUTH_EXPIRED");
        m.put(91, "KDC_ERR_MORE_PREAUTH_DATA_REQUIRED");
        m.put(92, "KDC_ERR_PREAUTH_BAD_AUTHENTICATION_SET");
        m.put(93, "KDC_ERR_UNKNOWN_CRITICAL_FAST_OPTIONS");
        return Map.copyOf(m);
    }
}
