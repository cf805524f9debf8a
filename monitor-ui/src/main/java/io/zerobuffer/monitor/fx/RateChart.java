package io.zerobuffer.monitor.fx;

import io.zerobuffer.monitor.Format;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.text.Font;
import javafx.scene.text.TextAlignment;

/**
 * The last minute of frames/s (blue) and MiB/s (orange), each on its own scale, drawn on a
 * canvas: a few hundred points redrawn ten times a second without the cost of a chart control.
 */
final class RateChart extends Canvas {
    static final Color FRAMES = Color.web("#2f7fd8");
    static final Color MIB = Color.web("#e8590c");
    static final Color FRAMES_FILL = Color.web("#2f7fd8", 0.18);

    RateChart(double width, double height) {
        super(width, height);
    }

    @Override
    public boolean isResizable() {
        return true;
    }

    @Override
    public double prefWidth(double height) {
        return 300;
    }

    @Override
    public double prefHeight(double width) {
        return getHeight();
    }

    void draw(double[][] history) {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.clearRect(0, 0, w, h);
        double left = 56;
        double right = 56;
        double top = 22;
        double bottom = 20;
        double pw = Math.max(10, w - left - right);
        double ph = Math.max(10, h - top - bottom);
        g.setFill(Color.web("#fbfcfd"));
        g.fillRect(left, top, pw, ph);
        g.setStroke(Color.web("#d0d7de"));
        g.setLineWidth(1);
        g.strokeRect(left, top, pw, ph);
        g.setFont(Font.font("System", 11));
        g.setFill(Color.web("#57606a"));
        g.setTextBaseline(VPos.TOP);
        g.setTextAlign(TextAlignment.CENTER);
        for (int s = 0; s <= 60; s += 10) {
            double gx = left + pw * (60 - s) / 60.0;
            g.setStroke(Color.web("#eaeef2"));
            g.strokeLine(gx, top, gx, top + ph);
            g.fillText(s == 0 ? "now" : "-" + s + " s", gx, top + ph + 4);
        }
        double maxFrames = 1;
        double maxMib = 1;
        for (double[] p : history) {
            maxFrames = Math.max(maxFrames, p[1]);
            maxMib = Math.max(maxMib, p[2]);
        }
        maxFrames = nice(maxFrames);
        maxMib = nice(maxMib);
        area(g, history, 1, maxFrames, left, top, pw, ph, FRAMES_FILL);
        line(g, history, 1, maxFrames, left, top, pw, ph, FRAMES);
        line(g, history, 2, maxMib, left, top, pw, ph, MIB);
        g.setTextBaseline(VPos.CENTER);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(FRAMES);
        g.fillText(Format.rate(maxFrames), left - 4, top);
        g.fillText("0", left - 4, top + ph);
        g.setTextAlign(TextAlignment.LEFT);
        g.setFill(MIB);
        g.fillText(Format.rate(maxMib), left + pw + 4, top);
        g.fillText("0", left + pw + 4, top + ph);
        g.setTextBaseline(VPos.TOP);
        g.setFill(FRAMES);
        g.fillText("frames/s", left, 4);
        g.setTextAlign(TextAlignment.RIGHT);
        g.setFill(MIB);
        g.fillText("MiB/s", left + pw, 4);
        g.setTextAlign(TextAlignment.CENTER);
        g.setFill(Color.web("#57606a"));
        g.fillText("last minute", left + pw / 2, 4);
    }

    private static double nice(double max) {
        double exp = Math.pow(10, Math.floor(Math.log10(max)));
        for (double m : new double[] {1, 2, 2.5, 5, 10}) {
            if (m * exp >= max) {
                return m * exp;
            }
        }
        return 10 * exp;
    }

    private static void area(GraphicsContext g, double[][] history, int series, double max, double left, double top,
            double pw, double ph, Color fill) {
        if (history.length < 2) {
            return;
        }
        g.setFill(fill);
        g.beginPath();
        double firstX = -1;
        double lastX = left;
        for (double[] p : history) {
            double px = left + pw * (60 + p[0]) / 60.0;
            if (px < left) {
                continue;
            }
            double py = top + ph - ph * Math.min(1, p[series] / max);
            if (firstX < 0) {
                firstX = px;
                g.moveTo(px, top + ph);
            }
            g.lineTo(px, py);
            lastX = px;
        }
        if (firstX >= 0) {
            g.lineTo(lastX, top + ph);
            g.closePath();
            g.fill();
        }
    }

    private static void line(GraphicsContext g, double[][] history, int series, double max, double left, double top,
            double pw, double ph, Color colour) {
        if (history.length < 2) {
            return;
        }
        g.setStroke(colour);
        g.setLineWidth(1.8);
        g.beginPath();
        boolean first = true;
        for (double[] p : history) {
            double px = left + pw * (60 + p[0]) / 60.0;
            double py = top + ph - ph * Math.min(1, p[series] / max);
            if (px < left) {
                continue;
            }
            if (first) {
                g.moveTo(px, py);
                first = false;
            } else {
                g.lineTo(px, py);
            }
        }
        g.stroke();
    }
}
