package dev.optimizr.report.html;

/** The page's stylesheet: readable on screen, one column, and printable (no dark backgrounds, no cut charts). */
final class Style {
  private Style() {}

  static final String CSS = """
      body{font:14px/1.45 system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;color:#1a202c;\
      max-width:820px;margin:24px auto;padding:0 16px;background:#fff}
      h1{font-size:24px;margin:0}h2{font-size:18px;margin:28px 0 8px;border-bottom:1px solid #e2e8f0}
      .scope{color:#4a5568;margin:4px 0 16px}
      .cards{display:grid;grid-template-columns:repeat(4,1fr);gap:8px}
      .card{border:1px solid #e2e8f0;border-radius:6px;padding:8px 10px}
      .num{font-size:20px;font-weight:600}.label{color:#4a5568;font-size:12px}
      table{border-collapse:collapse;width:100%;font-size:13px;margin:6px 0}
      th,td{text-align:left;padding:3px 6px;border-bottom:1px solid #edf2f7;vertical-align:top}
      td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}
      td.path{word-break:break-all;font-family:ui-monospace,"DejaVu Sans Mono",monospace;font-size:12px}
      .note{color:#4a5568;font-size:12px}
      svg{max-width:100%;height:auto;display:block;margin:6px 0}
      .gallery{display:grid;grid-template-columns:1fr;gap:10px}
      .shot{border:1px solid #e2e8f0;border-radius:6px;padding:8px;display:grid;\
      grid-template-columns:auto auto auto auto;gap:6px;align-items:start}
      .shot figure{margin:0}.shot figcaption{font-size:11px;color:#4a5568}
      .shot img{display:block;max-width:200px;image-rendering:auto}
      .shot img.crop{image-rendering:pixelated;width:128px}
      .shot .title{grid-column:1/-1}
      footer{margin:32px 0 8px;color:#718096;font-size:12px}
      @media print{body{margin:0;max-width:none}section,.shot,table{break-inside:avoid}h2{break-after:avoid}}
      """;
}
