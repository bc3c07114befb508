package dev.optimizr.pipeline;

import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.codec.AtomicFileWriter;
import dev.optimizr.codec.EncodeSettings;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.ImageConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs one batch: the calling thread walks the tree into a bounded queue ({@code workers × 2}) and blocks
 * when it is full; a fixed pool of worker threads drains it. One instance per run; not reusable.
 */
public final class BatchRunner {
  private final RunConfig config;
  private final RunControl control;
  private final ConcurrentCollector collector;
  private final AtomicFileWriter writer;
  private final Consumer<JobResult> listener;
  private final BiConsumer<Path, String> unreadable;
  private volatile boolean walkerDone;

  /**
   * @param listener receives every result, from worker threads (must be thread-safe)
   * @param unreadable receives paths the walker could not read, with a reason
   */
  public BatchRunner(RunConfig config, RunControl control, ConcurrentCollector collector,
      AtomicFileWriter writer, Consumer<JobResult> listener, BiConsumer<Path, String> unreadable) {
    this.config = config;
    this.control = control;
    this.collector = collector;
    this.writer = writer;
    this.listener = listener;
    this.unreadable = unreadable;
  }

  /** Converts the tree; returns when every started image is finished. The output root must exist. */
  public void run() throws IOException, InterruptedException {
    Path input = config.input().toRealPath();
    Path output = Files.createDirectories(config.output()).toRealPath();
    BlockingQueue<Job> queue = new ArrayBlockingQueue<>(config.queueCapacity());
    ImageConverter converter = new ImageConverter(
        new EncodeSettings(config.quality(), EncodeSettings.DEFAULT_METHOD), config.limits(), writer);
    HeapGuard guard = new HeapGuard(HeapGuard.DEFAULT_THRESHOLD);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < config.workers(); i++) {
      Worker w = new Worker(queue, () -> walkerDone, control, converter, collector, guard, listener);
      Thread t = new Thread(w, "optimizr-worker-" + (i + 1));
      t.start();
      threads.add(t);
    }
    try {
      new TreeWalker(input, output, config.keepExtension()).walk(new QueueSink(queue));
    } finally {
      walkerDone = true;
      for (Thread t : threads) {
        t.join();
      }
    }
  }

  /** Feeds the queue; waits while it is full, and gives up as soon as a stop is requested. */
  private final class QueueSink implements TreeWalker.Sink {
    private final BlockingQueue<Job> queue;

    QueueSink(BlockingQueue<Job> queue) {
      this.queue = queue;
    }

    @Override
    public boolean found(Job job) throws InterruptedException {
      if (control.stopRequested()) {
        return false;
      }
      collector.found();
      if (queue.offer(job)) {
        return true;
      }
      collector.backpressure();
      while (!queue.offer(job, 100, TimeUnit.MILLISECONDS)) {
        if (control.stopRequested()) {
          return false;
        }
      }
      return true;
    }

    @Override
    public boolean rejected(Job job, ErrorType type, String message) {
      if (control.stopRequested()) {
        return false;
      }
      collector.found();
      collector.failed(type.name());
      listener.accept(JobResult.failed(job, type, message, 0, null));
      return true;
    }

    @Override
    public void unreadable(Path path, String reason) {
      unreadable.accept(path, reason);
    }
  }
}
