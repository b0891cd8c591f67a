package dev.tcpscope.proto.x509;

import dev.tcpscope.proto.Text;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.proto.x509.Der.Tlv;

import java.lang.foreign.MemorySegment;

/**
 * The certificate extensions (RFC 5280 §4.2) that x509ce, pkix1implicit and pkix1explicit
 * decode when the BER OID table hands them an extension's value: key purposes, general names,
 * key identifiers, key usage, basic constraints, CRL distribution points, certificate policies
 * with their qualifiers, and authority information access.
 */
final class Extensions {
    private final X509 x;
    private final MemorySegment s;

    Extensions(X509 x) {
        this.x = x;
        this.s = x.bytes();
    }

    private Tree at(Tree t, long off, long len) {
        return x.place(t, off, len);
    }

    private Tlv read(long off, long end) {
        return Der.read(s, off, end);
    }

    /** A SEQUENCE OF's item over its contents: "name: n items". */
    private Tree sequenceOf(Tlv h, Tree parent, String key, String name) {
        int n = Der.count(s, h.value(), h.end());
        return at(parent.field(key, name + ": " + X509.count(n), Integer.toString(n)), h.value(), h.length());
    }

    private Tree sequence(Tlv h, Tree parent, String key, String name) {
        return at(parent.none(key, X509.seqLabel(name, h)), h.start(), h.total());
    }

    private void oid(Tlv o, Tree parent, String key, String name) {
        if (!o.is(Der.UNIVERSAL, Der.OID)) {
            throw Der.BAD;
        }
        String oid = Der.oid(s, o.value(), o.len());
        at(parent.field(key, name + ": " + oid + " (" + Oids.resolved(oid) + ")", oid), o.value(), o.length());
    }

    void keyPurposes(Tlv h, Tree parent) {
        Tree t = sequenceOf(h, parent, "x509ce.KeyPurposeIDs", "KeyPurposeIDs");
        for (long p = h.value(); p < h.end(); ) {
            Tlv o = read(p, h.end());
            oid(o, t, "x509ce.KeyPurposeId", "KeyPurposeId");
            p = o.end();
        }
    }

    /** GeneralNames ::= SEQUENCE OF GeneralName. */
    void generalNames(Tlv h, Tree parent, String key, String name) {
        Tree t = sequenceOf(h, parent, key, name);
        for (long p = h.value(); p < h.end(); ) {
            Tlv g = read(p, h.end());
            generalName(g, t, "x509ce.GeneralName", "GeneralName", true);
            p = g.end();
        }
    }

    private static final String[] GENERAL_NAME = {"otherName", "rfc822Name", "dNSName", "x400Address", "directoryName",
        "ediPartyName", "uniformResourceIdentifier", "iPAddress", "registeredID"};

    /**
     * GeneralName (RFC 5280 §4.2.1.6), every alternative tagged: the choice's item over the
     * alternative's contents, "name: alternative (n)" ({@code named}) or "name: n".
     */
    void generalName(Tlv g, Tree parent, String key, String name, boolean named) {
        if (g.cls() != Der.CONTEXT || g.tag() >= GENERAL_NAME.length) {
            throw Der.BAD;
        }
        int tag = g.tag();
        String alt = GENERAL_NAME[tag];
        Tree t = at(parent.field(key, name + ": " + (named ? alt + " (" + tag + ")" : Integer.toString(tag)), Integer.toString(tag)),
                g.value(), g.length());
        switch (tag) {
            case 1, 2, 6 -> at(t.string("x509ce." + alt, alt, Text.ascii(s, g.value(), g.len())), g.value(), g.length());
            case 4 -> x.nameUnder(read(g.value(), g.end()), t, "x509ce.directoryName", "directoryName", "x509if.rdnSequence");
            case 7 -> iPAddress(g, t);
            case 8 -> {
                String oid = Der.oid(s, g.value(), g.len());
                at(t.field("x509ce.registeredID", "registeredID: " + oid + " (" + Oids.resolved(oid) + ")", oid), g.value(), g.length());
            }
            default -> { } // otherName, x400Address, ediPartyName: not decoded here
        }
    }

