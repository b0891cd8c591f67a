package dev.tcpscope.proto.dns;

/**
 * The names packet-dns.c (Wireshark 4.0.17) gives DNS numbers: RR types (short and described),
 * classes, opcodes, response codes and EDNS(0) option codes, after the IANA DNS parameters
 * registry (RFC 1035, RFC 6895). A number with no name gives null; callers write Wireshark's
 * "Unknown (N)" then. Generated from the value tables; the names are the protocol's.
 */
final class DnsValues {
    private DnsValues() { }

    /** The type's short name, or {@code Unknown (N)} as val_to_str_ext writes it. */
    static String typeName(int t) {
        String s = type(t);
        return s != null ? s : "Unknown (" + t + ")";
    }

    static String type(int v) {
        return switch (v) {
            case 0 -> "Unused";
            case 1 -> "A";
            case 2 -> "NS";
            case 3 -> "MD";
            case 4 -> "MF";
            case 5 -> "CNAME";
            case 6 -> "SOA";
            case 7 -> "MB";
            case 8 -> "MG";
            case 9 -> "MR";
            case 10 -> "NULL";
            case 11 -> "WKS";
            case 12 -> "PTR";
            case 13 -> "HINFO";
            case 14 -> "MINFO";
            case 15 -> "MX";
            case 16 -> "TXT";
            case 17 -> "RP";
            case 18 -> "AFSDB";
            case 19 -> "X25";
            case 20 -> "ISDN";
            case 21 -> "RT";
            case 22 -> "NSAP";
            case 23 -> "NSAP-PTR";
            case 24 -> "SIG";
            case 25 -> "KEY";
            case 26 -> "PX";
            case 27 -> "GPOS";
            case 28 -> "AAAA";
            case 29 -> "LOC";
            case 30 -> "NXT";
            case 31 -> "EID";
            case 32 -> "NIMLOC";
            case 33 -> "SRV";
            case 34 -> "ATMA";
            case 35 -> "NAPTR";
            case 36 -> "KX";
            case 37 -> "CERT";
            case 38 -> "A6";
            case 39 -> "DNAME";
            case 40 -> "SINK";
            case 41 -> "OPT";
            case 42 -> "APL";
            case 43 -> "DS";
            case 44 -> "SSHFP";
            case 45 -> "IPSECKEY";
            case 46 -> "RRSIG";
            case 47 -> "NSEC";
            case 48 -> "DNSKEY";
            case 49 -> "DHCID";
            case 50 -> "NSEC3";
            case 51 -> "NSEC3PARAM";
            case 52 -> "TLSA";
            case 55 -> "HIP";
            case 57 -> "RKEY";
            case 58 -> "TALINK";
            case 59 -> "CDS";
            case 60 -> "CDNSKEY";
            case 61 -> "OPENPGPKEY";
            case 62 -> "CSYNC";
            case 63 -> "ZONEMD";
            case 64 -> "SVCB";
            case 65 -> "HTTPS";
            case 99 -> "SPF";
            case 100 -> "UINFO";
            case 101 -> "UID";
            case 102 -> "GID";
            case 103 -> "UNSPEC";
            case 104 -> "NID";
            case 105 -> "L32";
            case 106 -> "L64";
            case 107 -> "LP";
            case 108 -> "EUI48";
            case 109 -> "EUI64";
            case 249 -> "TKEY";
            case 250 -> "TSIG";
            case 251 -> "IXFR";
            case 252 -> "AXFR";
            case 253 -> "MAILA";
            case 254 -> "MAILB";
            case 255 -> "ANY";
            case 256 -> "URI";
            case 257 -> "CAA";
            case 32768 -> "TA";
            case 32769 -> "DLV";
            case 65281 -> "WINS";
            case 65282 -> "WINS-R";
            case 65422 -> "XPF";
            default -> null;
        };
    }

