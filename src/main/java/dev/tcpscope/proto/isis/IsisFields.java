package dev.tcpscope.proto.isis;

import dev.tcpscope.field.Field;
import dev.tcpscope.proto.Collected;
import dev.tcpscope.proto.Tvb;
import dev.tcpscope.tcp.Decoder;
import dev.tcpscope.wire.Dissection;
import dev.tcpscope.wire.Proto;

import java.util.ArrayList;
import java.util.List;

/**
 * packet-isis*.c's fields with Wireshark 4.0.17's names, titles and types ({@code tshark -G
 * fields} rows of isis, isis.hello, isis.lsp, isis.csnp and isis.psnp), their values the items
 * of the walk that builds the tree.
 */
public final class IsisFields {
    private IsisFields() { }

    public static List<Field> all() {
        List<Field> out = new ArrayList<>();
        out.addAll(Isis.COMMON.fields("ISO 10589 ISIS InTRA Domain Routeing Information Exchange Protocol", IsisFields::of));
        out.addAll(Isis.HELLO.fields("ISIS HELLO", IsisFields::of));
        out.addAll(Isis.LSP.fields("ISO 10589 ISIS Link State Protocol Data Unit", IsisFields::of));
        out.addAll(Isis.CSNP.fields("ISO 10589 ISIS Complete Sequence Numbers Protocol Data Unit", IsisFields::of));
        out.addAll(Isis.PSNP.fields("ISO 10589 ISIS Partial Sequence Numbers Protocol Data Unit", IsisFields::of));
        return out;
    }

    private static Collected of(Decoder d) {
        return Collected.ofLayers(d, Proto.ISIS, (x, i, c) -> Isis.walk(tvb(x, i), c, new StringBuilder(), new StringBuilder()));
    }

    private static Tvb tvb(Dissection x, int i) {
        return new Tvb(x.segment(i), x.offset(i), x.captured(i), x.reported(i));
    }
}
