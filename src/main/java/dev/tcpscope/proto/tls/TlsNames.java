package dev.tcpscope.proto.tls;

import dev.tcpscope.field.NameTables;

/**
 * The names packet-tls-utils.c gives TLS numbers (cipher suites, extensions, groups, signature
 * schemes, alerts ...), loaded from the tables {@code scripts/gen-value-names.sh} writes from
 * tshark's own value strings ({@code tshark -G values}), so every name, GREASE included, is the
 * one tshark 4.0.17 prints.
 */
final class TlsNames {
    private TlsNames() { }

    static final TlsNames.Table CONTENT_TYPE = load("tls-content-type.tsv", 256);
    static final TlsNames.Table VERSION = load("tls-version.tsv", 0x10000);
    static final TlsNames.Table HANDSHAKE_TYPE = load("tls-handshake-type.tsv", 256);
    static final TlsNames.Table CIPHER_SUITE = load("tls-ciphersuite.tsv", 0x10000);
    /** SSLv2 cipher specs: 24-bit values, a few hundred of them, so kept by value rather than in a 16M-entry array. */
    static final TlsNames.Table CIPHER_SPEC = new Table(NameTables.loadSparse("tls-cipherspec.tsv"));
    static final TlsNames.Table EXTENSION = load("tls-extension.tsv", 0x10000);
    static final TlsNames.Table GROUP = load("tls-group.tsv", 0x10000);
    static final TlsNames.Table SIG_ALG = load("tls-sigalg.tsv", 0x10000);
    static final TlsNames.Table SIG_HASH = load("tls-sig-hash.tsv", 256);
    static final TlsNames.Table SIG_SIG = load("tls-sig-sig.tsv", 256);
    static final TlsNames.Table ALERT_LEVEL = load("tls-alert-level.tsv", 256);
    static final TlsNames.Table ALERT = load("tls-alert.tsv", 256);
    static final TlsNames.Table COMP_METHOD = load("tls-comp-method.tsv", 256);
    static final TlsNames.Table EC_POINT_FORMAT = load("tls-ec-point-format.tsv", 256);
    static final TlsNames.Table PSK_KE_MODE = load("tls-psk-ke-mode.tsv", 256);
    static final TlsNames.Table HEARTBEAT_MODE = load("tls-heartbeat-mode.tsv", 256);
    static final TlsNames.Table STATUS_REQUEST_TYPE = load("tls-status-request-type.tsv", 256);
    static final TlsNames.Table CURVE_TYPE = load("tls-curve-type.tsv", 256);
    static final TlsNames.Table CERT_TYPE = load("tls-cert-type.tsv", 256);
    static final TlsNames.Table COMPRESS_CERT = load("tls-compress-cert.tsv", 0x10000);

    /** ssl_version_short_names: the Protocol column and record labels ({@code TLSv1.2}). */
    static String shortVersion(int v, String otherwise) {
        return switch (v) {
            case 0x0002 -> "SSLv2";
            case 0x0300 -> "SSLv3";
            case 0x0301 -> "TLSv1";
            case 0x0101 -> "GMTLSv1";
            case 0x0302 -> "TLSv1.1";
            case 0x0303 -> "TLSv1.2";
            case 0x0304 -> "TLSv1.3";
            case 0xfeff -> "DTLSv1.0";
            case 0xfefd -> "DTLSv1.2";
            case 0x0100 -> "DTLS 1.0 (OpenSSL pre 0.9.8f)";
            default -> otherwise;
        };
    }

    /** One value-name table: {@code name(v)} or null. */
    static final class Table {
        private final String[] names;

        private final java.util.Map<Integer, String> sparse;

        Table(String[] names) {
            this.names = names;
            this.sparse = null;
        }

        Table(java.util.Map<Integer, String> sparse) {
            this.names = new String[0];
            this.sparse = sparse;
        }

        String name(int v) {
            if (sparse != null) {
                return sparse.get(v);
            }
            return v >= 0 && v < names.length ? names[v] : null;
        }

        String name(int v, String otherwise) {
            String n = name(v);
            return n == null ? otherwise : n;
        }
    }

    private static Table load(String resource, int size) {
        return new Table(NameTables.load(resource, size));
    }

    /** ct_logids (packet-tls-utils.c): the Certificate Transparency logs by their ID, as far as captures/ has met them. */
    private static final java.util.Map<String, String> CT_LOGS = java.util.Map.of(
            "5614069a2fd7c2ecd3f5e1bd44b23ec74676b9bc99115cc0ef949855d689d0dd", "DigiCert Log Server",
            "e83ed0da3ef5063532e75728bc896bc903d3cbd1116beceb69e1777d6d06bd6e", "Google 'Argon2023' log",
            "bbd9dfbc1f8a71b593942397aa927b473857950aab52e81a909664368e1ed185", "Google 'Skydiver' log",
            "6f5376ac31f03119d89900a45115ff77151c11d902c10029068db2089a37d913", "Sectigo 'Mammoth' CT log",
            "5581d4c2169036014aea0b9b573c53f0c0e43878702508172fa3aa1d0713d30c", "Sectigo 'Sabre' CT log");

    /** The name of the log whose 32-byte ID is at {@code off}, "Unknown Log" otherwise. */
    static String ctLog(java.lang.foreign.MemorySegment s, long off) {
        return CT_LOGS.getOrDefault(TlsTree.hex(s, off, 32), "Unknown Log");
    }
}
