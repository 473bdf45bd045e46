package dev.lbstudio.ui.view;

import dev.lbstudio.ui.viewmodel.RunStats;
import dev.lbstudio.ui.viewmodel.Timeline;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The probe chart on a canvas: latency per flow over lab time on top, one success strip per flow below (green
 * while its probes succeed, red while they fail), every outage band shaded across both with its length, each
 * step marked and its convergence labelled, and the timeline's scrub cursor. A redraw walks the chart's width
 * and the runs of success and failure, never the raw samples, so thousands of samples per second stay cheap.
 * Clicking or dragging on it moves the scrub cursor.
 */
public final class ProbeChart extends Region {

    static final Color[] FLOWS = {Color.web("#2563eb"), Color.web("#0891b2"), Color.web("#7c3aed"),
        Color.web("#db2777"), Color.web("#ea580c"), Color.web("#65a30d"), Color.web("#0d9488"), Color.web("#9333ea")};
    private static final Color OK = Color.web("#16a34a");
    private static final Color FAILED = Color.web("#dc2626");
    private static final Color OUTAGE = Color.web("#dc2626", 0.16);
    private static final Color GRID = Color.web("#cbd5e1");
    private static final Color TEXT = Color.web("#0f172a");
    /** The plot's margins at 1× text: they grow with the text (presenter mode), so the axis labels are not cut. */
    private static final double LEFT_AT_1 = 52;
    private static final double RIGHT = 12;
    private static final double TOP_AT_1 = 24;
    private static final double BOTTOM_AT_1 = 22;

    private final Canvas canvas = new Canvas();
    private final Timeline timeline;
    private final RunStats stats;
    private double scale = 1;
    /** The drawn x range in lab seconds, for mapping clicks back to time. */
    private double from;
    private double to = 1;

    public ProbeChart(Timeline timeline) {
        this.timeline = timeline;
        this.stats = timeline.stats();
        getStyleClass().add("probe-chart");
        setId("lab-chart");
        getChildren().add(canvas);
        setMinHeight(160);
        setPrefHeight(240);
        stats.revisionProperty().addListener((o, a, b) -> draw());
        timeline.cursorProperty().addListener((o, a, b) -> draw());
        canvas.setOnMousePressed(e -> scrub(e.getX()));
        canvas.setOnMouseDragged(e -> scrub(e.getX()));
    }

    private double left() {
        return LEFT_AT_1 * scale;
    }

    private double top() {
        return TOP_AT_1 * scale;
    }

    private double bottom() {
        return BOTTOM_AT_1 * scale;
    }

    /** Presenter mode draws the labels larger. */
    public void setTextScale(double scale) {
        this.scale = scale;
        draw();
    }

    private void scrub(double x) {
        double w = canvas.getWidth() - left() - RIGHT;
        if (w > 0 && stats.first().isPresent()) {
            double t = from + Math.max(0, Math.min(1, (x - left()) / w)) * (to - from);
            timeline.cursorProperty().set(Duration.ofNanos((long) (t * 1e9)));
        }
    }

    @Override
    protected void layoutChildren() {
        double w = snapSizeX(getWidth());
        double h = snapSizeY(getHeight());
        if (canvas.getWidth() != w || canvas.getHeight() != h) {
            canvas.setWidth(w);
            canvas.setHeight(h);
            draw();
        }
    }

    private Font font(double size, FontWeight weight) {
        return Font.font("System", weight, size * scale);
    }

