package dev.tcpscope.proto.x509;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.x509.Der.Tlv;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * An X.509 certificate (RFC 5280 §4.1) as Wireshark 4.0's x509af dissector shows it, with the
 * values it hands on by OID as x509sat, x509ce, pkix1implicit and pkix1explicit show them
 * (epan/dissectors/asn1/x509*, pkix1*, packet-ber.c): the item of each ASN.1 component, labelled
 * and placed as packet-ber.c places it (a SEQUENCE over its whole TLV, a SEQUENCE OF over its
 * contents, a CHOICE over its alternative, tagged or not, a primitive over its contents), the
 * Distinguished Names written out ("id-at-commonName=...") on the RDN items, and the layers the
 * BER OID table adds to {@code frame.protocols}.
 *
 * <p>Bad bytes (a length past its element, a missing component) stop the tree where they are
 * met and are reported as malformed, as Wireshark's bounds exceptions stop its dissection;
 * nothing else is thrown, and every loop advances by at least one header.
 */
public final class X509 {
    /** The dissector that the BER OID table calls for the SCT list extension (packet-tls-utils.c), over {@code [off, end)}. */
    @FunctionalInterface
    public interface SctList {
        void dissect(MemorySegment s, long off, long end, Tree t);
    }

    /** What a certificate's dissection found: its subject's DN (null before the subject) and whether it stopped on bad bytes. */
    public record Result(String subject, boolean malformed) { }

    private static final String OID_NOT_IMPLEMENTED =
            "BER: Dissector for OID not implemented. Contact Wireshark developers if you want this supported";

    private final MemorySegment s;
    private final Consumer<String> layers;
    private final SctList sct;
    private String subject;

    private X509(MemorySegment s, Consumer<String> layers, SctList sct) {
        this.s = s;
        this.layers = layers;
        this.sct = sct;
    }

    /**
     * dissect_x509af_Certificate over the {@code len} bytes at {@code off} of {@code s}, under
     * {@code item} (the certificate's own item, which the caller labels). {@code layers} gets the
     * filter name of each protocol the BER OID table calls.
     */
    public static Result certificate(MemorySegment s, long off, int len, Tree item, Consumer<String> layers, SctList sct) {
        X509 x = new X509(s, layers, sct);
        try {
            x.certificate(off, off + len, item);
            return new Result(x.subject, false);
        } catch (Der.Bad | IndexOutOfBoundsException e) {
            return new Result(x.subject, true);
        }
    }

    /**
     * A DistinguishedName of a TLS CertificateRequest (packet-tls-utils.c's certificate_authorities
     * list): the {@code len} bytes at {@code off} hold an RDNSequence, shown as one
     * "Distinguished Name: (dn)" item ({@code tls.handshake.dname}, over the sequence's contents)
     * with the RDN items under it. Returns false on bad bytes (the tree stops there).
     */
    public static boolean distinguishedName(MemorySegment s, long off, int len, Tree parent, Consumer<String> layers) {
        X509 x = new X509(s, layers, (a, b, c, d) -> { });
        try {
            Tlv h = x.expect(off, off + len, Der.UNIVERSAL, Der.SEQUENCE);
            Tree t = x.at(parent.none("tls.handshake.dname", "Distinguished Name:"), h.value(), h.length());
            x.rdnItems(h, t, "Distinguished Name:");
            return true;
        } catch (Der.Bad | IndexOutOfBoundsException e) {
            return false;
        }
    }

    /**
     * A label grown by {@code proto_item_append_text} as Wireshark keeps it: its first 239 bytes
     * of UTF-8 (ITEM_LABEL_LENGTH with its NUL), cut back to a character's start, unmarked.
     */
    public static String clip(String label) {
        byte[] b = label.getBytes(StandardCharsets.UTF_8);
        if (b.length < 240) {
            return label;
        }
        int end = 239;
        while (end > 0 && (b[end] & 0xc0) == 0x80) {
            end--;
        }
        return new String(b, 0, end, StandardCharsets.UTF_8);
    }

