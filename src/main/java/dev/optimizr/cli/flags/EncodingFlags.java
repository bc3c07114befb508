package dev.optimizr.cli.flags;

import dev.optimizr.cli.UsageException;
import dev.optimizr.codec.ConvertOptions;
import dev.optimizr.codec.PngMode;
import dev.optimizr.codec.meta.MetadataKind;
import dev.optimizr.codec.webp.EncodeSettings;
import dev.optimizr.codec.webp.Preset;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The flags that decide how each image is encoded (cwebp's controls under cwebp's names, resizing,
 * metadata, PNG policy, SSIM target, larger-output policy), mixed into {@link Optimizr}; turns them into
 * {@link ConvertOptions}, refusing contradictory combinations.
 */
public final class EncodingFlags {
  @Option(names = {"-method", "--method"}, paramLabel = "0-6", defaultValue = "4",
      description = "Compression effort, as cwebp -m: 0 fastest, 6 smallest (default: ${DEFAULT-VALUE}).")
  int method;

  @Option(names = {"-lossless", "--lossless"}, description = "Encode every image lossless (VP8L).")
  boolean lossless;

  @Option(names = {"-near-lossless", "--near-lossless"}, paramLabel = "0-100",
      description = "Lossless with near-lossless preprocessing, as cwebp -near_lossless: 0 most, 100 none.")
  Integer nearLossless;

  @Option(names = {"-alpha-quality", "--alpha-quality"}, paramLabel = "0-100",
      description = "Lossy alpha plane quality, as cwebp -alpha_q (default: 100, alpha kept lossless).")
  Integer alphaQuality;

  @Option(names = {"-exact", "--exact"},
      description = "Keep the RGB values under fully transparent pixels (libwebp otherwise simplifies them).")
  boolean exact;

  @Option(names = {"-sharp-yuv", "--sharp-yuv"},
      description = "Sharper, slower RGB-to-YUV conversion for lossy encoding, as cwebp -sharp_yuv.")
  boolean sharpYuv;

  @Option(names = {"-target-size", "--target-size"}, paramLabel = "BYTES",
      description = "Aim for this output size per image, as cwebp -size (lossy; more encoder passes).")
  Integer targetSize;

  @Option(names = {"-target-psnr", "--target-psnr"}, paramLabel = "DB",
      description = "Aim for this PSNR per image, as cwebp -psnr (lossy; more encoder passes).")
  Double targetPsnr;

  @Option(names = {"-preset", "--preset"}, completionCandidates = CompletionValues.Presets.class,
      paramLabel = "NAME",
      description = "cwebp's lossy tuning preset: default, photo, picture, drawing, icon or text; emulated "
          + "with libwebp's own preset values, as the binding has no preset call.")
  String preset;

  @Option(names = {"-max-width", "--max-width"}, paramLabel = "N",
      description = "Shrink wider images to N pixels wide, keeping the aspect ratio; never enlarges.")
  Integer maxWidth;

  @Option(names = {"-max-height", "--max-height"}, paramLabel = "N",
      description = "Shrink taller images to N pixels high, keeping the aspect ratio; never enlarges.")
  Integer maxHeight;

  @Option(names = {"-metadata", "--metadata"}, completionCandidates = CompletionValues.Metadata.class,
      paramLabel = "LIST", defaultValue = "none",
      description = "Metadata to copy: none, all, or a list of icc,exif,xmp (default: ${DEFAULT-VALUE}). EXIF "
          + "is written with Orientation 1; with icc, pixels stay in the embedded profile's colours.")
  String metadata;

  @Option(names = {"-png", "--png"}, completionCandidates = CompletionValues.PngModes.class,
      paramLabel = "MODE", defaultValue = "auto",
      description = "PNG sources: auto (graphics lossless when smaller), lossy or lossless (default: ${DEFAULT-VALUE}).")
  String png;

  @Option(names = {"-if-larger", "--if-larger"}, completionCandidates = CompletionValues.IfLarger.class,
      paramLabel = "keep|skip", defaultValue = "keep",
      description = "When the WebP is larger than its source: keep it, or skip writing it (default: ${DEFAULT-VALUE}).")
  String ifLarger;

