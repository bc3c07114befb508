package dev.optimizr.cli;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** The one-line usage message for a command-line error, naming the closest flag for a misspelled one. */
final class UnknownOption {
  private UnknownOption() {}

  /**
   * For an unknown option, "Unknown option: '-qualty'; did you mean -quality?"; other parse errors keep
   * picocli's message. Picocli lists every unmatched word ("Unknown options: '-qualty', '90'"), calling the
   * misspelled flag's value an option too; only the flag is named here.
   */
  static String describe(ParameterException ex) {
    if (!(ex instanceof UnmatchedArgumentException u) || !u.isUnknownOption()) {
      return ex.getMessage();
    }
    String typed = u.getUnmatched().stream().filter(a -> a.startsWith("-")).findFirst().orElseThrow();
    String flag = typed.contains("=") ? typed.substring(0, typed.indexOf('=')) : typed;
    return "Unknown option: '" + flag + "'"
        + closest(flag, ex.getCommandLine().getCommandSpec().options()).map(s -> "; did you mean " + s + "?")
            .orElse("");
  }

  /**
   * The visible flag nearest to {@code typed} by edit distance (a swap of two neighbouring letters counts as
   * one edit, so "-wrokers" finds "-workers", which picocli's own bigram suggestions miss), in the user's
   * spelling: single dash or GNU double dash. Empty when nothing is within a third of the name's length.
   */
  static Optional<String> closest(String typed, Iterable<OptionSpec> options) {
    String word = typed.replaceFirst("^-+", "").toLowerCase(Locale.ROOT);
    String dashes = typed.startsWith("--") ? "--" : "-";
    int limit = Math.max(1, word.length() / 3);
    Optional<String> best = Optional.empty();
    int bestDistance = Integer.MAX_VALUE;
    for (OptionSpec o : options) {
      if (o.hidden()) {
        continue;
      }
      for (String n : o.names()) {
        String name = n.replaceFirst("^-+", "");
        int d = distance(word, name);
        if (d <= limit && d < bestDistance) {
          bestDistance = d;
          best = Optional.of(Arrays.asList(o.names()).contains(dashes + name) ? dashes + name : n);
        }
      }
    }
    return best;
  }

  /** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
  static int distance(String a, String b) {
    int[][] d = new int[a.length() + 1][b.length() + 1];
    for (int i = 0; i <= a.length(); i++) {
      d[i][0] = i;
    }
    for (int j = 0; j <= b.length(); j++) {
      d[0][j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        d[i][j] = Math.min(Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1), d[i - 1][j - 1] + cost);
        if (i > 1 && j > 1 && a.charAt(i - 1) == b.charAt(j - 2) && a.charAt(i - 2) == b.charAt(j - 1)) {
          d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
        }
      }
    }
    return d[a.length()][b.length()];
  }
}
