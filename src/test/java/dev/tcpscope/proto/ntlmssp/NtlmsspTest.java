package dev.tcpscope.proto.ntlmssp;

import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tree;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Damaged NTLMSSP messages end in the malformed-packet marker packet-ntlmssp.c's exception
 * handler adds, never in an exception of ours, and in work bounded by the message's length; the
 * base64 of HTTP's headers is read as GLib reads it. What tshark shows for such messages is
 * checked on captures/synth-ntlmssp.pcap by {@link NtlmsspGoldenTest}.
 */
class NtlmsspTest {
    /** An AUTHENTICATE with an NTLMv2 response, from the HTTP exchange of captures/arkime-ntlm_synthetic.pcap's style. */
    private static final byte[] AUTH = Base64.getDecoder().decode(
            "TlRMTVNTUAADAAAAGAAYAFgAAAAYABgAcAAAAA4ADgCIAAAACAAIAJYAAAAQABAAngAAABAAEACuAAAABQIAAgoAYUoAAAAPAAAAAAAAAAAA"
                    + "AAAAAAAAAExMTExMTExMTExMTExMTExMTExMTExMTE5OTk5OTk5OTk5OTk5OTk5OTk5OTk5OTkgAVABUAFAARABPAE0AZABhAHYAZQBI"
                    + "AFQAVABQAEgATwBTAFQAS0tLS0tLS0tLS0tLS0tLSw==");

    private static String info(byte[] msg, Ntlmssp.Conv conv) {
        StringBuilder sb = new StringBuilder();
        Ntlmssp.observe(MemorySegment.ofArray(msg), 0, msg.length, conv, sb);
        return sb.toString();
    }

    private static List<String> keys(byte[] msg) {
        Collected c = new Collected();
        List<String> layers = new ArrayList<>();
        Ntlmssp.tree(new Ntlmssp.Message(MemorySegment.ofArray(msg), 0, msg.length, true), c, layers::add);
        List<String> keys = new ArrayList<>();
        for (String k : List.of("ntlmssp", "ntlmssp.auth.username", "_ws.malformed", "ntlmssp.authenticate.mic")) {
            if (c.has(k)) {
                keys.add(k);
            }
        }
        return keys;
    }

    @Test
    void aWholeAuthenticateNamesItsUser() {
        assertThat(info(AUTH, new Ntlmssp.Conv())).isEqualTo(", NTLMSSP_AUTH, User: HTTPDOM\\dave");
        assertThat(keys(AUTH)).containsExactly("ntlmssp", "ntlmssp.auth.username", "ntlmssp.authenticate.mic");
    }

    @Test
    void aMessageCutAnywhereEndsInTheMarker() {
        for (int n = 0; n < AUTH.length; n++) {
            byte[] cut = java.util.Arrays.copyOf(AUTH, n);
            String info = info(cut, new Ntlmssp.Conv());
            if (n < AUTH.length - 16) {
                assertThat(info).as("cut at %d", n).endsWith("[Malformed Packet]");
                assertThat(keys(cut)).as("cut at %d", n).contains("_ws.malformed");
            }
        }
    }

    @Test
    void offsetsAndLengthsPastTheMessageAreMalformedNotExceptions() {
        Random r = new Random(42);
        for (int i = 0; i < 5000; i++) {
            byte[] m = AUTH.clone();
            for (int k = 0; k < 1 + r.nextInt(4); k++) {
                m[12 + r.nextInt(m.length - 12)] = (byte) r.nextInt(256);
            }
            Tree t = new Collected();
            StringBuilder sb = new StringBuilder();
            Ntlmssp.observe(MemorySegment.ofArray(m), 0, m.length, new Ntlmssp.Conv(), sb);
            Ntlmssp.tree(new Ntlmssp.Message(MemorySegment.ofArray(m), 0, m.length, r.nextBoolean()), t, x -> { });
            assertThat(sb.toString()).startsWith(", NTLMSSP_AUTH");
        }
    }

    @Test
    void oddUnicodeLengthsEndInAReplacementCharacter() {
        assertThat(NtlmsspWalk.utf16(new byte[] {'a', 0, 'b'})).isEqualTo("a\uFFFD");
        assertThat(NtlmsspWalk.utf16(new byte[] {0, (byte) 0xd8, 'x', 0})).isEqualTo("\uFFFDx");
        assertThat(NtlmsspWalk.ascii(new byte[] {'a', (byte) 0xe9, 0, 'z'})).isEqualTo("a\uFFFD");
    }

    @Test
    void base64IsReadAsGlibReadsIt() {
        assertThat(Ntlmssp.base64("TlRMTVNTUAABAA==")).hasSize(10);
        assertThat(new String(Ntlmssp.base64("TlR*MTV NTUA=="), java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("NTLMSSP");
        assertThat(Ntlmssp.base64("TlRMTQ")).hasSize(3); // a last group of two characters gives nothing
        assertThat(Ntlmssp.base64("")).isEmpty();
    }

    @Test
    void theLastChallengeDecidesHowAnAuthenticateIsRead() {
        Ntlmssp.Conv conv = new Ntlmssp.Conv();
        byte[] challenge = Base64.getDecoder().decode(
                "TlRMTVNTUAACAAAADgAOADgAAAAFAgACASNFZ4mrze8AAAAAAAAAAAQABABGAAAACgBhSgAAAA9IAFQAVABQAFQARwBUAAAAAAA=");
        assertThat(info(challenge, conv)).isEqualTo(", NTLMSSP_CHALLENGE");
        StringBuilder sb = new StringBuilder();
        Ntlmssp.Message m = Ntlmssp.observe(MemorySegment.ofArray(AUTH), 0, AUTH.length, conv, sb);
        assertThat(m.unicode()).isTrue();
    }
}
