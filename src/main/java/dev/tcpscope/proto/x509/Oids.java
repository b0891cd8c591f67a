package dev.tcpscope.proto.x509;

import java.util.HashMap;
import java.util.Map;

/**
 * The object identifiers a certificate's tree names, as Wireshark 4.0's OID registry knows them
 * (epan/oids.c, filled by the BER dissectors' registrations), and which of them a dissector
 * answers for in the BER OID table ({@code call_ber_oid_callback}): the value syntax and the
 * protocol that answers (its name goes into {@code frame.protocols}).
 *
 * <p>A name is looked up as {@code oid_resolved_from_string} does: the longest registered prefix
 * that has a name, followed by the remaining arcs ("iso.3.6.1.4.1.11129.2.5.1"); the roots
 * 0, 1 and 2 are "itu-t", "iso" and "joint-iso-itu-t".
 */
final class Oids {
    private Oids() { }

    /** The syntaxes the value dissectors registered by OID decode. */
    enum Syntax {
        DIRECTORY_STRING, PRINTABLE_STRING, IA5_STRING, COUNTRY_NAME,
        KEY_PURPOSE_IDS, GENERAL_NAMES, SUBJECT_KEY_ID, KEY_USAGE, BASIC_CONSTRAINTS, AUTHORITY_KEY_ID,
        CRL_DIST_POINTS, CERTIFICATE_POLICIES, AUTHORITY_INFO_ACCESS, USER_NOTICE, CPS_URI, SCT_LIST,
        EC_PARAMETERS, NAME_CONSTRAINTS
    }

    /** A value dissector of the BER OID table: what it decodes and its protocol's filter name. */
    record Handler(Syntax syntax, String protocol) { }

    private static final Map<String, String> NAMES = new HashMap<>();
    private static final Map<String, Handler> HANDLERS = new HashMap<>();

    private static void name(String oid, String name) {
        NAMES.put(oid, name);
    }

    private static void handle(String oid, String name, Syntax syntax, String protocol) {
        NAMES.put(oid, name);
        HANDLERS.put(oid, new Handler(syntax, protocol));
    }

