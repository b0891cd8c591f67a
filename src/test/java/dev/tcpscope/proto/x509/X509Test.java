package dev.tcpscope.proto.x509;

import dev.tcpscope.cli.Main;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tree;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Certificates the corpus does not carry, against tshark 4.0.17 on the same bytes
 * (src/test/resources/x509/, goldens by scripts/make-x509-goldens.sh): an EC certificate with a
 * UTF-8 subject, IP, e-mail and URI names, key usage with decipherOnly, name constraints, an
 * unknown extension, a user notice and a generalizedTime; an RSA CA with a multi-valued RDN; a
 * CertificateRequest naming both; and malformed ones (a length past the data, a cut certificate,
 * a TBSCertificate with the wrong tag), and forty certificates with one random byte changed (the
 * frames its .filter leaves out are the BER errors not shown as tshark yet). Then bad DER of
 * every kind never throws.
 */
class X509Test {
    private static final Path GOLDEN = Path.of("src/test/resources/golden/x509");

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({"crafted.pcap, V", "crafted.pcap, json", "crafted-malformed.pcap, V", "crafted-malformed.pcap, json",
        "crafted-mutated.pcap, V", "crafted-mutated.pcap, json"})
    void craftedCertificatesAreWhatTsharkPrints(String capture, String kind) throws Exception {
        List<String> args = new ArrayList<>(List.of("read", "src/test/resources/x509/" + capture));
        Path filter = Path.of("src/test/resources/x509/" + capture.replace(".pcap", ".filter"));
        if (Files.exists(filter)) {
            args.addAll(List.of("-Y", Files.readString(filter).strip())); // frames left out: docs/TLS.md's BER gaps
        }
        args.addAll(kind.equals("V") ? List.of("-V") : List.of("-T", "json"));
        List<String> actual = awk(kind.equals("V") ? "scripts/tls-cut-V.awk" : "scripts/tls-cut-json.awk", run(args));
        List<String> expected = Files.readString(GOLDEN.resolve(capture + (kind.equals("V") ? ".V.txt" : ".json"))).lines().toList();
        assertThat(actual).containsExactlyElementsOf(expected);
    }

    @Test
    void frameProtocolsNameEachDissectorTheOidTableCalls() {
        String fields = run(List.of("read", "src/test/resources/x509/crafted.pcap", "-T", "fields", "-e", "frame.protocols", "-Y", "tls"));
        assertThat(fields.strip()).startsWith("eth:ethertype:ip:tcp:tls:x509sat:").contains(":pkcs-1:x509ce:")
                .contains(":pkix1implicit:pkix1implicit:").endsWith(":x509sat");
        String dns = run(List.of("read", "src/test/resources/x509/crafted.pcap", "-T", "fields", "-e", "x509ce.dNSName",
                "-e", "x509sat.uTF8String", "-Y", "x509ce.dNSName contains \"test\""));
        assertThat(dns.strip()).isEqualTo("test.example,example.org\tBücher GmbH,unit,test.example,Bücher GmbH,unit,test.example,Root CA,Test,Multi,"
                + "Root CA,Test,Multi,Root CA,Test,Multi,Bücher GmbH,unit,test.example");
    }

    @Test
    void oidNamesAsOidResolvedFromStringWritesThem() {
        assertThat(Oids.resolved("2.5.4.3")).isEqualTo("id-at-commonName");
        assertThat(Oids.resolved("1.3.6.1.4.1.11129.2.5.1")).isEqualTo("iso.3.6.1.4.1.11129.2.5.1");
        assertThat(Oids.resolved("2.23.140.1.2.2")).isEqualTo("joint-iso-itu-t.23.140.1.2.2");
        assertThat(Oids.resolved("2.16.840.1.114412.2.1")).isEqualTo("US company arc.114412.2.1");
        assertThat(Oids.resolved("3.1")).isEqualTo("3.1");
    }

    @Test
    void utcTimeGetsItsCentury() {
        assertThat(X509.utcTime("140924100805Z")).isEqualTo("2014-09-24 10:08:05 (UTC)");
        assertThat(X509.utcTime("991231235959Z")).isEqualTo("1999-12-31 23:59:59 (UTC)");
        assertThat(Extensions.ipv6(new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1})).isEqualTo("2001:db8::1");
        assertThat(Extensions.ipv6(new byte[16])).isEqualTo("::");
    }

    /** Every cut and thousands of random changes of a real certificate: a result, never an exception, and the same one twice. */
    @Test
    void badDerIsDataNeverAnException() throws IOException {
        byte[] cert = Files.readAllBytes(Path.of("src/test/resources/fuzz/HostileFuzzTestInputs/x509Certificate/ec-certificate"));
        for (int n = 0; n <= cert.length; n++) {
            X509.Result r = X509.certificate(MemorySegment.ofArray(cert), 0, n, new Collected(), p -> { }, (s, a, b, t) -> { });
            assertThat(r.malformed()).as("cut at %d", n).isEqualTo(n < cert.length);
        }
        Random random = new Random(12);
        for (int i = 0; i < 5000; i++) {
            byte[] b = cert.clone();
            for (int k = 1 + random.nextInt(4); k > 0; k--) {
                b[random.nextInt(b.length)] = (byte) random.nextInt(256);
            }
            MemorySegment s = MemorySegment.ofArray(b);
            X509.Result first = X509.certificate(s, 0, b.length, new Collected(), p -> { }, (m, a, e, t) -> { });
            X509.Result again = X509.certificate(s, 0, b.length, Tree.NOTHING, p -> { }, (m, a, e, t) -> { });
            assertThat(again).isEqualTo(first);
            X509.distinguishedName(s, 0, b.length, new Collected(), p -> { });
        }
    }

    private static String run(List<String> args) {
        ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
             PrintStream err = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)) {
            Main.run(out, err, args.toArray(String[]::new));
        }
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    private static List<String> awk(String script, String text) throws IOException, InterruptedException {
        Process p = new ProcessBuilder("awk", "-f", script).redirectErrorStream(true).start();
        Thread feeder = Thread.ofVirtual().start(() -> {
            try (var in = p.getOutputStream()) {
                in.write(text.getBytes(StandardCharsets.UTF_8));
            } catch (IOException e) {
                // awk ended early; its output says why
            }
        });
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("awk ends").isTrue();
        feeder.join();
        return out.lines().toList();
    }
}
