package dev.braeburn.server.admin;

import static dev.braeburn.server.admin.Html.escape;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Charts as inline SVG drawn on the server (the console runs no JavaScript): a per-day bar or line
 * chart with a value axis of round ticks, and a horizontal bar chart. Every bar and point carries a
 * {@code <title>}, which browsers show as a tooltip. The numbers are drawn as given; this class
 * never adds them up (totals are printed from the admin API's own).
 */
final class SvgChart {
  /** How a value reads: a count with thousands separators, or dollars and cents. */
  enum Unit {
    COUNT(v -> String.format(Locale.US, "%,d", v.setScale(0, RoundingMode.HALF_EVEN).longValueExact())),
    USD(v -> String.format(Locale.US, "$%,.2f", v));

    private final Function<BigDecimal, String> format;

    Unit(Function<BigDecimal, String> format) {
      this.format = format;
    }

    String format(BigDecimal value) {
      return format.apply(value);
    }

    /** An axis tick: whole numbers unless the step is below one (dollars then keep cents). */
    String tick(BigDecimal value, BigDecimal step) {
      if (step.compareTo(BigDecimal.ONE) >= 0 || this == COUNT) {
        String whole = String.format(Locale.US, "%,d", value.setScale(0, RoundingMode.HALF_EVEN).longValue());
        return this == USD ? "$" + whole : whole;
      }
      return format(value);
    }
  }

  /** One day's value. */
  record Point(LocalDate date, BigDecimal value) {}

  /** One labelled bar of a horizontal chart. */
  record Bar(String label, BigDecimal value) {}

  private static final int WIDTH = 540;
  private static final int HEIGHT = 220;
  private static final int LEFT = 64;
  private static final int RIGHT = 16;
  private static final int TOP = 14;
  private static final int BOTTOM = 36;
  private static final String AXIS_TEXT = "font-size=\"11\" fill=\"#666\"";
  private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MMM d", Locale.US);

  private SvgChart() {}

  /**
   * A per-day chart; {@code attributes} are written into the svg element as given (the caller's
   * stable class and data-* markers, already escaped).
   */
  static String daily(List<Point> points, Unit unit, boolean bars, String color, String attributes) {
    BigDecimal max = points.stream().map(Point::value).reduce(BigDecimal.ZERO, BigDecimal::max);
    Axis axis = Axis.of(max, unit);
    int plotWidth = WIDTH - LEFT - RIGHT;
    int plotHeight = HEIGHT - TOP - BOTTOM;
    StringBuilder svg = open(WIDTH, HEIGHT, attributes);
    for (BigDecimal tick : axis.ticks()) {
      double y = TOP + plotHeight - scale(tick, axis.top(), plotHeight);
      svg.append(line(LEFT, y, WIDTH - RIGHT, y, "#e6e6e6"))
          .append(text(LEFT - 6, y + 4, "end", unit.tick(tick, axis.step())));
    }
    svg.append(line(LEFT, TOP + plotHeight, WIDTH - RIGHT, TOP + plotHeight, "#999"));
    int n = Math.max(points.size(), 1);
    double slot = (double) plotWidth / n;
    int labelEvery = Math.max(1, (int) Math.ceil(n / 8.0));
    StringBuilder path = new StringBuilder();
    for (int i = 0; i < points.size(); i++) {
      Point p = points.get(i);
      double x = LEFT + slot * i + slot / 2;
      double h = scale(p.value(), axis.top(), plotHeight);
      String title = "<title>" + escape(p.date() + ": " + unit.format(p.value())) + "</title>";
      String data = " data-date=\"" + p.date() + "\" data-value=\"" + escape(p.value().toPlainString()) + "\"";
      if (bars) {
        double w = Math.max(1, slot * 0.72);
        svg.append("<rect class=\"bar\"").append(data).append(" x=\"").append(f(x - w / 2)).append("\" y=\"")
            .append(f(TOP + plotHeight - h)).append("\" width=\"").append(f(w)).append("\" height=\"").append(f(h))
            .append("\" fill=\"").append(color).append("\">").append(title).append("</rect>");
      } else {
        path.append(i == 0 ? "M" : "L").append(f(x)).append(' ').append(f(TOP + plotHeight - h));
        svg.append("<circle class=\"point\"").append(data).append(" cx=\"").append(f(x)).append("\" cy=\"")
            .append(f(TOP + plotHeight - h)).append("\" r=\"3\" fill=\"").append(color).append("\">").append(title).append("</circle>");
      }
      if (i % labelEvery == 0) {
        svg.append(line(x, TOP + plotHeight, x, TOP + plotHeight + 4, "#999"))
            .append(text(x, TOP + plotHeight + 18, "middle", DAY.format(p.date())));
      }
    }
    if (!bars && !path.isEmpty()) { // the line goes under its points, so each point's tooltip stays reachable
      int at = svg.indexOf("<circle");
      svg.insert(at, "<path d=\"" + path + "\" fill=\"none\" stroke=\"" + color + "\" stroke-width=\"2\" stroke-linejoin=\"round\"/>");
    }
    return svg.append("</svg>").toString();
  }

  /** Horizontal bars, one row per label, longest scale first as given; the value is written at the bar's end. */
  static String horizontal(List<Bar> bars, Unit unit, String color, String attributes) {
    int row = 22;
    int labelWidth = 48;
    int valueWidth = 90;
    int height = Math.max(row, bars.size() * row) + 8;
    BigDecimal max = bars.stream().map(Bar::value).reduce(BigDecimal.ZERO, BigDecimal::max);
    int plotWidth = WIDTH - labelWidth - valueWidth;
    StringBuilder svg = open(WIDTH, height, attributes);
    for (int i = 0; i < bars.size(); i++) {
      Bar bar = bars.get(i);
      double y = 4 + i * row;
      double w = max.signum() == 0 ? 0 : scale(bar.value(), max, plotWidth);
      svg.append(text(labelWidth - 8, y + 15, "end", bar.label()))
          .append("<rect class=\"bar\" data-label=\"").append(escape(bar.label())).append("\" data-value=\"")
          .append(escape(bar.value().toPlainString())).append("\" x=\"").append(labelWidth).append("\" y=\"").append(f(y + 3))
          .append("\" width=\"").append(f(Math.max(w, 1))).append("\" height=\"").append(row - 6).append("\" fill=\"").append(color)
          .append("\"><title>").append(escape(bar.label() + ": " + unit.format(bar.value()))).append("</title></rect>")
          .append(text(labelWidth + w + 6, y + 15, "start", unit.format(bar.value())));
    }
    return svg.append("</svg>").toString();
  }

  /** Round ticks from zero: the smallest step of 1, 2, 2.5 or 5 times a power of ten that reaches the top in at most five. */
  record Axis(BigDecimal top, BigDecimal step) {
    private static final int MAX_STEPS = 5;

    static Axis of(BigDecimal max, Unit unit) {
      if (max.signum() <= 0) {
        return new Axis(BigDecimal.ONE, BigDecimal.ONE);
      }
      BigDecimal magnitude = BigDecimal.TEN.pow((int) Math.floor(Math.log10(max.doubleValue() / MAX_STEPS)), java.math.MathContext.DECIMAL64);
      for (String factor : new String[] {"1", "2", "2.5", "5", "10"}) {
        BigDecimal step = new BigDecimal(factor).multiply(magnitude).stripTrailingZeros();
        if (unit == Unit.COUNT && step.compareTo(BigDecimal.ONE) < 0) {
          continue; // no half downloads on the axis
        }
        BigDecimal steps = max.divide(step, 0, RoundingMode.CEILING);
        if (steps.intValueExact() <= MAX_STEPS) {
          return new Axis(step.multiply(steps), step);
        }
      }
      throw new IllegalStateException("ten times the magnitude always reaches " + max); // max / (10 × magnitude) ≤ 5
    }

    List<BigDecimal> ticks() {
      List<BigDecimal> out = new ArrayList<>();
      for (BigDecimal t = BigDecimal.ZERO; t.compareTo(top) <= 0; t = t.add(step)) {
        out.add(t);
      }
      return out;
    }
  }

  private static StringBuilder open(int width, int height, String attributes) {
    return new StringBuilder("<svg ").append(attributes).append(" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 ")
        .append(width).append(' ').append(height).append("\" width=\"").append(width).append("\" height=\"").append(height)
        .append("\" role=\"img\">");
  }

  private static double scale(BigDecimal value, BigDecimal top, int length) {
    return top.signum() == 0 ? 0 : value.doubleValue() / top.doubleValue() * length;
  }

  private static String line(double x1, double y1, double x2, double y2, String color) {
    return "<line x1=\"" + f(x1) + "\" y1=\"" + f(y1) + "\" x2=\"" + f(x2) + "\" y2=\"" + f(y2) + "\" stroke=\"" + color + "\"/>";
  }

  private static String text(double x, double y, String anchor, String value) {
    return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\" " + AXIS_TEXT + ">" + escape(value) + "</text>";
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