    static {
        name("0", "itu-t");
        name("1", "iso");
        name("2", "joint-iso-itu-t");
        name("1.2.840", "ISO assigned OIDs, USA");
        name("2.16.840.1", "US company arc");
        // x509sat.cnf: attribute types (RFC 5280 §4.1.2.4, X.520)
        String[][] directory = {
            {"2.5.4.2", "id-at-knowledgeInformation"}, {"2.5.4.3", "id-at-commonName"}, {"2.5.4.4", "id-at-surname"},
            {"2.5.4.7", "id-at-localityName"}, {"2.5.4.7.1", "id-at-collectiveLocalityName"},
            {"2.5.4.8", "id-at-stateOrProvinceName"}, {"2.5.4.8.1", "id-at-collectiveStateOrProvinceName"},
            {"2.5.4.9", "id-at-streetAddress"}, {"2.5.4.9.1", "id-at-collectiveStreetAddress"},
            {"2.5.4.10", "id-at-organizationName"}, {"2.5.4.10.1", "id-at-collectiveOrganizationName"},
            {"2.5.4.11", "id-at-organizationalUnitName"}, {"2.5.4.11.1", "id-at-collectiveOrganizationalUnitName"},
            {"2.5.4.12", "id-at-title"}, {"2.5.4.13", "id-at-description"}, {"2.5.4.15", "id-at-businessCategory"},
            {"2.5.4.17", "id-at-postalCode"}, {"2.5.4.17.1", "id-at-collectivePostalCode"},
            {"2.5.4.18", "id-at-postOfficeBox"}, {"2.5.4.18.1", "id-at-collectivePostOfficeBox"},
            {"2.5.4.19", "id-at-physicalDeliveryOfficeName"}, {"2.5.4.19.1", "id-at-collectivePhysicalDeliveryOfficeName"},
            {"2.5.4.41", "id-at-name"}, {"2.5.4.42", "id-at-givenName"}, {"2.5.4.43", "id-at-initials"},
            {"2.5.4.44", "id-at-generationQualifier"}, {"2.5.4.51", "id-at-houseIdentifier"}, {"2.5.4.54", "id-at-dmdName"},
            {"2.5.4.65", "id-at-pseudonym"},
            {"1.2.840.113549.1.9.7", "pkcs-9-at-challengePassword"}, {"1.2.840.113549.1.9.8", "pkcs-9-at-unstructuredAddress"},
            {"1.2.840.113549.1.9.13", "pkcs-9-at-signingDescription"}, {"1.3.6.1.5.5.7.9.2", "pkcs-9-at-placeOfBirth"},
            {"2.16.840.1.113730.3.1.1", "carLicense"}, {"2.16.840.1.113730.3.1.2", "departmentNumber"},
            {"2.16.840.1.113730.3.1.3", "employeeNumber"}, {"2.16.840.1.113730.3.1.4", "employeeType"},
            {"1.3.6.1.4.1.311.60.2.1.1", "jurisdictionOfIncorporationLocalityName"},
            {"1.3.6.1.4.1.311.60.2.1.2", "jurisdictionOfIncorporationStateOrProvinceName"},
        };
        for (String[] d : directory) {
            handle(d[0], d[1], Syntax.DIRECTORY_STRING, "x509sat");
        }
        handle("2.5.4.5", "id-at-serialNumber", Syntax.PRINTABLE_STRING, "x509sat");
        handle("2.5.4.46", "id-at-dnQualifier", Syntax.PRINTABLE_STRING, "x509sat");
        handle("1.3.6.1.5.5.7.9.3", "pkcs-9-at-gender", Syntax.PRINTABLE_STRING, "x509sat");
        handle("1.3.6.1.5.5.7.9.4", "pkcs-9-at-countryOfCitizenship", Syntax.PRINTABLE_STRING, "x509sat");
        handle("1.3.6.1.5.5.7.9.5", "pkcs-9-at-countryOfResidence", Syntax.PRINTABLE_STRING, "x509sat");
        handle("2.5.4.6", "id-at-countryName", Syntax.COUNTRY_NAME, "x509sat");
        handle("1.3.6.1.4.1.311.60.2.1.3", "jurisdictionOfIncorporationCountryName", Syntax.COUNTRY_NAME, "x509sat");
        handle("1.2.840.113549.1.9.1", "pkcs-9-at-emailAddress", Syntax.IA5_STRING, "x509sat");
        handle("0.9.2342.19200300.100.1.25", "dc", Syntax.IA5_STRING, "x509sat");
        // x509ce.cnf: certificate extensions (RFC 5280 §4.2)
        handle("2.5.29.14", "id-ce-subjectKeyIdentifier", Syntax.SUBJECT_KEY_ID, "x509ce");
        handle("2.5.29.15", "id-ce-keyUsage", Syntax.KEY_USAGE, "x509ce");
        handle("2.5.29.17", "id-ce-subjectAltName", Syntax.GENERAL_NAMES, "x509ce");
        handle("2.5.29.18", "id-ce-issuerAltName", Syntax.GENERAL_NAMES, "x509ce");
        handle("2.5.29.19", "id-ce-basicConstraints", Syntax.BASIC_CONSTRAINTS, "x509ce");
        handle("2.5.29.31", "id-ce-cRLDistributionPoints", Syntax.CRL_DIST_POINTS, "x509ce");
        handle("2.5.29.46", "id-ce-freshestCRL", Syntax.CRL_DIST_POINTS, "x509ce");
        handle("2.5.29.32", "id-ce-certificatePolicies", Syntax.CERTIFICATE_POLICIES, "x509ce");
        handle("2.5.29.35", "id-ce-authorityKeyIdentifier", Syntax.AUTHORITY_KEY_ID, "x509ce");
        handle("2.5.29.37", "id-ce-extKeyUsage", Syntax.KEY_PURPOSE_IDS, "x509ce");
        name("2.5.29.9", "id-ce-subjectDirectoryAttributes");
        name("2.5.29.16", "id-ce-privateKeyUsagePeriod");
        name("2.5.29.20", "id-ce-cRLNumber");
        name("2.5.29.21", "id-ce-reasonCode");
        handle("2.5.29.30", "id-ce-nameConstraints", Syntax.NAME_CONSTRAINTS, "x509ce");
        name("2.5.29.33", "id-ce-policyMappings");
        name("2.5.29.36", "id-ce-policyConstraints");
        name("2.5.29.54", "id-ce-inhibitAnyPolicy");
        name("2.5.29.32.0", "anyPolicy");
        // pkix1implicit / pkix1explicit (RFC 5280 §4.2.2.1, §4.2.1.4)
        handle("1.3.6.1.5.5.7.1.1", "id-pe-authorityInfoAccess", Syntax.AUTHORITY_INFO_ACCESS, "pkix1implicit");
        handle("1.3.6.1.5.5.7.1.11", "id-pe-subjectInfoAccess", Syntax.AUTHORITY_INFO_ACCESS, "pkix1implicit");
        handle("1.3.6.1.5.5.7.2.2", "id-qt-unotice", Syntax.USER_NOTICE, "pkix1implicit");
        handle("1.3.6.1.5.5.7.2.1", "id-qt-cps", Syntax.CPS_URI, "pkix1explicit");
        name("1.3.6.1.5.5.7.48.1", "id-ad-ocsp");
        name("1.3.6.1.5.5.7.48.2", "id-ad-caIssuers");
        name("1.3.6.1.5.5.7.48.3", "id-ad-timeStamping");
        name("1.3.6.1.5.5.7.48.5", "id-ad-caRepository");
        String[] kp = {"serverAuth", "clientAuth", "codeSigning", "emailProtection", "ipsecEndSystem", "ipsecTunnel",
            "ipsecUser", "timeStamping", "OCSPSigning"};
        for (int i = 0; i < kp.length; i++) {
            name("1.3.6.1.5.5.7.3." + (i + 1), "id-kp-" + kp[i]);
        }
        // packet-tls-utils.c: the Certificate Transparency SCT list (RFC 6962 §3.3)
        handle("1.3.6.1.4.1.11129.2.4.2", "SignedCertificateTimestampList", Syntax.SCT_LIST, "tls");
        // pkcs1.cnf and the signature algorithms of RFC 3279, RFC 4055, RFC 5758
        String[][] algorithms = {
            {"1.2.840.113549.1.1.1", "rsaEncryption"}, {"1.2.840.113549.1.1.2", "md2WithRSAEncryption"},
            {"1.2.840.113549.1.1.3", "md4WithRSAEncryption"}, {"1.2.840.113549.1.1.4", "md5WithRSAEncryption"},
            {"1.2.840.113549.1.1.5", "sha1WithRSAEncryption"}, {"1.2.840.113549.1.1.7", "id-RSAES-OAEP"},
            {"1.2.840.113549.1.1.8", "id-mgf1"}, {"1.2.840.113549.1.1.9", "id-pSpecified"},
            {"1.2.840.113549.1.1.10", "id-RSASSA-PSS"}, {"1.2.840.113549.1.1.11", "sha256WithRSAEncryption"},
            {"1.2.840.113549.1.1.12", "sha384WithRSAEncryption"}, {"1.2.840.113549.1.1.13", "sha512WithRSAEncryption"},
            {"1.2.840.113549.1.1.14", "sha224WithRSAEncryption"},
            {"1.2.840.10045.4.1", "ecdsa-with-SHA1"},
            {"1.2.840.10045.4.3.1", "ecdsa-with-SHA224"}, {"1.2.840.10045.4.3.2", "ecdsa-with-SHA256"},
            {"1.2.840.10045.4.3.3", "ecdsa-with-SHA384"}, {"1.2.840.10045.4.3.4", "ecdsa-with-SHA512"},
            {"1.2.840.10045.3.1.7", "secp256r1"}, {"1.3.132.0.34", "secp384r1"}, {"1.3.132.0.35", "secp521r1"},
            {"1.2.840.10040.4.1", "id-dsa"}, {"1.2.840.10040.4.3", "id-dsa-with-sha1"},
        };
        handle("1.2.840.10045.2.1", "id-ecPublicKey", Syntax.EC_PARAMETERS, "pkcs-1");
        for (String[] a : algorithms) {
            name(a[0], a[1]);
        }
    }

    /** The value dissector registered for {@code oid}, or null (BER's "Dissector for OID not implemented"). */
    static Handler handler(String oid) {
        return HANDLERS.get(oid);
    }

    /** oid_resolved_from_string: the name, or the longest named prefix and the remaining arcs, or the OID itself. */
    static String resolved(String oid) {
        if (oid.isEmpty()) {
            return "*** Malformed OID ***"; // an encoding that ends inside an arc, or an arc past 32 bits
        }
        String n = NAMES.get(oid);
        if (n != null) {
            return n;
        }
        int cut = oid.length();
        while ((cut = oid.lastIndexOf('.', cut - 1)) > 0) {
            n = NAMES.get(oid.substring(0, cut));
            if (n != null) {
                return n + oid.substring(cut);
            }
        }
        return oid;
    }
}