    private void draw() {
        double w = canvas.getWidth();
        double h = canvas.getHeight();
        GraphicsContext g = canvas.getGraphicsContext2D();
        g.setFill(Color.WHITE);
        g.fillRect(0, 0, w, h);
        double plotW = w - left() - RIGHT;
        double plotH = h - top() - bottom();
        if (plotW < 20 || plotH < 40) {
            return;
        }
        List<RunStats.Flow> flows = stats.flows();
        g.setTextBaseline(VPos.CENTER);
        if (stats.first().isEmpty() || flows.isEmpty()) {
            g.setFill(Color.web("#64748b"));
            g.setFont(font(13, FontWeight.NORMAL));
            g.setTextAlign(TextAlignment.CENTER);
            g.fillText(stats.first().isEmpty() ? "Probe success and latency appear here while a scenario runs"
                    : "No probe traffic in this run", w / 2, h / 2);
            return;
        }
        from = Math.min(0, seconds(stats.first().get()));
        to = Math.max(from + 1, seconds(stats.last().get()));
        double stripsH = Math.min(plotH * 0.4, Math.max(3, flows.size() * 7.0));
        double latencyH = plotH - stripsH - 8;
        double stripTop = top() + latencyH + 8;
        double maxMs = niceCeiling(Math.max(0.1, stats.maxLatencyMs() * 1.15));

        // Outage bands first, under everything else.
        List<OutageLabel> labels = new ArrayList<>();
        List<dev.lbstudio.scenario.LabEvent.Failure> failingAtEnd = stats.failingAtEnd();
        double end = x(to, plotW);
        for (RunStats.Band b : stats.bands()) {
            double x0 = x(seconds(b.start()), plotW);
            double x1 = Math.max(x0 + 2, x(seconds(b.end()), plotW));
            g.setFill(OUTAGE);
            g.fillRect(x0, top(), x1 - x0, plotH);
            labels.add(new OutageLabel(x0, x1, b.label(x1 >= end - 1, failingAtEnd)));
        }
        // Axes and grid.
        g.setStroke(GRID);
        g.setLineWidth(1);
        g.setFont(font(11, FontWeight.NORMAL));
        g.setFill(TEXT);
        g.setTextAlign(TextAlignment.RIGHT);
        for (int i = 0; i <= 2; i++) {
            double y = top() + latencyH - latencyH * i / 2;
            g.strokeLine(left(), y, left() + plotW, y);
            g.fillText(String.format(Locale.ROOT, "%.1f ms", maxMs * i / 2), left() - 4, y);
        }
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.TOP);
        double tick = niceCeiling((to - from) / 6);
        for (double t = Math.ceil(from / tick) * tick; t <= to + 1e-9; t += tick) {
            double x = x(t, plotW);
            g.strokeLine(x, top() + plotH, x, top() + plotH + 4);
            // + 0.0 turns a -0.0 into 0.0, which would print as "-0 s".
            g.fillText(String.format(Locale.ROOT, tick < 1 ? "%.1f s" : "%.0f s", t + 0.0), x, top() + plotH + 5);
        }
        // Latency per flow: the highest of each pixel column.
        g.setLineWidth(1.5);
        for (int f = 0; f < flows.size(); f++) {
            RunStats.Flow flow = flows.get(f);
            g.setStroke(FLOWS[f % FLOWS.length]);
            g.beginPath();
            boolean pen = false;
            for (int px = 0; px <= (int) plotW; px++) {
                double t0 = from + (to - from) * px / plotW;
                double t1 = from + (to - from) * (px + 1) / plotW;
                double ms = Double.NaN;
                for (double t = t0; t < t1 || t == t0; t += 0.1) {
                    double v = flow.latencyAt(t);
                    ms = Double.isNaN(ms) ? v : Double.isNaN(v) ? ms : Math.max(ms, v);
                }
                if (Double.isNaN(ms)) {
                    pen = false;
                    continue;
                }
                double y = top() + latencyH - latencyH * Math.min(1, ms / maxMs);
                if (pen) {
                    g.lineTo(left() + px, y);
                } else {
                    g.moveTo(left() + px, y);
                    pen = true;
                }
            }
            g.stroke();
        }
        // Success strips.
        double stripH = stripsH / flows.size();
        for (int f = 0; f < flows.size(); f++) {
            double y = stripTop + f * stripH;
            for (RunStats.Run r : flows.get(f).runs()) {
                double x0 = x(r.start(), plotW);
                double x1 = Math.max(x0 + 1, x(r.end(), plotW));
                g.setFill(r.ok() ? OK : FAILED);
                g.fillRect(x0, y, x1 - x0, Math.max(1, stripH - 1));
            }
        }
        g.setTextAlign(TextAlignment.RIGHT);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(TEXT);
        g.fillText("flows", left() - 4, stripTop + stripsH / 2);
        // Steps and convergence.
        g.setTextBaseline(VPos.TOP);
        g.setLineDashes(5, 4);
        for (RunStats.Convergence c : stats.convergence()) {
            double xs = x(seconds(c.stepAt()), plotW);
            g.setStroke(Color.web("#475569"));
            g.strokeLine(xs, top(), xs, top() + plotH);
            g.setTextAlign(TextAlignment.LEFT);
            g.setFill(TEXT);
            g.setFont(font(11, FontWeight.BOLD));
            g.fillText("step " + c.step(), xs + 3, 4);
            if (c.lastRouteChange().isPresent()) {
                double xc = x(seconds(c.lastRouteChange().get()), plotW);
                g.setStroke(Color.web("#15803d"));
                g.strokeLine(xc, top(), xc, top() + plotH);
                g.setFill(Color.web("#15803d"));
                String text = String.format(Locale.ROOT, "routes converged after %.1f s", seconds(c.took().get()));
                g.setTextAlign(xc > w * 0.6 ? TextAlignment.RIGHT : TextAlignment.LEFT);
                g.fillText(text, xc + (xc > w * 0.6 ? -3 : 3), top() + latencyH * 0.55);
            }
        }
        g.setLineDashes();
        // Outage labels on top of the lines.
        g.setFont(font(12, FontWeight.BOLD));
        g.setTextAlign(TextAlignment.CENTER);
        for (OutageLabel l : labels) {
            String text = l.text();
            // Half the label's width, about 7.2 px a character of the 12 px bold face.
            double half = (text.length() * 3.6 + 6) * scale;
            double cx = Math.max(left() + half, Math.min(left() + plotW - half, (l.x0() + l.x1()) / 2));
            g.setFill(Color.web("#ffffff", 0.85));
            g.fillRect(cx - half, top() + 2, 2 * half, 17 * scale);
            g.setFill(Color.web("#b91c1c"));
            g.fillText(text, cx, top() + 3);
        }
        // The scrub cursor.
        Duration cursor = timeline.cursorProperty().get();
        if (cursor != null) {
            double xc = x(seconds(cursor), plotW);
            g.setStroke(Color.web("#f59e0b"));
            g.setLineWidth(2);
            g.strokeLine(xc, top() - 4, xc, top() + plotH);
        }
    }

    private double x(double t, double plotW) {
        return left() + (t - from) / (to - from) * plotW;
    }

    private static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }

    /** 1, 2 or 5 times a power of ten, at least {@code v}: axis steps a reader can add up. */
    static double niceCeiling(double v) {
        double p = Math.pow(10, Math.floor(Math.log10(v)));
        for (double m : new double[] {1, 2, 5, 10}) {
            if (m * p >= v) {
                return m * p;
            }
        }
        return 10 * p;
    }

    /** An outage band's label and where the band lies on the chart. */
    private record OutageLabel(double x0, double x1, String text) {
    }
}
