package dev.tcpscope.proto.ldap;

import java.util.Map;

/** The value names packet-ldap.c 4.0 shows (asn1/ldap: its ENUMERATED and CHOICE values, the OIDs it names). */
final class LdapNames {
    private LdapNames() { }

    /** ProtocolOp's alternatives in order: the choice index → name (ldap_ProtocolOp_choice_vals) and tag. */
    static final String[] OP_NAMES = {"bindRequest", "bindResponse", "unbindRequest", "searchRequest", "searchResEntry",
        "searchResDone", "searchResRef", "modifyRequest", "modifyResponse", "addRequest", "addResponse", "delRequest",
        "delResponse", "modDNRequest", "modDNResponse", "compareRequest", "compareResponse", "abandonRequest",
        "extendedReq", "extendedResp", "intermediateResponse"};
    static final int[] OP_TAGS = {0, 1, 2, 3, 4, 5, 19, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 23, 24, 25};

    /** The index of the ProtocolOp alternative with APPLICATION tag {@code tag}, or -1. */
    static int opIndex(int tag) {
        for (int i = 0; i < OP_TAGS.length; i++) {
            if (OP_TAGS[i] == tag) {
                return i;
            }
        }
        return -1;
    }

    static final Map<Integer, String> RESULT = Map.ofEntries(
            Map.entry(0, "success"), Map.entry(1, "operationsError"), Map.entry(2, "protocolError"),
            Map.entry(3, "timeLimitExceeded"), Map.entry(4, "sizeLimitExceeded"), Map.entry(5, "compareFalse"),
            Map.entry(6, "compareTrue"), Map.entry(7, "authMethodNotSupported"), Map.entry(8, "strongAuthRequired"),
            Map.entry(10, "referral"), Map.entry(11, "adminLimitExceeded"), Map.entry(12, "unavailableCriticalExtension"),
            Map.entry(13, "confidentialityRequired"), Map.entry(14, "saslBindInProgress"), Map.entry(16, "noSuchAttribute"),
            Map.entry(17, "undefinedAttributeType"), Map.entry(18, "inappropriateMatching"), Map.entry(19, "constraintViolation"),
            Map.entry(20, "attributeOrValueExists"), Map.entry(21, "invalidAttributeSyntax"), Map.entry(32, "noSuchObject"),
            Map.entry(33, "aliasProblem"), Map.entry(34, "invalidDNSyntax"), Map.entry(36, "aliasDereferencingProblem"),
            Map.entry(48, "inappropriateAuthentication"), Map.entry(49, "invalidCredentials"),
            Map.entry(50, "insufficientAccessRights"), Map.entry(51, "busy"), Map.entry(52, "unavailable"),
            Map.entry(53, "unwillingToPerform"), Map.entry(54, "loopDetect"), Map.entry(64, "namingViolation"),
            Map.entry(65, "objectClassViolation"), Map.entry(66, "notAllowedOnNonLeaf"), Map.entry(67, "notAllowedOnRDN"),
            Map.entry(68, "entryAlreadyExists"), Map.entry(69, "objectClassModsProhibited"), Map.entry(71, "affectsMultipleDSAs"),
            Map.entry(80, "other"), Map.entry(118, "canceled"), Map.entry(119, "noSuchOperation"), Map.entry(120, "tooLate"),
            Map.entry(121, "cannotCancel"), Map.entry(122, "assertionFailed"), Map.entry(123, "authorizationDenied"),
            Map.entry(4096, "e-syncRefreshRequired"));

    static final Map<Integer, String> SCOPE = Map.of(0, "baseObject", 1, "singleLevel", 2, "wholeSubtree");
    static final Map<Integer, String> DEREF = Map.of(0, "neverDerefAliases", 1, "derefInSearching", 2, "derefFindingBaseObj",
            3, "derefAlways");
    static final Map<Integer, String> AUTH = Map.of(0, "simple", 1, "krbv42LDAP", 2, "krbv42DSA", 3, "sasl",
            10, "ntlmsspNegotiate", 11, "ntlmsspAuth");
    static final Map<Integer, String> OPERATION = Map.of(0, "add", 1, "delete", 2, "replace", 3, "increment");
    static final String[] FILTER = {"and", "or", "not", "equalityMatch", "substrings", "greaterOrEqual", "lessOrEqual",
        "present", "approxMatch", "extensibleMatch"};
    static final String[] SUBSTRING = {"initial", "any", "final"};

    /** OIDs with a BER dissector of their own (ldap.cnf #.REGISTER); their names win over the plain ones. */
    static final String PAGED = "1.2.840.113556.1.4.319", SORT = "1.2.840.113556.1.4.473";

