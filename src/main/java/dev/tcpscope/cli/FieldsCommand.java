package dev.tcpscope.cli;

import dev.tcpscope.field.Field;
import dev.tcpscope.field.FieldTable;
import dev.tcpscope.field.FieldTypes;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code tcpscope fields}: every field tcpscope can print with {@code -T fields} and filter on,
 * one per line in the columns of {@code tshark -G fields}: {@code P}, title, name for a
 * protocol; {@code F}, title, name, type, parent protocol, base, bitmask (values are shown
 * already masked and shifted, so 0x0) and an empty description for a field.
 */
@Command(name = "fields", mixinStandardHelpOptions = true,
        description = "List the fields tcpscope knows, in the columns of tshark -G fields.")
final class FieldsCommand implements Callable<Integer> {
    @ParentCommand
    TcpscopeCommand parent;

    @picocli.CommandLine.Option(names = "--protocols",
            description = "List the protocols instead, in the columns of tshark -G protocols (name, short name, filter name).")
    boolean protocols;

    /** What {@code -G} named when it was neither fields nor protocols (Main maps {@code -G X} here). */
    @picocli.CommandLine.Option(names = "--glossary", hidden = true)
    String glossary;


    @Override
    public Integer call() {
        if (glossary != null) {
            parent.err.println("tcpscope: Invalid \"" + glossary + "\" option for -G; tcpscope knows -G fields and -G protocols.");
            return 1;
        }
        StringBuilder sb = new StringBuilder(64 * 1024);
        for (Field f : dev.tcpscope.proto.Protocols.readFields().all()) {
            if (protocols) {
                if (f.type() == dev.tcpscope.field.FieldType.PROTOCOL) {
                    String shortName = dev.tcpscope.proto.ExpertFields.shortName(f.name());
                    if (shortName == null) {
                        shortName = java.util.Objects.requireNonNullElse(dev.tcpscope.field.ProtocolNames.shortName(f.name()), f.title());
                    }
                    sb.append(f.title()).append('\t').append(shortName).append('\t')
                            .append(f.name()).append('\n');
                }
                continue;
            }
            line(sb, f);
            sb.append('\n');
        }
        parent.out.print(sb);
        parent.out.flush();
        return 0;
    }

    /** The line for one field, without the newline. */
    static void line(StringBuilder sb, Field f) {
        if (f.type() == dev.tcpscope.field.FieldType.PROTOCOL) {
            sb.append("P\t").append(f.title()).append('\t').append(f.name());
            return;
        }
        sb.append("F\t").append(f.title()).append('\t').append(f.name()).append('\t').append(FieldTypes.ftName(f))
                .append('\t').append(FieldTypes.parent(f)).append('\t').append(base(f)).append("\t0x0\t");
    }

    private static String base(Field f) {
        return switch (f.type()) {
            case UINT, INT, FRAMENUM -> f.type() == dev.tcpscope.field.FieldType.FRAMENUM ? "BASE_NONE" : switch (f.base()) {
                case DEC -> "BASE_DEC";
                case HEX -> "BASE_HEX";
                case DEC_HEX -> "BASE_DEC_HEX";
                case HEX_DEC -> "BASE_HEX_DEC";
                case OCT -> "BASE_OCT";
                case NONE, LOCAL_TIME, ALLOW_ZERO -> "BASE_NONE";
            };
            case BOOLEAN -> "BASE_NONE";
            case ABSOLUTE_TIME -> f.base() == dev.tcpscope.field.Base.LOCAL_TIME ? "ABSOLUTE_TIME_LOCAL" : "ABSOLUTE_TIME_UTC";
            default -> "";
        };
    }
}
