package io.arktasksync.report;

import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A stacked bar chart as inline SVG: one bar per day of the range (empty days included, so that gaps show), one
 * colour per series, a y axis with round ticks, a legend, and a tooltip ({@code <title>}) on every segment. Drawn
 * here so that the html report needs no script and no network.
 */
final class SvgBarChart {

    static final List<String> COLOURS = List.of("#4e79a7", "#f28e2b", "#59a14f", "#e15759", "#76b7b2", "#edc948",
            "#b07aa1", "#ff9da7", "#9c755f", "#bab0ac");

    private static final int WIDTH = 960;

    private static final int HEIGHT = 300;

    private static final int LEFT = 90;

    private static final int RIGHT = 10;

    private static final int TOP = 10;

    private static final int BOTTOM = 40;

    private SvgBarChart() {
    }

    /**
     * @param values per day, per series: the value (absent: none)
     * @param unit appended to tooltip values, e.g. "tokens" or "USD"
     */
    static String render(String id, String label, List<LocalDate> days, List<String> series,
            Map<LocalDate, Map<String, Double>> values, String unit) {
        double max = 0;
        for (Map<String, Double> day : values.values()) {
            max = Math.max(max, day.values().stream().mapToDouble(Double::doubleValue).sum());
        }
        double top = niceCeiling(max);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;
        double slot = (double) plotWidth / Math.max(1, days.size());
        double barWidth = Math.max(1, slot * 0.8);
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg id=\"%s\" xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" "
                + "width=\"%d\" height=\"%d\" role=\"img\" aria-label=\"%s\">\n", id, WIDTH, HEIGHT, WIDTH, HEIGHT,
                Html.escape(label)));
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = TOP + plotHeight - plotHeight * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%.1f\" y2=\"%.1f\" class=\"grid\"/>"
                    + "<text x=\"%d\" y=\"%.1f\" class=\"tick\" text-anchor=\"end\">%s</text>\n", LEFT, WIDTH - RIGHT, y, y,
                    LEFT - 6, y + 4, Html.escape(compact(value))));
        }
        int labelEvery = Math.max(1, (int) Math.ceil(days.size() / 15.0));
        for (int d = 0; d < days.size(); d++) {
            LocalDate day = days.get(d);
            double x = LEFT + d * slot + (slot - barWidth) / 2;
            double y = TOP + plotHeight;
            Map<String, Double> stack = values.getOrDefault(day, Map.of());
            for (int s = 0; s < series.size(); s++) {
                Double value = stack.get(series.get(s));
                if (value == null || value <= 0 || top <= 0) {
                    continue;
                }
                double height = plotHeight * value / top;
                y -= height;
                svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" "
                        + "fill=\"%s\"><title>%s %s: %s %s</title></rect>\n", x, y, barWidth, height,
                        COLOURS.get(s % COLOURS.size()), day, Html.escape(series.get(s)),
                        String.format(Locale.ROOT, "%,.2f", value), Html.escape(unit)));
            }
            if (d % labelEvery == 0) {
                svg.append(String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%d\" class=\"tick\" text-anchor=\"middle\">%s"
                        + "</text>\n", x + barWidth / 2, HEIGHT - BOTTOM + 16, day.toString().substring(5)));
            }
        }
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" x2=\"%d\" y1=\"%d\" y2=\"%d\" class=\"axis\"/>\n", LEFT,
                WIDTH - RIGHT, TOP + plotHeight, TOP + plotHeight));
        svg.append("</svg>\n");
        return svg.toString();
    }

    /** The legend as html, the colours in the order of the series. */
    static String legend(List<String> series) {
        StringBuilder html = new StringBuilder("<ul class=\"legend\">");
        for (int s = 0; s < series.size(); s++) {
            html.append("<li><span class=\"swatch\" style=\"background:").append(COLOURS.get(s % COLOURS.size()))
                .append("\"></span>").append(Html.escape(series.get(s) == null ? TableFormatter.NONE : series.get(s)))
                .append("</li>");
        }
        return html.append("</ul>\n").toString();
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least the maximum: ticks at quarters read well. */
    static double niceCeiling(double max) {
        if (max <= 0) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] { 1, 2, 2.5, 5, 10 }) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }

    /** 1.5M, 250k, 12: tick labels that fit. */
    static String compact(double value) {
        if (value >= 1_000_000_000) {
            return trim(value / 1_000_000_000) + "G";
        }
        if (value >= 1_000_000) {
            return trim(value / 1_000_000) + "M";
        }
        if (value >= 1_000) {
            return trim(value / 1_000) + "k";
        }
        return trim(value);
    }

    private static String trim(double value) {
        String text = String.format(Locale.ROOT, "%.2f", value);
        return text.replaceAll("\\.?0+$", "");
    }
}
