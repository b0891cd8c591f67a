package dev.tcpscope.proto.tls;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Extractor;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.field.Values;
import dev.tcpscope.proto.Tree;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.tcp.Desegmenter;
import dev.tcpscope.tcp.PduDissector;

import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * packet-tls.c's fields with Wireshark's names and types, so that filters
 * ({@code tls.handshake.type == 1}, {@code tls.handshake.extensions_server_name contains "x"})
 * and {@code -T fields -e} work. The values are the tree's: a frame's TLS tree is built once,
 * into a flat list of (field, value) pairs, when a field of that frame is first asked for, so
 * the tree and the fields cannot disagree.
 */
public final class TlsFields {
    private TlsFields() { }

    public static List<Field> all() {
        List<Field> all = new java.util.ArrayList<>(tls());
        // the X.509 trees of the certificates are items of the TLS tree (proto/x509)
        for (String[] r : dev.tcpscope.proto.x509.X509Fields.ROWS) {
            FieldType t = FieldType.valueOf(r[2]);
            int bits = Integer.parseInt(r[3]);
            all.add(bits > 0 ? Field.integer(r[0], r[1], t, bits, Base.DEC, values(r[0])) : Field.of(r[0], r[1], t, values(r[0])));
        }
        return all;
    }

    private static List<Field> tls() {
        return List.of(
                // -e tls: the protocol's filter name per TLS item (proto_tree_add_item keeps no label of its own)
                Field.of("tls", "Transport Layer Security", FieldType.PROTOCOL, (d, v) -> {
                    for (int i = collected(d).calls; i > 0; i--) {
                        v.addString("tls");
                    }
                }),
                none("tls.record", "Record Layer"),
                uint("tls.record.content_type", "Content Type", 8, Base.DEC),
                uint("tls.record.opaque_type", "Opaque Type", 8, Base.DEC),
                uint("tls.record.version", "Version", 16, Base.HEX),
                uint("tls.record.length", "Length", 16, Base.DEC),
                none("tls.change_cipher_spec", "Change Cipher Spec Message"),
                none("tls.alert_message", "Alert Message"),
                uint("tls.alert_message.level", "Level", 8, Base.DEC),
                uint("tls.alert_message.desc", "Description", 8, Base.DEC),
                bytes("tls.app_data", "Encrypted Application Data"),
                str("tls.app_data_proto", "Application Data Protocol"),
                none("tls.handshake", "Handshake Protocol"),
                uint("tls.handshake.type", "Handshake Type", 8, Base.DEC),
                uint("tls.handshake.length", "Length", 24, Base.DEC),
                uint("tls.handshake.version", "Version", 16, Base.HEX),
                bytes("tls.handshake.random", "Random"),
                Field.of("tls.handshake.random_time", "GMT Unix Time", FieldType.STRING, values("tls.handshake.random_time")),
                bytes("tls.handshake.random_bytes", "Random Bytes"),
                uint("tls.handshake.session_id_length", "Session ID Length", 8, Base.DEC),
                bytes("tls.handshake.session_id", "Session ID"),
                uint("tls.handshake.cipher_suites_length", "Cipher Suites Length", 16, Base.DEC),
                none("tls.handshake.ciphersuites", "Cipher Suites"),
                uint("tls.handshake.ciphersuite", "Cipher Suite", 16, Base.HEX),
                uint("tls.handshake.comp_methods_length", "Compression Methods Length", 8, Base.DEC),
                none("tls.handshake.comp_methods", "Compression Methods"),
                uint("tls.handshake.comp_method", "Compression Method", 8, Base.DEC),
                uint("tls.handshake.extensions_length", "Extensions Length", 16, Base.DEC),
                uint("tls.handshake.extension.type", "Type", 16, Base.DEC),
                uint("tls.handshake.extension.len", "Length", 16, Base.DEC),
                bytes("tls.handshake.extension.data", "Data"),
                uint("tls.handshake.extensions_server_name_list_len", "Server Name list length", 16, Base.DEC),
                uint("tls.handshake.extensions_server_name_type", "Server Name Type", 8, Base.DEC),
                uint("tls.handshake.extensions_server_name_len", "Server Name length", 16, Base.DEC),
                str("tls.handshake.extensions_server_name", "Server Name"),
                uint("tls.handshake.extensions_supported_groups_length", "Supported Groups List Length", 16, Base.DEC),
                none("tls.handshake.extensions_supported_groups", "Supported Groups List"),
                uint("tls.handshake.extensions_supported_group", "Supported Group", 16, Base.HEX),
                uint("tls.handshake.extensions_ec_point_formats_length", "EC point formats Length", 8, Base.DEC),
                none("tls.handshake.extensions_ec_point_formats", "Elliptic curves point formats"),
                uint("tls.handshake.extensions_ec_point_format", "EC point format", 8, Base.DEC),
                uint("tls.handshake.sig_hash_alg_len", "Signature Hash Algorithms Length", 16, Base.DEC),
                none("tls.handshake.sig_hash_algs", "Signature Algorithms"),
                uint("tls.handshake.sig_hash_alg", "Signature Algorithm", 16, Base.HEX),
                uint("tls.handshake.sig_hash_hash", "Signature Hash Algorithm Hash", 8, Base.DEC),
                uint("tls.handshake.sig_hash_sig", "Signature Hash Algorithm Signature", 8, Base.DEC),
                uint("tls.handshake.extensions_alpn_len", "ALPN Extension Length", 16, Base.DEC),
                none("tls.handshake.extensions_alpn_list", "ALPN Protocol"),
                uint("tls.handshake.extensions_alpn_str_len", "ALPN string length", 8, Base.DEC),
                str("tls.handshake.extensions_alpn_str", "ALPN Next Protocol"),
                uint("tls.handshake.extensions.psk.identities.length", "Identities Length", 16, Base.DEC),
                uint("tls.handshake.extensions.psk.identity.identity_length", "Identity Length", 16, Base.DEC),
                bytes("tls.handshake.extensions.psk.identity.identity", "Identity"),
                uint("tls.handshake.extensions.psk.identity.obfuscated_ticket_age", "Obfuscated Ticket Age", 32, Base.DEC),
                uint("tls.handshake.extensions.psk.binders_len", "PSK Binders length", 16, Base.DEC),
                none("tls.handshake.extensions.psk.binders", "PSK Binders"),
                uint("tls.handshake.extensions.psk.identity.selected", "Selected Identity", 16, Base.DEC),
                uint("tls.handshake.max_early_data_size", "Maximum Early Data Size", 32, Base.DEC),
                uint("tls.quic.parameter.type", "Type", 64, Base.DEC),
                uint("tls.quic.parameter.length", "Length", 64, Base.DEC),
                bytes("tls.quic.parameter.value", "Value"),
                bytes("tls.quic.parameter.original_destination_connection_id", "original_destination_connection_id"),
                uint("tls.quic.parameter.max_idle_timeout", "max_idle_timeout", 64, Base.DEC),
                bytes("tls.quic.parameter.stateless_reset_token", "stateless_reset_token"),
                uint("tls.quic.parameter.max_udp_payload_size", "max_udp_payload_size", 64, Base.DEC),
                uint("tls.quic.parameter.initial_max_data", "initial_max_data", 64, Base.DEC),
                uint("tls.quic.parameter.initial_max_stream_data_bidi_local", "initial_max_stream_data_bidi_local", 64, Base.DEC),
                uint("tls.quic.parameter.initial_max_stream_data_bidi_remote", "initial_max_stream_data_bidi_remote", 64, Base.DEC),
                uint("tls.quic.parameter.initial_max_stream_data_uni", "initial_max_stream_data_uni", 64, Base.DEC),
                uint("tls.quic.parameter.initial_max_streams_bidi", "initial_max_streams_bidi", 64, Base.DEC),
                uint("tls.quic.parameter.initial_max_streams_uni", "initial_max_streams_uni", 64, Base.DEC),
                uint("tls.quic.parameter.ack_delay_exponent", "ack_delay_exponent", 64, Base.DEC),
                uint("tls.quic.parameter.max_ack_delay", "max_ack_delay", 64, Base.DEC),
                uint("tls.quic.parameter.active_connection_id_limit", "Active Connection ID Limit", 64, Base.DEC),
                bytes("tls.quic.parameter.initial_source_connection_id", "Initial Source Connection ID"),
                bytes("tls.quic.parameter.retry_source_connection_id", "Retry Source Connection ID"),
                uint("tls.quic.parameter.max_datagram_frame_size", "max_datagram_frame_size", 64, Base.DEC),
                str("tls.quic.parameter.google.user_agent", "Google UserAgent"),
                uint("tls.quic.parameter.google.quic_version", "Google QUIC version", 32, Base.HEX),
                uint("tls.quic.parameter.google.initial_rtt", "Google Initial RTT", 64, Base.DEC),
                bytes("tls.quic.parameter.google.connection_options", "Google Connection options"),
                uint("tls.quic.parameter.vi.chosen_version", "Chosen Version", 32, Base.HEX),
                uint("tls.quic.parameter.vi.other_version", "Other Version", 32, Base.HEX),
                uint("tls.handshake.extensions.supported_versions_len", "Supported Versions length", 8, Base.DEC),
                uint("tls.handshake.extensions.supported_version", "Supported Version", 16, Base.HEX),
                uint("tls.handshake.extensions_key_share_client_length", "Client Key Share Length", 16, Base.DEC),
                uint("tls.handshake.extensions_key_share_group", "Group", 16, Base.DEC),
                uint("tls.handshake.extensions_key_share_selected_group", "Selected Group", 16, Base.DEC),
                uint("tls.handshake.extensions_key_share_key_exchange_length", "Key Exchange Length", 16, Base.DEC),
                bytes("tls.handshake.extensions_key_share_key_exchange", "Key Exchange"),
                uint("tls.extension.psk_ke_modes_length", "PSK Key Exchange Modes Length", 8, Base.DEC),
                uint("tls.extension.psk_ke_mode", "PSK Key Exchange Mode", 8, Base.DEC),
                uint("tls.handshake.extensions_reneg_info_len", "Renegotiation info extension length", 8, Base.DEC),
                bytes("tls.handshake.extensions_padding_data", "Padding Data"),
                uint("tls.handshake.extensions_status_request_type", "Certificate Status Type", 8, Base.DEC),
                uint("tls.handshake.extension.heartbeat.mode", "Mode", 8, Base.DEC),
                uint("tls.record_size_limit", "Record Size Limit", 16, Base.DEC),
                str("tls.handshake.ja3_full", "JA3 Fullstring"),
                str("tls.handshake.ja3", "JA3"),
                str("tls.handshake.ja3s_full", "JA3S Fullstring"),
                str("tls.handshake.ja3s", "JA3S"),
                uint("tls.handshake.session_ticket_lifetime_hint", "Session Ticket Lifetime Hint", 32, Base.DEC),
                uint("tls.handshake.session_ticket_length", "Session Ticket Length", 16, Base.DEC),
                bytes("tls.handshake.session_ticket", "Session Ticket"),
                uint("tls.handshake.certificates_length", "Certificates Length", 24, Base.DEC),
                none("tls.handshake.certificates", "Certificates"),
                uint("tls.handshake.certificate_length", "Certificate Length", 24, Base.DEC),
                bytes("tls.handshake.certificate", "Certificate"),
                uint("tls.handshake.server_curve_type", "Curve Type", 8, Base.HEX),
                uint("tls.handshake.server_named_curve", "Named Curve", 16, Base.HEX),
                uint("tls.handshake.server_point_len", "Pubkey Length", 8, Base.DEC),
                bytes("tls.handshake.server_point", "Pubkey"),
                uint("tls.handshake.client_point_len", "Pubkey Length", 8, Base.DEC),
                bytes("tls.handshake.client_point", "Pubkey"),
                uint("tls.handshake.sig_len", "Signature Length", 16, Base.DEC),
                bytes("tls.handshake.sig", "Signature"),
                bytes("tls.handshake.verify_data", "Verify Data"),
                uint("tls.handshake.epms_len", "Encrypted PreMaster length", 16, Base.DEC),
                bytes("tls.handshake.epms", "Encrypted PreMaster"),
                uint("tls.heartbeat_message.type", "Type", 8, Base.DEC),
                uint("tls.heartbeat_message.payload_length", "Payload Length", 16, Base.DEC));
    }