    private void iPAddress(Tlv g, Tree t) {
        if (g.length() == 4) {
            String a = Der.u8(s, g.value()) + "." + Der.u8(s, g.value() + 1) + "." + Der.u8(s, g.value() + 2) + "." + Der.u8(s, g.value() + 3);
            at(t.field("x509ce.IPAddress.ipv4", "iPAddress: " + a, a), g.value(), 4);
        } else if (g.length() == 16) {
            byte[] b = new byte[16];
            MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, g.value(), b, 0, 16);
            String a = ipv6(b);
            at(t.field("x509ce.IPAddress.ipv6", "iPAddress: " + a, a), g.value(), 16);
        } else {
            octets(g, t, "x509ce.iPAddress", "iPAddress");
        }
    }

    static String ipv6(byte[] b) {
        return dev.tcpscope.proto.Text.ipv6(b); // an IPv4-mapped one keeps its dotted tail, as inet_ntop writes it
    }

    /** NameConstraintsSyntax ::= SEQUENCE { permittedSubtrees [0] GeneralSubtrees OPTIONAL, excludedSubtrees [1] OPTIONAL } (RFC 5280 §4.2.1.10). */
    void nameConstraints(Tlv h, Tree parent) {
        Tree t = sequence(h, parent, "x509ce.NameConstraintsSyntax_element", "NameConstraintsSyntax");
        for (long p = h.value(); p < h.end(); ) {
            Tlv e = read(p, h.end());
            String which = e.is(Der.CONTEXT, 0) ? "permittedSubtrees" : e.is(Der.CONTEXT, 1) ? "excludedSubtrees" : null;
            if (which == null) {
                throw Der.BAD;
            }
            Tree st = sequenceOf(e, t, "x509ce." + which, which);
            for (long q = e.value(); q < e.end(); ) {
                Tlv gs = x.ofItem(q, e.end(), st, Der.UNIVERSAL, Der.SEQUENCE);
                q = gs.end();
                if (!gs.is(Der.UNIVERSAL, Der.SEQUENCE)) {
                    continue;
                }
                Tree g = sequence(gs, st, "x509ce.GeneralSubtree_element", "GeneralSubtree");
                Tlv base = read(gs.value(), gs.end());
                generalName(base, g, "x509ce.base", "base", true);
                for (long r = base.end(); r < gs.end(); ) {
                    Tlv m = read(r, gs.end());
                    long v = Der.integer(s, m.value(), m.len());
                    String name = m.is(Der.CONTEXT, 0) ? "minimum" : "maximum";
                    at(g.field("x509ce." + name, name + ": " + v, Long.toString(v)), m.value(), m.length());
                    r = m.end();
                }
                q = gs.end();
            }
            p = e.end();
        }
    }

    /** An OCTET STRING's bytes ("name: hex"). */
    void octets(Tlv h, Tree parent, String key, String name) {
        if (h.length() == 0) {
            at(parent.field(key, name + ": <MISSING>", ""), h.value(), 0);
        } else {
            at(parent.bytes(key, name, s, h.value(), h.len()), h.value(), h.length());
        }
    }

    private static final String[] KEY_USAGE = {"digitalSignature", "contentCommitment", "keyEncipherment", "dataEncipherment",
        "keyAgreement", "keyCertSign", "cRLSign", "encipherOnly", "decipherOnly"};

    /**
     * KeyUsage, a BIT STRING with named bits: the padding, the bytes, and each named bit read a
     * byte at a time as packet-ber.c does (bits past the data are 0, placed on its last byte).
     */
    void keyUsage(Tlv h, Tree parent) {
        if (h.length() == 0) {
            throw Der.BAD;
        }
        int pad = Der.u8(s, h.value());
        at(parent.field("ber.bitstring.padding", "Padding: " + pad, Integer.toString(pad)), h.value(), 1);
        int n = h.len() - 1;
        if (n == 0) {
            at(parent.field("x509ce.KeyUsage", "KeyUsage: <MISSING>", ""), h.value() + 1, 0);
            return;
        }
        Tree t = at(parent.bytes("x509ce.KeyUsage", "KeyUsage", s, h.value() + 1, n), h.value() + 1, n);
        for (int bit = 0; bit < KEY_USAGE.length; bit++) {
            int i = bit / 8;
            int value = i < n ? Der.u8(s, h.value() + 1 + i) : 0;
            int mask = 0x80 >> bit % 8;
            boolean set = (value & mask) != 0;
            at(t.field("x509ce.KeyUsage." + KEY_USAGE[bit], Text.bits(value, mask, 8) + " = " + KEY_USAGE[bit] + ": " + (set ? "True" : "False"),
                    set ? "1" : "0"), h.value() + 1 + Math.min(i, n - 1), 1);
        }
    }

    /** BasicConstraintsSyntax ::= SEQUENCE { cA BOOLEAN DEFAULT FALSE, pathLenConstraint INTEGER OPTIONAL }. */
    void basicConstraints(Tlv h, Tree parent) {
        Tree t = sequence(h, parent, "x509ce.BasicConstraintsSyntax_element", "BasicConstraintsSyntax");
        for (long p = h.value(); p < h.end(); ) {
            Tlv e = read(p, h.end());
            if (e.is(Der.UNIVERSAL, Der.BOOLEAN)) {
                boolean ca = e.length() > 0 && Der.u8(s, e.value()) != 0;
                at(t.field("x509ce.cA", "cA: " + (ca ? "True" : "False"), ca ? "1" : "0"), e.value(), e.length());
            } else if (e.is(Der.UNIVERSAL, Der.INTEGER)) {
                long v = Der.integer(s, e.value(), e.len());
                at(t.field("x509ce.pathLenConstraint", "pathLenConstraint: " + v, Long.toString(v)), e.value(), e.length());
            } else {
                throw Der.BAD;
            }
            p = e.end();
        }
    }

    /** AuthorityKeyIdentifier ::= SEQUENCE { keyIdentifier [0], authorityCertIssuer [1], authorityCertSerialNumber [2] } (implicit). */
    void authorityKeyIdentifier(Tlv h, Tree parent) {
        Tree t = sequence(h, parent, "x509ce.AuthorityKeyIdentifier_element", "AuthorityKeyIdentifier");
        for (long p = h.value(); p < h.end(); ) {
            Tlv e = read(p, h.end());
            switch (e.cls() == Der.CONTEXT ? e.tag() : -1) {
                case 0 -> octets(e, t, "x509ce.keyIdentifier", "keyIdentifier");
                case 1 -> generalNames(e, t, "x509ce.authorityCertIssuer", "authorityCertIssuer");
                case 2 -> x.serialBytes(e, t, "x509ce.authorityCertSerialNumber", "authorityCertSerialNumber");
                default -> throw Der.BAD;
            }
            p = e.end();
        }
    }

    /** CRLDistPointsSyntax ::= SEQUENCE OF DistributionPoint. */
    void crlDistributionPoints(Tlv h, Tree parent) {
        Tree t = sequenceOf(h, parent, "x509ce.CRLDistPointsSyntax", "CRLDistPointsSyntax");
        for (long p = h.value(); p < h.end(); ) {
            Tlv dp = x.ofItem(p, h.end(), t, Der.UNIVERSAL, Der.SEQUENCE);
            p = dp.end();
            if (!dp.is(Der.UNIVERSAL, Der.SEQUENCE)) {
                continue;
            }
            Tree d = sequence(dp, t, "x509ce.DistributionPoint_element", "DistributionPoint");
            for (long q = dp.value(); q < dp.end(); ) {
                Tlv e = read(q, dp.end());
                switch (e.cls() == Der.CONTEXT ? e.tag() : -1) {
                    case 0 -> distributionPointName(read(e.value(), e.end()), d);
                    case 1 -> octets(e, d, "x509ce.reasons", "reasons");
                    case 2 -> generalNames(e, d, "x509ce.cRLIssuer", "cRLIssuer");
                    default -> throw Der.BAD;
                }
                q = e.end();
            }
            p = dp.end();
        }
    }

    /** DistributionPointName ::= CHOICE { fullName [0] GeneralNames, nameRelativeToCRLIssuer [1] RelativeDistinguishedName }. */
    private void distributionPointName(Tlv c, Tree parent) {
        if (c.is(Der.CONTEXT, 0)) {
            Tree t = at(parent.field("x509ce.distributionPoint", "distributionPoint: fullName (0)", "0"), c.value(), c.length());
            generalNames(c, t, "x509ce.fullName", "fullName");
        } else if (c.is(Der.CONTEXT, 1)) {
            Tree t = at(parent.field("x509ce.distributionPoint", "distributionPoint: nameRelativeToCRLIssuer (1)", "1"), c.value(), c.length());
            sequenceOf(c, t, "x509ce.nameRelativeToCRLIssuer", "nameRelativeToCRLIssuer");
        } else {
            throw Der.BAD;
        }
    }

    /** CertificatePoliciesSyntax ::= SEQUENCE OF PolicyInformation { policyIdentifier, policyQualifiers OPTIONAL }. */
    void certificatePolicies(Tlv h, Tree parent) {
        Tree t = sequenceOf(h, parent, "x509ce.CertificatePoliciesSyntax", "CertificatePoliciesSyntax");
        for (long p = h.value(); p < h.end(); ) {
            Tlv pi = x.ofItem(p, h.end(), t, Der.UNIVERSAL, Der.SEQUENCE);
            p = pi.end();
            if (!pi.is(Der.UNIVERSAL, Der.SEQUENCE)) {
                continue;
            }
            Tree i = sequence(pi, t, "x509ce.PolicyInformation_element", "PolicyInformation");
            Tlv o = read(pi.value(), pi.end());
            oid(o, i, "x509ce.policyIdentifier", "policyIdentifier");
            if (o.end() < pi.end()) {
                Tlv qs = x.need(o.end(), pi.end(), Der.UNIVERSAL, Der.SEQUENCE);
                Tree q = sequenceOf(qs, i, "x509ce.policyQualifiers", "policyQualifiers");
                for (long r = qs.value(); r < qs.end(); ) {
                    Tlv qi = x.ofItem(r, qs.end(), q, Der.UNIVERSAL, Der.SEQUENCE);
                    r = qi.end();
                    if (!qi.is(Der.UNIVERSAL, Der.SEQUENCE)) {
                        continue;
                    }
                    Tree qt = sequence(qi, q, "x509ce.PolicyQualifierInfo_element", "PolicyQualifierInfo");
                    Tlv id = read(qi.value(), qi.end());
                    oid(id, qt, "x509ce.id", "Id");
                    if (id.end() < qi.end()) {
                        x.qualifier(Der.oid(s, id.value(), id.len()), id.end(), qi.end(), qt);
                    }
                    r = qi.end();
                }
            }
            p = pi.end();
        }
    }

    /** AuthorityInfoAccessSyntax ::= SEQUENCE OF AccessDescription { accessMethod, accessLocation GeneralName }. */
    void authorityInfoAccess(Tlv h, Tree parent) {
        Tree t = sequenceOf(h, parent, "pkix1implicit.AuthorityInfoAccessSyntax", "AuthorityInfoAccessSyntax");
        for (long p = h.value(); p < h.end(); ) {
            Tlv ad = x.ofItem(p, h.end(), t, Der.UNIVERSAL, Der.SEQUENCE);
            p = ad.end();
            if (!ad.is(Der.UNIVERSAL, Der.SEQUENCE)) {
                continue;
            }
            Tree a = sequence(ad, t, "pkix1implicit.AccessDescription_element", "AccessDescription");
            Tlv o = read(ad.value(), ad.end());
            oid(o, a, "pkix1implicit.accessMethod", "accessMethod");
            generalName(read(o.end(), ad.end()), a, "pkix1implicit.accessLocation", "accessLocation", false);
            p = ad.end();
        }
    }

    private static final String[] DISPLAY_TEXT = {"ia5String", "visibleString", "bmpString", "utf8String"};

    /** UserNotice ::= SEQUENCE { noticeRef NoticeReference OPTIONAL, explicitText DisplayText OPTIONAL } (RFC 5280 §4.2.1.4). */
    void userNotice(Tlv h, Tree parent) {
        Tree t = sequence(h, parent, "pkix1implicit.UserNotice_element", "UserNotice");
        for (long p = h.value(); p < h.end(); ) {
            Tlv e = read(p, h.end());
            if (e.is(Der.UNIVERSAL, Der.SEQUENCE)) {
                Tree r = sequence(e, t, "pkix1implicit.noticeRef_element", "noticeRef");
                Tlv org = read(e.value(), e.end());
                displayText(org, r, "pkix1implicit.organization", "organization");
                Tlv nums = x.need(org.end(), e.end(), Der.UNIVERSAL, Der.SEQUENCE);
                Tree ns = sequenceOf(nums, r, "pkix1implicit.noticeNumbers", "noticeNumbers");
                for (long q = nums.value(); q < nums.end(); ) {
                    Tlv n = x.ofItem(q, nums.end(), ns, Der.UNIVERSAL, Der.INTEGER);
                    q = n.end();
                    if (!n.is(Der.UNIVERSAL, Der.INTEGER)) {
                        continue;
                    }
                    long v = Der.integer(s, n.value(), n.len());
                    at(ns.field("pkix1implicit.noticeNumbers_item", "noticeNumbers item: " + v, Long.toString(v)), n.value(), n.length());
                    q = n.end();
                }
            } else {
                displayText(e, t, "pkix1implicit.explicitText", "explicitText");
            }
            p = e.end();
        }
    }

    /** DisplayText ::= CHOICE { ia5String, visibleString, bmpString, utf8String } (untagged: over the TLV). */
    private void displayText(Tlv v, Tree parent, String key, String name) {
        int choice = v.cls() != Der.UNIVERSAL ? -1 : switch (v.tag()) {
            case Der.IA5_STRING -> 0;
            case Der.VISIBLE_STRING -> 1;
            case Der.BMP_STRING -> 2;
            case Der.UTF8_STRING -> 3;
            default -> -1;
        };
        if (choice < 0) {
            throw Der.BAD;
        }
        Tree t = at(parent.field(key, name + ": " + DISPLAY_TEXT[choice] + " (" + choice + ")", Integer.toString(choice)), v.start(), v.total());
        x.string(v, t, "pkix1implicit." + DISPLAY_TEXT[choice], DISPLAY_TEXT[choice]);
    }
}
