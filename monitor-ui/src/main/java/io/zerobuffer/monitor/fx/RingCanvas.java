package io.zerobuffer.monitor.fx;

import io.zerobuffer.api.Health;
import io.zerobuffer.api.RingLayout;
import io.zerobuffer.monitor.Format;
import javafx.geometry.VPos;
import javafx.scene.canvas.Canvas;
import javafx.scene.canvas.GraphicsContext;
import javafx.scene.paint.Color;
import javafx.scene.shape.ArcType;
import javafx.scene.shape.StrokeLineCap;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import javafx.scene.text.TextAlignment;

/**
 * The ring drawn as a ring: offset 0 at the top, clockwise. Free space grey; frames written and
 * not yet read blue; frames read but not yet released by the reader lilac; the tail the writer
 * skipped at its last wrap hatched dark grey; ticks for the read (R) and write (W) positions;
 * utilisation and health in the middle.
 */
final class RingCanvas extends Canvas {
    static final Color FREE = Color.web("#e3e6ea");
    static final Color IN_FLIGHT = Color.web("#2f7fd8");
    static final Color HELD = Color.web("#a98bd6");
    static final Color TAIL = Color.web("#55595f");
    static final Color READ = Color.web("#1b9e4b");
    static final Color WRITE = Color.web("#d9480f");

    RingCanvas(double size) {
        super(size, size);
    }

    void draw(RingLayout ring, Health health) {
        GraphicsContext g = getGraphicsContext2D();
        double w = getWidth();
        double h = getHeight();
        g.clearRect(0, 0, w, h);
        double thickness = Math.min(w, h) * 0.13;
        double margin = thickness / 2 + 34;
        double d = Math.min(w, h) - 2 * margin;
        double x = (w - d) / 2;
        double y = (h - d) / 2;
        g.setLineCap(StrokeLineCap.BUTT);
        g.setLineWidth(thickness);
        g.setStroke(FREE);
        g.strokeOval(x, y, d, d);
        if (ring == null || ring.payloadSize() <= 0) {
            return;
        }
        long p = ring.payloadSize();
        long read = clamp(ring.readPosition(), p);
        long write = clamp(ring.writePosition(), p);
        long used = Math.min(p, Math.max(0, ring.usedBytes()));
        // everything not free: from the oldest unreleased byte up to the write position
        long start = Math.floorMod(write - used, p);
        if (used >= p) {
            arc(g, x, y, d, 0, p, p, HELD);
        } else {
            arcWrapping(g, x, y, d, start, write, p, HELD);
        }
        // written, not yet read: read -> write, skipping the tail
        if (ring.tailStart() >= 0 && write < read) {
            arc(g, x, y, d, read, ring.tailStart(), p, IN_FLIGHT);
            arc(g, x, y, d, 0, write, p, IN_FLIGHT);
            g.setLineWidth(thickness);
            arc(g, x, y, d, ring.tailStart(), p, p, TAIL);
            hatch(g, x, y, d, thickness, ring.tailStart(), p, p);
        } else if (write != read || (used >= p)) {
            arcWrapping(g, x, y, d, read, write, p, IN_FLIGHT);
        }
        // both labels outside the ring; when the positions are close, W's label moves further out
        double apart = Math.abs(read - write) / (double) p;
        boolean close = Math.min(apart, 1 - apart) < 0.04;
        tick(g, x, y, d, thickness, read, p, READ, "R", 0);
        tick(g, x, y, d, thickness, write, p, WRITE, "W", close ? 14 : 0);

        double used01 = (double) used / p;
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.setFill(Color.web("#1f2328"));
        g.setFont(Font.font("System", FontWeight.BOLD, d * 0.17));
        g.fillText(Format.percent(used01), w / 2, h / 2 - d * 0.06);
        g.setFont(Font.font("System", FontWeight.BOLD, d * 0.085));
        g.setFill(MonitorView.healthColour(health));
        g.fillText(Format.health(health), w / 2, h / 2 + d * 0.12);
        g.setFill(Color.web("#57606a"));
        g.setFont(Font.font("System", d * 0.055));
        g.fillText(Format.bytes(used) + " of " + Format.bytes(p), w / 2, h / 2 + d * 0.23);
    }

    private static long clamp(long v, long p) {
        return Math.max(0, Math.min(p, v)) % p;
    }

    private static void arcWrapping(GraphicsContext g, double x, double y, double d, long from, long to, long p, Color c) {
        if (from <= to) {
            arc(g, x, y, d, from, to, p, c);
        } else {
            arc(g, x, y, d, from, p, p, c);
            arc(g, x, y, d, 0, to, p, c);
        }
    }

    private static void arc(GraphicsContext g, double x, double y, double d, long from, long to, long p, Color c) {
        if (to <= from) {
            return;
        }
        double start = 90 - 360.0 * from / p;
        double extent = -Math.max(0.6, 360.0 * (to - from) / p);
        g.setStroke(c);
        g.strokeArc(x, y, d, d, start, extent, ArcType.OPEN);
    }

    private static void hatch(GraphicsContext g, double x, double y, double d, double thickness, long from, long to, long p) {
        double cx = x + d / 2;
        double cy = y + d / 2;
        double r = d / 2;
        g.setStroke(Color.web("#c9ccd1"));
        g.setLineWidth(1);
        double a0 = 360.0 * from / p;
        double a1 = 360.0 * to / p;
        for (double a = a0 + 2; a < a1; a += 4) {
            double rad = Math.toRadians(a - 90);
            double rad2 = Math.toRadians(a - 90 + 3);
            g.strokeLine(cx + (r - thickness / 2) * Math.cos(rad), cy + (r - thickness / 2) * Math.sin(rad),
                    cx + (r + thickness / 2) * Math.cos(rad2), cy + (r + thickness / 2) * Math.sin(rad2));
        }
        g.setLineWidth(thickness);
    }

    private static void tick(GraphicsContext g, double x, double y, double d, double thickness, long pos, long p,
            Color c, String label, double extra) {
        double cx = x + d / 2;
        double cy = y + d / 2;
        double r = d / 2;
        double rad = Math.toRadians(360.0 * pos / p - 90);
        double inner = r - thickness / 2 - 4;
        double outer = r + thickness / 2 + 4;
        g.setStroke(c);
        g.setLineWidth(3);
        g.strokeLine(cx + inner * Math.cos(rad), cy + inner * Math.sin(rad), cx + outer * Math.cos(rad), cy + outer * Math.sin(rad));
        double lr = outer + 11 + extra;
        g.setFill(c);
        g.setFont(Font.font("System", FontWeight.BOLD, 13));
        g.setTextAlign(TextAlignment.CENTER);
        g.setTextBaseline(VPos.CENTER);
        g.fillText(label, cx + lr * Math.cos(rad), cy + lr * Math.sin(rad));
        g.setLineWidth(thickness);
    }
}
