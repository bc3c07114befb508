package dev.optimizr.report.html;

import java.util.Locale;

/** Escaping and number formats for the page; every number printed with {@link Locale#ROOT}. Stateless. */
final class Html {
  private Html() {}

  /** Text or attribute value with the five HTML-significant characters escaped. */
  static String esc(Object o) {
    String s = String.valueOf(o);
    StringBuilder b = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }

  /** 1536 → "1.5 KB"; binary multiples, as the console report. */
  static String bytes(long n) {
    double v = Math.abs(n);
    String[] units = {"B", "KB", "MB", "GB", "TB"};
    int u = 0;
    while (v >= 1024 && u < units.length - 1) {
      v /= 1024;
      u++;
    }
    return (n < 0 ? "−" : "") + (u == 0 ? String.valueOf((long) v) : fmt(v < 10 ? "%.2f" : "%.1f", v)) + " "
        + units[u];
  }

  static String fmt(String pattern, Object... args) {
    return String.format(Locale.ROOT, pattern, args);
  }

  /** 12345 → "12,345". */
  static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  static String percent(double p) {
    return Double.isNaN(p) ? "–" : fmt("%.1f %%", p);
  }

  /** Seconds as "1h 02m", "3m 25s" or "4.2 s". */
  static String duration(double seconds) {
    long s = Math.round(seconds);
    if (s >= 3600) {
      return fmt("%dh %02dm", s / 3600, s / 60 % 60);
    }
    if (s >= 60) {
      return fmt("%dm %02ds", s / 60, s % 60);
    }
    return fmt("%.1f s", seconds);
  }

  static String ssim(double v) {
    return Double.isNaN(v) ? "–" : fmt("%.4f", v);
  }
}
