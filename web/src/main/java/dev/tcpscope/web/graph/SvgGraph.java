package dev.tcpscope.web.graph;

import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYItemRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.renderer.xy.XYStepRenderer;
import org.jfree.chart.renderer.xy.YIntervalRenderer;
import org.jfree.chart.text.TextUtils;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.xy.DefaultIntervalXYDataset;
import org.jfree.data.xy.DefaultXYDataset;
import org.jfree.data.xy.XYDataset;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.util.Map;

/**
 * Draws a {@link StreamGraph} as an SVG document with JFreeChart: one {@link XYPlot}, one
 * dataset and renderer per series (points, lines, steps, and vertical bars with tcptrace's
 * end ticks for segments), in the colours of Wireshark's dialog (the Tango palette). Points that
 * would fall on pixels already drawn are left out ({@link PixelThinning}), so the file's size
 * follows the drawing's, not the stream's.
 */
public final class SvgGraph {
    private static final Color SKY_BLUE = new Color(0x3465a4);
    private static final Color BUTTER = new Color(0xc4a000);
    private static final Color CHAMELEON = new Color(0x4e9a06);
    private static final Color SCARLET = new Color(0xef2929);
    private static final Color DARK_SCARLET = new Color(0xa40000);
    private static final Color[] OTHERS = {SKY_BLUE, BUTTER, CHAMELEON, SCARLET, new Color(0x75507b)};
    private static final Map<String, Color> COLORS = Map.ofEntries(
            Map.entry("Sequence Number", SKY_BLUE), Map.entry("Segments", SKY_BLUE), Map.entry("ACK", BUTTER),
            Map.entry("Receive Window", CHAMELEON), Map.entry("SACK", SCARLET), Map.entry("Subsequent SACKs", DARK_SCARLET),
            Map.entry("Dup ACKs", BUTTER), Map.entry("Zero Window", SKY_BLUE), Map.entry("Throughput", BUTTER),
            Map.entry("Goodput", CHAMELEON), Map.entry("RTT", SKY_BLUE), Map.entry("Bytes in Flight", SKY_BLUE));
    private static final Shape DOT = new Ellipse2D.Double(-1.5, -1.5, 3, 3);
    /** The tick at each end of a segment's bar. */
    private static final Shape TICK = new Rectangle2D.Double(-2, -0.5, 4, 1);

    static {
        // JFreeChart draws rotated text (the y axis's label) as glyph outlines by default; as text
        // it stays selectable and searchable in the SVG
        TextUtils.setUseDrawRotatedStringWorkaround(false);
    }

    private SvgGraph() {}

    /**
     * The SVG document of {@code g}, {@code width} × {@code height} pixels.
     *
     * @throws IllegalArgumentException when a size is not positive
     */
    public static String render(StreamGraph g, int width, int height) {
        if (width <= 0 || height <= 0) {
            throw new IllegalArgumentException("invalid size " + width + "×" + height + "; give a width and height above 0");
        }
        NumberAxis x = new NumberAxis(g.xLabel());
        x.setAutoRangeIncludesZero(false);
        NumberAxis y = new NumberAxis(g.yLabel());
        y.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(null, x, y, null);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        plot.setNoDataMessage("No segments in this direction");
        int index = 0;
        int other = 0;
        PixelThinning thinning = PixelThinning.over(g.series(), 2 * width, 2 * height);
        for (Series all : g.series()) {
            if (all.size() == 0) {
                continue; // nothing to draw, nothing for the legend
            }
            Series s = thinning.thin(all);
            Color color = COLORS.get(s.name());
            if (color == null) {
                color = OTHERS[other++ % OTHERS.length];
            }
            plot.setDataset(index, dataset(s));
            plot.setRenderer(index, renderer(s, color));
            index++;
        }
        JFreeChart chart = new JFreeChart(g.title(), new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, index > 1);
        chart.addSubtitle(new TextTitle("TCP stream " + g.stream(), new Font(Font.SANS_SERIF, Font.PLAIN, 11)));
        chart.setBackgroundPaint(Color.WHITE);
        SVGGraphics2D svg = new SVGGraphics2D(width, height);
        chart.draw(svg, new Rectangle2D.Double(0, 0, width, height));
        // no DOCTYPE: SVG 1.1 and later need none, and an XML reader would fetch its DTD from the W3C
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + svg.getSVGElement() + "\n";
    }

    private static XYDataset dataset(Series s) {
        if (Series.SEGMENTS.equals(s.style())) {
            int n = s.size();
            double[] low = new double[n];
            double[] high = new double[n];
            for (int i = 0; i < n; i++) {
                low[i] = Math.min(s.y()[i], s.y2()[i]);
                high[i] = Math.max(s.y()[i], s.y2()[i]);
            }
            DefaultIntervalXYDataset d = new DefaultIntervalXYDataset();
            d.addSeries(s.name(), new double[][] {s.x(), s.x(), s.x(), s.y(), low, high});
            return d;
        }
        DefaultXYDataset d = new DefaultXYDataset();
        d.addSeries(s.name(), new double[][] {s.x(), s.y()});
        return d;
    }

    private static XYItemRenderer renderer(Series s, Color color) {
        XYItemRenderer r = switch (s.style()) {
            case Series.SEGMENTS -> {
                YIntervalRenderer bars = new YIntervalRenderer();
                bars.setSeriesShape(0, TICK);
                yield bars;
            }
            case Series.STEP -> new XYStepRenderer();
            case Series.LINE -> {
                XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, true);
                line.setSeriesShape(0, DOT);
                line.setDrawOutlines(false);
                yield line;
            }
            default -> {
                XYLineAndShapeRenderer points = new XYLineAndShapeRenderer(false, true);
                points.setSeriesShape(0, DOT);
                points.setDrawOutlines(false);
                yield points;
            }
        };
        r.setSeriesPaint(0, color);
        r.setSeriesStroke(0, new BasicStroke(1f));
        return r;
    }
}
