package org.meditwin.imaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FrameStoreTest {

  @Test
  void keepsDecodedFramesWithinTheBudgetAndEvictsTheLeastRecentlyUsed() {
    DicomSource source =
        DicomSource.file(
            Samples.named("pydicom-testfiles/src/pydicom/data/test_files/SC_rgb_rle_2frame.dcm"));
    Frame first = new FrameStore(DicomReader.standard(), 1L << 30).frame(source, 0);
    long frameBytes = first.bytes();
    FrameStore store = new FrameStore(DicomReader.standard(), frameBytes + frameBytes / 2);
    store.frame(source, 0);
    store.frame(source, 1);
    assertThat(store.stats().frames()).isEqualTo(1);
    assertThat(store.stats().bytes()).isLessThanOrEqualTo(store.stats().budgetBytes());
    store.frame(source, 1);
    assertThat(store.stats().hits()).isEqualTo(1);
    store.frame(source, 0);
    assertThat(store.stats().misses()).isEqualTo(3);
  }

  @Test
  void returnsTheSameFrameFromTheCache() {
    DicomSource source =
        DicomSource.file(
            Samples.named("pydicom-testfiles/src/pydicom/data/test_files/CT_small.dcm"));
    FrameStore store = new FrameStore(DicomReader.standard(), 64L << 20);
    Frame a = store.frame(source, 0);
    Frame b = store.frame(source, 0);
    assertThat(b).isSameAs(a);
  }
}
