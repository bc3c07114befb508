package dev.optimizr.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.util.List;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.AxisLocation;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.StandardXYBarPainter;
import org.jfree.chart.renderer.xy.XYBarRenderer;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYIntervalSeries;
import org.jfree.data.xy.XYIntervalSeriesCollection;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

/**
 * The report's charts: JFreeChart plots rendered to SVG markup by JFreeSVG, sized for an A4 page, in a quiet
 * palette that prints in grey. Not thread-safe: one instance per page (it numbers the charts so that their SVG
 * ids never clash).
 */
final class Charts {
  static final int WIDTH = 720;
  static final int HEIGHT = 260;
  private static final Color[] PALETTE = {new Color(0x2b6cb0), new Color(0xdd6b20), new Color(0x718096),
      new Color(0x2f855a)};
  private static final Font FONT = new Font("SansSerif", Font.PLAIN, 11);

  private int charts;

  /** A histogram: one bar per [from, to) interval. */
  record Bin(double from, double to, double value) {}

  /** A line: (x, y) points. */
  record Line(String name, List<double[]> points) {}

  String histogram(String xLabel, String yLabel, List<Bin> bins) {
    XYIntervalSeries s = new XYIntervalSeries(yLabel);
    for (Bin b : bins) {
      s.add((b.from() + b.to()) / 2, b.from(), b.to(), b.value(), b.value(), b.value());
    }
    XYIntervalSeriesCollection data = new XYIntervalSeriesCollection();
    data.addSeries(s);
    JFreeChart chart = ChartFactory.createXYBarChart(null, xLabel, false, yLabel, data, PlotOrientation.VERTICAL,
        false, false, false);
    XYPlot plot = chart.getXYPlot();
    XYBarRenderer r = (XYBarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardXYBarPainter());
    r.setShadowVisible(false);
    r.setSeriesPaint(0, PALETTE[0]);
    r.setDrawBarOutline(true);
    r.setSeriesOutlinePaint(0, Color.WHITE);
    ((NumberAxis) plot.getRangeAxis()).setStandardTickUnits(NumberAxis.createIntegerTickUnits());
    return svg(style(chart), HEIGHT);
  }

  /** Horizontal bars, one row per category, one bar per series. */
  String bars(String valueLabel, List<String> series, List<String> categories, double[][] values) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (int c = 0; c < categories.size(); c++) {
      for (int s = 0; s < series.size(); s++) {
        data.addValue(values[c][s], series.get(s), categories.get(c));
      }
    }
    JFreeChart chart = ChartFactory.createBarChart(null, null, valueLabel, data, PlotOrientation.HORIZONTAL,
        series.size() > 1, false, false);
    CategoryPlot plot = chart.getCategoryPlot();
    BarRenderer r = (BarRenderer) plot.getRenderer();
    r.setBarPainter(new StandardBarPainter());
    r.setShadowVisible(false);
    r.setItemMargin(0.05);
    for (int s = 0; s < series.size(); s++) {
      r.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
    }
    plot.setRangeAxisLocation(AxisLocation.BOTTOM_OR_LEFT); // values under the bars, as on the other charts
    CategoryAxis axis = plot.getDomainAxis();
    axis.setMaximumCategoryLabelWidthRatio(0.35f);
    axis.setCategoryLabelPositions(CategoryLabelPositions.STANDARD);
    int height = Math.max(140, 60 + categories.size() * (series.size() > 1 ? 30 : 20));
    return svg(style(chart), height);
  }

  /** Lines over a numeric x axis (seconds into the run), with vertical marks at {@code marks}. */
  String lines(String xLabel, String yLabel, List<Line> lines, List<Double> marks) {
    XYSeriesCollection data = new XYSeriesCollection();
    for (Line l : lines) {
      XYSeries s = new XYSeries(l.name(), false, true);
      l.points().forEach(p -> s.add(p[0], p[1]));
      data.addSeries(s);
    }
    JFreeChart chart = ChartFactory.createXYLineChart(null, xLabel, yLabel, data, PlotOrientation.VERTICAL,
        lines.size() > 1, false, false);
    XYPlot plot = chart.getXYPlot();
    XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, false);
    for (int s = 0; s < lines.size(); s++) {
      r.setSeriesPaint(s, PALETTE[s % PALETTE.length]);
      r.setSeriesStroke(s, new BasicStroke(1.6f));
    }
    plot.setRenderer(r);
    for (double m : marks) {
      ValueMarker marker = new ValueMarker(m, new Color(0xc53030), new BasicStroke(0.6f));
      marker.setAlpha(0.35f);
      plot.addDomainMarker(marker);
    }
    return svg(style(chart), HEIGHT);
  }

  private static JFreeChart style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    if (chart.getLegend() != null) {
      chart.getLegend().setItemFont(FONT);
      chart.getLegend().setFrame(org.jfree.chart.block.BlockBorder.NONE);
    }
    if (chart.getPlot() instanceof XYPlot p) {
      p.setBackgroundPaint(Color.WHITE);
      p.setDomainGridlinePaint(new Color(0xe2e8f0));
      p.setRangeGridlinePaint(new Color(0xe2e8f0));
      p.setOutlineVisible(false);
      fonts(p.getDomainAxis(), p.getRangeAxis());
    } else if (chart.getPlot() instanceof CategoryPlot p) {
      p.setBackgroundPaint(Color.WHITE);
      p.setRangeGridlinePaint(new Color(0xe2e8f0));
      p.setOutlineVisible(false);
      fonts(p.getDomainAxis(), p.getRangeAxis());
    }
    return chart;
  }

  private static void fonts(org.jfree.chart.axis.Axis... axes) {
    for (org.jfree.chart.axis.Axis a : axes) {
      a.setLabelFont(FONT);
      a.setTickLabelFont(FONT);
    }
  }

  private String svg(JFreeChart chart, int height) {
    SVGGraphics2D g = new SVGGraphics2D(WIDTH, height);
    // every chart's clip paths and gradients get their own id prefix: several SVGs share one page
    g.setDefsKeyPrefix("c" + (++charts) + "-");
    chart.draw(g, new Rectangle(0, 0, WIDTH, height));
    return g.getSVGElement(null, true, null, null, null);
  }
}
