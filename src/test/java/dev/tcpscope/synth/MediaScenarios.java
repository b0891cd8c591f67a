package dev.tcpscope.synth;

import dev.tcpscope.frame.LinkType;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;

/**
 * Writes {@code captures/synth-http-media.pcap}: HTTP responses on port 80 whose bodies are PNG and
 * GIF images, one connection each, covering what file-png.c and file-gif.c show beyond the
 * corpus's images: every PNG chunk type file-png.c names or dissects (IHDR, PLTE, tRNS, bKGD of
 * each length, sRGB, tIME, gAMA, cHRM with odd values, tEXt with Latin-1 text and with an empty
 * keyword, iTXt, an unknown type), a PNG taken by the heuristic (no Content-Type), one in two
 * segments, and images cut short: a chunk longer than the body, a length over 2^31, an IHDR
 * shorter than its fields, a body that ends inside a chunk's length, a GIF whose color map runs
 * past its body; then JSON bodies (see {@link #json}), JPEG bodies (see {@link #jpeg}) and XML
 * bodies (see {@link #xml}). Run it to remake the file; the goldens come from tshark
 * (scripts/make-http-goldens.sh); nothing here says what the result should be.
 */
public final class MediaScenarios {
    private static final int CLIENT = 0x0a000201, SERVER = 0x0a000202, SPORT = 80;
    private static final int ACK = FrameBuilder.ACK, PSH = FrameBuilder.PSH;
    private static final long START = 1_700_200_000_000_000_000L;

    private final PcapWriter out;
    private final FrameBuilder client = new FrameBuilder().ipv4(CLIENT, SERVER);
    private final FrameBuilder server = new FrameBuilder().ipv4(SERVER, CLIENT);
    private int scenario;
    private int cport;
    private long base;
    private long cseq, sseq;
    private double t;

    private MediaScenarios(OutputStream os) throws IOException {
        out = new PcapWriter(os, LinkType.ETHERNET, 65535, true);
    }

    private void send(boolean fromClient, int flags, byte[] data) throws IOException {
        FrameBuilder fb = fromClient ? client : server;
        fb.payload(data, 0);
        int n = fromClient
                ? fb.tcp(cport, SPORT, (int) cseq, (int) sseq, flags, 65000, data.length)
                : fb.tcp(SPORT, cport, (int) sseq, (int) cseq, flags, 65000, data.length);
        out.write(base + Math.round((t += 10) * 1_000_000), fb.buffer(), 0, n);
        if (fromClient) {
            cseq += data.length;
        } else {
            sseq += data.length;
        }
    }

    /** One connection: the handshake, a GET, the response in the segments given, the close. */
    private void exchange(String path, byte[]... responseSegments) throws IOException {
        scenario++;
        cport = 41000 + scenario;
        base = START + (long) (scenario - 1) * 10_000_000_000L;
        cseq = 1000;
        sseq = 5000;
        t = 0;
        send(true, FrameBuilder.SYN, new byte[0]);
        cseq++;
        send(false, FrameBuilder.SYN | ACK, new byte[0]);
        sseq++;
        send(true, ACK, new byte[0]);
        send(true, PSH | ACK, ascii("GET " + path + " HTTP/1.1\r\nHost: media.test\r\n\r\n"));
        for (byte[] segment : responseSegments) {
            send(false, PSH | ACK, segment);
        }
        send(true, FrameBuilder.FIN | ACK, new byte[0]);
        cseq++;
        send(false, FrameBuilder.FIN | ACK, new byte[0]);
        sseq++;
        send(true, ACK, new byte[0]);
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] response(String contentType, byte[] body) {
        String head = "HTTP/1.1 200 OK\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.length + "\r\n\r\n";
        return cat(ascii(head), body);
    }

