package dev.optimizr.pipeline;

import dev.optimizr.analytics.ConcurrentCollector;
import dev.optimizr.codec.ErrorType;
import dev.optimizr.codec.ImageConverter;
import dev.optimizr.io.AtomicFileWriter;
import dev.optimizr.io.FileSink;
import dev.optimizr.io.OutputLinks;
import dev.optimizr.io.OutputTree;
import dev.optimizr.io.s3.S3Settings;
import dev.optimizr.state.MigrationRecord;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

/**
 * Runs one batch: the calling thread walks the tree into a bounded queue ({@code workers × 2}) and blocks
 * when it is full; a fixed pool of worker threads drains it. Up-to-date files are skipped by the walker
 * (a stat, no decode). One instance per run; not reusable. The caller holds the output's run lock.
 */
public final class BatchRunner {
  private final RunConfig config;
  private final RunControl control;
  private final ConcurrentCollector collector;
  private final FileSink writer;
  private final MigrationRecord record;
  private final Selection selection;
  private final Consumer<JobResult> listener;
  private final BiConsumer<String, String> unreadable;
  private final Trees.Factory trees;
  private final AtomicLong staleTemps = new AtomicLong();
  private final BlockingQueue<Job> queue;
  private volatile boolean walkerDone;
  /** Files the converting walk has found that the run takes up (as {@link TreeCounter} counts them). */
  private final AtomicLong walked = new AtomicLong();
  private volatile boolean walkedToTheEnd;
  private Runnable queueFull = () -> { };
  private QualityAudit audit;
  private Path outputRoot;

  /**
   * @param listener receives every result, from worker threads (must be thread-safe)
   * @param unreadable receives paths the walker could not read, with a reason
   */
  public BatchRunner(RunConfig config, RunControl control, ConcurrentCollector collector, FileSink writer,
      MigrationRecord record, Consumer<JobResult> listener, BiConsumer<String, String> unreadable) {
    this(config, control, collector, writer, record, listener, unreadable, Trees.factory(config, null));
  }

  /** @param trees opens the run's input and output trees (local, or in object storage) */
  public BatchRunner(RunConfig config, RunControl control, ConcurrentCollector collector, FileSink writer,
      MigrationRecord record, Consumer<JobResult> listener, BiConsumer<String, String> unreadable,
      Trees.Factory trees) {
    this.config = config;
    this.trees = trees;
    this.control = control;
    this.collector = collector;
    this.writer = writer;
    this.record = record;
    this.selection = new Selection(config, record);
    this.listener = listener;
    this.unreadable = unreadable;
    // Fetched sources wait in the queue: with a remote input it is deep enough to keep every connection busy.
    this.queue = new ArrayBlockingQueue<>(config.queueCapacity()
        + (config.s3().input() != null ? 2 * config.s3().settings().concurrency() : 0));
  }

  /** Audits a sample of the converted images (see {@link QualityAudit}); call before {@link #run()}. */
  public void audit(QualityAudit audit) {
    this.audit = audit;
  }

  /** Called (on the walker's thread) the first time the queue is full: the walk now waits for the workers. */
  public void onQueueFull(Runnable action) {
    this.queueFull = action;
  }

  /** Files found so far that the run takes up (converted, skipped as up to date, or failed before start). */
  public long walked() {
    return walked.get();
  }

  /** True once the walk has listed the whole input tree (not cut short by a stop). */
  public boolean walkedToTheEnd() {
    return walkedToTheEnd;
  }

  /** Jobs waiting for a worker right now; safe to call from any thread (live metrics). */
  public int queueDepth() {
    return queue.size();
  }

