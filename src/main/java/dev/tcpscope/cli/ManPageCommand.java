package dev.tcpscope.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParentCommand;

import java.util.concurrent.Callable;

/**
 * {@code tcpscope manpage}: tcpscope(1) in troff's man macros, written from the picocli model that
 * parses the command line (every command, its parameters and its options with their
 * descriptions), so the page never disagrees with {@code --help}. picocli's own generator writes
 * AsciiDoc, which needs Asciidoctor to become a man page; the page is simple enough to write here.
 */
@Command(name = "manpage", mixinStandardHelpOptions = true,
        description = {"Print tcpscope's manual page (troff), made from the same model as --help.",
            "Install it with: mkdir -p ~/.local/share/man/man1 && tcpscope manpage > ~/.local/share/man/man1/tcpscope.1",
            "then read it with: man tcpscope (or, without installing: tcpscope manpage | man -l -)."})
final class ManPageCommand implements Callable<Integer> {
    @ParentCommand
    TcpscopeCommand parent;

    @Override
    public Integer call() {
        CommandLine all = new CommandLine(new TcpscopeCommand(parent.out, parent.err));
        Main.addSubcommands(all, null);
        parent.out.print(page(all.getCommandSpec()));
        parent.out.flush();
        return 0;
    }

    /** The page of command {@code top} and its subcommands. */
    static String page(CommandSpec top) {
        StringBuilder b = new StringBuilder();
        String version = top.version().length > 0 ? top.version()[0] : top.name();
        b.append(".TH TCPSCOPE 1 \"\" \"").append(escape(version)).append("\" \"User Commands\"\n");
        b.append(".SH NAME\n").append(top.name()).append(" \\- ").append(escape(String.join(" ", top.usageMessage().description()))).append('\n');
        b.append(".SH SYNOPSIS\n.B ").append(top.name()).append("\n.I COMMAND\n[\\fIOPTIONS\\fR] [\\fIARGUMENTS\\fR]\n");
        b.append(".SH COMMANDS\n");
        for (CommandLine sub : top.subcommands().values()) {
            command(b, top.name(), sub.getCommandSpec());
        }
        String[] footer = top.usageMessage().footer();
        if (footer.length > 0) {
            b.append(".SH \"LAUNCHER COMMANDS\"\n.nf\n");
            for (String line : footer) {
                if (!line.isBlank()) {
                    b.append(escape(line)).append('\n');
                }
            }
            b.append(".fi\n");
        }
        b.append(".SH \"SEE ALSO\"\n.BR tshark (1),\n.BR tcpdump (8),\n.BR wireshark\\-filter (4)\n");
        return b.toString();
    }

    private static void command(StringBuilder b, String program, CommandSpec c) {
        b.append(".SS \"").append(program).append(' ').append(c.name());
        for (PositionalParamSpec p : c.positionalParameters()) {
            if (!p.hidden()) {
                b.append(' ').append(escape(p.paramLabel()));
            }
        }
        b.append("\"\n");
        for (String line : c.usageMessage().description()) {
            b.append(escape(line)).append("\n.br\n");
        }
        for (PositionalParamSpec p : c.positionalParameters()) {
            if (!p.hidden()) {
                b.append(".TP\n.I ").append(escape(p.paramLabel())).append('\n').append(escape(String.join(" ", p.description()))).append('\n');
            }
        }
        for (OptionSpec o : c.options()) {
            if (o.hidden()) {
                continue;
            }
            b.append(".TP\n");
            String[] names = o.names();
            for (int i = 0; i < names.length; i++) {
                b.append(i == 0 ? "\\fB" : ", \\fB").append(escape(names[i])).append("\\fR");
            }
            if (o.arity().max() > 0) {
                b.append(' ').append("\\fI").append(escape(o.paramLabel())).append("\\fR");
            }
            b.append('\n').append(escape(String.join(" ", o.description()))).append('\n');
        }
    }

    /** Text for a troff line: backslashes and hyphens escaped, no request at the start of a line. */
    static String escape(String text) {
        String t = text.replace("\\", "\\e").replace("-", "\\-");
        // picocli's ${DEFAULT-VALUE} and friends are already expanded by description()
        if (t.startsWith(".") || t.startsWith("'")) {
            t = "\\&" + t;
        }
        return t.replace("\n.", "\n\\&.").replace("\n'", "\n\\&'");
    }
}
