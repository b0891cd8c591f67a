package dev.tcpscope.cli;

import dev.tcpscope.capture.CaptureReader;
import dev.tcpscope.filter.DisplayFilter;
import dev.tcpscope.frame.Frame;
import dev.tcpscope.report.ConnectionReport;
import dev.tcpscope.report.ReportWriter;
import dev.tcpscope.tcp.Decoder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code tcpscope stats FILE}: one row per TCP connection and direction with what tcptrace's
 * {@code -l -r} and Zeek's conn.log report (docs/STATS.md), computed from our own analysis in
 * one pass and bounded memory per connection. {@code -Y} chooses the packets counted; every
 * packet is still decoded and analysed, so the per-packet analysis is that of the whole capture.
 */
@Command(name = "stats", mixinStandardHelpOptions = true,
        description = "A report per TCP connection and direction: packets, bytes, retransmissions (fast, RTO, spurious),"
                + " duplicate ACKs, zero windows, window scale, MSS, RTT quantiles, handshake RTT, throughput,"
                + " Zeek's conn_state and history. Columns: docs/STATS.md.")
final class StatsCommand implements Callable<Integer> {
    @ParentCommand
    TcpscopeCommand parent;

    @Parameters(index = "0", paramLabel = "FILE", description = "Capture file (pcap, pcapng; gzip, zstd or lz4 compressed), or - for standard input.")
    String file;

    @Option(names = "-Y", paramLabel = "FILTER",
            description = "Display filter (Wireshark 4.0 syntax): count only the packets it matches; the TCP analysis"
                    + " (retransmissions, RTTs...) still runs over every packet.")
    String displayFilter;

    @Option(names = "--format", paramLabel = "text|csv|json", description = "Output format (default: text, an aligned table).")
    String format = "text";

    @Override
    public Integer call() {
        PrintStream err = parent.err;
        ReportWriter.Format fmt = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> ReportWriter.Format.TEXT;
            case "csv" -> ReportWriter.Format.CSV;
            case "json" -> ReportWriter.Format.JSON;
            default -> null;
        };
        if (fmt == null) {
            err.println("tcpscope: invalid --format \"" + format + "\"; use text, csv or json");
            return 2;
        }
        FilterOption compiled = FilterOption.of(displayFilter, err);
        if (compiled.failed()) {
            return 2;
        }
        DisplayFilter filter = compiled.filter();
        CaptureOpen opened = CaptureOpen.of(file, err);
        if (opened.reader() == null) {
            return opened.failure();
        }
        CaptureReader reader = opened.reader();
        Decoder decoder = new Decoder().payloads(dev.tcpscope.proto.Protocols.table()); // so that -Y can name HTTP fields
        ConnectionReport report = new ConnectionReport();
        Frame frame = new Frame();
        int code = 0;
        try (reader) {
            while (reader.next(frame)) {
                decoder.decode(frame);
                if (filter == null || filter.test(decoder)) {
                    report.frame(decoder);
                }
            }
        } catch (IOException e) {
            // what was read is reported; the damage is named after it, as read does
            code = 1;
            parent.out.print(ReportWriter.write(report.connections(), fmt));
            parent.out.flush();
            err.println("tcpscope: " + e.getMessage());
            return code;
        }
        parent.out.print(ReportWriter.write(report.connections(), fmt));
        parent.out.flush();
        return code;
    }
}
