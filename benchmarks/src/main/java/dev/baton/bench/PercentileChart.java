package dev.baton.bench;

import java.util.List;
import java.util.Locale;

/**
 * Draws a latency-by-percentile chart as SVG: percentiles on a log scale of {@code 1/(1-p)} (so 90,
 * 99, 99.9 and 99.99 are evenly spaced, as in HdrHistogram plots), latency on a log scale. Written
 * by hand to keep the benchmarks free of a charting dependency.
 */
final class PercentileChart {
  /**
   * One line on the chart.
   *
   * @param name legend text
   * @param dashed whether to draw it dashed (used for fsync off)
   * @param color index into the palette, so related lines share a colour
   * @param points pairs of percentile (0 to 100) and latency in milliseconds
   */
  record Series(String name, boolean dashed, int color, List<double[]> points) {}

  private static final String[] COLORS = {
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#17becf",
    // Enough for the open-loop chart's four variants x three fan-outs without repeating.
    "#bcbd22",
    "#7f7f7f",
    "#393b79",
    "#637939"
  };
  private static final double[] TICKS = {0, 90, 99, 99.9, 99.99};
  private static final double MAX_X = 4.6;
  private static final int W = 820;
  private static final int H = 440;
  private static final int LEFT = 70;
  private static final int TOP = 40;
  private static final int PLOT_W = 480;
  private static final int PLOT_H = 340;

  private PercentileChart() {}

  /** {@return the SVG document} */
  static String svg(String title, List<Series> series) {
    double lo = Double.MAX_VALUE;
    double hi = Double.MIN_VALUE;
    for (Series s : series) {
      for (double[] p : s.points()) {
        if (p[1] > 0) {
          lo = Math.min(lo, p[1]);
          hi = Math.max(hi, p[1]);
        }
      }
    }
    if (lo > hi) {
      lo = 0.1;
      hi = 1;
    }
    int minDecade = (int) Math.floor(Math.log10(lo));
    int maxDecade = Math.max(minDecade + 1, (int) Math.ceil(Math.log10(hi)));
    StringBuilder b = new StringBuilder();
    b.append(
        String.format(
            Locale.ROOT,
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d"
                + " %d\" font-family=\"sans-serif\" font-size=\"12\">%n",
            W,
            H,
            W,
            H));
    b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    text(b, LEFT + PLOT_W / 2.0, 22, "middle", 15, title);
    for (int d = minDecade; d <= maxDecade; d++) {
      for (int m : new int[] {1, 2, 5}) {
        double v = m * Math.pow(10, d);
        if (d == maxDecade && m > 1) {
          break;
        }
        double y = y(v, minDecade, maxDecade);
        String stroke = m == 1 ? "#bbb" : "#eee";
        line(b, LEFT, y, LEFT + PLOT_W, y, stroke);
        text(b, LEFT - 6, y + 4, "end", 11, number(v));
      }
    }
    for (double t : TICKS) {
      double x = x(t);
      line(b, x, TOP, x, TOP + PLOT_H, "#ddd");
      text(b, x, TOP + PLOT_H + 16, "middle", 11, number(t) + "%");
    }
    line(b, x(100), TOP, x(100), TOP + PLOT_H, "#ddd");
    text(b, x(100), TOP + PLOT_H + 16, "middle", 11, "max");
    text(b, LEFT + PLOT_W / 2.0, TOP + PLOT_H + 34, "middle", 12, "percentile");
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"16\" y=\"%.1f\" text-anchor=\"middle\" transform=\"rotate(-90 16 %.1f)\">"
                + "latency (ms, log scale)</text>%n",
            TOP + PLOT_H / 2.0,
            TOP + PLOT_H / 2.0));
    b.append(
        String.format(
            Locale.ROOT,
            "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#444\"/>%n",
            LEFT,
            TOP,
            PLOT_W,
            PLOT_H));
    for (int i = 0; i < series.size(); i++) {
      Series s = series.get(i);
      String color = COLORS[s.color() % COLORS.length];
      StringBuilder pts = new StringBuilder();
      for (double[] p : s.points()) {
        if (p[1] > 0) {
          pts.append(
              String.format(Locale.ROOT, "%.1f,%.1f ", x(p[0]), y(p[1], minDecade, maxDecade)));
        }
      }
      b.append(
          String.format(
              Locale.ROOT,
              "<polyline fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s points=\"%s\"/>%n",
              color,
              s.dashed() ? " stroke-dasharray=\"6 4\"" : "",
              pts.toString().trim()));
      double ly = TOP + 8 + i * 20;
      b.append(
          String.format(
              Locale.ROOT,
              "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
              LEFT + PLOT_W + 16,
              ly,
              LEFT + PLOT_W + 40,
              ly,
              color,
              s.dashed() ? " stroke-dasharray=\"6 4\"" : ""));
      text(b, LEFT + PLOT_W + 46, ly + 4, "start", 11, s.name());
    }
    b.append("</svg>\n");
    return b.toString();
  }

  private static double x(double percentile) {
    double v = percentile >= 100 ? MAX_X : Math.min(4, Math.log10(100 / (100 - percentile)));
    return LEFT + v / MAX_X * PLOT_W;
  }

  private static double y(double ms, int minDecade, int maxDecade) {
    double f = (Math.log10(ms) - minDecade) / (maxDecade - minDecade);
    return TOP + PLOT_H - f * PLOT_H;
  }

  private static void line(StringBuilder b, double x1, double y1, double x2, double y2, String c) {
    b.append(
        String.format(
            Locale.ROOT,
            "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"%s\"/>%n",
            x1,
            y1,
            x2,
            y2,
            c));
  }

  private static void text(
      StringBuilder b, double x, double y, String anchor, int size, String content) {
    b.append(
        String.format(
            Locale.ROOT,
            "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%d\">%s</text>%n",
            x,
            y,
            anchor,
            size,
            escape(content)));
  }

  private static String number(double v) {
    if (v == Math.rint(v)) {
      return Long.toString((long) v);
    }
    return new java.math.BigDecimal(v)
        .round(new java.math.MathContext(4))
        .stripTrailingZeros()
        .toPlainString();
  }

  private static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
