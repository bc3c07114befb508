package dev.optimizr.cli.run;

import dev.optimizr.codec.ConvertOptions;
import dev.optimizr.codec.meta.MetadataKind;
import dev.optimizr.codec.webp.EncodeSettings;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** The encoding settings as summary.json's {@code settings} object: one entry per flag, in --help order. */
final class SettingsView {
  private SettingsView() {}

  static Map<String, Object> of(ConvertOptions o) {
    EncodeSettings e = o.encode();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("quality", e.quality());
    m.put("method", e.method());
    m.put("lossless", e.lossless());
    m.put("near_lossless", e.nearLossless());
    m.put("alpha_quality", e.alphaQuality());
    m.put("exact", e.exact());
    m.put("sharp_yuv", e.sharpYuv());
    m.put("target_size", e.targetSize());
    m.put("target_psnr", e.targetPsnr());
    m.put("preset", e.preset().name().toLowerCase(Locale.ROOT));
    m.put("max_width", o.maxWidth());
    m.put("max_height", o.maxHeight());
    m.put("metadata", MetadataKind.format(o.metadata()));
    m.put("png", o.png().name().toLowerCase(Locale.ROOT));
    m.put("if_larger", o.skipLarger() ? "skip" : "keep");
    m.put("target_ssim", o.targetSsim());
    return m;
  }
}
