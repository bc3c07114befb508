package dev.optimizr.cli;

import java.util.ArrayList;
import java.util.List;

/**
 * What a person sees on a terminal of a given width after it received some output: a minimal VT100 model
 * (printable characters with autowrap, CR, LF, and "erase in line") that keeps every row, scrolled off or
 * not. Any other control sequence is recorded as unexpected, so a test notices output it cannot judge.
 */
final class ScreenModel {
  private final int width;
  private final List<StringBuilder> rows = new ArrayList<>();
  /** rows.get(i) continues row i-1 because the text before it reached the right margin (autowrap). */
  private final List<Boolean> wrapped = new ArrayList<>();
  private final List<String> unexpected = new ArrayList<>();
  private int row;
  private int col;
  private boolean pendingWrap;

  ScreenModel(int width, String output) {
    this.width = width;
    newRow(false);
    // The terminal's echo of the Ctrl+C the test typed: the terminal's doing, not the program's output.
    feed(output.replace("^C", ""));
  }

  private void newRow(boolean continuation) {
    rows.add(new StringBuilder());
    wrapped.add(continuation);
  }

  private void feed(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\r') {
        col = 0;
        pendingWrap = false;
      } else if (c == '\n') {
        lineFeed(false);
        pendingWrap = false;
      } else if (c == 0x1b) {
        i = escape(s, i);
      } else if (c < 0x20 || c == 0x7f) {
        unexpected.add(String.format("control character 0x%02x", (int) c));
      } else {
        put(c);
      }
    }
  }

  private void lineFeed(boolean continuation) {
    row++;
    if (row == rows.size()) {
      newRow(continuation);
    }
  }

  private void put(char c) {
    if (pendingWrap) {
      lineFeed(true);
      col = 0;
      pendingWrap = false;
    }
    StringBuilder r = rows.get(row);
    while (r.length() < col) {
      r.append(' ');
    }
    if (col < r.length()) {
      r.setCharAt(col, c);
    } else {
      r.append(c);
    }
    if (col == width - 1) {
      pendingWrap = true; // the cursor stays on the last column until the next printable character
    } else {
      col++;
    }
  }

  /** Handles ESC [ n K (erase in line); returns the index of the sequence's last character. */
  private int escape(String s, int start) {
    int i = start + 1;
    if (i >= s.length() || s.charAt(i) != '[') {
      unexpected.add("escape " + s.substring(start, Math.min(s.length(), start + 2)));
      return i;
    }
    int p = i + 1;
    while (p < s.length() && (Character.isDigit(s.charAt(p)) || s.charAt(p) == ';')) {
      p++;
    }
    if (p >= s.length()) {
      unexpected.add("truncated escape");
      return p;
    }
    String param = s.substring(i + 1, p);
    if (s.charAt(p) == 'K' && (param.isEmpty() || param.equals("0"))) {
      StringBuilder r = rows.get(row);
      int from = pendingWrap ? width - 1 : col;
      if (from < r.length()) {
        r.setLength(from);
      }
    } else if (s.charAt(p) == 'K' && param.equals("2")) {
      rows.get(row).setLength(0);
    } else {
      unexpected.add("escape ESC[" + param + s.charAt(p));
    }
    return p;
  }

  /** The rows as shown, trailing spaces removed. */
  List<String> rows() {
    return rows.stream().map(r -> r.toString().stripTrailing()).toList();
  }

  /** Rows joined with the rows they wrapped onto: each entry is one line the program printed, as seen. */
  List<Line> lines() {
    List<Line> lines = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      String text = rows.get(i).toString();
      if (wrapped.get(i) && !lines.isEmpty()) {
        Line last = lines.remove(lines.size() - 1);
        lines.add(new Line(last.text() + text, last.rows() + 1));
      } else {
        lines.add(new Line(text, 1));
      }
    }
    return lines.stream().map(l -> new Line(l.text().stripTrailing(), l.rows())).toList();
  }

  /** Control sequences this model does not know. */
  List<String> unexpected() {
    return unexpected;
  }

  /** One printed line as seen, and how many screen rows it took. */
  record Line(String text, int rows) {}
}
