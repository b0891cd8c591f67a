package dev.tcpscope.field;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The abbreviation after tshark's absolute times is the C library's {@code %Z}: expected values
 * from {@code TZ=ZONE date -d @SECONDS +%Z} on this machine's tzdata.
 */
class ZoneAbbreviationsTest {
    @ParameterizedTest
    @CsvSource({
            "America/New_York, 1782864000, EDT", "America/New_York, 1795530325, EST", "America/New_York, 946684800, EST",
            "Europe/Berlin, 1782864000, CEST", "Europe/Berlin, 1795530325, CET",
            "Asia/Shanghai, 1782864000, CST", "Asia/Shanghai, 946684800, CST",
            "Asia/Singapore, 1795530325, +08", "UTC, 1795530325, UTC"})
    void namesTheZoneAsTheCLibraryDoes(String zone, long seconds, String expected) {
        assumeThat(Files.isDirectory(Path.of("/usr/share/zoneinfo"))).isTrue();
        assertThat(ZoneAbbreviations.at(ZoneId.of(zone), seconds)).isEqualTo(expected);
    }
}
