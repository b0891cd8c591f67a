package dev.tcpscope.proto.tftp;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldType;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.tcp.Decoder;

import java.util.List;

/**
 * packet-tftp.c's fields with Wireshark 4.0.17's names, titles and types ({@code tshark -G
 * fields}); their values are the detail tree's items of the frame. The reassembly fields are
 * registered for filters but never present: tshark reassembles TFTP files only with a preference
 * that is off by default.
 */
public final class TftpFields {
    private TftpFields() { }

    public static List<Field> all() {
        return List.of(
                f("tftp", "Trivial File Transfer Protocol", FieldType.PROTOCOL, 0),
                f("tftp.opcode", "Opcode", FieldType.UINT, 16),
                f("tftp.source_file", "Source File", FieldType.STRING, 0),
                f("tftp.destination_file", "Destination File", FieldType.STRING, 0),
                f("tftp.request_frame", "Request frame", FieldType.FRAMENUM, 0),
                f("tftp.type", "Type", FieldType.STRING, 0),
                f("tftp.block", "Block", FieldType.UINT, 16),
                f("tftp.block.full", "Full Block Number", FieldType.UINT, 32),
                f("tftp.nextwindowsize", "Next Window Size", FieldType.UINT, 16),
                f("tftp.error.code", "Error code", FieldType.UINT, 16),
                f("tftp.error.message", "Error message", FieldType.STRING, 0),
                f("tftp.option.name", "Option name", FieldType.STRING, 0),
                f("tftp.option.value", "Option value", FieldType.STRING, 0),
                f("tftp.data", "Data", FieldType.BYTES, 0),
                f("tftp.fragments", "TFTP Fragments", FieldType.NONE, 0),
                f("tftp.fragment", "TFTP Fragment", FieldType.FRAMENUM, 0),
                f("tftp.fragment.overlap", "Fragment overlap", FieldType.BOOLEAN, 0),
                f("tftp.fragment.overlap.conflicts", "Conflicting data in fragment overlap", FieldType.BOOLEAN, 0),
                f("tftp.fragment.multipletails", "Multiple tail fragments found", FieldType.BOOLEAN, 0),
                f("tftp.fragment.toolongfragment", "Fragment too long", FieldType.BOOLEAN, 0),
                f("tftp.fragment.error", "Defragmentation error", FieldType.FRAMENUM, 0),
                f("tftp.fragment.count", "Fragment count", FieldType.UINT, 32),
                f("tftp.reassembled_in", "Reassembled TFTP in frame", FieldType.FRAMENUM, 0),
                f("tftp.reassembled.length", "Reassembled TFTP length", FieldType.UINT, 32),
                f("tftp.reassembled.data", "Reassembled TFTP data", FieldType.BYTES, 0));
    }

    private static Field f(String name, String title, FieldType type, int bits) {
        return Collected.field(name, title, type, bits, TftpFields::of);
    }

    private static Collected of(Decoder d) {
        Tftp x = Collected.dissector(d, "tftp", Tftp.class);
        return x == null ? null : x.fields(d.frame().number());
    }
}
