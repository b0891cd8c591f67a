package dev.tcpscope.proto.gif;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * file-gif.c's fields with Wireshark's names, titles and types ({@code tshark -G fields}); their
 * values are the items of the frame's tree, which HTTP builds with the GIF of each body it hands
 * on (so they come from the HTTP dissector's tree of the frame).
 */
public final class GifFields {
    private GifFields() { }

    public static List<Field> all() {
        return List.of(
                // -e image-gif writes the protocol item's label, which names the version (Collected.field)
                f("image-gif", "Compuserve GIF", FieldType.PROTOCOL, 0),
                f("image-gif.version", "Version", FieldType.STRING, 0),
                f("image-gif.screen.width", "Screen width", FieldType.UINT, 16),
                f("image-gif.screen.height", "Screen height", FieldType.UINT, 16),
                f("image-gif.global.color_map.present", "Global color map is present", FieldType.UINT, 8),
                f("image-gif.global.color_bpp", "Bits per color minus 1", FieldType.UINT, 8),
                f("image-gif.global.color_map.ordered", "Global color map is ordered", FieldType.UINT, 8),
                f("image-gif.global.bpp", "Image bits per pixel minus 1", FieldType.UINT, 8),
                f("image-gif.image_background_index", "Background color index", FieldType.UINT, 8),
                f("image-gif.global.pixel_aspect_ratio", "Global pixel aspect ratio", FieldType.UINT, 8),
                f("image-gif.global.color_map", "Global color map", FieldType.BYTES, 0),
                f("image-gif.image.left", "Image left position", FieldType.UINT, 16),
                f("image-gif.image.top", "Image top position", FieldType.UINT, 16),
                f("image-gif.image.width", "Image width", FieldType.UINT, 16),
                f("image-gif.image.height", "Image height", FieldType.UINT, 16),
                f("image-gif.local.color_map.present", "Local color map is present", FieldType.UINT, 8),
                f("image-gif.local.color_bpp", "Bits per color minus 1", FieldType.UINT, 8),
                f("image-gif.local.color_map.ordered", "Local color map is ordered", FieldType.UINT, 8),
                f("image-gif.local.bpp", "Image bits per pixel minus 1", FieldType.UINT, 8),
                f("image-gif.local.color_map", "Local color map", FieldType.BYTES, 0),
                f("image-gif.extension", "Extension", FieldType.NONE, 0),
                Collected.field("image-gif.extension.label", "Extension label", FieldType.UINT, 8, Base.HEX, dev.tcpscope.proto.Media::treeFields),
                f("image-gif.image", "Image", FieldType.NONE, 0),
                f("image-gif.image.code_size", "LZW minimum code size", FieldType.UINT, 8),
                f("image-gif.end", "Trailer (End of the GIF stream)", FieldType.NONE, 0),
                Collected.field("image-gif.data_block", "Data block", FieldType.BYTES, 0, Base.ALLOW_ZERO, dev.tcpscope.proto.Media::treeFields));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, dev.tcpscope.proto.Media::treeFields);
    }
}
