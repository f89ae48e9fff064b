package io.dvmigrate.cli.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * A PNG line chart of rows/s over time: measured series (one point a second) against horizontal reference lines
 * (the ceilings the service-protection model allows). Drawn with Java2D, headless, so the bench needs nothing else.
 */
final class ThroughputChart {
    record Series(String label, List<Long> perSecond, Color color) {
    }

    record Line(String label, double rowsPerSecond, Color color) {
    }

    private static final int WIDTH = 900;
    private static final int HEIGHT = 420;
    private static final int LEFT = 80;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 60;

    private ThroughputChart() {
    }

    static void write(Path file, String title, List<Series> series, List<Line> lines) {
        System.setProperty("java.awt.headless", "true");
        int seconds = Math.max(1, series.stream().mapToInt(s -> s.perSecond().size()).max().orElse(1));
        double top = Math.max(series.stream().flatMap(s -> s.perSecond().stream()).mapToLong(Long::longValue).max().orElse(1),
                lines.stream().mapToDouble(Line::rowsPerSecond).max().orElse(1)) * 1.15;
        BufferedImage image = new BufferedImage(WIDTH, HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, WIDTH, HEIGHT);
        int plotWidth = WIDTH - LEFT - RIGHT;
        int plotHeight = HEIGHT - TOP - BOTTOM;

        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.setColor(Color.BLACK);
        g.drawString(title, LEFT, 25);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
        for (int i = 0; i <= 5; i++) {
            double value = top * i / 5;
            int y = TOP + plotHeight - (int) (plotHeight * i / 5.0);
            g.setColor(new Color(230, 230, 230));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.setColor(Color.DARK_GRAY);
            g.drawString(String.format("%,.0f", value), 8, y + 4);
        }
        int step = Math.max(1, (int) Math.ceil(seconds / 10.0));
        for (int second = 0; second <= seconds; second += step) {
            int x = LEFT + (int) ((long) plotWidth * second / seconds);
            g.drawString(second + " s", x - 8, TOP + plotHeight + 18);
        }
        g.drawString("rows/s", 8, TOP - 12);
        g.drawString("time since the first row was written", LEFT + plotWidth / 2 - 90, HEIGHT - 15);
        g.setColor(Color.GRAY);
        g.drawRect(LEFT, TOP, plotWidth, plotHeight);

        int legendX = LEFT + 10;
        int legendY = TOP + 16;
        for (Line line : lines) {
            int y = TOP + plotHeight - (int) (plotHeight * line.rowsPerSecond() / top);
            g.setColor(line.color());
            g.setStroke(new BasicStroke(1.5f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10, new float[] {8, 6}, 0));
            g.drawLine(LEFT, y, LEFT + plotWidth, y);
            g.drawString(line.label(), legendX, legendY);
            legendY += 15;
        }
        g.setStroke(new BasicStroke(2f));
        for (Series s : series) {
            List<Long> points = s.perSecond();
            g.setColor(s.color());
            for (int i = 1; i < points.size(); i++) {
                g.drawLine(x(i - 1, seconds, plotWidth), y(points.get(i - 1), top, plotHeight),
                        x(i, seconds, plotWidth), y(points.get(i), top, plotHeight));
            }
            g.drawString(s.label(), legendX, legendY);
            legendY += 15;
        }
        g.dispose();
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            ImageIO.write(image, "png", file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chart " + file + ": " + e.getMessage(), e);
        }
    }

    private static int x(int second, int seconds, int plotWidth) {
        return LEFT + (int) ((long) plotWidth * second / seconds);
    }

    private static int y(long value, double top, int plotHeight) {
        return TOP + plotHeight - (int) (plotHeight * value / top);
    }
}
