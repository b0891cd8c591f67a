package dev.tcpscope.proto.multipart;

import dev.tcpscope.field.FieldType;
import dev.tcpscope.field.Values;
import dev.tcpscope.proto.Collected;
import org.junit.jupiter.api.Test;

import java.lang.foreign.MemorySegment;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * packet-multipart.c's rules where the corpus has no example (the captures under {@code
 * captures/} and their goldens check the common shapes against tshark): header compaction,
 * parameter look-up, a closing boundary without a line end before it, a missing boundary.
 */
class MultipartTest {
    @Test
    void headersAreUnfoldedAndCompactedAroundSeparators() {
        int[] colon = {0};
        assertThat(Multipart.compact("Content-Type :  text/plain ;\r\n charset=\"a  b\"\r\nX: y", colon))
                .isEqualTo("Content-Type:text/plain;charset=\"a  b\"");
        assertThat(colon[0]).isEqualTo(12);
        assertThat(Multipart.compact("no colon here\r\n", colon)).isEqualTo("no colon here");
        assertThat(colon[0]).isEqualTo(-1);
        assertThat(Multipart.compact("A:b\nc", colon)).isEqualTo("A:b"); // a bare LF ends the header too
    }

    @Test
    void parametersAreFoundByExactNameAndUnquoted() {
        assertThat(Multipart.parameter("boundary=\"xy z\";charset=utf-8", "boundary")).isEqualTo("xy z");
        assertThat(Multipart.parameter("charset=utf-8;Boundary=abc/def", "boundary")).isEqualTo("abc"); // '/' ends a token
        assertThat(Multipart.parameter("charset=utf-8", "boundary")).isNull();
        assertThat(Multipart.parameter("boundary =abc", "boundary")).isNull(); // the name runs to '='
        assertThat(Multipart.parameter("x=\"a;boundary=q\";boundary=r", "boundary")).isEqualTo("r");
        assertThat(Multipart.parameter("boundary", "boundary")).isNull();
    }

    @Test
    void partsGoToTheirMediaTypeOrToData() {
        String body = "--B\r\nContent-Type: Image/X; q=1\r\n\r\nDATA\r\n--B\r\n\r\nraw bytes\r\n--B--\r\ntrailer";
        Collected c = new Collected();
        StringBuilder info = new StringBuilder();
        List<String> protocols = new ArrayList<>();
        assertThat(dissect("multipart/mixed", "boundary=B", body, c, info, protocols)).isNull();
        assertThat(info.toString()).isEqualTo(" (image/x)");
        assertThat(protocols).containsExactly("mime_multipart", "media", "data");
        assertThat(strings(c, "mime_multipart.header.content-type")).containsExactly("Image/X;q=1");
        assertThat(strings(c, "mime_multipart.first_boundary")).containsExactly("--B\r\n");
        assertThat(strings(c, "mime_multipart.boundary")).containsExactly("\r\n--B\r\n");
        assertThat(strings(c, "mime_multipart.last_boundary")).containsExactly("\r\n--B--\r\n");
        assertThat(strings(c, "mime_multipart.part")).containsExactly("", "");
        assertThat(count(c, "mime_multipart.trailer")).isEqualTo(1);
    }

    @Test
    void aClosingBoundaryWithoutALineEndBeforeItEndsTheLastPart() {
        Collected c = new Collected();
        StringBuilder info = new StringBuilder();
        assertThat(dissect("multipart/related", "boundary=B", "--B\r\nContent-Type: text/plain\r\n\r\nhello--B--\r\n", c, info,
                new ArrayList<>())).isNull();
        assertThat(info.toString()).isEqualTo(" (text/plain)");
        assertThat(strings(c, "mime_multipart.last_boundary")).containsExactly("--B--\r\n");
    }

    @Test
    void withoutABoundaryTheBodyIsDataWithAnError() {
        Collected c = new Collected();
        StringBuilder info = new StringBuilder();
        List<String> protocols = new ArrayList<>();
        assertThat(dissect("multipart/byteranges", "charset=x", "--B\r\n\r\nx\r\n--B--\r\n", c, info, protocols)).isNull();
        assertThat(info).isEmpty();
        assertThat(protocols).containsExactly("mime_multipart", "data");
        assertThat(count(c, "mime_multipart")).isZero(); // an expert item and the data, no protocol item
        assertThat(count(c, "mime_multipart.part")).isZero();
        assertThat(count(c, "data.data")).isEqualTo(1);
    }

    @Test
    void nestedMultipartsAreBoundedAndABodyWithoutItsBoundaryStops() {
        String body = "x";
        for (int i = 39; i >= 0; i--) {
            // "B1x" is no prefix of "B10x": a boundary that prefixes another's would end its parts early
            body = "--B" + i + "x\r\nContent-Type: multipart/mixed; boundary=B" + (i + 1) + "x\r\n\r\n" + body + "\r\n--B" + i + "x--\r\n";
        }
        Collected c = new Collected();
        StringBuilder info = new StringBuilder();
        assertThat(dissect("multipart/mixed", "boundary=B0x", body, c, info, new ArrayList<>())).isNull();
        assertThat(count(c, "mime_multipart")).isEqualTo(17); // the 17th level's part is shown as media
        assertThat(info.toString()).isEqualTo(" (multipart/mixed)");

        c = new Collected();
        assertThat(dissect("multipart/mixed", "boundary=B", "--B\r\nContent-Type: text/plain\r\n\r\nno end", c,
                new StringBuilder(), new ArrayList<>())).isNull();
        assertThat(count(c, "mime_multipart.part")).isEqualTo(1); // the part's item stays, with nothing under it
        assertThat(count(c, "mime_multipart.header.content-type")).isZero();
    }

    private static String dissect(String type, String params, String body, Collected c, StringBuilder info, List<String> protocols) {
        byte[] b = body.getBytes(StandardCharsets.ISO_8859_1);
        return Multipart.dissect(type, params, MemorySegment.ofArray(b), 0, b.length, c, info, protocols::add);
    }

    private static List<String> strings(Collected c, String key) {
        Values v = new Values();
        c.values(key, FieldType.STRING, v);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < v.size(); i++) {
            out.add(v.stringAt(i).toString());
        }
        return out;
    }

    private static int count(Collected c, String key) {
        Values v = new Values();
        c.values(key, FieldType.NONE, v);
        return v.size();
    }
}
