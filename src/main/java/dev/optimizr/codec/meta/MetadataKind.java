package dev.optimizr.codec.meta;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/** A metadata block {@code -metadata} can copy into the WebP file. */
public enum MetadataKind {
  ICC, EXIF, XMP;

  /**
   * Parses cwebp's syntax: {@code none}, {@code all}, or a comma-separated list of {@code icc}, {@code exif},
   * {@code xmp}.
   *
   * @throws IllegalArgumentException for anything else
   */
  public static Set<MetadataKind> parse(String text) {
    EnumSet<MetadataKind> kinds = EnumSet.noneOf(MetadataKind.class);
    for (String part : text.split(",", -1)) {
      String p = part.strip().toLowerCase(Locale.ROOT);
      switch (p) {
        case "none" -> { }
        case "all" -> kinds.addAll(EnumSet.allOf(MetadataKind.class));
        case "icc", "exif", "xmp" -> kinds.add(valueOf(p.toUpperCase(Locale.ROOT)));
        default -> throw new IllegalArgumentException("-metadata must be none, all, or a comma-separated list of "
            + "icc, exif, xmp; got '" + text + "'");
      }
    }
    return kinds;
  }

  /** The canonical text: "none", "all" or e.g. "icc,exif". */
  public static String format(Set<MetadataKind> kinds) {
    if (kinds.isEmpty()) {
      return "none";
    }
    if (kinds.size() == values().length) {
      return "all";
    }
    return String.join(",", kinds.stream().sorted().map(k -> k.name().toLowerCase(Locale.ROOT)).toList());
  }
}
