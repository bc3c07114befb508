package dev.optimizr.codec.pixels;

/**
 * Interleaved 8-bit pixels in the one layout libwebp imports: RGB (3 channels) or straight-alpha RGBA
 * (4 channels), rows top to bottom with no padding. The array is owned by whoever holds the record.
 */
public record Pixels(int width, int height, int channels, byte[] data) {

  public Pixels {
    if (width <= 0 || height <= 0) {
      throw new IllegalArgumentException("empty image " + width + "x" + height);
    }
    if (channels != 3 && channels != 4) {
      throw new IllegalArgumentException("channels must be 3 or 4: " + channels);
    }
    if (data.length != (long) width * height * channels) {
      throw new IllegalArgumentException("data length " + data.length + " does not match " + width + "x"
          + height + "x" + channels);
    }
  }

  /** True when a fourth, straight (not premultiplied) alpha channel is present. */
  public boolean hasAlpha() {
    return channels == 4;
  }
}
