package dev.tcpscope.proto.png;

import dev.tcpscope.field.Base;
import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;

import java.util.List;

/**
 * file-png.c's fields with Wireshark's names, titles and types ({@code tshark -G fields}; its
 * FT_FLOAT fields are doubles here); their values are the items of the frame's tree, which HTTP
 * builds with the PNG of each body it hands on.
 */
public final class PngFields {
    private PngFields() { }

    public static List<Field> all() {
        return List.of(
                // -e png writes the protocol's filter name once per PNG, as tshark does (Collected.field)
                f("png", "Portable Network Graphics", FieldType.PROTOCOL, 0),
                f("png.signature", "PNG Signature", FieldType.BYTES, 0),
                f("png.chunk.data", "Data", FieldType.NONE, 0),
                f("png.chunk.type", "Chunk", FieldType.STRING, 0),
                f("png.chunk.len", "Len", FieldType.UINT, 32),
                hex("png.chunk.crc", "CRC", 32),
                f("png.chunk.flag.ancillary", "Ancillary", FieldType.BOOLEAN, 32),
                f("png.chunk.flag.private", "Private", FieldType.BOOLEAN, 32),
                f("png.chunk.flag.stc", "Safe To Copy", FieldType.BOOLEAN, 32),
                f("png.ihdr.width", "Width", FieldType.UINT, 32),
                f("png.ihdr.height", "Height", FieldType.UINT, 32),
                f("png.ihdr.bitdepth", "Bit Depth", FieldType.UINT, 8),
                f("png.ihdr.colour_type", "Colour Type", FieldType.UINT, 8),
                f("png.ihdr.compression_method", "Compression Method", FieldType.UINT, 8),
                f("png.ihdr.filter_method", "Filter Method", FieldType.UINT, 8),
                f("png.ihdr.interlace_method", "Interlace Method", FieldType.UINT, 8),
                f("png.srgb.intent", "Intent", FieldType.UINT, 8),
                f("png.text.keyword", "Keyword", FieldType.STRING, 0),
                f("png.text.string", "String", FieldType.STRING, 0),
                f("png.time.year", "Year", FieldType.UINT, 16),
                f("png.time.month", "Month", FieldType.UINT, 8),
                f("png.time.day", "Day", FieldType.UINT, 8),
                f("png.time.hour", "Hour", FieldType.UINT, 8),
                f("png.time.minute", "Minute", FieldType.UINT, 8),
                f("png.time.second", "Second", FieldType.UINT, 8),
                f("png.phys.horiz", "Horizontal pixels per unit", FieldType.UINT, 32),
                f("png.phys.vert", "Vertical pixels per unit", FieldType.UINT, 32),
                f("png.phys.unit", "Unit", FieldType.UINT, 8),
                f("png.bkgd.palette_index", "Palette Index", FieldType.UINT, 8),
                hex("png.bkgd.greyscale", "Greyscale", 16),
                hex("png.bkgd.red", "Red", 16),
                hex("png.bkgd.green", "Green", 16),
                hex("png.bkgd.blue", "Blue", 16),
                f("png.chrm.white.x", "White X", FieldType.DOUBLE, 0),
                f("png.chrm.white.y", "White Y", FieldType.DOUBLE, 0),
                f("png.chrm.red.x", "Red X", FieldType.DOUBLE, 0),
                f("png.chrm.red.y", "Red Y", FieldType.DOUBLE, 0),
                f("png.chrm.green.x", "Green X", FieldType.DOUBLE, 0),
                f("png.chrm.green.y", "Green Y", FieldType.DOUBLE, 0),
                f("png.chrm.blue.x", "Blue X", FieldType.DOUBLE, 0),
                f("png.chrm.blue.y", "Blue Y", FieldType.DOUBLE, 0),
                f("png.gama.gamma", "Gamma", FieldType.DOUBLE, 0),
                f("png.chunk_too_large", "chunk size too large, dissection of this chunk is not supported", FieldType.NONE, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, dev.tcpscope.proto.Media::treeFields);
    }

    private static Field hex(String name, String title, int bits) {
        return Collected.field(name, title, FieldType.UINT, bits, Base.HEX, dev.tcpscope.proto.Media::treeFields);
    }
}
