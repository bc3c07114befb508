package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.optimizr.io.ImageSource;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Sources fetched ahead of the workers: what a worker gets when the fetch itself went wrong. */
class PrefetcherTest {
  /** A remote object whose first GETs end as {@code failures} says, then return its bytes. */
  private static final class Flaky implements ImageSource {
    final AtomicInteger reads = new AtomicInteger();
    final Throwable[] failures;

    Flaky(Throwable... failures) {
      this.failures = failures;
    }

    @Override
    public String name() {
      return "a.jpg";
    }

    @Override
    public long size() {
      return 3;
    }

    @Override
    public long lastModifiedMillis() {
      return 0;
    }

    @Override
    public byte[] read() throws IOException {
      int n = reads.getAndIncrement();
      if (n < failures.length) {
        if (failures[n] instanceof IOException io) {
          throw io;
        }
        throw (Error) failures[n];
      }
      return new byte[] {1, 2, 3};
    }
  }

  private static byte[] readAhead(Flaky source) throws Exception {
    try (Prefetcher p = new Prefetcher(2, 1 << 20, new RunControl())) {
      return p.ahead(new Job("a.jpg", source, null)).input().read();
    }
  }

  @Test
  void aFetchThatRanOutOfHeap_isFetchedAgainByTheWorker_notReportedAsUnreadable() throws Exception {
    Flaky source = new Flaky(new OutOfMemoryError("Java heap space"));

    assertThat(readAhead(source)).containsExactly(1, 2, 3);
    assertThat(source.reads).hasValue(2);
  }

  @Test
  void aFetchThatFailed_reportsTheStoresError_once() {
    Flaky source = new Flaky(new IOException("s3://b/a.jpg: 403 Forbidden"));

    assertThatThrownBy(() -> readAhead(source)).isInstanceOf(IOException.class).hasMessage("s3://b/a.jpg: 403 Forbidden");
    assertThat(source.reads).hasValue(1);
  }
}
