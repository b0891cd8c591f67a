package dev.tcpscope.web.graph;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The SVG drawing: well-formed XML without a DTD to fetch, the size asked for, the title and legend in its text. */
class SvgGraphTest {
    @Test
    void everyGraphIsAnSvgDocumentWithItsTitle() throws Exception {
        for (GraphType type : GraphType.values()) {
            StreamGraph g = StreamGraphs.of(Path.of("captures/zeek-tcp-retransmit-fast009.pcap"), 0, type, false);

            Document svg = parse(SvgGraph.render(g, 900, 500));

            assertThat(svg.getDocumentElement().getLocalName()).isEqualTo("svg");
            assertThat(svg.getDocumentElement().getNamespaceURI()).isEqualTo("http://www.w3.org/2000/svg");
            assertThat(Double.parseDouble(svg.getDocumentElement().getAttribute("width"))).isEqualTo(900);
            assertThat(Double.parseDouble(svg.getDocumentElement().getAttribute("height"))).isEqualTo(500);
            assertThat(texts(svg)).as(type.name()).contains(g.title(), g.xLabel(), g.yLabel(), "TCP stream 0");
        }
    }

    @Test
    void theLegendNamesTheSeriesThatHavePoints() throws Exception {
        StreamGraph g = StreamGraphs.of(Path.of("captures/zeek-tcp-retransmit-fast009.pcap"), 0, GraphType.TCPTRACE, false);

        List<String> texts = texts(parse(SvgGraph.render(g, 900, 500)));

        assertThat(texts).contains("Segments", "ACK", "Receive Window", "SACK", "Subsequent SACKs", "Dup ACKs");
        assertThat(texts).doesNotContain("Zero Window"); // no point, no legend entry
    }

    @Test
    void aGraphWithoutPointsSaysSo() throws Exception {
        StreamGraph g = StreamGraphs.of(Path.of("captures/tcpdump-tcp-handshake-nano.pcap"), 0, GraphType.RTT, false);
        assertThat(g.series("RTT").size()).isZero();

        List<String> texts = texts(parse(SvgGraph.render(g, 900, 300)));

        assertThat(texts).contains(g.title(), "No segments in this direction");
    }

    @Test
    void theSizeMustBePositive() {
        StreamGraph g = new StreamGraph(0, GraphType.STEVENS, "t", "x", "y", "a → b", List.of());
        assertThatThrownBy(() -> SvgGraph.render(g, 0, 500)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SvgGraph.render(g, 900, -1)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Parses {@code svg} as XML, refusing any DOCTYPE (a reader would fetch its DTD). */
    static Document parse(String svg) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(svg)));
    }

    static List<String> texts(Document svg) {
        NodeList nodes = svg.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
        List<String> texts = new ArrayList<>();
        for (int i = 0; i < nodes.getLength(); i++) {
            texts.add(nodes.item(i).getTextContent());
        }
        return texts;
    }
}
