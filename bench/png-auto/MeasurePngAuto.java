package dev.optimizr.codec;
import java.nio.file.*; import java.util.*;
/**
 * Measures the -png auto rule (README, "Encoding options"): for each PNG listed in the file given as the first
 * argument, prints path, bytes, width, height, distinct colours, transparent share, lossy q80 bytes, lossless
 * bytes, lossy ms, lossless ms, predictable share (tab-separated). Not part of the build:
 *   mvn -B -q dependency:build-classpath -Dmdep.outputFile=cp.txt && mvn -B -q -DskipTests compile
 *   javac -cp target/classes:$(cat cp.txt) -d /tmp/m bench/png-auto/MeasurePngAuto.java
 *   find DIR -name '*.png' > list; java -cp /tmp/m:target/classes:$(cat cp.txt) dev.optimizr.codec.MeasurePngAuto list
 */
public class MeasurePngAuto {
  public static void main(String[] a) throws Exception {
    EncodeSettings s = new EncodeSettings(80, 4);
    for (String line : Files.readAllLines(Paths.get(a[0]))) {
      Path p = Paths.get(line);
      try {
        byte[] data = Files.readAllBytes(p);
        if (ImageFormat.sniff(data, Math.min(data.length, ImageFormat.SNIFF_LENGTH)) != ImageFormat.PNG) continue;
        Pixels px;
        try (ImageDecoder d = ImageDecoder.open(data, ImageFormat.PNG, new DecodeLimits(20_000_000, false))) {
          ImageDecoder.Decoded dec = d.decode();
          px = PixelNormalizer.toPixels(dec.image());
          if (ColorProfiles.needsConversion(dec.profile())) px = ColorProfiles.toSrgb(px, dec.profile());
        }
        int colours = GraphicsDetector.colours(px, 1 << 20);
        long transparent = 0;
        if (px.hasAlpha()) for (int i = 3; i < px.data().length; i += 4) if (px.data()[i] == 0) transparent++;
        double flat = GraphicsDetector.predictable(px);
        long t0 = System.nanoTime();
        int lossy = WebPEncoder.encode(px, s).length;
        long t1 = System.nanoTime();
        int ll = WebPEncoder.encode(px, s.asLossless()).length;
        long t2 = System.nanoTime();
        System.out.printf(Locale.ROOT, "%s\t%d\t%d\t%d\t%d\t%.4f\t%d\t%d\t%d\t%d\t%.4f%n", line, data.length, px.width(), px.height(), colours,
            transparent / (double) (px.width() * (long) px.height()), lossy, ll, (t1 - t0) / 1000000, (t2 - t1) / 1000000, flat);
      } catch (Exception e) { System.err.println(line + ": " + e); }
    }
  }
}
