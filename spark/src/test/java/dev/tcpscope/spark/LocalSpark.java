package dev.tcpscope.spark;

import org.apache.spark.sql.SparkSession;

/** One local Spark (two cores, as this machine has) for all tests of the module. */
final class LocalSpark {
    private static SparkSession session;

    private LocalSpark() { }

    static synchronized SparkSession get() {
        if (session == null) {
            session = SparkSession.builder()
                    .master("local[2]")
                    .appName("tcpscope-tests")
                    .config("spark.ui.enabled", "false")
                    .config("spark.sql.shuffle.partitions", "2")
                    .config("spark.driver.host", "127.0.0.1")
                    .config("spark.driver.bindAddress", "127.0.0.1")
                    .getOrCreate();
            Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
        }
        return session;
    }
}
