package dev.tcpscope.proto.xml;

import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The tokens packet-xml.c's tvbparse grammar finds, as {@link XmlScanner} finds them: the kinds
 * below are those tshark 4.0.17's items show for the same bodies (MediaScenarios#xml has them in
 * captures/synth-http-media.pcap, checked there against tshark's -V).
 */
class XmlScannerTest {
    private static List<String> tokens(String body) {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        XmlScanner sc = new XmlScanner(MemorySegment.ofArray(b), 0, b.length);
        XmlScanner.Token t = new XmlScanner.Token();
        List<String> out = new ArrayList<>();
        int at = 0;
        while ((at = sc.next(at, t)) >= 0) {
            out.add(t.kind + " " + body.substring(t.start, t.end));
        }
        return out;
    }

    @Test
    void blanksInsideATagAndAnEscapedQuoteThatIsNotFirst() {
        assertThat(tokens("< a >< / a >< b / ><c x = \"1\" /><d e=\"a\\\"b\"/>")).containsExactly(
                "TAG < a >", "CLOSING_TAG < / a >", "UNRECOGNIZED <", "TEXT b / >", "TAG <c x = \"1\" />",
                "UNRECOGNIZED <d", "TEXT e=\"a\\\"b\"/>");
    }

    @Test
    void aGreaterThanThatEndsTheBodyIsNotFoundFromBeforeIt() {
        assertThat(tokens("<!-- x <a/>")).containsExactly("UNRECOGNIZED <!--", "TEXT x ", "TAG <a/>");
        assertThat(tokens("<!x>")).containsExactly("UNRECOGNIZED <!x>"); // tshark: "Unrecognized text"
        assertThat(tokens("<!x> ")).containsExactly("DTD_TAG <!x>");
    }

    @Test
    void manyUnterminatedDeclarationsTakeLinearTime() {
        String body = "<!--<!DOCTYPE a SYSTEM <!<![CDATA[ ".repeat(30_000);
        long t0 = System.nanoTime();
        // tshark on three of them: Unrecognized text, "a SYSTEM ", Unrecognized text, and again
        List<String> t = tokens(body);
        assertThat(t).hasSize(30_000 * 3);
        assertThat(t.subList(0, 3)).containsExactly("UNRECOGNIZED <!--<!DOCTYPE", "TEXT a SYSTEM ", "UNRECOGNIZED <!<![CDATA[");
        assertThat(System.nanoTime() - t0).isLessThan(5_000_000_000L);
    }
}
