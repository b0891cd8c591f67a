package dev.tcpscope.proto.ssh;

import dev.tcpscope.proto.Tree;

/**
 * The key-exchange messages 30 to 39 of SSH-2 as packet-ssh.c reads them for the negotiated
 * method ({@code ssh_dissect_kex_dh}, {@code ssh_dissect_kex_dh_gex}, {@code ssh_dissect_kex_ecdh},
 * {@code ssh_tree_add_hostkey}, {@code ssh_tree_add_hostsignature}), and the message names.
 */
final class SshKex {
    private SshKex() { }

    /** ssh2_msg_vals. */
    static String ssh2Name(int code) {
        return switch (code) {
            case 1 -> "Disconnect";
            case 2 -> "Ignore";
            case 3 -> "Unimplemented";
            case 4 -> "Debug";
            case 5 -> "Service Request";
            case 6 -> "Service Accept";
            case 20 -> "Key Exchange Init";
            case 21 -> "New Keys";
            case 50 -> "User Authentication Request";
            case 51 -> "User Authentication Failure";
            case 52 -> "User Authentication Success";
            case 53 -> "User Authentication Banner";
            case 60 -> "Public Key algorithm accepted";
            case 80 -> "Global Request";
            case 81 -> "Request Success";
            case 82 -> "Request Failure";
            case 90 -> "Channel Open";
            case 91 -> "Channel Open Confirmation";
            case 92 -> "Channel Open Failure";
            case 93 -> "Window Adjust";
            case 94 -> "Channel Data";
            case 95 -> "Channel Extended Data";
            case 96 -> "Channel EOF";
            case 97 -> "Channel Close";
            case 98 -> "Channel Request";
            case 99 -> "Channel Success";
            case 100 -> "Channel Failure";
            default -> "Unknown (" + code + ")";
        };
    }

    private static String name(int kind, int code) {
        String n = switch (kind) {
            case Ssh.KEX_DH_GEX -> switch (code) {
                case 30 -> "Diffie-Hellman Group Exchange Request (Old)";
                case 31 -> "Diffie-Hellman Group Exchange Group";
                case 32 -> "Diffie-Hellman Group Exchange Init";
                case 33 -> "Diffie-Hellman Group Exchange Reply";
                case 34 -> "Diffie-Hellman Group Exchange Request";
                default -> null;
            };
            case Ssh.KEX_ECDH -> switch (code) {
                case 30 -> "Elliptic Curve Diffie-Hellman Key Exchange Init";
                case 31 -> "Elliptic Curve Diffie-Hellman Key Exchange Reply";
                default -> null;
            };
            default -> switch (code) {
                case 30 -> "Diffie-Hellman Key Exchange Init";
                case 31 -> "Diffie-Hellman Key Exchange Reply";
                default -> null;
            };
        };
        return n == null ? "Unknown (" + code + ")" : n;
    }

    /** ssh_set_kex_specific_dissector. */
    static void setKind(Ssh.Session ss) {
        String k = ss.kex;
        if (k == null) {
            return;
        }
        if (k.equals("diffie-hellman-group-exchange-sha1") || k.equals("diffie-hellman-group-exchange-sha256")) {
            ss.kexKind = Ssh.KEX_DH_GEX;
        } else if (k.startsWith("ecdh-sha2-") || k.equals("curve25519-sha256@libssh.org")
                || k.equals("curve25519-sha256") || k.equals("curve448-sha512")) {
            ss.kexKind = Ssh.KEX_ECDH;
        } else if (k.equals("diffie-hellman-group14-sha256") || k.equals("diffie-hellman-group16-sha512")
                || k.equals("diffie-hellman-group18-sha512") || k.equals("diffie-hellman-group1-sha1")
                || k.equals("diffie-hellman-group14-sha1")) {
            ss.kexKind = Ssh.KEX_DH;
        }
    }