    private static Field uint(String name, String title, int bits, Base base) {
        return Field.integer(name, title, FieldType.UINT, bits, base, values(name));
    }

    private static Field str(String name, String title) {
        return Field.of(name, title, FieldType.STRING, values(name));
    }

    private static Field bytes(String name, String title) {
        return Field.of(name, title, FieldType.BYTES, values(name));
    }

    private static Field none(String name, String title) {
        return Field.of(name, title, FieldType.NONE, values(name));
    }

    /** The occurrences of {@code name} in the frame's TLS tree, in order. */
    private static Extractor values(String name) {
        return (d, out) -> {
            Collected c = collected(d);
            for (int i = 0; i < c.size; i++) {
                if (c.keys[i].equals(name)) {
                    Object v = c.values[i];
                    if (v instanceof Long l) {
                        out.addLong(l);
                    } else if (v instanceof byte[] b) {
                        out.addBytes(MemorySegment.ofArray(b), 0, b.length);
                    } else if (v == null) {
                        out.addPresent();
                    } else {
                        out.addString((String) v);
                    }
                }
            }
        };
    }

    /** The TLS dissector of the decoder's table, or null. */
    private static Tls tls(Decoder d) {
        Desegmenter g = d.desegmenter();
        if (g == null || d.frame() == null) {
            return null;
        }
        for (PduDissector h : g.table().heuristics()) {
            if (h instanceof Tls t) {
                return t;
            }
        }
        return null;
    }

