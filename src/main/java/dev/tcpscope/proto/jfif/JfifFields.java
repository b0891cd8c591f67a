package dev.tcpscope.proto.jfif;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * file-jpeg.c's fields with Wireshark's names, titles and types ({@code tshark -G fields}); their
 * values are the items of the frame's tree where the JPEG's media dissector put them (an HTTP
 * body, a multipart part, an IMF body).
 */
public final class JfifFields {
    private JfifFields() { }

    public static List<Field> all() {
        return List.of(
                f("image-jfif", "JPEG File Interchange Format", FieldType.PROTOCOL, 0),
                hex("image-jfif.marker", "Marker", 16),
                f("image-jfif.marker_segment", "Marker segment", FieldType.NONE, 0),
                f("image-jfif.length", "Length", FieldType.UINT, 16),
                f("image-jfif.identifier", "Identifier", FieldType.STRING, 0),
                f("image-jfif.version", "Version", FieldType.NONE, 0),
                f("image-jfif.version.major", "Major Version", FieldType.UINT, 8),
                f("image-jfif.version.minor", "Minor Version", FieldType.UINT, 8),
                f("image-jfif.units", "Units", FieldType.UINT, 8),
                f("image-jfif.Xdensity", "Xdensity", FieldType.UINT, 16),
                f("image-jfif.Ydensity", "Ydensity", FieldType.UINT, 16),
                f("image-jfif.Xthumbnail", "Xthumbnail", FieldType.UINT, 16),
                f("image-jfif.Ythumbnail", "Ythumbnail", FieldType.UINT, 16),
                f("image-jfif.RGB", "RGB values of thumbnail pixels", FieldType.BYTES, 0),
                hex("image-jfif.extension.code", "Extension code", 8),
                f("image-jfif.sof", "Start of Frame header", FieldType.NONE, 0),
                f("image-jfif.sof.precision", "Sample Precision (bits)", FieldType.UINT, 8),
                f("image-jfif.sof.lines", "Lines", FieldType.UINT, 16),
                f("image-jfif.sof.samples_per_line", "Samples per line", FieldType.UINT, 16),
                f("image-jfif.sof.nf", "Number of image components in frame", FieldType.UINT, 8),
                f("image-jfif.sof.c_i", "Component identifier", FieldType.UINT, 8),
                f("image-jfif.sof.h_i", "Horizontal sampling factor", FieldType.UINT, 8),
                f("image-jfif.sof.v_i", "Vertical sampling factor", FieldType.UINT, 8),
                f("image-jfif.sof.tq_i", "Quantization table destination selector", FieldType.UINT, 8),
                f("image-jfif.header.sos", "Start of Segment header", FieldType.NONE, 0),
                f("image-jfif.sos.ns", "Number of image components in scan", FieldType.UINT, 8),
                f("image-jfif.sos.component_selector", "Scan component selector", FieldType.UINT, 8),
                f("image-jfif.sos.dc_entropy_selector", "DC entropy coding table destination selector", FieldType.UINT, 8),
                f("image-jfif.sos.ac_entropy_selector", "AC entropy coding table destination selector", FieldType.UINT, 8),
                f("image-jfif.sos.ss", "Start of spectral or predictor selection", FieldType.UINT, 8),
                f("image-jfif.sos.se", "End of spectral selection", FieldType.UINT, 8),
                f("image-jfif.sos.ah", "Successive approximation bit position high", FieldType.UINT, 8),
                f("image-jfif.sos.al", "Successive approximation bit position low or point transform", FieldType.UINT, 8),
                f("image-jfif.header.comment", "Comment header", FieldType.NONE, 0),
                f("image-jfif.comment", "Comment", FieldType.STRING, 0),
                f("image-jfif.remain_seg_data", "Remaining segment data", FieldType.BYTES, 0),
                hex("image-jfif.endianness", "Endianness", 16),
                f("image-jfif.start_ifd_offset", "Start offset of IFD starting from the TIFF header start", FieldType.UINT, 32),
                f("image-jfif.next_ifd_offset", "Offset to next IFD from start of TIFF header", FieldType.UINT, 32),
                f("image-jfif.exif_flashpix_marker", "Exif FlashPix APP2 application marker", FieldType.NONE, 0),
                f("image-jfif.entropy_coded_segment", "Entropy-coded segment (dissection is not yet implemented)", FieldType.BYTES, 0),
                f("image-jfif.fill_bytes", "Fill bytes", FieldType.BYTES, 0),
                f("image-jfif.skipped_tiff_data", "Skipped data between end of TIFF header and start of IFD", FieldType.BYTES, 0),
                f("image-jfif.ifd.num_fields", "Number of fields in this IFD", FieldType.UINT, 16),
                f("image-jfif.ifd.tag", "Tag", FieldType.UINT, 16),
                f("image-jfif.ifd.tag_exif", "Tag", FieldType.UINT, 16),
                f("image-jfif.ifd.tag_gps", "Tag", FieldType.UINT, 16),
                f("image-jfif.ifd.tag_interop", "Tag", FieldType.UINT, 16),
                f("image-jfif.ifd.type", "Type", FieldType.UINT, 16),
                f("image-jfif.ifd.count", "Count", FieldType.UINT, 32),
                f("image-jfif.ifd.offset", "Value offset from start of TIFF header", FieldType.UINT, 32),
                f("image-jfif.ifd.value_byte", "Value", FieldType.UINT, 8),
                f("image-jfif.ifd.value_ascii", "Value", FieldType.STRING, 0),
                f("image-jfif.ifd.value_short", "Value", FieldType.UINT, 16),
                f("image-jfif.ifd.value_long", "Value", FieldType.UINT, 32),
                f("image-jfif.ifd.value_rational", "Value", FieldType.NONE, 0),
                f("image-jfif.ifd.value_rational.numerator", "Numerator", FieldType.UINT, 32),
                f("image-jfif.ifd.value_rational.denominator", "Denominator", FieldType.UINT, 32),
                f("image-jfif.ifd.value_undefined", "Value (raw)", FieldType.BYTES, 0),
                f("image-jfif.ifd.value_slong", "Value", FieldType.INT, 32),
                f("image-jfif.ifd.value_srational", "Value", FieldType.NONE, 0),
                f("image-jfif.ifd.value_srational.numerator", "Numerator", FieldType.INT, 32),
                f("image-jfif.ifd.value_srational.denominator", "Denominator", FieldType.INT, 32));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, dev.tcpscope.proto.Media::treeFields);
    }

    private static Field hex(String name, String title, int bits) {
        return Collected.field(name, title, FieldType.UINT, bits, Base.HEX, dev.tcpscope.proto.Media::treeFields);
    }
}
