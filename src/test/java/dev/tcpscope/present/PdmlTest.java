package dev.tcpscope.present;

import dev.tcpscope.field.FieldTable;
import dev.tcpscope.present.color.ColoringRule;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;

/** The PDML writer on hand-made trees; GoldenPdmlTest covers real captures. */
class PdmlTest {
    private static final MemorySegment BYTES = Hex.seg("0102 0304 0506 0708 0910");
    private static final Pdml.Geninfo G = new Pdml.Geninfo(7, 12, 10, 1_700_000_000L, 5, "Nov 14, 2023 22:13:20.000000005 UTC");

    private static String write(DetailNode root, ColoringRule rule) {
        StringBuilder out = new StringBuilder();
        new Pdml(FieldTable.standard()).appendPacket(out, root, DataSources.single("Frame", BYTES, 0, 10), G, rule);
        return out.toString();
    }

    @Test
    void headerNamesTheFileEscapedAndTheTimeAsAsctime() {
        StringBuilder out = new StringBuilder();
        Pdml.begin(out, "a&b.pcap", ZonedDateTime.of(2026, 12, 5, 9, 7, 0, 0, ZoneOffset.UTC));
        assertThat(out.toString()).endsWith(
                "<pdml version=\"0\" creator=\"wireshark/4.0.17\" time=\"Sat Dec  5 09:07:00 2026\" capture_file=\"a&amp;b.pcap\">\n");
    }

    @Test
    void itemsSayWhereTheirBytesAreAndExpertItemsSitAtTheirParent() {
        DetailNode root = DetailNode.root();
        root.protocol("frame", "Frame 7").at(BYTES, 0, 10);
        DetailNode p = root.protocol("ip", "Internet Protocol").at(BYTES, 2, 8);
        DetailNode flags = p.field("ip.flags", "010. .... = Flags: 0x2", "0x02").at(BYTES, 4, 1);
        flags.expert("ip.x", dev.tcpscope.proto.Tree.Severity.NOTE, dev.tcpscope.proto.Tree.Group.PROTOCOL, "a <note>");
        p.field("ip.stream", "Stream: 0", "0").generated(); // no bytes: at the protocol's start
        p.hidden("ip.addr", "10.0.0.1").at(BYTES, 6, 4);
        String out = write(root, null);
        assertThat(out).startsWith("""
                <packet>
                  <proto name="geninfo" pos="0" showname="General information" size="10">
                    <field name="num" pos="0" show="7" showname="Number" value="7" size="10"/>
                    <field name="len" pos="0" show="12" showname="Frame Length" value="c" size="10"/>
                    <field name="caplen" pos="0" show="10" showname="Captured Length" value="a" size="10"/>
                    <field name="timestamp" pos="0" show="Nov 14, 2023 22:13:20.000000005 UTC" showname="Captured Time" value="1700000000.000000005" size="10"/>
                  </proto>
                  <proto name="frame" showname="Frame 7" size="10" pos="0"/>
                  <proto name="ip" showname="Internet Protocol" size="8" pos="2">
                    <field name="ip.flags" showname="010. .... = Flags: 0x2" size="1" pos="4" show="0x02" value="2" unmaskedvalue="05">
                      <field name="_ws.expert" showname="Expert Info (Note/Protocol): a &lt;note&gt;" size="0" pos="4">
                        <field name="ip.x" showname="a &lt;note&gt;" size="0" pos="0" show="" value=""/>
                        <field name="_ws.expert.message" showname="Message: a &lt;note&gt;" hide="yes" size="0" pos="0" show="a &lt;note&gt;"/>
                """).contains("""
                      </field>
                    </field>
                    <field name="ip.stream" showname="Stream: 0" size="0" pos="2" show="0"/>
                    <field name="ip.addr" showname="Source or Destination Address: 10.0.0.1" hide="yes" size="4" pos="6" show="10.0.0.1" value="07080910"/>
                  </proto>
                </packet>


                """);
    }

    @Test
    void topLevelFieldsTextAndDataAreWrappedAndClosedAtTheWrappersDepth() {
        DetailNode root = DetailNode.root();
        DetailNode seg = root.none("tcp.segments", "2 Reassembled TCP Segments").at(BYTES, 0, 4);
        seg.field("tcp.segment", "Frame: 1", "1").at(BYTES, 0, 2);
        root.text("A text\u0001 item").at(BYTES, 1, 2);
        DetailNode data = root.protocol("data", "Data (3 bytes)").bytes(BYTES, 7, 3);
        data.field("data.len", "Length: 3", "3").generated();
        String out = write(root, new ColoringRule("TCP", "tcp", 0x12272e, 0xe7e6ff));
        assertThat(out).isEqualTo("""
                <packet foreground='#12272e' background='#e7e6ff'>
                  <proto name="fake-field-wrapper">
                    <field name="tcp.segments" showname="2 Reassembled TCP Segments" size="4" pos="0" show="" value="">
                      <field name="tcp.segment" showname="Frame: 1" size="2" pos="0" show="1" value="0102"/>
                  </field>
                  </proto>
                  <proto name="fake-field-wrapper">
                    <field name="" show="A text\\x1 item" size="2" pos="1" value="0203"/>
                  </proto>
                  <proto name="fake-field-wrapper">
                    <field name="data" value="080910">
                      <field name="data.len" showname="Length: 3" size="0" pos="7" show="3"/>
                  </field>
                  </proto>
                </packet>


                """);
    }

    @Test
    void textIsEscapedAsPrintEscapedXml() {
        StringBuilder out = new StringBuilder();
        Xml.escaped(out, "a&b<c>\"d'e\u0001\u001f\u007f\t\r\n·é");
        assertThat(out.toString()).isEqualTo("a&amp;b&lt;c&gt;&quot;d&#x27;e\\x1\\x1f\\x7f\t\r\n·é");
    }

    @Test
    void anItemRunningPastItsSourceSaysSo() {
        DetailNode root = DetailNode.root();
        root.protocol("frame", "Frame 7").at(BYTES, 0, 10).field("frame.x", "X", "1").at(BYTES, 8, 4);
        assertThat(write(root, null)).contains("size=\"4\" pos=\"8\" show=\"1\" value=\"field length invalid!\"/>");
    }
}