    static String typeDescription(int v) {
        return switch (v) {
            case 0 -> "Unused";
            case 1 -> "A (Host Address)";
            case 2 -> "NS (authoritative Name Server)";
            case 3 -> "MD (Mail Destination)";
            case 4 -> "MF (Mail Forwarder)";
            case 5 -> "CNAME (Canonical NAME for an alias)";
            case 6 -> "SOA (Start Of a zone of Authority)";
            case 7 -> "MB (MailBox domain name)";
            case 8 -> "MG (Mail Group member)";
            case 9 -> "MR (Mail Rename domain)";
            case 10 -> "NULL RR";
            case 11 -> "WKS (Well Known Service)";
            case 12 -> "PTR (domain name PoinTeR)";
            case 13 -> "HINFO (host information)";
            case 14 -> "MINFO (Mailbox or mail list information)";
            case 15 -> "MX (Mail eXchange)";
            case 16 -> "TXT (Text strings)";
            case 17 -> "RP (Responsible Person)";
            case 18 -> "AFSDB (AFS Data Base location)";
            case 19 -> "X25 (XX.25 PSDN address)";
            case 20 -> "ISDN (ISDN address)";
            case 21 -> "RT (Route Through)";
            case 22 -> "NSAP (NSAP address)";
            case 23 -> "NSAP-PTR (NSAP domain name pointer)";
            case 24 -> "SIG (security signature)";
            case 25 -> "KEY (security key)";
            case 26 -> "PX (X.400 mail mapping information)";
            case 27 -> "GPOS (Geographical Position)";
            case 28 -> "AAAA (IPv6 Address)";
            case 29 -> "LOC (Location Information)";
            case 30 -> "NXT (Next Domain)";
            case 31 -> "EID (Endpoint Identifier)";
            case 32 -> "NIMLOC (Nimrod Locator)";
            case 33 -> "SRV (Server Selection)";
            case 34 -> "ATMA (ATM Address)";
            case 35 -> "NAPTR (Naming Authority Pointer)";
            case 36 -> "KX (Key Exchanger)";
            case 37 -> "CERT";
            case 38 -> "A6 (OBSOLETE - use AAAA)";
            case 39 -> "DNAME";
            case 40 -> "SINK";
            case 41 -> "OPT";
            case 42 -> "APL";
            case 43 -> "DS (Delegation Signer)";
            case 44 -> "SSHFP (SSH Key Fingerprint)";
            case 45 -> "IPSECKEY";
            case 46 -> "RRSIG (Resource Record Signature)";
            case 47 -> "NSEC (Next Secure)";
            case 48 -> "DNSKEY (DNS Public Key)";
            case 49 -> "DHCID";
            case 50 -> "NSEC3";
            case 51 -> "NSEC3PARAM";
            case 52 -> "TLSA";
            case 55 -> "HIP (Host Identity Protocol)";
            case 57 -> "RKEY";
            case 58 -> "TALINK (Trust Anchor LINK)";
            case 59 -> "CDS (Child DS)";
            case 60 -> "CDNSKEY (DNSKEY(s) the Child wants reflected in DS)";
            case 61 -> "OPENPGPKEY (OpenPGP Key)";
            case 62 -> "CSYNC (Child-to-Parent Synchronization)";
            case 63 -> "ZONEMD";
            case 64 -> "SVCB (General Purpose Service Endpoints)";
            case 65 -> "HTTPS (HTTPS Specific Service Endpoints)";
            case 99 -> "SPF";
            case 100 -> "UINFO";
            case 101 -> "UID";
            case 102 -> "GID";
            case 103 -> "UNSPEC";
            case 104 -> "NID (NodeID)";
            case 105 -> "L32 (Locator32)";
            case 106 -> "L64 (Locator64)";
            case 107 -> "LP (Locator FQDN)";
            case 108 -> "EUI48";
            case 109 -> "EUI64";
            case 249 -> "TKEY (Transaction Key)";
            case 250 -> "TSIG (Transaction Signature)";
            case 251 -> "IXFR (incremental transfer)";
            case 252 -> "AXFR (transfer of an entire zone)";
            case 253 -> "MAILB (mailbox-related RRs)";
            case 254 -> "MAILA (mail agent RRs)";
            case 255 -> "* (A request for all records the server/cache has available)";
            case 256 -> "URI";
            case 257 -> "CAA (Certification Authority Restriction)";
            case 32768 -> "TA (DNSSEC Trust Authorities)";
            case 32769 -> "DLV (DNSSEC Lookaside Validation)";
            case 65281 -> "WINS";
            case 65282 -> "WINS-R";
            case 65422 -> "XPF";
            default -> null;
        };
    }

    static String dnsClass(int v) {
        return switch (v) {
            case 1 -> "IN";
            case 2 -> "CS";
            case 3 -> "CH";
            case 4 -> "HS";
            case 254 -> "NONE";
            case 255 -> "ANY";
            default -> null;
        };
    }

    static String opcode(int v) {
        return switch (v) {
            case 0 -> "Standard query";
            case 1 -> "Inverse query";
            case 2 -> "Server status request";
            case 4 -> "Zone change notification";
            case 5 -> "Dynamic update";
            case 6 -> "DNS Stateful operations (DSO)";
            default -> null;
        };
    }

    static String rcode(int v) {
        return switch (v) {
            case 0 -> "No error";
            case 1 -> "Format error";
            case 2 -> "Server failure";
            case 3 -> "No such name";
            case 4 -> "Not implemented";
            case 5 -> "Refused";
            case 6 -> "Name exists";
            case 7 -> "RRset exists";
            case 8 -> "RRset does not exist";
            case 9 -> "Not authoritative";
            case 10 -> "Name out of zone";
            case 11 -> "DSO-Type not implemented";
            case 16 -> "Bad OPT Version or TSIG Signature Failure";
            case 17 -> "Key not recognized";
            case 18 -> "Signature out of time window";
            case 19 -> "Bad TKEY Mode";
            case 20 -> "Duplicate key name";
            case 21 -> "Algorithm not supported";
            case 22 -> "Bad Truncation";
            case 23 -> "Bad/missing Server Cookie";
            default -> null;
        };
    }

    static String optCode(int v) {
        return switch (v) {
            case 0 -> "Reserved";
            case 1 -> "LLQ - Long-lived query";
            case 2 -> "UL - Update lease";
            case 3 -> "NSID - Name Server Identifier";
            case 4 -> "Owner (reserved)";
            case 5 -> "DAU - DNSSEC Algorithm Understood (RFC6975)";
            case 6 -> "DHU - DS Hash Understood (RFC6975)";
            case 7 -> "N3U - NSEC3 Hash Understood (RFC6975)";
            case 8 -> "CSUBNET - Client subnet";
            case 9 -> "EDNS EXPIRE (RFC7314)";
            case 10 -> "COOKIE";
            case 11 -> "EDNS TCP Keepalive";
            case 12 -> "PADDING";
            case 13 -> "CHAIN";
            case 15 -> "Extended DNS Error";
            default -> null;
        };
    }

}
