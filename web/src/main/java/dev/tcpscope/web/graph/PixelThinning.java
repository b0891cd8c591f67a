package dev.tcpscope.web.graph;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Leaves out of a drawing the points it cannot show: with far more points than pixels, a point
 * that falls on a grid cell a kept point already covers adds nothing but bytes (an SVG element
 * each: a million segments made an 800 MB file). Points and bars are kept once per cell; a line
 * or step keeps, per column, its first, lowest, highest and last point, which draws the same
 * pixels. Series with no more points than columns are left as they are.
 */
final class PixelThinning {
    private final double xMin;
    private final double xScale;
    private final double yMin;
    private final double yScale;
    private final int columns;
    private final int rows;

    private PixelThinning(double xMin, double xMax, double yMin, double yMax, int columns, int rows) {
        this.xMin = xMin;
        this.xScale = xMax > xMin ? columns / (xMax - xMin) : 0;
        this.yMin = yMin;
        this.yScale = yMax > yMin ? rows / (yMax - yMin) : 0;
        this.columns = columns;
        this.rows = rows;
    }

    /** A grid of {@code columns} × {@code rows} over the extent of all of {@code series}. */
    static PixelThinning over(List<Series> series, int columns, int rows) {
        double x0 = Double.POSITIVE_INFINITY;
        double x1 = Double.NEGATIVE_INFINITY;
        double y0 = Double.POSITIVE_INFINITY;
        double y1 = Double.NEGATIVE_INFINITY;
        for (Series s : series) {
            for (int i = 0; i < s.size(); i++) {
                x0 = Math.min(x0, s.x()[i]);
                x1 = Math.max(x1, s.x()[i]);
                y0 = Math.min(y0, s.y()[i]);
                y1 = Math.max(y1, s.y()[i]);
                if (s.y2() != null) {
                    y0 = Math.min(y0, s.y2()[i]);
                    y1 = Math.max(y1, s.y2()[i]);
                }
            }
        }
        return new PixelThinning(x0, x1, y0, y1, columns, rows);
    }

    /** {@code s} with only the points that show. */
    Series thin(Series s) {
        if (s.size() <= columns) {
            return s;
        }
        return switch (s.style()) {
            case Series.LINE, Series.STEP -> extremesPerColumn(s);
            default -> oncePerCell(s);
        };
    }

    private long column(double x) { return Math.clamp((long) ((x - xMin) * xScale), 0, columns); }

    private long row(double y) { return Math.clamp((long) ((y - yMin) * yScale), 0, rows); }

    private Series oncePerCell(Series s) {
        SeriesBuilder kept = new SeriesBuilder(s.name(), s.style());
        Set<Long> cells = new HashSet<>();
        for (int i = 0; i < s.size(); i++) {
            long top = s.y2() == null ? 0 : row(s.y2()[i]);
            long cell = (column(s.x()[i]) * (rows + 1) + row(s.y()[i])) * (rows + 1) + top;
            if (cells.add(cell)) {
                kept.add(s.x()[i], s.y()[i], s.y2() == null ? 0 : s.y2()[i], s.frames()[i]);
            }
        }
        return kept.build();
    }

    private Series extremesPerColumn(Series s) {
        SeriesBuilder kept = new SeriesBuilder(s.name(), s.style());
        int first = 0;
        while (first < s.size()) {
            long column = column(s.x()[first]);
            int last = first;
            int low = first;
            int high = first;
            while (last + 1 < s.size() && column(s.x()[last + 1]) == column) {
                last++;
                if (s.y()[last] < s.y()[low]) {
                    low = last;
                }
                if (s.y()[last] > s.y()[high]) {
                    high = last;
                }
            }
            int[] keep = {first, Math.min(low, high), Math.max(low, high), last};
            for (int k = 0; k < keep.length; k++) {
                if (k == 0 || keep[k] != keep[k - 1]) {
                    kept.add(s.x()[keep[k]], s.y()[keep[k]], s.frames()[keep[k]]);
                }
            }
            first = last + 1;
        }
        return kept.build();
    }
}
