package dev.tcpscope.proto.ssh;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-ssh.c's fields that {@link Ssh} shows, with Wireshark's names, titles and types (as
 * {@code tshark -G fields} lists them); their values are the detail tree's items of the frame.
 */
public final class SshFields {
    private SshFields() { }

    public static List<Field> all() {
        return List.of(
                f("ssh", "SSH Protocol", FieldType.PROTOCOL, 0),
                f("ssh.protocol", "Protocol", FieldType.STRING, 0),
                f("ssh.packet_length", "Packet Length", FieldType.UINT, 32),
                f("ssh.packet_length_encrypted", "Packet Length (encrypted)", FieldType.BYTES, 0),
                f("ssh.padding_length", "Padding Length", FieldType.UINT, 8),
                f("ssh.payload", "Payload", FieldType.BYTES, 0),
                f("ssh.encrypted_packet", "Encrypted Packet", FieldType.BYTES, 0),
                f("ssh.padding_string", "Padding String", FieldType.BYTES, 0),
                f("ssh.seq_num", "Sequence number", FieldType.UINT, 32),
                f("ssh.mac", "MAC", FieldType.BYTES, 0),
                f("ssh.direction", "Direction", FieldType.BOOLEAN, 0),
                f("ssh.message_code", "Message Code", FieldType.UINT, 8),
                f("ssh.cookie", "Cookie", FieldType.BYTES, 0),
                f("ssh.kex_algorithms", "kex_algorithms string", FieldType.STRING, 0),
                f("ssh.server_host_key_algorithms", "server_host_key_algorithms string", FieldType.STRING, 0),
                f("ssh.encryption_algorithms_client_to_server", "encryption_algorithms_client_to_server string", FieldType.STRING, 0),
                f("ssh.encryption_algorithms_server_to_client", "encryption_algorithms_server_to_client string", FieldType.STRING, 0),
                f("ssh.mac_algorithms_client_to_server", "mac_algorithms_client_to_server string", FieldType.STRING, 0),
                f("ssh.mac_algorithms_server_to_client", "mac_algorithms_server_to_client string", FieldType.STRING, 0),
                f("ssh.compression_algorithms_client_to_server", "compression_algorithms_client_to_server string", FieldType.STRING, 0),
                f("ssh.compression_algorithms_server_to_client", "compression_algorithms_server_to_client string", FieldType.STRING, 0),
                f("ssh.languages_client_to_server", "languages_client_to_server string", FieldType.STRING, 0),
                f("ssh.languages_server_to_client", "languages_server_to_client string", FieldType.STRING, 0),
                f("ssh.kex_algorithms_length", "kex_algorithms length", FieldType.UINT, 32),
                f("ssh.server_host_key_algorithms_length", "server_host_key_algorithms length", FieldType.UINT, 32),
                f("ssh.encryption_algorithms_client_to_server_length", "encryption_algorithms_client_to_server length", FieldType.UINT, 32),
                f("ssh.encryption_algorithms_server_to_client_length", "encryption_algorithms_server_to_client length", FieldType.UINT, 32),
                f("ssh.mac_algorithms_client_to_server_length", "mac_algorithms_client_to_server length", FieldType.UINT, 32),
                f("ssh.mac_algorithms_server_to_client_length", "mac_algorithms_server_to_client length", FieldType.UINT, 32),
                f("ssh.compression_algorithms_client_to_server_length", "compression_algorithms_client_to_server length", FieldType.UINT, 32),
                f("ssh.compression_algorithms_server_to_client_length", "compression_algorithms_server_to_client length", FieldType.UINT, 32),
                f("ssh.languages_client_to_server_length", "languages_client_to_server length", FieldType.UINT, 32),
                f("ssh.languages_server_to_client_length", "languages_server_to_client length", FieldType.UINT, 32),
                f("ssh.first_kex_packet_follows", "First KEX Packet Follows", FieldType.UINT, 8),
                f("ssh.kex.reserved", "Reserved", FieldType.BYTES, 0),
                f("ssh.kex.hassh_algorithms", "hasshAlgorithms", FieldType.STRING, 0),
                f("ssh.kex.hassh", "hassh", FieldType.STRING, 0),
                f("ssh.kex.hasshserver_algorithms", "hasshServerAlgorithms", FieldType.STRING, 0),
                f("ssh.kex.hasshserver", "hasshServer", FieldType.STRING, 0),
                f("ssh.host_key.length", "Host key length", FieldType.UINT, 32),
                f("ssh.host_key.type_length", "Host key type length", FieldType.UINT, 32),
                f("ssh.host_key.type", "Host key type", FieldType.STRING, 0),
                f("ssh.host_key.data", "Host key data", FieldType.BYTES, 0),
                f("ssh.host_key.rsa.n", "RSA modulus (N)", FieldType.BYTES, 0),
                f("ssh.host_key.rsa.e", "RSA public exponent (e)", FieldType.BYTES, 0),
                f("ssh.host_key.dsa.p", "DSA prime modulus (p)", FieldType.BYTES, 0),
                f("ssh.host_key.dsa.q", "DSA prime divisor (q)", FieldType.BYTES, 0),
                f("ssh.host_key.dsa.g", "DSA subgroup generator (g)", FieldType.BYTES, 0),
                f("ssh.host_key.dsa.y", "DSA public key (y)", FieldType.BYTES, 0),
                f("ssh.host_key.ecdsa.id", "ECDSA elliptic curve identifier", FieldType.STRING, 0),
                f("ssh.host_key.ecdsa.id_length", "ECDSA elliptic curve identifier length", FieldType.UINT, 32),
                f("ssh.host_key.ecdsa.q", "ECDSA public key (Q)", FieldType.BYTES, 0),
                f("ssh.host_key.ecdsa.q_length", "ECDSA public key length", FieldType.UINT, 32),
                f("ssh.host_key.eddsa.key", "EdDSA public key", FieldType.BYTES, 0),
                f("ssh.host_key.eddsa.key_length", "EdDSA public key length", FieldType.UINT, 32),
                f("ssh.host_sig.length", "Host signature length", FieldType.UINT, 32),
                f("ssh.host_sig.type_length", "Host signature type length", FieldType.UINT, 32),
                f("ssh.host_sig.type", "Host signature type", FieldType.STRING, 0),
                f("ssh.host_sig.data", "Host signature data", FieldType.BYTES, 0),
                f("ssh.host_sig.rsa", "RSA signature", FieldType.BYTES, 0),
                f("ssh.host_sig.dsa", "DSA signature", FieldType.BYTES, 0),
                f("ssh.dh.e", "DH client e", FieldType.BYTES, 0),
                f("ssh.dh.f", "DH server f", FieldType.BYTES, 0),
                f("ssh.dh_gex.min", "DH GEX Min", FieldType.UINT, 32),
                f("ssh.dh_gex.nbits", "DH GEX Number of Bits", FieldType.UINT, 32),
                f("ssh.dh_gex.max", "DH GEX Max", FieldType.UINT, 32),
                f("ssh.dh_gex.p", "DH GEX modulus (P)", FieldType.BYTES, 0),
                f("ssh.dh_gex.g", "DH GEX base (G)", FieldType.BYTES, 0),
                f("ssh.ecdh.q_c", "ECDH client's ephemeral public key (Q_C)", FieldType.BYTES, 0),
                f("ssh.ecdh.q_c_length", "ECDH client's ephemeral public key length", FieldType.UINT, 32),
                f("ssh.ecdh.q_s", "ECDH server's ephemeral public key (Q_S)", FieldType.BYTES, 0),
                f("ssh.ecdh.q_s_length", "ECDH server's ephemeral public key length", FieldType.UINT, 32),
                f("ssh.mpint_length", "Multi Precision Integer Length", FieldType.UINT, 32));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, d -> {
            Ssh ssh = Collected.dissector(d, "ssh", Ssh.class);
            return ssh == null ? null : ssh.fields(d.frame().number());
        });
    }
}
