package dev.optimizr.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.optimizr.codec.ErrorType;
import dev.optimizr.io.LocalSink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TreeWalkerTest {
  @TempDir Path tmp;

  /** Records what the walker reports. */
  static final class Recorder implements TreeWalker.Sink {
    final List<Job> found = new ArrayList<>();
    final List<String> collisions = new ArrayList<>();
    final List<String> unreadable = new ArrayList<>();

    @Override
    public boolean found(Job job) {
      found.add(job);
      return true;
    }

    @Override
    public boolean rejected(Job job, ErrorType type, String message) {
      collisions.add(job.relative() + " " + type + ": " + message);
      return true;
    }

    @Override
    public void unreadable(String where, String reason) {
      unreadable.add(where);
    }

    List<String> relatives() {
      return found.stream().map(Job::relative).toList();
    }
  }

  private Recorder walk(Path in, Path out, boolean keepExtension) throws Exception {
    Recorder r = new Recorder();
    new TreeWalker(in.toRealPath(), out.toRealPath(), keepExtension).walk(r);
    return r;
  }

  private static void touch(Path p) throws Exception {
    Files.createDirectories(p.getParent());
    Files.write(p, new byte[] {1});
  }

  @Test
  void walk_findsCandidatesByExtensionInAnyCase_inSortedOrder() throws Exception {
    Path in = tmp.resolve("in");
    for (String f : List.of("b/z.PNG", "b/a.jpeg", "a.JPG", "c.txt", "d.gif", "e.webp", "ünï cødé/spa ce.jpg")) {
      touch(in.resolve(f));
    }
    Path deep = in;
    for (int i = 0; i < 60; i++) {
      deep = deep.resolve("d" + i);
    }
    touch(deep.resolve("deep.png"));
    Path out = Files.createDirectories(tmp.resolve("out"));

    Recorder r = walk(in, out, false);

    assertThat(r.relatives()).startsWith("a.JPG", "b/a.jpeg", "b/z.PNG")
        .contains("ünï cødé/spa ce.jpg").hasSize(5);
    assertThat(r.relatives().get(3)).startsWith("d0/d1/").endsWith("/deep.png");
    Job z = r.found.get(2);
    assertThat(((LocalSink) z.output()).target()).isEqualTo(out.toRealPath().resolve("b/z.webp"));
  }

  @Test
  void walk_skipsSymlinksFifosAndDirectoriesNamedLikeImages() throws Exception {
    Path in = tmp.resolve("in");
    touch(in.resolve("real.jpg"));
    Files.createDirectories(in.resolve("folder.jpg"));
    touch(in.resolve("folder.jpg/inside.png"));
    Files.createSymbolicLink(in.resolve("link.jpg"), in.resolve("real.jpg"));
    Files.createSymbolicLink(in.resolve("dangling.png"), in.resolve("nowhere.png"));
    Files.createSymbolicLink(in.resolve("loop"), in); // a directory loop, if it were followed
    Path fifo = in.resolve("pipe.jpg");
    Process mkfifo = new ProcessBuilder("mkfifo", fifo.toString()).start();
    assumeTrue(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0, "mkfifo unavailable");

    Recorder r = walk(in, Files.createDirectories(tmp.resolve("out")), false);

    assertThat(r.relatives()).containsExactly("real.jpg", "folder.jpg/inside.png");
    assertThat(r.unreadable).isEmpty();
  }

  @Test
  void walk_neverEntersTheOutputTreeInsideTheInput() throws Exception {
    Path in = tmp.resolve("in");
    touch(in.resolve("a.jpg"));
    Path out = in.resolve("webp");
    touch(out.resolve("old.png"));

    assertThat(walk(in, out, false).relatives()).containsExactly("a.jpg");
  }

  @Test
  void walk_secondFileMappingToTheSameOutputIsACollision_unlessExtensionsAreKept() throws Exception {
    Path in = tmp.resolve("in");
    touch(in.resolve("c.jpg"));
    touch(in.resolve("c.png"));
    touch(in.resolve("sub/c.jpg"));
    Path out = Files.createDirectories(tmp.resolve("out"));

    Recorder r = walk(in, out, false);
    assertThat(r.relatives()).containsExactly("c.jpg", "sub/c.jpg");
    assertThat(r.collisions).containsExactly("c.png OUTPUT_COLLISION: maps to the same output c.webp as c.jpg");

    Recorder kept = walk(in, out, true);
    assertThat(kept.collisions).isEmpty();
    assertThat(kept.found).extracting(j -> j.output().name())
        .containsExactly("c.jpg.webp", "c.png.webp", "c.jpg.webp");
  }
}
