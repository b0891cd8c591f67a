package dev.tcpscope.synth;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes {@code src/test/resources/ldap/filter-depth.pcap}: four LDAP searchRequests whose filter
 * nests 123 and 124 {@code and}s, 124 {@code not}s and 200 {@code or}s around one equalityMatch,
 * on both sides of tshark 4.0.17's dissection-depth limit (LdapTest). Run it to remake the file;
 * nothing here says what the result should be (tshark does).
 */
public final class LdapDepthScenarios {
    private LdapDepthScenarios() { }

    private static byte[] search(int id, int wrapper, int depth) {
        byte[] filter = LdapScenarios.tlv(0xa3, LdapScenarios.str(0x04, "cn"), LdapScenarios.str(0x04, "x"));
        for (int i = 0; i < depth; i++) {
            filter = LdapScenarios.tlv(wrapper, filter);
        }
        byte[] request = LdapScenarios.tlv(0x63, LdapScenarios.str(0x04, ""), LdapScenarios.tlv(0x0a, new byte[] {0}),
                LdapScenarios.tlv(0x0a, new byte[] {0}), LdapScenarios.tlv(0x02, new byte[] {0}), LdapScenarios.tlv(0x02, new byte[] {0}),
                LdapScenarios.tlv(0x01, new byte[] {0}), filter, LdapScenarios.tlv(0x30));
        return LdapScenarios.tlv(0x30, LdapScenarios.tlv(0x02, new byte[] {(byte) id}), request);
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: LdapDepthScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            TcpSessions io = new TcpSessions(os, 389, n -> 43000 + n);
            io.open();
            io.client(search(1, 0xa0, 123));
            io.client(search(2, 0xa0, 124));
            io.client(search(3, 0xa2, 124));
            io.client(search(4, 0xa1, 200));
            io.close();
            io.done();
        }
    }
}
