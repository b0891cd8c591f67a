package dev.tcpscope.proto.smtp;

import dev.tcpscope.cli.CliRun;
import dev.tcpscope.synth.MailScenarios;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The body of the message SMTP reassembles goes to the dissector of its media type, as
 * packet-imf.c hands it on: base64 bodies decoded first (a "base64" data source), message/rfc822
 * to IMF again (Protocol {@code SMTP/IMF/IMF}, Info continued after the outer fields), text/html
 * to data-text-lines, which gives a body starting with {@code <?xml} to the XML dissector
 * (Protocol {@code SMTP/IMF/XML}). The capture is {@link MailScenarios}'; the expected text is tshark 4.0.17's for it
 * (scripts/tshark-profile.sh's profile, TZ=UTC).
 */
class ImfMediaTest {
    @TempDir
    static Path dir;
    static String capture;

    @BeforeAll
    static void write() throws IOException {
        Path p = dir.resolve("mail.pcap");
        MailScenarios.write(p);
        capture = p.toString();
    }

    private static String read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out();
    }

    @Test
    void theListNamesEachBodysDissector() {
        String list = read("read", capture, "-Y", "imf");
        assertThat(list.lines().toList()).hasSize(3);
        assertThat(list).contains("SMTP/IMF 208 from: a@example.org, subject: b64,  (text/plain)\n");
        assertThat(list).contains("SMTP/IMF/IMF 172 from: a@example.org, subject: fwd, from: b@example.org, subject: inner, , hi  \n");
        assertThat(list).contains("SMTP/IMF/XML 183 from: a@example.org, subject: html, \n");
    }

    @Test
    void aBase64BodyIsDecodedIntoADataSourceOfItsOwn() {
        String v = read("read", capture, "-V", "-Y", "frame.number == 7");
        assertThat(v).contains("    Line-based text data: text/plain (2 lines)\n        Hello line one\\r\\n\n        line two\\r\\n\n");
        String x = read("read", capture, "-x", "-Y", "frame.number == 7");
        assertThat(x).contains("base64 (26 bytes):\n0000  48 65 6c 6c 6f 20 6c 69 6e 65 20 6f 6e 65 0d 0a   Hello line one..\n");
    }

    @Test
    void anEnclosedMessageIsDissectedUnderTheOuterOne() {
        String v = read("read", capture, "-V", "-Y", "frame.number == 18");
        assertThat(v).contains("    Internet Message Format\n        From: b@example.org, 1 item\n");
        assertThat(v).contains("        Message-Text\n            hi  \n");
        assertThat(read("read", capture, "-T", "fields", "-e", "frame.protocols", "-Y", "frame.number == 18"))
                .isEqualTo("eth:ethertype:ip:tcp:smtp:imf:imf\n");
    }

    @Test
    void xmlInATextBodyGoesToTheXmlDissector() {
        String v = read("read", capture, "-V", "-Y", "frame.number == 29");
        assertThat(v).contains("    eXtensible Markup Language\n        <?xml\n            version=\"1.0\"\n"
                + "            encoding=\"UTF-8\"\n            ?>\n        <a>\n            b\n            </a>\n");
        assertThat(v).doesNotContain("Line-based text data");
        assertThat(read("read", capture, "-Y", "frame.number == 29")).isEqualTo(
                "   29 20.060000000     10.0.1.1 → 10.0.1.2     SMTP/IMF/XML 183 from: a@example.org, subject: html, \n");
    }
}
