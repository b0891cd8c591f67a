package dev.tcpscope.stats;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** C's {@code printf("%.Nf")}: the double's exact binary value rounded half-even, as glibc does. */
final class Cfmt {
    private Cfmt() { }

    static String fixed(double v, int decimals) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return Double.isNaN(v) ? "-nan" : (v > 0 ? "inf" : "-inf");
        }
        String s = new BigDecimal(v).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        if (v < 0 || (v == 0 && 1 / v < 0)) {
            if (!s.startsWith("-")) {
                s = "-" + s; // C keeps the sign of a negative value that rounds to zero
            }
        }
        return s;
    }
}