    private static Collected collected(Decoder d) {
        Tls t = tls(d);
        Collected c = t == null ? Collected.EMPTY : t.collected(d.frame().number());
        if (c.size == 0 && c.calls == 0 && d.desegmenter() != null
                && d.desegmenter().table() instanceof dev.tcpscope.proto.DissectorTable table) {
            // TLS handshake messages another protocol carries (QUIC's CRYPTO frames): its tree's TLS items
            for (dev.tcpscope.proto.LayerTree lt : table.trees()) {
                if (lt instanceof TlsQuic.Carrier carrier && lt.shows(d.frame().number())) {
                    return carrier.tlsFields().of(carrier, d.frame().number());
                }
            }
        }
        return c;
    }

    /** A frame's TLS tree flattened into (field name, value) pairs; values are Long, String, byte[] or null (present). */
    static final class Collected implements Tree {
        static final Collected EMPTY = new Collected();
        String[] keys = new String[64];
        Object[] values = new Object[64];
        int size;
        int calls;

        void clear() {
            java.util.Arrays.fill(values, 0, size, null);
            size = 0;
            calls = 0;
        }

        private void add(String key, Object value) {
            if (key == null) {
                return;
            }
            if (size == keys.length) {
                keys = java.util.Arrays.copyOf(keys, size * 2);
                values = java.util.Arrays.copyOf(values, size * 2);
            }
            keys[size] = key;
            values[size++] = value;
        }

