package dev.optimizr.analytics;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** Process-level readings the JVM's MXBeans do not give directly. Stateless and thread-safe. */
public final class ProcessStats {
  private static final Path STATUS = Paths.get("/proc/self/status");

  private ProcessStats() {}

  /** Resident set size now (Linux VmRSS); elsewhere, committed heap + non-heap as the closest stand-in. */
  public static long residentBytes() {
    long kb = statusKb("VmRSS:");
    return kb >= 0 ? kb * 1024 : committedFallback();
  }

  /** Peak resident set size of the process (Linux VmHWM), or the current reading elsewhere. */
  public static long peakResidentBytes() {
    long kb = statusKb("VmHWM:");
    return kb >= 0 ? kb * 1024 : residentBytes();
  }

  /** File descriptors the process has open now (Unix), or -1 where the JVM cannot tell. */
  public static long openFileDescriptors() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean os) {
      return os.getOpenFileDescriptorCount();
    }
    return -1;
  }

  /** CPU time used by the whole process so far, or -1 where the JVM cannot tell. */
  public static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Bytes allocated by all threads since start, or -1 where unsupported (not every JDK 17 build has the call). */
  public static long totalAllocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t) {
      try {
        // Reflective: getTotalThreadAllocatedBytes exists from Java 21; the code targets 17.
        return (long) com.sun.management.ThreadMXBean.class.getMethod("getTotalThreadAllocatedBytes").invoke(t);
      } catch (ReflectiveOperationException | RuntimeException e) {
        return sumOfLiveThreads(t);
      }
    }
    return -1;
  }

  /** Java 17 fallback: allocation of the threads alive now (threads that ended are missed). */
  private static long sumOfLiveThreads(com.sun.management.ThreadMXBean t) {
    if (!t.isThreadAllocatedMemorySupported() || !t.isThreadAllocatedMemoryEnabled()) {
      return -1;
    }
    long sum = 0;
    for (long v : t.getThreadAllocatedBytes(t.getAllThreadIds())) {
      if (v > 0) {
        sum += v;
      }
    }
    return sum;
  }

  /** Bytes allocated so far by the calling thread, or -1 where unsupported. */
  public static long currentThreadAllocatedBytes() {
    if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
        && t.isThreadAllocatedMemorySupported()) {
      return t.getCurrentThreadAllocatedBytes();
    }
    return -1;
  }

  private static long committedFallback() {
    var mem = ManagementFactory.getMemoryMXBean();
    return mem.getHeapMemoryUsage().getCommitted() + mem.getNonHeapMemoryUsage().getCommitted();
  }

  private static long statusKb(String key) {
    try {
      for (String line : Files.readAllLines(STATUS, StandardCharsets.US_ASCII)) {
        if (line.startsWith(key)) {
          return Long.parseLong(line.substring(key.length()).trim().split("\\s+")[0]);
        }
      }
    } catch (IOException | RuntimeException e) {
      // not Linux, or /proc not mounted
    }
    return -1;
  }
}