  @Option(names = {"-target-ssim", "--target-ssim"}, paramLabel = "0.90-0.999",
      description = "Per image, the lowest quality whose result reaches this SSIM (at most 8 encodes).")
  Double targetSsim;

  /**
   * The options these flags describe at {@code quality}.
   *
   * @param qualityGiven whether the user typed {@code -quality} (which {@code -target-ssim} replaces)
   */
  public ConvertOptions toOptions(int quality, boolean qualityGiven) throws UsageException {
    // Enum-like values are parsed here rather than by picocli, so that any CommandLine built on this command
    // (completion, man page, tests) accepts the lower-case spellings the help shows.
    PngMode pngMode = choice("-png", png, PngMode.class);
    Preset presetValue = preset == null ? null : choice("-preset", preset, Preset.class);
    boolean skipLarger = choice("-if-larger", ifLarger, IfLarger.class) == IfLarger.SKIP;
    conflicts(qualityGiven, pngMode, presetValue);
    try {
      Set<MetadataKind> kinds = MetadataKind.parse(metadata);
      EncodeSettings s = new EncodeSettings(quality, method, lossless,
          nearLossless == null ? EncodeSettings.NEAR_LOSSLESS_OFF : nearLossless,
          alphaQuality == null ? 100 : alphaQuality, exact, sharpYuv, targetSize == null ? 0 : targetSize,
          targetPsnr == null ? 0 : targetPsnr, presetValue);
      return new ConvertOptions(s, maxWidth == null ? 0 : maxWidth, maxHeight == null ? 0 : maxHeight, kinds,
          pngMode, targetSsim == null ? 0 : targetSsim, skipLarger);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /** What {@code -if-larger} does with a WebP larger than its source. */
  private enum IfLarger { KEEP, SKIP }

  private static <E extends Enum<E>> E choice(String flag, String value, Class<E> type) throws UsageException {
    for (E e : type.getEnumConstants()) {
      if (e.name().equalsIgnoreCase(value.strip())) {
        return e;
      }
    }
    throw new UsageException(flag + " must be one of " + String.join(", ", java.util.Arrays.stream(
        type.getEnumConstants()).map(e -> e.name().toLowerCase(java.util.Locale.ROOT)).toList()) + ", got '" + value + "'");
  }

  /** Combinations where one flag would silently override or contradict another. */
  private void conflicts(boolean qualityGiven, PngMode png, Preset preset) throws UsageException {
    if (targetSize != null && targetPsnr != null) {
      throw new UsageException("-target-size and -target-psnr cannot be combined: each sets what the encoder aims for");
    }
    if (targetSsim != null && (targetSize != null || targetPsnr != null)) {
      throw new UsageException("-target-ssim cannot be combined with " + (targetSize != null ? "-target-size"
          : "-target-psnr") + ": each sets what the encoder aims for");
    }
    if (targetSsim != null && qualityGiven) {
      throw new UsageException("-target-ssim chooses the quality of each image: drop -quality");
    }
    boolean allLossless = lossless || nearLossless != null;
    if (!allLossless) {
      return;
    }
    String why = lossless ? "-lossless" : "-near-lossless";
    List<String> lossyOnly = new ArrayList<>();
    if (targetSize != null) {
      lossyOnly.add("-target-size");
    }
    if (targetPsnr != null) {
      lossyOnly.add("-target-psnr");
    }
    if (targetSsim != null) {
      lossyOnly.add("-target-ssim");
    }
    if (preset != null) {
      lossyOnly.add("-preset");
    }
    if (sharpYuv) {
      lossyOnly.add("-sharp-yuv");
    }
    if (alphaQuality != null) {
      lossyOnly.add("-alpha-quality");
    }
    if (!lossyOnly.isEmpty()) {
      throw new UsageException(lossyOnly.get(0) + " only applies to lossy encoding and cannot be combined with " + why);
    }
    if (png == PngMode.LOSSY) {
      throw new UsageException("-png lossy contradicts " + why + ", which makes every image lossless");
    }
  }
}