        private static Object parse(String v) {
            if (v == null || v.isEmpty()) {
                return v;
            }
            try {
                return v.startsWith("0x") ? Long.parseLong(v.substring(2), 16) : Long.parseLong(v);
            } catch (NumberFormatException e) {
                return v;
            }
        }

        @Override
        public Tree protocol(String key, String label) {
            if ("tls".equals(key)) {
                calls++;
            }
            return this;
        }

        @Override
        public Tree field(String key, String label, String value) {
            add(key, value != null && value.isEmpty() ? new byte[0] : parse(value));
            return this;
        }

        @Override
        public Tree none(String key, String label) {
            add(key, null);
            return this;
        }

        @Override
        public Tree text(String label) { return this; }

        @Override
        public Tree hidden(String key, String value) { return field(key, key, value); }

        @Override
        public Tree relabel(String label) { return this; }

        @Override
        public Tree generated() { return this; }

        @Override
        public Tree hide() { return this; }

        @Override
        public Tree line(String key, String rawText, String value) { return key == null ? this : field(key, rawText, value); }

        @Override
        public Tree string(String key, String name, String value) {
            add(key, value);
            return this;
        }

        @Override
        public Tree bytes(String key, String name, MemorySegment s, long off, int len) {
            byte[] b = new byte[len];
            MemorySegment.copy(s, java.lang.foreign.ValueLayout.JAVA_BYTE, off, b, 0, len);
            add(key, b);
            return this;
        }

        @Override
        public Tree dump(MemorySegment s, long off, int len) { return this; }

        @Override
        public Tree expert(String key, Severity severity, Group group, String message) { return this; }
    }
}