    private static byte[] cat(byte[]... parts) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            o.writeBytes(p);
        }
        return o.toByteArray();
    }

    private static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static byte[] bytes(int... v) {
        byte[] b = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            b[i] = (byte) v[i];
        }
        return b;
    }

    /** A chunk: length, type, data, CRC-32 of type and data; {@code length} as written (-1: the data's). */
    private static byte[] chunk(String type, byte[] data, long length) {
        CRC32 crc = new CRC32();
        crc.update(ascii(type));
        crc.update(data);
        return cat(u32(length < 0 ? data.length : length), ascii(type), data, u32(crc.getValue()));
    }

    private static byte[] chunk(String type, byte[] data) {
        return chunk(type, data, -1);
    }

    private static final byte[] SIGNATURE = bytes(137, 80, 78, 71, 13, 10, 26, 10);

    private static byte[] ihdr(int width, int height, int depth, int colour, int compression, int filter, int interlace) {
        return chunk("IHDR", cat(u32(width), u32(height), bytes(depth, colour, compression, filter, interlace)));
    }

    private void write() throws IOException {
        byte[] indexed = ihdr(3, 2, 8, 3, 0, 0, 1);
        byte[] idat = chunk("IDAT", bytes(0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01));
        byte[] iend = chunk("IEND", new byte[0]);
        byte[] palette = cat(SIGNATURE, indexed, chunk("PLTE", new byte[9]), chunk("tRNS", bytes(0x00, 0x80)),
                chunk("bKGD", bytes(1)), chunk("sRGB", bytes(0)), chunk("tIME", bytes(0x07, 0xea, 12, 5, 16, 30, 59)), idat, iend);
        exchange("/palette.png", response("image/png", palette));
        exchange("/grey.png", response("image/png", cat(SIGNATURE, ihdr(1, 1, 16, 0, 0, 0, 0), chunk("bKGD", bytes(0x12, 0x34)),
                chunk("sRGB", bytes(7)), chunk("tEXt", cat(bytes(0), ascii("empty keyword"))),
                chunk("tEXt", cat(ascii("Comment"), bytes(0), ascii("caf"), bytes(0xe9, ' ', 1), ascii(" done"))),
                chunk("zzZZ", ascii("abc")), iend)));
        exchange("/colour.png", response("image/png", cat(SIGNATURE, ihdr(1, 1, 8, 2, 1, 2, 3),
                chunk("bKGD", bytes(0, 1, 0, 2, 0, 3)), chunk("gAMA", u32(1)),
                chunk("cHRM", cat(u32(0), u32(99_999_999), u32(100_000), u32(1_234_567), u32(12_345_678), u32(5),
                        u32(0xffffffffL), u32(50))),
                chunk("iTXt", cat(ascii("k"), bytes(0, 0, 0), ascii("en"), bytes(0, 0), ascii("hi"))), iend)));
        exchange("/guessed", response(null, palette));
        exchange("/octets", response("application/octet-stream", palette));
        byte[] split = response("image/png", palette);
        exchange("/split.png", java.util.Arrays.copyOfRange(split, 0, 90), java.util.Arrays.copyOfRange(split, 90, split.length));
        exchange("/long-chunk.png", response("image/png", cat(SIGNATURE, indexed, chunk("IDAT", new byte[40], 1000))));
        exchange("/huge-chunk.png", response("image/png", cat(SIGNATURE, indexed, u32(0x80000001L), ascii("IDAT"), new byte[8])));
        exchange("/short-ihdr.png", response("image/png", cat(SIGNATURE, chunk("IHDR", bytes(0, 0, 0, 5, 0, 0)))));
        exchange("/cut.png", response("image/png", cat(SIGNATURE, indexed, bytes(0, 0))));
        // a GIF89a whose global color map (256 colors, 768 bytes) runs past its 40 bytes
        exchange("/cut.gif", response("image/gif", cat(ascii("GIF89a"), bytes(1, 0, 1, 0, 0xf7, 0, 0), new byte[27])));
        json();
        jpeg();
        xml();
    }

    /** A JPEG marker segment: the marker, its length (the data's plus 2, or {@code length}), the data. */
    private static byte[] seg(int marker, byte[] data, int length) {
        int n = length < 0 ? data.length + 2 : length;
        return cat(bytes(0xff, marker, n >> 8, n & 0xff), data);
    }

    private static byte[] seg(int marker, byte[] data) {
        return seg(marker, data, -1);
    }

    private static byte[] le16(int v) {
        return bytes(v & 0xff, v >> 8 & 0xff);
    }

    private static byte[] le32(long v) {
        return bytes((int) v & 0xff, (int) (v >> 8) & 0xff, (int) (v >> 16) & 0xff, (int) (v >> 24) & 0xff);
    }

    /** A little-endian TIFF directory entry: tag, type, count, value or offset. */
    private static byte[] entry(int tag, int type, long count, byte[] value) {
        return cat(le16(tag), le16(type), le32(count), value, new byte[4 - value.length]);
    }

    private static final byte[] SOI = bytes(0xff, 0xd8), EOI = bytes(0xff, 0xd9);
    private static final byte[] JFIF_APP0 = seg(0xe0, cat(ascii("JFIF"), bytes(0, 1, 1, 1, 0, 100, 0, 100, 0, 0)));
    private static final byte[] SOF0 = seg(0xc0, bytes(8, 0, 16, 0, 16, 3, 1, 0x22, 0, 2, 0x11, 1, 3, 0x11, 1));
    private static final byte[] SOS = seg(0xda, bytes(3, 1, 0x00, 2, 0x11, 3, 0x11, 0, 63, 0));

    /**
     * JPEG bodies (file-jpeg.c): a JFIF image with a thumbnail, a comment with a byte over 0x7f,
     * a progressive frame, restart markers, escaped FF bytes and fill bytes in the scan data, and
     * bytes after the end; Exif images in both byte orders whose directories point to Exif, GPS
     * and interoperability directories and hold values of every type, inline and at an offset,
     * with offsets out of bounds and pointing backwards; a TIFF header with no byte order and one
     * whose first directory overlaps it; JFXX and unknown application segments, XMP, FlashPix and
     * ICC application segments, a reserved marker; a JPEG taken by the heuristic, one in two
     * segments, and JPEGs cut short: a segment longer than the body, a length under 2, an
     * identifier without its NUL.
     */
    private void jpeg() throws IOException {
        byte[] scan = bytes(0x12, 0xff, 0x00, 0x34, 0xff, 0xd0, 0x56, 0xff, 0x00, 0xff, 0xd1, 0x78, 0xff, 0xff, 0xff);
        byte[] photo = cat(SOI, seg(0xe0, cat(ascii("JFIF"), bytes(0, 1, 2, 2, 0, 72, 0, 72, 2, 1), bytes(1, 2, 3, 4, 5, 6))),
                seg(0xfe, cat(ascii("caf"), bytes(0xe9), ascii(" comment\n"))), seg(0xdb, new byte[65]),
                seg(0xc2, bytes(8, 0, 1, 0, 1, 1, 1, 0x11, 0)), seg(0xc4, new byte[29]), seg(0xdd, bytes(0, 4)),
                seg(0xda, bytes(1, 1, 0x00, 0, 63, 0x12)), scan, EOI, bytes(1, 2, 3));
        exchange("/photo.jpg", response("image/jpeg", photo));

        // little-endian Exif: IFD0 at 8 (9 entries), IFD1 after it, then the Exif, GPS and value areas
        int ifd0 = 8, ifd1 = ifd0 + 2 + 9 * 12 + 4, exif = ifd1 + 2 + 12 + 4, gps = exif + 2 + 5 * 12 + 4,
                values = gps + 2 + 2 * 12 + 4;
        int make = values, xres = make + 6, bias = xres + 8, comment = bias + 8, lat = comment + 10;
        byte[] tiff = cat(ascii("II"), le16(42), le32(ifd0),
                le16(9), entry(0x010f, 2, 6, le32(make)), entry(0x0112, 3, 1, le16(1)), entry(0x011a, 5, 1, le32(xres)),
                entry(0x8769, 4, 1, le32(exif)), entry(0x8825, 4, 1, le32(gps)), entry(0x9999, 6, 1, le32(0)),
                entry(0x0100, 1, 3, bytes(1, 2, 3)), entry(0x0213, 3, 2, cat(le16(1), le16(2))),
                entry(0xa005, 4, 1, le32(5000)), le32(ifd1),
                le16(1), entry(0x0201, 4, 1, le32(1234)), le32(0),
                le16(5), entry(0x9000, 7, 4, ascii("0230")), entry(0x9204, 10, 1, le32(bias)), entry(0x1234, 9, 1, le32(-5)),
                entry(0xa005, 4, 1, le32(0)), entry(0x9286, 7, 10, le32(comment)), le32(0),
                le16(2), entry(0x0001, 2, 2, ascii("N\0")), entry(0x0002, 5, 3, le32(lat)), le32(0),
                ascii("Canon\0"), le32(72), le32(1), le32(-1), le32(3), ascii("ASCII\0\0\0hi"),
                le32(35), le32(1), le32(30), le32(1), le32(1234), le32(100));
        byte[] exifJpeg = cat(SOI, seg(0xe1, cat(ascii("Exif"), bytes(0, 0), tiff)), seg(0xe2, cat(ascii("FPXR"), bytes(0, 0, 1))),
                seg(0xe2, cat(ascii("ICC_PROFILE"), bytes(0, 1, 1), new byte[8])), SOF0, SOS, bytes(0xaa, 0xbb), EOI);
        exchange("/exif.jpg", response("image/jpg", exifJpeg));

        // big-endian Exif with a value offset past the TIFF data, an Exif pointer past it, and a
        // next-directory offset pointing back into the directory
        byte[] be = cat(ascii("MM"), bytes(0, 42, 0, 0, 0, 8), bytes(0, 3),
                bytes(0x01, 0x0f, 0, 2, 0, 0, 0, 20, 0, 0, 0x10, 0), bytes(0x87, 0x69, 0, 4, 0, 0, 0, 1, 0, 0, 0x20, 0),
                bytes(0x01, 0x00, 0, 3, 0, 0, 0, 1, 0x02, 0x80, 0, 0), bytes(0, 0, 0, 10));
        exchange("/exif-be.jpg", response("image/jpeg", cat(SOI, seg(0xe1, cat(ascii("Exif"), bytes(0, 0), be)), EOI)));
        exchange("/bad-order.jpg", response("image/jpeg", cat(SOI, seg(0xe1, cat(ascii("Exif"), bytes(0, 0), ascii("XX"),
                bytes(0, 42, 0, 0, 0, 8))), EOI)));
        exchange("/low-start.jpg", response("image/jpeg", cat(SOI, seg(0xe1, cat(ascii("Exif"), bytes(0, 0), ascii("II"),
                le16(42), le32(4), new byte[6])), EOI)));

        exchange("/segments.jpg", response("image/jfif", cat(SOI, JFIF_APP0,
                seg(0xe0, cat(ascii("JFXX"), bytes(0, 0x10), new byte[4])), seg(0xe0, cat(ascii("JFXX"), bytes(0, 0x12))),
                seg(0xe0, cat(ascii("Foo"), bytes(0), ascii("bar"))),
                seg(0xe1, cat(ascii("http://ns.adobe.com/xap/1.0/"), bytes(0), ascii("<x/>"))),
                seg(0xe1, cat(ascii("Exif"), bytes(0, 0), ascii("II"), le16(42), le32(8), le16(0), le32(0))),
                seg(0xee, ascii("Adobe")), seg(0xdc, bytes(0, 16)), bytes(0xff, 0x01), bytes(0xff, 0x02, 9, 9), EOI)));
        exchange("/guessed-jpeg", response(null, cat(SOI, JFIF_APP0, SOF0, EOI)));
        byte[] split = response("image/jpeg", photo);
        exchange("/split.jpg", java.util.Arrays.copyOfRange(split, 0, 100), java.util.Arrays.copyOfRange(split, 100, split.length));
        exchange("/long-segment.jpg", response("image/jpeg", cat(SOI, JFIF_APP0, seg(0xdb, new byte[10], 300))));
        exchange("/length-one.jpg", response("image/jpeg", cat(SOI, JFIF_APP0, seg(0xdb, new byte[0], 1), new byte[4])));
        exchange("/no-nul.jpg", response("image/jpeg", cat(SOI, JFIF_APP0, seg(0xe1, ascii("ExifExif")), EOI)));
        exchange("/short.jpg", response("image/jpeg", cat(SOI, seg(0xe0, ascii("JFIF\0")), bytes(0xff, 0xd9), new byte[7])));
        exchange("/nineteen.jpg", response("image/jpeg", cat(SOI, seg(0xe0, ascii("JFIF\0")), bytes(0xff, 0xd9), new byte[6])));
    }

    /**
     * JSON bodies (packet-json.c): every kind of value and escape, blanks where tvbparse skips
     * them, several values one after the other, what does not parse (a leading zero, a bad escape,
     * text after the value, not JSON at all), nesting around tvbparse's recursion limit, and
     * packet-json.c's other media types.
     */
    private void json() throws IOException {
        String[] bodies = {
            "{\"a\":1,\"b\":[1,2.5e3,-0.5,1E+5,0.0e-1,-0],\"c\":{\"d\":true,\"e\":false,\"f\":null,\"n\":NaN},\"g\":\"\"}",
            "[1,\"two\",{\"k\":\"v\"},[],{},[{\"x\":[{\"y\":\"z\"}]}]]",
            " { \"sp\" : [ 1 , 2 ] , \"odd\" : 1 .5 , \"neg\" : - 1 }\r\n",
            "{\"esc\":\"x\\ny\\\"z\\u00e9\\ud83d\\ude00\\u0041\\u0000\\uD800\\/\\b\\f\\t\",\"k\\u00e9y\":\"tab\there\"}",
            "{\"u\":\"\\u0009\\u4e2d\\u200b\\u00ad\\uffff\\ue000\"}",
            "{\"a\":1}{\"b\":2}\n[3]\n",
            "{\"a\":1} trailing text",
            "{\"a\":01}",
            "not json at all",
            "{\"bad\":\"\\x41\"}",
            "[1,]",
            "[".repeat(25) + "]".repeat(25),
            "[".repeat(26) + "]".repeat(26),
            "{\"a\":".repeat(18) + "1" + "}".repeat(18),
            "{\"a\":".repeat(20) + "1" + "}".repeat(20),
        };
        int n = 0;
        for (String body : bodies) {
            exchange("/json/" + ++n, response("application/json", ascii(body)));
        }
        exchange("/utf8", response("application/json; charset=utf-8",
                cat(ascii("{\"hi\":\""), bytes(0xc3, 0xa9, 0xff), ascii("\",\"z\":\"caf"), bytes(0xc3, 0xa9), ascii("\"}"))));
        for (String type : new String[] {"application/problem+json", "application/x-ndjson", "application/vnd.oma.lwm2m+json",
            "application/json-rpc", "application/senml+json", "text/json"}) {
            exchange("/type", response(type, ascii("{\"type\":\"" + type + "\"}")));
        }
        byte[] split = response("application/json", ascii("{\"split\":[\"over\",\"two\",\"segments\"]}"));
        exchange("/split.json", java.util.Arrays.copyOfRange(split, 0, 70), java.util.Arrays.copyOfRange(split, 70, split.length));
    }

    /**
     * XML bodies (packet-xml.c): a declaration, comment, DOCTYPE, nested tags with attributes in
     * both quote styles, digits and bare names, text with an entity, empty tags, a CDATA section,
     * a prefixed name, an element never closed; closing tags that close nothing, text around a
     * stray '<', processing instructions other than {@code <?xml}, an internal DTD subset, blanks
     * inside tags, an escaped quote, unterminated comment and CDATA section, a document cut short
     * inside an attribute, Latin-1 and control bytes in text, labels past 240 bytes, nesting past
     * proto.c's 500 levels; a text/html body starting with {@code <?xml} (data-text-lines hands it
     * on), a type both dissectors register, and a body over two segments.
     */
    private void xml() throws IOException {
        String[] bodies = {
            "<?xml version=\"1.0\" encoding='utf-8' standalone=\"yes\"?>\n<!-- a comment -->\n"
                    + "<!DOCTYPE note SYSTEM \"note.dtd\">\n<root a=\"1\" b='two' c=3 d=name>\n  <child>text &amp; more</child>\n"
                    + "  <empty/>\n  <e2 x=\"y\"/>\n  <![CDATA[ <raw> ]]>\n  <ns:tag ns:attr=\"v\">in ns</ns:tag>\n"
                    + "  <unclosed>\n</root>\n",
            "<a><b></c></b></a></a></z>",
            "<a>cut short <b attr=\"unterminated",
            "just text < not a tag > & stuff",
            "<?php echo 1; ?><?xml-stylesheet href=\"a.css\" type=\"text/css\"?><?XML version=\"1.0\"?><r/>",
            "<!DOCTYPE note [\n<!ELEMENT note (to)>\n<!ATTLIST note a CDATA #IMPLIED>\ninner text\n]>\n<note>x</note>",
            "< a >< / a >< b / ><c\n  x = \"1\"  \n/><d e=\"a\\\"b\"/><f g=\"\"/><a.b c.d='1'>t</a.b>",
            "<!-- unterminated comment <a/>",
            "<![CDATA[ unterminated <a/>",
            "]><a/>?></a>",
            "<long attr=\"" + "v".repeat(300) + "\">" + "c".repeat(300) + "</long>",
            "<d>".repeat(497) + "x" + "</d>".repeat(497),
            "<d>".repeat(498) + "x" + "</d>".repeat(498),
            "<d>".repeat(600) + "</d>".repeat(600),
        };
        int n = 0;
        for (String body : bodies) {
            exchange("/xml/" + ++n, response("application/xml", ascii(body)));
        }
        exchange("/latin1.xml", response("text/xml; charset=iso-8859-1",
                cat(ascii("<r>caf"), bytes(0xe9, ' ', 0xff, 1), ascii(" tab\tnl\nend</r>"))));
        exchange("/page.html", response("text/html", ascii("<?xml version=\"1.0\" encoding=\"UTF-8\"?><html><body>hi</body></html>")));
        exchange("/stats", response("application/x-wms-logplaystats", ascii("<stats n=\"1\"/>")));
        exchange("/soap", response("application/soap+xml", ascii("<s:Envelope><s:Body>ok</s:Body></s:Envelope>")));
        byte[] split = response("text/xml", ascii("<split><over>two</over><segments/></split>"));
        exchange("/split.xml", java.util.Arrays.copyOfRange(split, 0, 70), java.util.Arrays.copyOfRange(split, 70, split.length));
    }

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            System.err.println("usage: MediaScenarios OUT.pcap");
            System.exit(2);
        }
        try (OutputStream os = Files.newOutputStream(Path.of(args[0]))) {
            MediaScenarios s = new MediaScenarios(os);
            s.write();
            s.out.close();
        }
    }
}
