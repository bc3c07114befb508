package dev.optimizr.deploy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Just enough of a Dockerfile parser to check ours: instructions of the final stage, ARG/ENV values. */
record Dockerfile(List<Instruction> instructions) {
  /** One instruction, continuation lines joined; {@code words} split like a shell, double quotes removed. */
  record Instruction(String keyword, String text, List<String> words) {}

  static Dockerfile parse(Path file) throws IOException {
    List<Instruction> result = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : Files.readAllLines(file)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("#") || (trimmed.isEmpty() && current.length() == 0)) {
        continue;
      }
      if (trimmed.endsWith("\\")) {
        current.append(trimmed, 0, trimmed.length() - 1).append(' ');
        continue;
      }
      current.append(trimmed);
      String text = current.toString().strip();
      current.setLength(0);
      if (!text.isEmpty()) {
        String[] parts = text.split("\\s+", 2);
        String rest = parts.length > 1 ? parts[1] : "";
        result.add(new Instruction(parts[0].toUpperCase(), rest, words(rest)));
      }
    }
    return new Dockerfile(List.copyOf(result));
  }

  static List<String> words(String text) {
    List<String> words = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (char c : text.toCharArray()) {
      if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inWord) {
          words.add(word.toString());
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (inWord) {
      words.add(word.toString());
    }
    return words;
  }

  List<Instruction> all(String keyword) {
    return instructions.stream().filter(i -> i.keyword().equals(keyword)).toList();
  }

  /** The instructions after the last FROM. */
  Dockerfile finalStage() {
    int last = instructions.size() - 1;
    while (!instructions.get(last).keyword().equals("FROM")) {
      last--;
    }
    return new Dockerfile(instructions.subList(last, instructions.size()));
  }

  /** ARG defaults ({@code ARG NAME=value}). */
  Map<String, String> args() {
    return keyValues("ARG");
  }

  /** ENV values ({@code ENV A=1 B="x y"}). */
  Map<String, String> env() {
    return keyValues("ENV");
  }

  private Map<String, String> keyValues(String keyword) {
    return all(keyword).stream().flatMap(i -> i.words().stream()).filter(w -> w.contains("="))
        .collect(Collectors.toMap(w -> w.substring(0, w.indexOf('=')), w -> w.substring(w.indexOf('=') + 1),
            (a, b) -> b, LinkedHashMap::new));
  }
}
