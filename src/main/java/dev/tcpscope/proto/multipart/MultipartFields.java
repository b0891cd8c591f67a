package dev.tcpscope.proto.multipart;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * packet-multipart.c's fields with Wireshark's names, titles and types ({@code tshark -G
 * fields}); their values are the items of the frame's tree, which HTTP builds with the multipart
 * dissector's items for each multipart body.
 */
public final class MultipartFields {
    private MultipartFields() { }

    public static List<Field> all() {
        return List.of(
                // -e mime_multipart writes the protocol item's label (type and boundary)
                f("mime_multipart", "MIME Multipart Media Encapsulation", FieldType.PROTOCOL),
                f("mime_multipart.type", "Type", FieldType.STRING),
                f("mime_multipart.part", "Encapsulated multipart part", FieldType.STRING),
                f("mime_multipart.header.content-description", "Content-Description", FieldType.STRING),
                f("mime_multipart.header.content-disposition", "Content-Disposition", FieldType.STRING),
                f("mime_multipart.header.content-encoding", "Content-Encoding", FieldType.STRING),
                f("mime_multipart.header.content-id", "Content-Id", FieldType.STRING),
                f("mime_multipart.header.content-language", "Content-Language", FieldType.STRING),
                f("mime_multipart.header.content-length", "Content-Length", FieldType.STRING),
                f("mime_multipart.header.content-transfer-encoding", "Content-Transfer-Encoding", FieldType.STRING),
                f("mime_multipart.header.content-type", "Content-Type", FieldType.STRING),
                f("mime_multipart.header.originalcontent", "OriginalContent", FieldType.STRING),
                f("mime_multipart.first_boundary", "First boundary", FieldType.STRING),
                f("mime_multipart.preamble", "Preamble", FieldType.BYTES),
                f("mime_multipart.last_boundary", "Last boundary", FieldType.STRING),
                f("mime_multipart.boundary", "Boundary", FieldType.STRING),
                f("mime_multipart.trailer", "Trailer", FieldType.BYTES),
                f("mime_multipart.no_required_parameter", "The multipart dissector could not find a required parameter.", FieldType.NONE));
    }

    private static Field f(String name, String title, FieldType type) {
        return Collected.field(name, title, type, 0, dev.tcpscope.proto.Media::treeFields);
    }
}
