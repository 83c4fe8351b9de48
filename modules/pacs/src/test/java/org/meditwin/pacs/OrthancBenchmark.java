package org.meditwin.pacs;

import com.pixelmed.dicom.Attribute;
import com.pixelmed.dicom.AttributeList;
import com.pixelmed.dicom.DicomInputStream;
import com.pixelmed.dicom.OtherWordAttribute;
import com.pixelmed.dicom.TagFromName;
import com.pixelmed.dicom.TransferSyntax;
import com.pixelmed.dicom.UniqueIdentifierAttribute;
import com.pixelmed.dicom.UnsignedShortAttribute;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.web.DicomWebClient;

/**
 * Throughput and latency against the Orthanc of {@code orthanc/start.sh} (run inside its network
 * namespace; see README): a synthetic CT series of N 512×512 16-bit slices built from CT_small.
 */
public final class OrthancBenchmark {
  private OrthancBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
    PacsNode node = OrthancIT.ORTHANC;
    DimseClient c = DimseClient.of(node);
    DicomWebClient web = DicomWebClient.of(node);
    String study = "1.2.826.0.1.3680043.10.1337.9." + System.currentTimeMillis();
    List<DicomSource> series = synthetic(study, "1", n);
    long bytes = 0;
    for (DicomSource s : series) {
      bytes += s.size();
    }
    double mb = bytes / 1e6;
    System.out.printf(
        Locale.ROOT, "series: %d instances, %.1f MB (512x512x16-bit, explicit VR LE)%n", n, mb);

    long t0 = System.nanoTime();
    StoreResult stored = c.store(series, ProgressListener.NONE, () -> false);
    double storeS = (System.nanoTime() - t0) / 1e9;
    if (!stored.failures().isEmpty() || stored.sent() != n) {
      throw new IllegalStateException("store failed: " + stored.failures());
    }
    row("C-STORE", storeS, n, mb);

    System.out.printf(
        Locale.ROOT,
        "| C-ECHO | median %.1f ms (20 runs) |%n",
        median(20, () -> time(c::echo)) / 1e6);
    System.out.printf(
        Locale.ROOT,
        "| C-FIND study by UID | median %.1f ms (20 runs) |%n",
        median(20, () -> time(() -> c.find(PacsQuery.studies().withStudyInstanceUid(study), 10)))
            / 1e6);
    String seriesUid =
        c.find(PacsQuery.seriesOf(study), 10).getFirst().seriesInstanceUid().orElseThrow();
    System.out.printf(
        Locale.ROOT,
        "| C-FIND %d instances (IMAGE level) | median %.1f ms (5 runs) |%n",
        n,
        median(5, () -> time(() -> c.find(PacsQuery.instancesOf(study, seriesUid), 100_000)))
            / 1e6);
    System.out.printf(
        Locale.ROOT,
        "| QIDO-RS study by UID | median %.1f ms (20 runs) |%n",
        median(
                20,
                () -> time(() -> web.search(PacsQuery.studies().withStudyInstanceUid(study), 10)))
            / 1e6);

    RetrieveRequest r = RetrieveRequest.study(study);
    AtomicLong received = new AtomicLong();
    InstanceSink count = i -> received.incrementAndGet();
    row(
        "C-GET",
        median(
                runs,
                () -> time(() -> check(c.get(r, count, ProgressListener.NONE, () -> false), n)))
            / 1e9,
        n,
        mb);
    row(
        "C-MOVE",
        median(
                runs,
                () -> time(() -> check(c.move(r, count, ProgressListener.NONE, () -> false), n)))
            / 1e9,
        n,
        mb);
    row(
        "WADO-RS",
        median(
                runs,
                () ->
                    time(
                        () -> check(web.retrieve(r, count, ProgressListener.NONE, () -> false), n)))
            / 1e9,
        n,
        mb);

    List<DicomSource> more = synthetic(study + ".2", "1", Math.max(1, n / 2));
    long t1 = System.nanoTime();
    StoreResult stowed = web.store(more, ProgressListener.NONE, () -> false);
    double stowS = (System.nanoTime() - t1) / 1e9;
    if (!stowed.failures().isEmpty()) {
      throw new IllegalStateException("STOW failed: " + stowed.failures());
    }
    row("STOW-RS", stowS, more.size(), mb * more.size() / n);
  }

  private static RetrieveResult check(RetrieveResult r, int n) {
    if (r.received() != n) {
      throw new IllegalStateException("received " + r.received() + " of " + n);
    }
    return r;
  }

  private static void row(String what, double seconds, int n, double mb) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %.2f s | %.0f instances/s | %.1f MB/s |%n",
        what,
        seconds,
        n / seconds,
        mb / seconds);
  }

  private interface Work {
    void run() throws Exception;
  }

  private static long time(Work w) {
    long t0 = System.nanoTime();
    try {
      w.run();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
    return System.nanoTime() - t0;
  }

  private static double median(int runs, LongSupplier s) {
    long[] v = new long[runs];
    for (int i = 0; i < runs; i++) {
      v[i] = s.getAsLong();
    }
    Arrays.sort(v);
    return v[runs / 2];
  }

  /** N slices of 512×512 from CT_small's header, with fresh UIDs. */
  static List<DicomSource> synthetic(String studyUid, String seriesSuffix, int n) throws Exception {
    byte[] template = Files.readAllBytes(Samples.ct());
    List<DicomSource> out = new ArrayList<>();
    String seriesUid = studyUid + "." + seriesSuffix;
    short[] pixels = new short[512 * 512];
    for (int i = 0; i < n; i++) {
      AttributeList l = new AttributeList();
      l.read(new DicomInputStream(new ByteArrayInputStream(template)));
      l.removeGroupLengthAttributes();
      put(l, new UniqueIdentifierAttribute(TagFromName.StudyInstanceUID), studyUid);
      put(l, new UniqueIdentifierAttribute(TagFromName.SeriesInstanceUID), seriesUid);
      String sop = seriesUid + "." + (i + 1);
      put(l, new UniqueIdentifierAttribute(TagFromName.SOPInstanceUID), sop);
      put(l, new UniqueIdentifierAttribute(TagFromName.MediaStorageSOPInstanceUID), sop);
      put(
          l,
          new UniqueIdentifierAttribute(TagFromName.TransferSyntaxUID),
          TransferSyntax.ExplicitVRLittleEndian);
      Attribute rows = new UnsignedShortAttribute(TagFromName.Rows);
      rows.addValue(512);
      l.put(rows);
      Attribute cols = new UnsignedShortAttribute(TagFromName.Columns);
      cols.addValue(512);
      l.put(cols);
      for (int p = 0; p < pixels.length; p++) {
        pixels[p] = (short) ((p * 31 + i * 7) & 0x0fff);
      }
      OtherWordAttribute px = new OtherWordAttribute(TagFromName.PixelData);
      px.setValues(pixels);
      l.put(px);
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      l.write(b, TransferSyntax.ExplicitVRLittleEndian, true, true);
      out.add(DicomSource.memory("bench:" + sop, "slice " + (i + 1), b.toByteArray()));
    }
    return out;
  }

  private static void put(AttributeList l, Attribute a, String v) throws Exception {
    a.addValue(v);
    l.put(a);
  }
}