    /** oid_resolved_from_string for the OIDs packet-ldap.c names (its handoff and #.REGISTER). */
    static final Map<String, String> OIDS = Map.ofEntries(
            Map.entry("1.2.840", "ISO assigned OIDs, USA"),
            Map.entry(PAGED, "pagedResultsControl"),
            Map.entry("1.2.840.113556.1.4.417", "LDAP_SERVER_SHOW_DELETED_OID"),
            Map.entry(SORT, "sortKeyList"),
            Map.entry("1.2.840.113556.1.4.474", "sortResult"),
            Map.entry("1.2.840.113556.1.4.521", "LDAP_SERVER_CROSSDOM_MOVE_TARGET_OID"),
            Map.entry("1.2.840.113556.1.4.528", "LDAP_SERVER_NOTIFICATION_OID"),
            Map.entry("1.2.840.113556.1.4.529", "LDAP_SERVER_EXTENDED_DN_OID"),
            Map.entry("1.2.840.113556.1.4.582", "meetingAdvertiseScope"),
            Map.entry("1.2.840.113556.1.4.619", "LDAP_SERVER_LAZY_COMMIT_OID"),
            Map.entry("1.2.840.113556.1.4.650", "mhsORAddress"),
            Map.entry("1.2.840.113556.1.4.654", "managedObjects"),
            Map.entry("1.2.840.113556.1.4.800", "LDAP_CAP_ACTIVE_DIRECTORY_OID"),
            Map.entry("1.2.840.113556.1.4.801", "LDAP_SERVER_SD_FLAGS_OID"),
            Map.entry("1.2.840.113556.1.4.802", "LDAP_SERVER_RANGE_OPTION_OID"),
            Map.entry("1.2.840.113556.1.4.805", "LDAP_SERVER_TREE_DELETE_OID"),
            Map.entry("1.2.840.113556.1.4.841", "dirsync"),
            Map.entry("1.2.840.113556.1.4.970", "LDAP_SERVER_GET_STATS_OID"),
            Map.entry("1.2.840.113556.1.4.1338", "LDAP_SERVER_VERIFY_NAME_OID"),
            Map.entry("1.2.840.113556.1.4.1339", "LDAP_SERVER_DOMAIN_SCOPE_OID"),
            Map.entry("1.2.840.113556.1.4.1340", "LDAP_SERVER_SEARCH_OPTIONS_OID"),
            Map.entry("1.2.840.113556.1.4.1341", "LDAP_SERVER_RODC_DCPROMO_OID"),
            Map.entry("1.2.840.113556.1.4.1413", "LDAP_SERVER_PERMISSIVE_MODIFY_OID"),
            Map.entry("1.2.840.113556.1.4.1504", "LDAP_SERVER_ASQ_OID"),
            Map.entry("1.2.840.113556.1.4.1670", "LDAP_CAP_ACTIVE_DIRECTORY_V51_OID"),
            Map.entry("1.2.840.113556.1.4.1711", "msDS-SDReferenceDomain"),
            Map.entry("1.2.840.113556.1.4.1717", "msDS-AdditionalDnsHostName"),
            Map.entry("1.2.840.113556.1.4.1781", "LDAP_SERVER_FAST_BIND_OID"),
            Map.entry("1.2.840.113556.1.4.1791", "LDAP_CAP_ACTIVE_DIRECTORY_LDAP_INTEG_OID"),
            Map.entry("1.2.840.113556.1.4.1840", "msDS-ObjectReference"),
            Map.entry("1.2.840.113556.1.4.1848", "msDS-QuotaEffective"),
            Map.entry("1.2.840.113556.1.4.1851", "LDAP_CAP_ACTIVE_DIRECTORY_ADAM_OID"),
            Map.entry("1.2.840.113556.1.4.1852", "LDAP_SERVER_QUOTA_CONTROL_OID"),
            Map.entry("1.2.840.113556.1.4.1860", "msDS-PortSSL"),
            Map.entry("1.2.840.113556.1.4.1907", "LDAP_SERVER_SHUTDOWN_NOTIFY_OID"),
            Map.entry("1.2.840.113556.1.4.1948", "LDAP_SERVER_RANGE_RETRIEVAL_NOERR_OID"),
            Map.entry("1.2.840.113556.1.4.1960", "msDS-isRODC"),
            Map.entry("1.2.840.113556.1.4.1974", "LDAP_SERVER_FORCE_UPDATE_OID"),
            Map.entry("1.2.840.113556.1.4.2026", "LDAP_SERVER_DN_INPUT_OID"),
            Map.entry("1.2.840.113556.1.4.2064", "LDAP_SERVER_SHOW_RECYCLED_OID"),
            Map.entry("1.2.840.113556.1.4.2065", "LDAP_SERVER_SHOW_DEACTIVATED_LINK_OID"),
            Map.entry("1.2.840.113556.1.4.2066", "LDAP_SERVER_POLICY_HINTS_DEPRECATED_OID"),
            Map.entry("1.2.840.113556.1.4.2090", "LDAP_SERVER_DIRSYNC_EX_OID"),
            Map.entry("1.2.840.113556.1.4.2204", "LDAP_SERVER_TREE_DELETE_EX_OID"),
            Map.entry("1.2.840.113556.1.4.2205", "LDAP_SERVER_UPDATE_STATS_OID"),
            Map.entry("1.2.840.113556.1.4.2206", "LDAP_SERVER_SEARCH_HINTS_OID"),
            Map.entry("1.2.840.113556.1.4.2211", "LDAP_SERVER_EXPECTED_ENTRY_COUNT_OID"),
            Map.entry("1.2.840.113556.1.4.2239", "LDAP_SERVER_POLICY_HINTS_OID"),
            Map.entry("1.2.840.113556.1.4.2255", "LDAP_SERVER_SET_OWNER_OID"),
            Map.entry("1.2.840.113556.1.4.2256", "LDAP_SERVER_BYPASS_QUOTA_OID"),
            Map.entry("1.2.840.113556.1.4.2309", "LDAP_SERVER_LINK_TTL_OID"),
            Map.entry("1.2.840.113556.1.4.2330", "LDAP_SERVER_SET_CORRELATION_ID_OID"),
            Map.entry("1.2.840.113556.1.4.2354", "LDAP_SERVER_THREAD_TRACE_OVERRIDE_OID"),
            Map.entry("1.3.6.1.4.1.4203.1.11.1", "passwdModifyOID"),
            Map.entry("1.3.6.1.1.8", "cancelRequestOID"),
            Map.entry("1.3.6.1.4.1.4203.1.9.1.1", "syncRequestOID"),
            Map.entry("1.3.6.1.4.1.4203.1.9.1.2", "syncStateOID"),
            Map.entry("1.3.6.1.4.1.4203.1.9.1.3", "syncDoneOID"),
            Map.entry("1.3.6.1.4.1.4203.1.9.1.4", "syncInfoOID"),
            Map.entry("1.3.6.1.4.1.42.2.27.8.5.1", "passwordPolicy"),
            Map.entry("1.3.6.1.4.1.1466.101.119.1", "DYNAMIC_REFRESH"),
            Map.entry("1.3.6.1.4.1.1466.20037", "LDAP_START_TLS_OID"),
            Map.entry("2.16.840.1.113730.3.2.2", "inetOrgPerson"),
            Map.entry("2.16.840.1", "US company arc"),
            Map.entry("2.16.840.1.113730.3.4.2", "Manage DSA IT LDAPv3 control"),
            Map.entry("2.16.840.1.113730.3.4.3", "Persistent Search LDAPv3 control"),
            Map.entry("2.16.840.1.113730.3.4.4", "Netscape Password Expired LDAPv3 control"),
            Map.entry("2.16.840.1.113730.3.4.5", "Netscape Password Expiring LDAPv3 control"),
            Map.entry("2.16.840.1.113730.3.4.6", "Netscape NT Synchronization Client LDAPv3 control"),
            Map.entry("2.16.840.1.113730.3.4.7", "Entry Change Notification LDAPv3 control"),
            Map.entry("2.16.840.1.113730.3.4.8", "Transaction ID Request Control"),
            Map.entry("2.16.840.1.113730.3.4.9", "VLV Request LDAPv3 control"),
            Map.entry("2.16.840.1.113730.3.4.10", "VLV Response LDAPv3 control"),
            Map.entry("2.16.840.1.113730.3.4.11", "Transaction ID Response Control"),
            Map.entry("2.16.840.1.113730.3.4.12", "Proxied Authorization (version 1) control"),
            Map.entry("2.16.840.1.113730.3.4.13", "iPlanet Directory Server Replication Update Information Control"),
            Map.entry("2.16.840.1.113730.3.4.14", "iPlanet Directory Server search on specific backend control"),
            Map.entry("2.16.840.1.113730.3.4.15", "Authentication Response Control"),
            Map.entry("2.16.840.1.113730.3.4.16", "Authentication Request Control"),
            Map.entry("2.16.840.1.113730.3.4.17", "Real Attributes Only Request Control"),
            Map.entry("2.16.840.1.113730.3.4.18", "Proxied Authorization (version 2) Control"),
            Map.entry("2.16.840.1.113730.3.4.19", "Chaining loop detection"),
            Map.entry("2.16.840.1.113730.3.4.999", "iPlanet Replication Modrdn Extra Mods Control"));

    /**
     * oid_resolved_from_string as 4.0 answers it: the name of a known OID, else the name of its
     * longest known prefix followed by the remaining arcs ("iso.3.6.1.4.1.4203.1.11.3"), else null.
     */
    static String resolve(String oid) {
        String known = OIDS.get(oid);
        if (known != null) {
            return known;
        }
        for (int i = oid.length(); i > 0; i = oid.lastIndexOf('.', i - 1)) {
            String p = oid.substring(0, i);
            String n = OIDS.get(p);
            if (n == null) {
                n = ARCS.get(p);
            }
            if (n != null) {
                return n + oid.substring(i);
            }
            if (i <= 0) {
                break;
            }
        }
        return null;
    }

    private static final Map<String, String> ARCS = Map.of("0", "itu-t", "1", "iso", "2", "joint-iso-itu-t");

    static String name(Map<Integer, String> vals, long v, String unknown) {
        String s = v >= Integer.MIN_VALUE && v <= Integer.MAX_VALUE ? vals.get((int) v) : null;
        return s != null ? s : unknown + "(" + v + ")";
    }
}
