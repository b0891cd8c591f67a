package dev.tcpscope.proto.xml;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-xml.c's fields with Wireshark 4.0.17's names, titles and types ({@code tshark -G
 * fields}, protocol xml): the base ones, the {@code <?xml} instruction's, and the three expert
 * items'. Their values are the items of the frame's tree, which HTTP builds with the XML of each
 * body it hands on. Of the DTDs' protocols, only the three whose media types make a document
 * theirs are known, for the document's item; their element fields are not (see {@link Xml}).
 */
public final class XmlFields {
    private XmlFields() { }

    public static List<Field> all() {
        return List.of(
                f("xml", "eXtensible Markup Language", FieldType.PROTOCOL),
                f("xml.xmlpi", "XMLPI", FieldType.STRING),
                f("xml.cdatasection", "CDATASection", FieldType.STRING),
                f("xml.comment", "Comment", FieldType.STRING),
                f("xml.attribute", "Attribute", FieldType.STRING),
                f("xml.doctype", "Doctype", FieldType.STRING),
                f("xml.dtdtag", "DTD Tag", FieldType.STRING),
                f("xml.cdata", "CDATA", FieldType.STRING),
                f("xml.tag", "Tag", FieldType.STRING),
                f("xml.unknown", "Unknown", FieldType.STRING),
                f("xml.xmlpi.xml", "xml.xmlpi.xml", FieldType.STRING),
                f("xml.xmlpi.xml.version", "version", FieldType.STRING),
                f("xml.xmlpi.xml.standalone", "standalone", FieldType.STRING),
                f("xml.xmlpi.xml.encoding", "encoding", FieldType.STRING),
                f("xml.closing_unopened_tag", "Closing an unopened tag", FieldType.NONE),
                f("xml.closing_unopened_xmpli_tag", "Closing an unopened xmpli tag", FieldType.NONE),
                f("xml.unrecognized_text", "Unrecognized text", FieldType.NONE),
                // the DTD protocols whose media types make a document theirs: the document's item
                f("presence", "presence XML doc (RFC 3863)", FieldType.PROTOCOL),
                f("smil", "Synchronized Multimedia Integration Language", FieldType.PROTOCOL),
                f("mscml", "Media Server Control Markup Language - draft 07", FieldType.PROTOCOL));
    }

    private static Field f(String name, String title, FieldType type) {
        return Collected.field(name, title, type, 0, dev.tcpscope.proto.Media::treeFields);
    }
}
