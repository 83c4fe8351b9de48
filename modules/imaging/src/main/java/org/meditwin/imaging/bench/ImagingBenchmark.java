package org.meditwin.imaging.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomScanner;
import org.meditwin.imaging.Frame;
import org.meditwin.imaging.FrameStore;
import org.meditwin.imaging.ImageDescription;
import org.meditwin.imaging.ReadLimits;
import org.meditwin.imaging.pixelmed.SyntheticSeries;
import org.meditwin.imaging.render.RenderOptions;
import org.meditwin.imaging.render.Renderer;

/**
 * {@code ./run bench imaging}: time to first image of an N-slice CT series built from a real slice,
 * frames per second while scrolling it (cold = decode + render, warm = from the frame store),
 * decode+render time per frame against dcmtk's dcm2pnm on the same files, and memory use.
 */
public final class ImagingBenchmark {
  private ImagingBenchmark() {}

  /**
   * @param dcm2pnmMsPerFrame median wall time of one dcm2pnm process per file (includes starting
   *     the process, as a viewer calling it would)
   * @param dcm2pnmRatio ours / dcm2pnm (below 1 = faster)
   */
  public record Report(
      int slices,
      int width,
      int height,
      double scanMs,
      double firstImageMs,
      double coldScrollFps,
      double warmScrollFps,
      double renderOnlyFps,
      double oursMsPerFrame,
      Optional<Double> dcm2pnmMsPerFrame,
      Optional<Double> dcm2pnmRatio,
      long cacheBytes,
      int cachedFrames,
      long heapUsedMiB,
      long maxHeapMiB,
      int runs) {}

  public static Report run(
      Path template, Path work, int slices, int runs, ProgressListener progress)
      throws IOException, InterruptedException {
    Path folder = Files.createTempDirectory(work, "imaging-bench-");
    try {
      progress.progress(0, slices, "writing the test series");
      List<Path> files = SyntheticSeries.write(template, folder, slices);
      DicomReader reader = DicomReader.standard();
      double[] scan = new double[runs];
      double[] first = new double[runs];
      double[] cold = new double[runs];
      double[] warm = new double[runs];
      double[] renderOnly = new double[runs];
      FrameStore store = null;
      Catalog.Series series = null;
      for (int r = 0; r < runs; r++) {
        progress.progress(r, runs, "run");
        long t0 = System.nanoTime();
        Catalog catalog =
            new DicomScanner(reader, ReadLimits.standard())
                .scan(folder, ProgressListener.NONE, new AtomicBoolean());
        long t1 = System.nanoTime();
        series = catalog.allSeries().getFirst();
        store = new FrameStore(reader, FrameStore.defaultBudget());
        List<Catalog.SliceRef> refs = series.slices();
        ImageDescription image = refs.getFirst().instance().info().image().orElseThrow();
        Frame f0 = store.frame(refs.getFirst().instance().source(), 0);
        Renderer.render(image, f0, 0, RenderOptions.defaults());
        long t2 = System.nanoTime();
        scan[r] = (t1 - t0) / 1e6;
        first[r] = (t2 - t0) / 1e6;
        long c0 = System.nanoTime();
        for (Catalog.SliceRef ref : refs) {
          Frame f = store.frame(ref.instance().source(), ref.frame());
          Renderer.render(image, f, ref.frame(), RenderOptions.defaults());
        }
        long c1 = System.nanoTime();
        cold[r] = refs.size() / ((c1 - c0) / 1e9);
        long w0 = System.nanoTime();
        int warmFrames = 0;
        for (int i = refs.size() - 1; i >= 0; i--) {
          Catalog.SliceRef ref = refs.get(i);
          Frame f = store.frame(ref.instance().source(), ref.frame());
          Renderer.render(image, f, ref.frame(), RenderOptions.defaults());
          warmFrames++;
        }
        long w1 = System.nanoTime();
        warm[r] = warmFrames / ((w1 - w0) / 1e9);
        long r0 = System.nanoTime();
        for (int i = 0; i < 100; i++) {
          Renderer.render(image, f0, 0, RenderOptions.defaults());
        }
        renderOnly[r] = 100 / ((System.nanoTime() - r0) / 1e9);
      }
      // ours vs dcm2pnm on the same 40 files (decode + render of one frame each)
      int n = Math.min(40, files.size());
      double[] ours = new double[n];
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        var object = reader.open(org.meditwin.imaging.DicomSource.file(files.get(i)));
        Frame f = object.frame(0);
        Renderer.render(object.info().image().orElseThrow(), f, 0, RenderOptions.defaults());
        ours[i] = (System.nanoTime() - t) / 1e6;
      }
      Optional<Double> dcm = dcm2pnm(files.subList(0, n), folder);
      double oursMedian = median(ours);
      var stats = store.stats();
      System.gc();
      long heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() >> 20;
      ImageDescription image = series.instances().getFirst().info().image().orElseThrow();
      return new Report(
          slices,
          image.columns(),
          image.rows(),
          median(scan),
          median(first),
          median(cold),
          median(warm),
          median(renderOnly),
          oursMedian,
          dcm,
          dcm.map(d -> oursMedian / d),
          stats.bytes(),
          stats.frames(),
          heap,
          Runtime.getRuntime().maxMemory() >> 20,
          runs);
    } finally {
      try (var walk = Files.walk(folder)) {
        walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static Optional<Double> dcm2pnm(List<Path> files, Path folder)
      throws IOException, InterruptedException {
    Path exe = Path.of("/usr/bin/dcm2pnm");
    if (!Files.isExecutable(exe)) {
      return Optional.empty();
    }
    double[] times = new double[files.size()];
    Path out = folder.resolve("out.pgm");
    for (int i = 0; i < files.size(); i++) {
      long t = System.nanoTime();
      Process p =
          new ProcessBuilder(exe.toString(), files.get(i).toString(), out.toString())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.DISCARD)
              .start();
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.empty();
      }
      times[i] = (System.nanoTime() - t) / 1e6;
    }
    Files.deleteIfExists(out);
    return Optional.of(median(times));
  }

  static double median(double[] values) {
    double[] v = values.clone();
    Arrays.sort(v);
    return v.length == 0
        ? 0
        : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }
}
