package dev.tcpscope.spark;

import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;

/**
 * {@code tcpscope sql} and {@code tcpscope export}: Spark SQL over captures, with an embedded
 * local Spark on all cores unless {@code --master} names a cluster. The launcher runs this class
 * only for these two commands, so no other command loads Spark.
 */
@Command(name = "tcpscope", mixinStandardHelpOptions = false,
        subcommands = {SqlMain.Sql.class, SqlMain.Export.class})
public final class SqlMain {
    private SqlMain() { }

    public static void main(String[] args) {
        if (System.getProperty("log4j2.configurationFile") == null) {
            System.setProperty("log4j2.configurationFile", "tcpscope-log4j2.properties");
        }
        PrintStream out = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), false,
                StandardCharsets.UTF_8);
        int code = run(out, System.err, args);
        out.flush();
        scala.Option<SparkSession> session = SparkSession.getDefaultSession();
        if (session.isDefined()) {
            session.get().stop();
        }
        System.exit(code);
    }

    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine cl = new CommandLine(new Root());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            err.println("tcpscope: " + ex.getMessage() + " (see tcpscope " + ex.getCommandLine().getCommandName() + " --help)");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, p) -> {
            err.println("tcpscope: " + message(ex));
            return 2;
        });
        return cl.execute(args);
    }

    /** The one line a failed query deserves: Spark's analysis message or tcpscope's own. */
    static String message(Throwable ex) {
        for (Throwable t = ex; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.startsWith("tcpscope: ")) {
                return m.substring("tcpscope: ".length()).lines().findFirst().orElse(m);
            }
        }
        if (ex instanceof AnalysisException a) {
            return "bad query: " + a.getSimpleMessage().lines().findFirst().orElse("");
        }
        String m = ex.getMessage() == null ? ex.toString() : ex.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    @Command(name = "tcpscope", subcommands = {Sql.class, Export.class})
    static final class Root implements Callable<Integer> {
        @Override
        public Integer call() {
            new CommandLine(this).usage(System.err);
            return 2;
        }
    }

    /** Options both commands share: the captures and where Spark runs. */
    abstract static class Common {
        @Option(names = "--master", paramLabel = "URL",
                description = "Spark master (default: the one spark-submit gives, else local[*], an embedded Spark on every core of this machine).")
        String master;

        @Option(names = "--fields", paramLabel = "LIST",
                description = "Fields to expose (comma-separated); default: every field of the field table, computed only when the query uses it.")
        String fields = "*";

        @Option(names = "--passes", paramLabel = "1|2", description = "2 (default): each file as tshark -2 gives it; 1: as one pass gives it.")
        String passes = "2";

        SparkSession spark() {
            String m = master != null ? master : System.getProperty("spark.master", "local[*]");
            SparkSession.Builder b = SparkSession.builder().appName("tcpscope").master(m)
                    .config("spark.ui.enabled", "false");
            if (m.startsWith("local")) {
                b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
            }
            SparkSession s = b.getOrCreate();
            return s;
        }

        Dataset<Row> packets(SparkSession s, List<String> captures) {
            return s.read().format("pcap").option("fields", fields).option("passes", passes)
                    .option("occurrence", "first").load(captures.toArray(new String[0]));
        }
    }

    @Command(name = "sql", description = "Runs a Spark SQL query over captures; the table is named packets.",
            mixinStandardHelpOptions = true)
    static final class Sql extends Common implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "QUERY", description = "e.g. \"SELECT ip_src, count(*) FROM packets GROUP BY ip_src\"")
        String query;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "CAPTURE", description = "Capture files, directories or globs.")
        List<String> captures = new ArrayList<>();

        @Option(names = "--format", paramLabel = "FORMAT", description = "table (default), csv or json (one object a line).")
        String format = "table";

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (!List.of("table", "csv", "json").contains(format)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "invalid --format \"" + format + "\"; use table, csv or json");
            }
            PrintWriter out = spec.commandLine().getOut();
            {
                SparkSession s = spark();
                packets(s, captures).createOrReplaceTempView("packets");
                Dataset<Row> result = s.sql(query);
                switch (format) {
                    case "csv" -> ResultText.csv(result, out);
                    case "json" -> {
                        for (Iterator<String> it = result.toJSON().toLocalIterator(); it.hasNext(); ) {
                            out.println(it.next());
                        }
                    }
                    default -> ResultText.table(result, out);
                }
                out.flush();
                return 0;
            }
        }
    }

    @Command(name = "export", description = "Writes captures' frames as Parquet, a column per field.",
            mixinStandardHelpOptions = true)
    static final class Export extends Common implements Callable<Integer> {
        @Parameters(arity = "1..*", paramLabel = "CAPTURE", description = "Capture files, directories or globs.")
        List<String> captures = new ArrayList<>();

        @Option(names = "--parquet", required = true, paramLabel = "DIR", description = "The Parquet directory to write (must not exist).")
        Path parquet;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            if (Files.exists(parquet)) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "\"" + parquet + "\" exists already; name a new directory for --parquet");
            }
            {
                SparkSession s = spark();
                Dataset<Row> rows = packets(s, captures);
                List<String> keep = new ArrayList<>();
                for (StructField f : rows.schema().fields()) {
                    if (!f.name().equals(Columns.ERROR)) {
                        keep.add(f.name());
                    }
                }
                rows.selectExpr(keep.toArray(new String[0])).write().parquet(parquet.toString());
                spec.commandLine().getErr().println("tcpscope: wrote " + parquet);
                return 0;
            }
        }
    }
}