    /** A message 30..39 for the session's method; returns the offset after it, {@code seq[0]} its sequence number. */
    static int specific(SshPacket p, int code, int offset, Tree t, int[] seq) {
        Ssh.Session ss = p.session();
        Ssh.Peer client = ss.peer[0];
        Ssh.Peer server = ss.peer[1];
        int kind = ss.kexKind;
        String name = name(kind, code);
        if (t != null) {
            p.place(t.field("ssh.message_code", "Message Code: " + name + " (" + code + ")", Integer.toString(code)), offset, 1);
        }
        offset += 1;
        p.sep(name);
        switch (kind) {
            case Ssh.KEX_DH_GEX -> {
                switch (code) {
                    case 30 -> {
                        p.uintItem(t, "ssh.dh_gex.nbits", "DH GEX Number of Bits", p.readU32(offset), offset, 4);
                        offset += 4;
                    }
                    case 31 -> {
                        offset += mpint(p, offset, t, "ssh.dh_gex.p", "DH GEX modulus (P)");
                        offset += mpint(p, offset, t, "ssh.dh_gex.g", "DH GEX base (G)");
                        if (server.seqGexGrp == 0) {
                            server.sequenceNumber++;
                            server.seqGexGrp = server.sequenceNumber;
                        }
                        seq[0] = server.seqGexGrp;
                    }
                    case 32 -> {
                        // (ssh_read_e and, at the reply, ssh_choose_enc_mac are compiled in only with
                        // SSH_DECRYPTION_SUPPORTED, which tshark 4.0.17 as shipped lacks: after a group
                        // exchange no cipher is chosen and packets show as "Encrypted packet")
                        offset += mpint(p, offset, t, "ssh.dh.e", "DH client e");
                        if (client.seqGexIni == 0) {
                            client.sequenceNumber++;
                            client.seqGexIni = client.sequenceNumber;
                        }
                        seq[0] = client.seqGexIni;
                    }
                    case 33 -> {
                        offset += hostKey(p, offset, t);
                        offset += mpint(p, offset, t, "ssh.dh.f", "DH server f");
                        offset += hostSignature(p, offset, t);
                        if (server.seqGexRep == 0) {
                            server.sequenceNumber++;
                            server.seqGexRep = server.sequenceNumber;
                        }
                        seq[0] = server.seqGexRep;
                    }
                    case 34 -> {
                        p.uintItem(t, "ssh.dh_gex.min", "DH GEX Min", p.readU32(offset), offset, 4);
                        offset += 4;
                        p.uintItem(t, "ssh.dh_gex.nbits", "DH GEX Number of Bits", p.readU32(offset), offset, 4);
                        offset += 4;
                        p.uintItem(t, "ssh.dh_gex.max", "DH GEX Max", p.readU32(offset), offset, 4);
                        offset += 4;
                        if (client.seqGexReq == 0) {
                            client.sequenceNumber++;
                            client.seqGexReq = client.sequenceNumber;
                        }
                        seq[0] = client.seqGexReq;
                    }
                    default -> { }
                }
            }
            case Ssh.KEX_ECDH -> {
                if (code == 30) {
                    keyPart(p, offset, t);
                    if (client.seqEcdhIni == 0) {
                        client.seqEcdhIni = client.sequenceNumber;
                        client.sequenceNumber++;
                    }
                    seq[0] = client.seqEcdhIni;
                    offset += string(p, offset, t, "ssh.ecdh.q_c", "ECDH client's ephemeral public key (Q_C)",
                            "ssh.ecdh.q_c_length", "ECDH client's ephemeral public key length");
                } else if (code == 31) {
                    offset += hostKey(p, offset, t);
                    keyPart(p, offset, t);
                    p.chooseEncMac();
                    if (server.seqEcdhRep == 0) {
                        server.seqEcdhRep = server.sequenceNumber;
                        server.sequenceNumber++;
                    }
                    seq[0] = server.seqEcdhRep;
                    offset += string(p, offset, t, "ssh.ecdh.q_s", "ECDH server's ephemeral public key (Q_S)",
                            "ssh.ecdh.q_s_length", "ECDH server's ephemeral public key length");
                    offset += hostSignature(p, offset, t);
                }
            }
            default -> {
                if (code == 30) {
                    keyPart(p, offset, t);
                    offset += mpint(p, offset, t, "ssh.dh.e", "DH client e");
                    if (client.seqDhIni == 0) {
                        client.sequenceNumber++;
                        client.seqDhIni = client.sequenceNumber;
                    }
                    seq[0] = client.seqDhIni;
                } else if (code == 31) {
                    offset += hostKey(p, offset, t);
                    keyPart(p, offset, t);
                    p.chooseEncMac();
                    offset += mpint(p, offset, t, "ssh.dh.f", "DH server f");
                    offset += hostSignature(p, offset, t);
                    if (server.seqDhRep == 0) {
                        server.sequenceNumber++;
                        server.seqDhRep = server.sequenceNumber;
                    }
                    seq[0] = server.seqDhRep;
                }
            }
        }
        return offset;
    }

    /**
     * ssh_read_e / ssh_read_f: the public part's length must be 1 to 1025 bytes (else the
     * "Invalid key length" expert) and its bytes must be there.
     */
    private static void keyPart(SshPacket p, int offset, Tree t) {
        long n = p.readU32(offset);
        if (n == 0 || n > 1025) {
            if (t != null) {
                String m = "Invalid key length: " + n; // proto_tree_add_expert_format: a text item and its expert
                p.place(t.text(m), offset, 2).expert("ssh.key_length.error", Tree.Severity.ERROR, Tree.Group.PROTOCOL, m);
            }
            return;
        }
        p.bytesItem(null, null, null, offset + 4, n);
    }

