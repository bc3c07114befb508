package dev.optimizr.io.s3;

import java.io.IOException;
import java.util.function.Predicate;
import software.amazon.awssdk.services.s3.model.EncodingType;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;

/** Paged ListObjectsV2, for the input tree's levels and flat listing and the output tree's levels. */
final class S3Listing {
  private S3Listing() {
  }

  /**
   * Lists {@code bucket} under {@code prefix} with ListObjectsV2, one page (up to 1,000 keys) after another,
   * each request with the retries of {@link S3Storage#attempt}; with {@code delimited}, one '/'-level only
   * (sub-prefixes come as common prefixes). Keys are asked for URL-encoded (XML 1.0 cannot carry every character
   * a key may hold); the SDK decodes them. Returns false as soon as {@code page} does, true once the listing has
   * ended.
   *
   * @param where names the listing in messages
   */
  static boolean eachPage(S3Storage storage, String bucket, String prefix, boolean delimited, String where,
      Predicate<ListObjectsV2Response> page) throws IOException {
    String token = null;
    do {
      ListObjectsV2Request.Builder req = ListObjectsV2Request.builder().bucket(bucket).prefix(prefix)
          .encodingType(EncodingType.URL);
      if (delimited) {
        req.delimiter("/");
      }
      if (token != null) {
        req.continuationToken(token);
      }
      ListObjectsV2Response response = S3Storage.attempt(where, () -> storage.client().listObjectsV2(req.build()));
      if (!page.test(response)) {
        return false;
      }
      token = Boolean.TRUE.equals(response.isTruncated()) ? response.nextContinuationToken() : null;
    } while (token != null);
    return true;
  }
}