  /** Converts the tree; returns when every started image is finished. */
  public void run() throws IOException, InterruptedException {
    outputRoot = Files.createDirectories(config.output()).toRealPath();
    MemoryBudget budget = MemoryBudget.forThisJvm();
    ImageConverter converter = new ImageConverter(config.options(), config.limits(), budget);
    Trees opened = trees.open(outputRoot, writer);
    S3Settings s3 = config.s3().settings();
    Prefetcher prefetch = opened.remoteInput() ? new Prefetcher(s3.concurrency(), s3.bufferBytes(), control) : null;
    Uploader uploads = config.s3().output() != null ? new Uploader(s3.concurrency(), s3.bufferBytes()) : null;
    Worker.Shared shared = new Worker.Shared(queue, () -> walkerDone, control, converter, uploads, budget, collector,
        new HeapGuard(budget), record, listener, audit);
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < config.workers(); i++) {
      Thread t = new Thread(new Worker(shared), "optimizr-worker-" + (i + 1));
      t.start();
      threads.add(t);
    }
    try {
      opened.walker(config).walk(new QueueSink(queue, opened.output(), prefetch));
      walkedToTheEnd = !control.stopRequested();
    } finally {
      walkerDone = true;
      for (Thread t : threads) {
        t.join();
      }
      if (uploads != null) {
        uploads.close(); // every output handed over is in place, or failed, before the record is finished
      }
      if (prefetch != null) {
        prefetch.close();
      }
    }
  }

  /** Temp files of an earlier, killed run that this run deleted. */
  public long staleTempsRemoved() {
    return staleTemps.get();
  }

  /** Feeds the queue; waits while it is full, and gives up as soon as a stop is requested. */
  private final class QueueSink implements TreeWalker.Sink {
    private final BlockingQueue<Job> queue;
    private final OutputLinks links = new OutputLinks(outputRoot);
    private final OutputTree outputs;
    private final Prefetcher prefetch;
    private boolean waited;

    QueueSink(BlockingQueue<Job> queue, OutputTree outputs, Prefetcher prefetch) {
      this.queue = queue;
      this.outputs = outputs;
      this.prefetch = prefetch;
    }

    @Override
    public boolean found(Job job) throws InterruptedException {
      if (control.stopRequested()) {
        return false;
      }
      switch (selection.of(job)) {
        case NOT_WANTED:
          return true;
        case UP_TO_DATE:
          walked.incrementAndGet();
          collector.found();
          collector.skipped();
          return true;
        default:
          break;
      }
      if (prefetch != null) {
        job = prefetch.ahead(job);
        if (job == null) {
          return false; // stopped while waiting for room to fetch
        }
      }
      walked.incrementAndGet();
      // Counted as found when a worker takes it: a job still queued when a stop comes was never started.
      if (queue.offer(job)) {
        return true;
      }
      collector.backpressure();
      if (!waited) {
        waited = true;
        queueFull.run();
      }
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
      if (selection.wanted(job)) {
        walked.incrementAndGet();
        collector.found();
        collector.failed(type.name());
        record.failed(job.relative(), job.sizeBytes(), job.mtimeMillis(), type.name(), message);
        listener.accept(JobResult.failed(job, type, message, 0, null));
      }
      return true;
    }

    @Override
    public void unreadable(String where, String reason) {
      unreadable.accept(where, reason);
    }

    @Override
    public void storageLost() {
      control.requestStop(StopReason.STORAGE_UNAVAILABLE);
    }

    /**
     * Reads the record's entries for {@code relativeDir} (one query), lists the outputs there when they are
     * remote (one request), and deletes temp files a killed run left
     * in the output directory that mirrors it (alongside: in the source directory itself, and on entering the
     * root, in {@code IN/.optimizr} where the run's reports are written).
     */
    @Override
    public void directory(String relativeDir) {
      selection.enter(relativeDir);
      outputs.enter(relativeDir);
      Path dir;
      try {
        dir = outputRoot.resolve(relativeDir);
      } catch (java.nio.file.InvalidPathException e) {
        return; // a key with no local name: nothing of ours can be there
      }
      sweep(dir, relativeDir, config.alongside());
      if (config.alongside() && relativeDir.isEmpty()) {
        sweep(outputRoot.resolve(config.filesDir().getFileName().toString()), relativeDir, false);
      }
    }

    /** Deletes stale temps in {@code dir}; {@code imagesOnly}: those of WebP outputs only (a source directory). */
    private void sweep(Path dir, String relativeDir, boolean imagesOnly) {
      try {
        if (!Files.isDirectory(dir) || links.throughLink(dir)) {
          return; // never delete where a link inside the output points
        }
      } catch (IOException e) {
        return;
      }
      try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir,
          p -> isStaleTemp(relativeDir, p.getFileName().toString(), imagesOnly))) {
        for (Path p : ds) {
          if (Files.deleteIfExists(p)) {
            staleTemps.incrementAndGet();
          }
        }
      } catch (IOException e) {
        unreadable.accept(dir.toString(), "cannot clean up temp files: " + e.getMessage());
      }
    }

    /**
     * A temp file of an earlier run of this shard (an {@link AtomicFileWriter} temp name, whose target is NAME).
     * With shards sharing the output, an image temp is this shard's when its NAME is, and a report/state temp
     * when NAME has the shard suffix. In a source directory ({@code imagesOnly}) only the temp of a source's own
     * output counts (NAME {@code c.jpg.webp} beside {@code c.jpg}): nothing else there is optimizr's to delete.
     */
    private boolean isStaleTemp(String relativeDir, String name, boolean imagesOnly) {
      if (!AtomicFileWriter.isTemp(name) || AtomicFileWriter.isOwnTemp(name)) {
        return false;
      }
      String base = AtomicFileWriter.targetName(name);
      if (imagesOnly && !isOutputName(base)) {
        return false;
      }
      Shard shard = config.shard();
      if (!shard.sharded()) {
        return true;
      }
      if (base.endsWith(".webp")) {
        String dir = relativeDir;
        return shard.owns(dir.isEmpty() ? base : dir + "/" + base);
      }
      return base.equals(shard.fileName(base.replaceAll("-\\d+-of-\\d+", "")));
    }

    /** True for {@code c.jpg.webp}: the name this run gives to the output of a candidate source. */
    private boolean isOutputName(String fileName) {
      return fileName.endsWith(".webp") && TreeWalker.isCandidate(fileName.substring(0, fileName.length() - 5));
    }
  }
}
