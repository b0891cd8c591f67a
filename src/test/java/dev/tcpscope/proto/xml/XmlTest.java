package dev.tcpscope.proto.xml;

import dev.tcpscope.cli.CliRun;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packet-xml.c's tree for HTTP bodies, on the XML exchanges of captures/synth-http-media.pcap
 * (dev.tcpscope.synth.MediaScenarios#xml). The expected lines are tshark 4.0.17's, from
 * {@code XDG_CONFIG_HOME=PROFILE tshark -r captures/synth-http-media.pcap -Y 'frame.number == N' -V}
 * (scripts/tshark-profile.sh's profile, with xml enabled), from the "eXtensible Markup Language"
 * line on; the list lines are the same with a plain tshark.
 */
class XmlTest {
    private static final String CAPTURE = "captures/synth-http-media.pcap";

    private static List<String> read(String... args) {
        CliRun run = CliRun.of(args);
        assertThat(run.rc()).isZero();
        return run.out().lines().toList();
    }

    private static List<String> xmlTree(int frame) {
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number == " + frame);
        return v.subList(v.indexOf("eXtensible Markup Language"), v.size());
    }

    @Test
    void anXmlBodyIsHttpXmlWithNothingInTheInfo() {
        // tshark -r captures/synth-http-media.pcap -Y 'frame.number == 384 or frame.number == 504'
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 384 or frame.number == 504"))
                .containsExactly("  384 470.040000000     10.0.2.2 → 10.0.2.1     HTTP/XML 404 HTTP/1.1 200 OK ",
                        "  504 620.040000000     10.0.2.2 → 10.0.2.1     HTTP/XML 184 HTTP/1.1 200 OK ");
    }

    @Test
    void declarationCommentDoctypeTagsAttributesAndText() {
        assertThat(xmlTree(384)).containsExactly(
                "eXtensible Markup Language",
                "    <?xml",
                "        version=\"1.0\"",
                "        encoding='utf-8'",
                "        standalone=\"yes\"",
                "        ?>",
                "    <!-- a comment -->",
                "    <!DOCTYPE note SYSTEM \"note.dtd\">",
                "    <root",
                "        a=\"1\"",
                "        b='two'",
                "        c=3",
                "        d=name>",
                "        <child>",
                "            text &amp; more",
                "            </child>",
                "        <empty/>",
                "        <e2",
                "            x=\"y\"/>",
                "        <![CDATA[ <raw> ]]>",
                "        <ns:tag",
                "            ns:attr=\"v\">",
                "            in ns",
                "            </ns:tag>",
                "        <unclosed>",
                "            </root>",
                "");
        // tshark ... -T fields -e xml.xmlpi.xml.version -e xml.xmlpi.xml.encoding -e xml.doctype -e xml.comment -e xml.attribute
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 384", "-T", "fields", "-e", "xml.xmlpi.xml.version",
                "-e", "xml.xmlpi.xml.encoding", "-e", "xml.doctype", "-e", "xml.comment", "-e", "xml.attribute"))
                .containsExactly("1.0\tutf-8\tnote\t<!-- a comment -->\ta=\"1\",b='two',c=3,d=name,x=\"y\",ns:attr=\"v\"");
    }

    @Test
    void aClosingTagThatClosesNothingIsMalformed() {
        assertThat(xmlTree(392)).containsExactly(
                "eXtensible Markup Language",
                "    <a>",
                "        <b>",
                "            </c>",
                "        </b>",
                "    </a>",
                "    Closing an unopened tag",
                "        [Expert Info (Error/Malformed): Closing an unopened tag]",
                "            [Closing an unopened tag]",
                "            [Severity level: Error]",
                "            [Group: Malformed]",
                "    </a>",
                "    Closing an unopened tag",
                "        [Expert Info (Error/Malformed): Closing an unopened tag]",
                "            [Closing an unopened tag]",
                "            [Severity level: Error]",
                "            [Group: Malformed]",
                "    </z>",
                "    Closing an unopened tag",
                "        [Expert Info (Error/Malformed): Closing an unopened tag]",
                "            [Closing an unopened tag]",
                "            [Severity level: Error]",
                "            [Group: Malformed]",
                "");
        assertThat(read("read", CAPTURE, "-Y", "xml.closing_unopened_tag", "-T", "fields", "-e", "frame.number"))
                .containsExactly("392", "456");
    }

    @Test
    void anInternalSubsetKeepsTheDoctypeOpenUntilItsBracket() {
        // the text before "]>" takes it as text, so the DOCTYPE stays open and <note> goes under it
        assertThat(xmlTree(424)).containsExactly(
                "eXtensible Markup Language",
                "    <!DOCTYPE note [",
                "        <!ELEMENT note (to)>",
                "        <!ATTLIST note a CDATA #IMPLIED>",
                "        inner text\\n]>\\n",
                "        <note>",
                "            x",
                "            </note>",
                "");
    }

    @Test
    void aGreaterThanThatIsTheLastByteIsNotFound() {
        // tvbparse_until never tries the last byte: the comment does not end, "<!--" is unrecognized
        assertThat(xmlTree(440)).containsExactly(
                "eXtensible Markup Language",
                "    Unrecognized text",
                "        [Expert Info (Warning/Protocol): Unrecognized text]",
                "            [Unrecognized text]",
                "            [Severity level: Warning]",
                "            [Group: Protocol]",
                "    unterminated comment ",
                "    <a/>",
                "");
    }

    @Test
    void dataTextLinesHandsAnXmlDeclarationOn() {
        assertThat(xmlTree(504)).containsExactly(
                "eXtensible Markup Language",
                "    <?xml",
                "        version=\"1.0\"",
                "        encoding=\"UTF-8\"",
                "        ?>",
                "    <html>",
                "        <body>",
                "            hi",
                "            </body>",
                "        </html>",
                "");
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 504", "-T", "fields", "-e", "frame.protocols"))
                .containsExactly("eth:ethertype:ip:tcp:http:data-text-lines:xml");
    }

    @Test
    void nestingPastFiveHundredLevelsIsADissectorBug() {
        // 498 tags: the text inside the last one would be the 500th level
        List<String> v = read("read", CAPTURE, "-V", "-Y", "frame.number == 480");
        String bug = "Maximum tree depth 500 exceeded for \"CDATA\" - \"xml.cdata\" (proto_tree_add_node:5972)"
                + " (Maximum depth can be increased in advanced preferences)";
        assertThat(v.subList(v.size() - 6, v.size())).containsExactly(
                "[Dissector bug, protocol XML: " + bug + "]",
                "    [Expert Info (Error/Malformed): " + bug + "]",
                "        [" + bug + "]",
                "        [Severity level: Error]",
                "        [Group: Malformed]",
                "");
        // print.c indents no deeper than 160 columns
        assertThat(v).filteredOn(l -> l.trim().equals("<d>")).hasSize(498)
                .allMatch(l -> l.indexOf('<') <= 160);
        assertThat(read("read", CAPTURE, "-Y", "frame.number == 488", "-T", "fields", "-e", "xml.tag")
                .getFirst().split(",")).hasSize(498);
    }
}