    private static int mpint(SshPacket p, int offset, Tree t, String key, String name) {
        long n = p.readU32(offset);
        p.uintItem(t, "ssh.mpint_length", "Multi Precision Integer Length", n, offset, 4);
        p.bytesItem(t, key, name, offset + 4, n);
        return (int) (4 + n);
    }

    private static int string(SshPacket p, int offset, Tree t, String key, String name, String lenKey, String lenName) {
        long n = p.readU32(offset);
        p.uintItem(t, lenKey, lenName, n, offset, 4);
        p.bytesItem(t, key, name, offset + 4, n);
        return (int) (4 + n);
    }

    /** ssh_tree_add_hostkey: returns 4 + the key's length. */
    private static int hostKey(SshPacket p, int offset, Tree parent) {
        int start = offset;
        long keyLen = p.readU32(offset);
        offset += 4;
        long typeLen = p.readU32(offset);
        offset += 4;
        String type = p.stringItem(null, null, null, offset, typeLen);
        Tree t = p.subItem(parent, "KEX host key (type: " + type + ")", start, keyLen + 4);
        p.uintItem(t, "ssh.host_key.length", "Host key length", keyLen, start, 4);
        p.uintItem(t, "ssh.host_key.type_length", "Host key type length", typeLen, start + 4, 4);
        if (t != null) {
            p.place(t.string("ssh.host_key.type", "Host key type", type), offset, (int) typeLen);
        }
        offset += (int) typeLen;
        if (type.equals("ssh-rsa")) {
            offset += mpint(p, offset, t, "ssh.host_key.rsa.e", "RSA public exponent (e)");
            mpint(p, offset, t, "ssh.host_key.rsa.n", "RSA modulus (N)");
        } else if (type.equals("ssh-dss")) {
            offset += mpint(p, offset, t, "ssh.host_key.dsa.p", "DSA prime modulus (p)");
            offset += mpint(p, offset, t, "ssh.host_key.dsa.q", "DSA prime divisor (q)");
            offset += mpint(p, offset, t, "ssh.host_key.dsa.g", "DSA subgroup generator (g)");
            mpint(p, offset, t, "ssh.host_key.dsa.y", "DSA public key (y)");
        } else if (type.startsWith("ecdsa-sha2-")) {
            long n = p.readU32(offset);
            p.uintItem(t, "ssh.host_key.ecdsa.id_length", "ECDSA elliptic curve identifier length", n, offset, 4);
            p.stringItem(t, "ssh.host_key.ecdsa.id", "ECDSA elliptic curve identifier", offset + 4, n);
            offset += (int) (4 + n);
            string(p, offset, t, "ssh.host_key.ecdsa.q", "ECDSA public key (Q)", "ssh.host_key.ecdsa.q_length",
                    "ECDSA public key length");
        } else if (type.startsWith("ssh-ed")) {
            string(p, offset, t, "ssh.host_key.eddsa.key", "EdDSA public key", "ssh.host_key.eddsa.key_length",
                    "EdDSA public key length");
        } else {
            p.bytesItem(t, "ssh.host_key.data", "Host key data", offset, (int) (keyLen - (typeLen + 4)));
        }
        return (int) (4 + keyLen);
    }

    /** ssh_tree_add_hostsignature: returns 4 + the signature's length. */
    private static int hostSignature(SshPacket p, int offset, Tree parent) {
        int start = offset;
        long sigLen = p.readU32(offset);
        offset += 4;
        long typeLen = p.readU32(offset);
        offset += 4;
        String type = p.stringItem(null, null, null, offset, typeLen);
        Tree t = p.subItem(parent, "KEX host signature (type: " + type + ")", start, sigLen + 4);
        Tree lenItem = p.uintItem(t, "ssh.host_sig.length", "Host signature length", sigLen, start, 4);
        p.uintItem(t, "ssh.host_sig.type_length", "Host signature type length", typeLen, start + 4, 4);
        if (t != null) {
            p.place(t.string("ssh.host_sig.type", "Host signature type", type), offset, (int) typeLen);
        }
        offset += (int) typeLen;
        if (type.equals("ssh-rsa")) {
            offset += mpint(p, offset, t, "ssh.host_sig.rsa", "RSA signature");
        } else if (type.equals("ssh-dss")) {
            offset += mpint(p, offset, t, "ssh.host_sig.dsa", "DSA signature");
        } else if (!type.startsWith("ecdsa-sha2-") && !type.startsWith("ssh-ed")) {
            p.bytesItem(t, "ssh.host_sig.data", "Host signature data", offset, (int) (sigLen - (typeLen + 4)));
        }
        int decoded = offset - start;
        if (decoded != (int) (4 + sigLen) && lenItem != null) {
            String m = "Decoded " + decoded + " bytes, but packet legnth is " + (int) sigLen + " bytes";
            lenItem.expert("ssh.packet_decode.error", Tree.Severity.WARNING, Tree.Group.PROTOCOL, m);
        }
        return (int) (4 + sigLen);
    }
}