    private Tlv expect(long off, long end, int cls, int tag) {
        Tlv h = Der.read(s, off, end);
        if (!h.is(cls, tag)) {
            throw Der.BAD;
        }
        return h;
    }

    private Tree at(Tree t, long off, long len) {
        return t.at(s, off, (int) len);
    }

    /** Whether a certificate's outer TLV fits in {@code len} bytes at {@code off} (else Wireshark's bounds error comes before its item). */
    public static boolean fits(MemorySegment s, long off, int len) {
        try {
            Der.read(s, off, off + len);
            return true;
        } catch (Der.Bad | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static final String[] UNIVERSAL_TAGS = {"", "BOOLEAN", "INTEGER", "BIT STRING", "OCTET STRING", "NULL",
        "OBJECT IDENTIFIER", "ObjectDescriptor", "EXTERNAL", "REAL", "ENUMERATED", "EMBEDDED PDV", "UTF8String",
        "RELATIVE-OID", "", "", "SEQUENCE", "SET"};
    private static final String[] CLASSES = {"UNIVERSAL", "APPLICATION", "CONTEXT", "PRIVATE"};

    /**
     * A mandatory SEQUENCE component at {@code p}: the element when its tag is the one expected;
     * otherwise dissect_ber_sequence's "Wrong field in SEQUENCE" expert over it and null (the
     * element is skipped, the next component is tried on the next element).
     */
    private Tlv component(long p, long end, Tree seq, int cls, int tag) {
        Tlv h = Der.read(s, p, end);
        if (h.is(cls, tag)) {
            return h;
        }
        String expected = cls == Der.UNIVERSAL && tag < UNIVERSAL_TAGS.length ? "(" + UNIVERSAL_TAGS[tag] + ")" : "";
        String msg = "BER Error: Wrong field in SEQUENCE: expected class:" + CLASSES[cls] + "(" + cls + ") tag:" + tag + expected
                + " but found class:" + CLASSES[h.cls()] + "(" + h.cls() + ") tag:" + h.tag();
        // over the identifier octet (the expert's group adds the _ws.malformed item)
        at(seq.text(msg), h.start(), 1).expert("ber.error.sequence.field_wrong", Tree.Severity.WARNING, Tree.Group.MALFORMED, msg);
        return null;
    }

    /**
     * An item of a SEQUENCE OF / SET OF at {@code p}: the element when its tag is the one
     * expected (its length checked); otherwise dissect_ber_sq_of's "Wrong field in SEQUENCE OF"
     * expert over its identifier octet, and the element as read, which the caller skips (its tag says so).
     */
    Tlv ofItem(long p, long end, Tree t, int cls, int tag) {
        Tlv h = Der.header(s, p, end);
        if (h.is(cls, tag)) {
            return Der.read(s, p, end);
        }
        String expected = cls == Der.UNIVERSAL && tag < UNIVERSAL_TAGS.length ? "(" + UNIVERSAL_TAGS[tag] + ")" : "";
        String msg = "BER Error: Wrong field in SEQUENCE OF: expected class:" + CLASSES[cls] + "(" + cls + ") tag:" + tag + expected
                + " but found class:" + CLASSES[h.cls()] + "(" + h.cls() + ") tag:" + h.tag();
        at(t.text(msg), h.start(), 1).expert("ber.error.sequence.field_wrong", Tree.Severity.WARNING, Tree.Group.MALFORMED, msg);
        return h;
    }

    private void certificate(long off, long end, Tree item) {
        Tlv c = expect(off, end, Der.UNIVERSAL, Der.SEQUENCE);
        long p = c.value();
        Tlv tbs = component(p, c.end(), item, Der.UNIVERSAL, Der.SEQUENCE);
        if (tbs != null) {
            Tree sc = at(item.none("x509af.signedCertificate_element", sequenceLabel("signedCertificate", tbs)), tbs.start(), tbs.total());
            tbsCertificate(tbs, sc);
            p = tbs.end();
        } else {
            p = Der.read(s, p, c.end()).end();
        }
        Tlv alg = component(p, c.end(), item, Der.UNIVERSAL, Der.SEQUENCE);
        if (alg != null) {
            algorithm(alg, item, "x509af.algorithmIdentifier_element", "algorithmIdentifier");
            p = alg.end();
        } else {
            p = Der.read(s, p, c.end()).end();
        }
        Tlv sig = component(p, c.end(), item, Der.UNIVERSAL, Der.BIT_STRING);
        if (sig != null) {
            bitString(sig, item, "x509af.encrypted", "encrypted", true);
        }
    }

    private static String sequenceLabel(String name, Tlv h) {
        return h.length() == 0 ? name + " [0 length]" : name;
    }

    private static String items(int n) {
        return n + (n == 1 ? " item" : " items");
    }

    private void tbsCertificate(Tlv tbs, Tree sc) {
        long p = tbs.value();
        long e = tbs.end();
        Tlv h = Der.read(s, p, e);
        if (h.is(Der.CONTEXT, 0)) {
            Tlv v = expect(h.value(), h.end(), Der.UNIVERSAL, Der.INTEGER);
            long ver = Der.integer(s, v.value(), v.len());
            String name = ver >= 0 && ver <= 2 ? "v" + (ver + 1) : "Unknown";
            at(sc.field("x509af.version", "version: " + name + " (" + ver + ")", Long.toString(ver)), v.value(), v.length());
            h = Der.read(s, h.end(), e);
        }
        if (!h.is(Der.UNIVERSAL, Der.INTEGER)) {
            throw Der.BAD;
        }
        serial(h, sc, "x509af.serialNumber", "serialNumber");
        Tlv sig = expect(h.end(), e, Der.UNIVERSAL, Der.SEQUENCE);
        algorithm(sig, sc, "x509af.signature_element", "signature");
        Tlv issuer = Der.read(s, sig.end(), e);
        name(issuer, sc, "x509af.issuer", "issuer", "x509if.rdnSequence");
        Tlv validity = expect(issuer.end(), e, Der.UNIVERSAL, Der.SEQUENCE);
        Tree v = at(sc.none("x509af.validity_element", sequenceLabel("validity", validity)), validity.start(), validity.total());
        Tlv nb = Der.read(s, validity.value(), validity.end());
        time(nb, v, "x509af.notBefore", "notBefore");
        time(Der.read(s, nb.end(), validity.end()), v, "x509af.notAfter", "notAfter");
        Tlv subj = Der.read(s, validity.end(), e);
        subject = name(subj, sc, "x509af.subject", "subject", "x509af.rdnSequence");
        Tlv spki = expect(subj.end(), e, Der.UNIVERSAL, Der.SEQUENCE);
        subjectPublicKeyInfo(spki, sc);
        p = spki.end();
        while (p < e) {
            h = Der.read(s, p, e);
            switch (h.cls() == Der.CONTEXT ? h.tag() : -1) {
                case 1 -> bitString(implicit(h, Der.BIT_STRING), sc, "x509af.issuerUniqueIdentifier", "issuerUniqueIdentifier", true);
                case 2 -> bitString(implicit(h, Der.BIT_STRING), sc, "x509af.subjectUniqueIdentifier", "subjectUniqueIdentifier", true);
                case 3 -> extensions(expect(h.value(), h.end(), Der.UNIVERSAL, Der.SEQUENCE), sc);
                default -> throw Der.BAD;
            }
            p = h.end();
        }
    }

    /** An IMPLICIT tag's element seen as the universal type it replaces. */
    private static Tlv implicit(Tlv h, int tag) {
        return new Tlv(h.start(), Der.UNIVERSAL, h.constructed(), tag, h.value(), h.length());
    }

    /** CertificateSerialNumber (and other FT_BYTES INTEGERs): "name: 0x" and the bytes. */
    private void serial(Tlv h, Tree t, String key, String name) {
        if (h.length() == 0) {
            at(t.field(key, name + ": <MISSING>", ""), h.value(), 0);
            return;
        }
        at(t.bytes(key, name, s, h.value(), h.len()).relabel(name + ": 0x" + Der.hex(s, h.value(), h.len())), h.value(), h.length());
    }

    /** AlgorithmIdentifier: the item, its OID and the parameters the BER OID table decodes. */
    private void algorithm(Tlv a, Tree parent, String key, String label) {
        Tree t = at(parent.none(key, sequenceLabel(label, a)), a.start(), a.total());
        Tlv o = expect(a.value(), a.end(), Der.UNIVERSAL, Der.OID);
        String oid = Der.oid(s, o.value(), o.len());
        String name = Oids.resolved(oid);
        at(t.field("x509af.algorithm.id", "Algorithm Id: " + oid + " (" + name + ")", oid), o.value(), o.length());
        t.relabel(label + " (" + name + ")");
        if (o.end() < a.end()) {
            byOid(oid, o.end(), a.end(), t);
        }
    }

    /** Name ::= CHOICE { rdnSequence RDNSequence }: the choice's item over the SEQUENCE, then the sequence. */
    private String name(Tlv h, Tree parent, String key, String label, String seqKey) {
        if (!h.is(Der.UNIVERSAL, Der.SEQUENCE)) {
            throw Der.BAD;
        }
        Tree t = at(parent.field(key, label + ": rdnSequence (0)", "0"), h.start(), h.total());
        return rdnSequence(h, t, seqKey);
    }

    /** RDNSequence: its items, each RDN's "type=value" on its item, the whole DN (last RDN first) on the sequence's. */
    private String rdnSequence(Tlv h, Tree parent, String key) {
        int n = Der.count(s, h.value(), h.end());
        String label = "rdnSequence: " + items(n);
        Tree t = at(parent.field(key, label, Integer.toString(n)), h.value(), h.length());
        return rdnItems(h, t, label);
    }

    /** The RDN items of the RDNSequence {@code h} under {@code t}, whose label {@code label} gets " (dn)"; returns the DN. */
    private String rdnItems(Tlv h, Tree t, String label) {
        List<String> rdns = new ArrayList<>();
        long p = h.value();
        while (p < h.end()) {
            Tlv set = ofItem(p, h.end(), t, Der.UNIVERSAL, Der.SET);
            if (set.is(Der.UNIVERSAL, Der.SET)) {
                rdns.add(relativeDistinguishedName(set, t));
            }
            p = set.end();
        }
        StringBuilder dn = new StringBuilder();
        for (int i = rdns.size() - 1; i >= 0; i--) {
            dn.append(rdns.get(i));
            if (i > 0) {
                dn.append(',');
            }
        }
        if (!rdns.isEmpty()) {
            t.relabel(clip(label + " (" + dn + ")"));
        }
        return dn.toString();
    }

    private String relativeDistinguishedName(Tlv set, Tree parent) {
        int n = Der.count(s, set.value(), set.end());
        String label = "RDNSequence item: " + items(n);
        Tree r = at(parent.field("x509if.RDNSequence_item", label, Integer.toString(n)), set.value(), set.length());
        StringBuilder rdn = new StringBuilder();
        long p = set.value();
        while (p < set.end()) {
            Tlv ava = ofItem(p, set.end(), r, Der.UNIVERSAL, Der.SEQUENCE);
            if (ava.is(Der.UNIVERSAL, Der.SEQUENCE)) {
                if (!rdn.isEmpty()) {
                    rdn.append('+');
                }
                attribute(ava, r, rdn);
            }
            p = ava.end();
        }
        r.relabel(clip(label + " (" + rdn + ")"));
        return rdn.toString();
    }

    /** AttributeTypeAndDistinguishedValue: the type, the value by OID, and "type=value" on the item and the RDN. */
    private void attribute(Tlv ava, Tree parent, StringBuilder rdn) {
        String label = "RelativeDistinguishedName item";
        Tree a = at(parent.none("x509if.RelativeDistinguishedName_item_element", label), ava.start(), ava.total());
        Tlv o = expect(ava.value(), ava.end(), Der.UNIVERSAL, Der.OID);
        String oid = Der.oid(s, o.value(), o.len());
        String name = Oids.resolved(oid);
        at(a.field("x509if.oid", "Object Id: " + oid + " (" + name + ")", oid), o.value(), o.length());
        rdn.append(name).append('=');
        label += " (" + name + "="; // the bracket closes only after a string value
        a.relabel(clip(label));
        if (o.end() < ava.end()) {
            Tlv v = Der.read(s, o.end(), ava.end());
            byOid(oid, o.end(), ava.end(), a);
            if (stringTag(v)) {
                String text = Text.format(s, v.value(), v.len());
                rdn.append(text);
                label += text + ")";
            }
        }
        a.relabel(clip(label));
    }

    /** Whether dissect_ber_octet_string takes the element for a string (its value becomes the RDN's text). */
    private static boolean stringTag(Tlv v) {
        if (v.cls() == Der.APPLICATION || v.cls() == Der.PRIVATE) {
            return !v.constructed();
        }
        return v.cls() == Der.UNIVERSAL && !v.constructed()
                && (v.tag() >= 18 || v.tag() == Der.OCTET_STRING || v.tag() == Der.UTF8_STRING);
    }

    /** Time ::= CHOICE { utcTime UTCTime, generalTime GeneralizedTime }. */
    private void time(Tlv h, Tree parent, String key, String label) {
        if (h.is(Der.UNIVERSAL, Der.UTC_TIME)) {
            Tree t = at(parent.field(key, label + ": utcTime (0)", "0"), h.start(), h.total());
            String raw = Text.ascii(s, h.value(), h.len());
            String v = utcTime(raw);
            Tree u = at(t.field("x509af.utcTime", "utcTime: " + v, v), h.value(), h.length());
            if (!(raw.length() >= 10 && raw.substring(0, 10).chars().allMatch(Character::isDigit))) {
                String msg = "BER Error: malformed UTCTime encoding, first 10 octets have to contain YYMMDDhhmm in digits";
                at(u.text(msg), h.value(), h.length()).expert("ber.error.invalid_format.utctime", Tree.Severity.WARNING, Tree.Group.MALFORMED, msg);
            }
        } else if (h.is(Der.UNIVERSAL, Der.GENERALIZED_TIME)) {
            Tree t = at(parent.field(key, label + ": generalizedTime (1)", "1"), h.start(), h.total());
            String raw = Text.ascii(s, h.value(), h.len());
            long[] secs = generalizedTime(raw);
            if (secs == null) {
                at(t.string("x509af.generalizedTime", "generalizedTime", raw), h.value(), h.length());
            } else {
                String shown = dev.tcpscope.proto.Text.absTime(secs[0], (int) secs[1]);
                at(t.field("x509af.generalizedTime", "generalizedTime: " + shown, shown).time(secs[0], (int) secs[1]), h.value(), h.length());
            }
        } else {
            throw Der.BAD;
        }
    }

    /** dissect_ber_UTCTime's text with the century x509af puts in front (RFC 5280 §4.1.2.5.1: 1950 to 2049). */
    static String utcTime(String in) {
        if (in.length() < 11 || !in.substring(0, 10).chars().allMatch(Character::isDigit)) {
            return in;
        }
        String secs = Character.isDigit(in.charAt(10)) && in.length() >= 12 ? in.substring(10, 12) : "00";
        int z = secs.equals("00") && !Character.isDigit(in.charAt(10)) ? 10 : 12;
        String zone = z < in.length() && in.charAt(z) == 'Z' ? " (UTC)"
                : z + 5 <= in.length() ? " (UTC" + in.charAt(z) + in.substring(z + 1, z + 5) + ")" : "";
        return (in.charAt(0) < '5' ? "20" : "19") + in.substring(0, 2) + "-" + in.substring(2, 4) + "-" + in.substring(4, 6)
                + " " + in.substring(6, 8) + ":" + in.substring(8, 10) + ":" + secs + zone;
    }

    /** A GeneralizedTime "YYYYMMDDHHMMSS..." as epoch seconds and nanoseconds (taken as UTC, what follows the seconds unread), or null. */
    private static long[] generalizedTime(String in) {
        if (in.length() < 14 || !in.substring(0, 14).chars().allMatch(Character::isDigit)) {
            return null;
        }
        try {
            java.time.LocalDateTime t = java.time.LocalDateTime.of(Integer.parseInt(in.substring(0, 4)), Integer.parseInt(in.substring(4, 6)),
                    Integer.parseInt(in.substring(6, 8)), Integer.parseInt(in.substring(8, 10)), Integer.parseInt(in.substring(10, 12)),
                    Integer.parseInt(in.substring(12, 14)));
            return new long[] {t.toEpochSecond(java.time.ZoneOffset.UTC), 0};
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** SubjectPublicKeyInfo: the algorithm, the key's bits, and an RSA key's modulus and exponent (RFC 3279 §2.3.1). */
    private void subjectPublicKeyInfo(Tlv spki, Tree parent) {
        Tree t = at(parent.none("x509af.subjectPublicKeyInfo_element", sequenceLabel("subjectPublicKeyInfo", spki)), spki.start(), spki.total());
        Tlv alg = expect(spki.value(), spki.end(), Der.UNIVERSAL, Der.SEQUENCE);
        algorithm(alg, t, "x509af.algorithm_element", "algorithm");
        Tlv o = Der.read(s, alg.value(), alg.end());
        String oid = Der.oid(s, o.value(), o.len());
        Tlv key = expect(alg.end(), spki.end(), Der.UNIVERSAL, Der.BIT_STRING);
        boolean isRsa = oid.equals("1.2.840.113549.1.1.1");
        Tree k = bitString(key, t, "x509af.subjectPublicKey", "subjectPublicKey", !isRsa); // 4.0 shows no padding before an RSA key
        if (isRsa && key.length() > 1) {
            Tlv rsa = expect(key.value() + 1, key.end(), Der.UNIVERSAL, Der.SEQUENCE);
            Tlv mod = expect(rsa.value(), rsa.end(), Der.UNIVERSAL, Der.INTEGER);
            serial(mod, k, "pkcs1.modulus", "modulus");
            Tlv exp = expect(mod.end(), rsa.end(), Der.UNIVERSAL, Der.INTEGER);
            long e = Der.integer(s, exp.value(), exp.len());
            at(k.field("pkcs1.publicExponent", "publicExponent: " + e, Long.toString(e)), exp.value(), exp.length());
        }
    }

    /** A BIT STRING shown as bytes: the padding octet's item (when {@code padding}) and the bits after it. */
    private Tree bitString(Tlv h, Tree parent, String key, String name, boolean padding) {
        if (h.length() == 0) {
            throw Der.BAD;
        }
        if (padding) {
            int pad = Der.u8(s, h.value());
            at(parent.field("ber.bitstring.padding", "Padding: " + pad, Integer.toString(pad)), h.value(), 1);
        }
        int n = h.len() - 1;
        if (n == 0) {
            return at(parent.field(key, name + ": <MISSING>", ""), h.value() + 1, 0);
        }
        return at(parent.bytes(key, name, s, h.value() + 1, n), h.value() + 1, n);
    }

    /** Extensions: each extension's OID, criticality and value (the OCTET STRING's contents, by OID). */
    private void extensions(Tlv seq, Tree parent) {
        int n = Der.count(s, seq.value(), seq.end());
        Tree t = at(parent.field("x509af.extensions", "extensions: " + items(n), Integer.toString(n)), seq.value(), seq.length());
        long p = seq.value();
        while (p < seq.end()) {
            Tlv ext = ofItem(p, seq.end(), t, Der.UNIVERSAL, Der.SEQUENCE);
            p = ext.end();
            if (!ext.is(Der.UNIVERSAL, Der.SEQUENCE)) {
                continue;
            }
            Tree x = at(t.none("x509af.Extension_element", sequenceLabel("Extension", ext)), ext.start(), ext.total());
            Tlv o = expect(ext.value(), ext.end(), Der.UNIVERSAL, Der.OID);
            String oid = Der.oid(s, o.value(), o.len());
            String name = Oids.resolved(oid);
            at(x.field("x509af.extension.id", "Extension Id: " + oid + " (" + name + ")", oid), o.value(), o.length());
            x.relabel("Extension (" + name + ")");
            Tlv h = Der.read(s, o.end(), ext.end());
            if (h.is(Der.UNIVERSAL, Der.BOOLEAN)) {
                boolean critical = h.length() > 0 && Der.u8(s, h.value()) != 0;
                at(x.field("x509af.critical", "critical: " + (critical ? "True" : "False"), critical ? "1" : "0"), h.value(), h.length());
                h = Der.read(s, h.end(), ext.end());
            }
            if (!h.is(Der.UNIVERSAL, Der.OCTET_STRING)) {
                throw Der.BAD;
            }
            if (h.length() > 0) {
                byOid(oid, h.value(), h.end(), x);
            }
            p = ext.end();
        }
    }

    /**
     * call_ber_oid_callback over {@code [off, end)}: the dissector registered for {@code oid}, its
     * layer recorded; without one, a NULL shows nothing and anything else the expert item.
     */
    private void byOid(String oid, long off, long end, Tree t) {
        Oids.Handler h = Oids.handler(oid);
        if (h == null) {
            if (end - off >= 2 && Der.u8(s, off) == Der.NULL && Der.u8(s, off + 1) == 0) {
                return;
            }
            at(t.text(OID_NOT_IMPLEMENTED), off, end - off)
                    .expert("ber.error.oid_not_implemented", Tree.Severity.WARNING, Tree.Group.UNDECODED, OID_NOT_IMPLEMENTED);
            return;
        }
        layers.accept(h.protocol());
        Extensions ext = new Extensions(this);
        switch (h.syntax()) {
            case DIRECTORY_STRING -> directoryString(Der.read(s, off, end), t);
            case PRINTABLE_STRING -> string(Der.read(s, off, end), t, "x509sat.PrintableString", "PrintableString");
            case IA5_STRING -> string(Der.read(s, off, end), t, "x509sat.IA5String", "IA5String");
            case COUNTRY_NAME -> string(Der.read(s, off, end), t, "x509sat.CountryName", "CountryName");
            case KEY_PURPOSE_IDS -> ext.keyPurposes(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t);
            case GENERAL_NAMES -> ext.generalNames(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t, "x509ce.GeneralNames", "GeneralNames");
            case SUBJECT_KEY_ID -> ext.octets(expect(off, end, Der.UNIVERSAL, Der.OCTET_STRING), t, "x509ce.SubjectKeyIdentifier", "SubjectKeyIdentifier");
            case KEY_USAGE -> ext.keyUsage(expect(off, end, Der.UNIVERSAL, Der.BIT_STRING), t);
            case BASIC_CONSTRAINTS -> ext.basicConstraints(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t);
            case AUTHORITY_KEY_ID -> ext.authorityKeyIdentifier(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t);
            case CRL_DIST_POINTS -> ext.crlDistributionPoints(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t);
            case CERTIFICATE_POLICIES -> ext.certificatePolicies(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t);
            case AUTHORITY_INFO_ACCESS -> ext.authorityInfoAccess(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t);
            case USER_NOTICE -> ext.userNotice(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t);
            case CPS_URI -> string(Der.read(s, off, end), t, "pkix1explicit.DirectoryString", "DirectoryString");
            case EC_PARAMETERS -> ecParameters(Der.read(s, off, end), t);
            case NAME_CONSTRAINTS -> ext.nameConstraints(expect(off, end, Der.UNIVERSAL, Der.SEQUENCE), t);
            case SCT_LIST -> {
                Tlv o = expect(off, end, Der.UNIVERSAL, Der.OCTET_STRING);
                sct.dissect(s, o.value(), o.end(), t);
            }
        }
    }

    /** ECParameters ::= CHOICE { ecParameters (0), namedCurve OBJECT IDENTIFIER (1), implicitlyCA NULL (2) } (RFC 3279 §2.3.5). */
    private void ecParameters(Tlv v, Tree parent) {
        if (v.is(Der.UNIVERSAL, Der.OID)) {
            Tree t = at(parent.field("pkcs1.ECParameters", "ECParameters: namedCurve (1)", "1"), v.start(), v.total());
            String oid = Der.oid(s, v.value(), v.len());
            at(t.field("pkcs1.namedCurve", "namedCurve: " + oid + " (" + Oids.resolved(oid) + ")", oid), v.value(), v.length());
        } else if (v.is(Der.UNIVERSAL, Der.NULL)) {
            at(parent.field("pkcs1.ECParameters", "ECParameters: implicitlyCA (2)", "2"), v.start(), v.total());
        } else if (v.is(Der.UNIVERSAL, Der.SEQUENCE)) {
            at(parent.field("pkcs1.ECParameters", "ECParameters: ecParameters (0)", "0"), v.start(), v.total());
        } else {
            throw Der.BAD;
        }
    }

    /** DirectoryString ::= CHOICE { teletexString, printableString, universalString, bmpString, uTF8String } (untagged: over the TLV). */
    private void directoryString(Tlv v, Tree parent) {
        int choice;
        String alt;
        switch (v.cls() == Der.UNIVERSAL ? v.tag() : -1) {
            case Der.T61_STRING -> { choice = 0; alt = "teletexString"; }
            case Der.PRINTABLE_STRING -> { choice = 1; alt = "printableString"; }
            case Der.UNIVERSAL_STRING -> { choice = 2; alt = "universalString"; }
            case Der.BMP_STRING -> { choice = 3; alt = "bmpString"; }
            case Der.UTF8_STRING -> { choice = 4; alt = "uTF8String"; }
            default -> throw Der.BAD;
        }
        Tree t = at(parent.field("x509sat.DirectoryString", "DirectoryString: " + alt + " (" + choice + ")", Integer.toString(choice)),
                v.start(), v.total());
        string(v, t, "x509sat." + alt, alt);
    }

    /** A restricted character string's item over its contents, decoded by its type. */
    Tree string(Tlv v, Tree parent, String key, String name) {
        return at(parent.string(key, name, decode(v)), v.value(), v.length());
    }

    private String decode(Tlv v) {
        byte[] b = new byte[v.len()];
        MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, v.value(), b, 0, b.length);
        if (v.cls() == Der.UNIVERSAL && v.tag() == Der.UTF8_STRING) {
            return new String(b, StandardCharsets.UTF_8);
        }
        if (v.cls() == Der.UNIVERSAL && v.tag() == Der.BMP_STRING) {
            return new String(b, StandardCharsets.UTF_16BE);
        }
        return Text.ascii(s, v.value(), v.len());
    }

    MemorySegment bytes() {
        return s;
    }

    Tree place(Tree t, long off, long len) {
        return at(t, off, len);
    }

    Tlv need(long off, long end, int cls, int tag) {
        return expect(off, end, cls, tag);
    }

    String nameUnder(Tlv h, Tree parent, String key, String label, String seqKey) {
        return name(h, parent, key, label, seqKey);
    }

    void qualifier(String oid, long off, long end, Tree t) {
        byOid(oid, off, end, t);
    }

    static String count(int n) {
        return items(n);
    }

    static String seqLabel(String name, Tlv h) {
        return sequenceLabel(name, h);
    }

    void serialBytes(Tlv h, Tree t, String key, String name) {
        serial(h, t, key, name);
    }
}
