package dev.tcpscope.proto.png;

import dev.tcpscope.field.FieldText;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The float text of PNG's FT_FLOAT fields (C's %.6g, as tshark prints them) and FT_DOUBLE's %.15g. */
class PngTest {
    @Test
    void floatsAreWrittenAsCsPercentG() {
        assertThat(Png.floatText(45000 / 100000.0f)).isEqualTo("0.45");
        assertThat(Png.floatText(31269 / 100000.0f)).isEqualTo("0.31269");
        assertThat(Png.floatText(1 / 100000.0f)).isEqualTo("1e-05");
        assertThat(Png.floatText(1234567 / 100000.0f)).isEqualTo("12.3457");
        assertThat(Png.floatText(4294967295L / 100000.0f)).isEqualTo("42949.7");
        assertThat(Png.floatText(99999999 / 100000.0f)).isEqualTo("1000");
        assertThat(Png.floatText(0)).isEqualTo("0");
        assertThat(Png.floatText(123456789f)).isEqualTo("1.23457e+08");
        assertThat(FieldText.g(0.1, 15)).isEqualTo("0.1");
        assertThat(FieldText.g(1e-300, 15)).isEqualTo("1e-300");
        assertThat(FieldText.g(-2.5e20, 15)).isEqualTo("-2.5e+20");
    }
}
