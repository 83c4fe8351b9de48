package org.meditwin.app.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.SearchFilter;
import org.meditwin.search.SearchMode;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;
import org.meditwin.search.TextEmbedder;

class KnowledgeBaseServiceTest {
  @TempDir Path dir;

  /** A small deterministic bag-of-words encoder (hashing trick, L2-normalised). */
  static final class HashingEmbedder implements TextEmbedder {
    @Override
    public int dimension() {
      return 64;
    }

    @Override
    public float[][] embed(List<String> texts) {
      float[][] out = new float[texts.size()][];
      for (int i = 0; i < texts.size(); i++) {
        float[] v = new float[64];
        for (String w : texts.get(i).toLowerCase(Locale.ROOT).split("\\W+")) {
          if (!w.isEmpty()) {
            v[Math.floorMod(w.hashCode(), 64)] += 1;
          }
        }
        double norm = 0;
        for (float f : v) {
          norm += f * f;
        }
        norm = norm == 0 ? 1 : Math.sqrt(norm);
        for (int j = 0; j < v.length; j++) {
          v[j] = (float) (v[j] / norm);
        }
        out[i] = v;
      }
      return out;
    }

    @Override
    public String modelId() {
      return "test-hashing-64";
    }
  }

  private static byte[] key() {
    byte[] k = new byte[32];
    java.util.Arrays.fill(k, (byte) 7);
    return k;
  }

  private KnowledgeBaseSettings settings(EncoderLoader encoder) {
    return new KnowledgeBaseSettings(TinyKnowledgeBase.settings().source(), encoder);
  }

  private static SearchResult search(KnowledgeBaseService kb, String q) throws Exception {
    return kb.search(new SearchRequest(q, 3, SearchMode.HYBRID, SearchFilter.none()));
  }

  @Test
  void buildsLexicallyOnceThenReopensWithoutRebuilding() throws Exception {
    Path kbDir = dir.resolve("kb");
    try (KnowledgeBaseService kb =
        new KnowledgeBaseService(kbDir, settings(EncoderLoader.none()))) {
      assertThat(kb.state()).isEqualTo(KnowledgeIndex.State.LOADING);
      assertThat(kb.open(key(), ProgressListener.NONE)).isTrue();
      assertThat(kb.state()).isEqualTo(KnowledgeIndex.State.READY);
      assertThat(kb.semantic()).isFalse();
      assertThat(search(kb, "asthma").modeUsed()).isEqualTo(SearchMode.BM25);
    }
    try (KnowledgeBaseService kb =
        new KnowledgeBaseService(kbDir, settings(EncoderLoader.none()))) {
      assertThat(kb.open(key(), ProgressListener.NONE)).as("reopened, not rebuilt").isFalse();
      assertThat(search(kb, "diabetes").hits()).isNotEmpty();
    }
  }

  @Test
  void upgradesToHybridBesideTheLexicalIndexAndReopensHybrid() throws Exception {
    Path kbDir = dir.resolve("kb");
    AtomicInteger loads = new AtomicInteger();
    EncoderLoader encoder =
        () -> {
          loads.incrementAndGet();
          return Optional.of(new HashingEmbedder());
        };
    try (KnowledgeBaseService kb = new KnowledgeBaseService(kbDir, settings(encoder))) {
      kb.open(key(), ProgressListener.NONE);
      assertThat(kb.semantic()).isFalse();
      assertThat(loads).as("no manifest yet: lexical first, no encoder").hasValue(0);
      assertThat(kb.upgradeToHybrid(key(), ProgressListener.NONE)).isTrue();
      assertThat(kb.semantic()).isTrue();
      assertThat(search(kb, "wheezing").modeUsed()).isEqualTo(SearchMode.HYBRID);
      assertThat(Files.readString(kbDir.resolve("manifest.json"))).contains("test-hashing-64");
      assertThat(Files.exists(dir.resolve("kb.next"))).isFalse();
      assertThat(Files.exists(dir.resolve("kb.old"))).isFalse();
    }
    try (KnowledgeBaseService kb = new KnowledgeBaseService(kbDir, settings(encoder))) {
      assertThat(kb.open(key(), ProgressListener.NONE)).isFalse();
      assertThat(kb.semantic()).isTrue();
    }
    try (KnowledgeBaseService kb =
        new KnowledgeBaseService(kbDir, settings(EncoderLoader.none()))) {
      assertThat(kb.open(key(), ProgressListener.NONE))
          .as("without its encoder the hybrid index is searched lexically, not rebuilt")
          .isFalse();
      assertThat(kb.semantic()).isFalse();
      assertThat(search(kb, "asthma").hits()).isNotEmpty();
      assertThat(Files.readString(kbDir.resolve("manifest.json"))).contains("test-hashing-64");
    }
  }

  @Test
  void closingCancelsAnUpgradeKeepsTheLexicalIndexAndTheNextSessionFinishesIt() throws Exception {
    Path kbDir = dir.resolve("kb");
    EncoderLoader encoder = () -> Optional.of(new HashingEmbedder());
    KnowledgeBaseService kb = new KnowledgeBaseService(kbDir, settings(encoder));
    kb.open(key(), ProgressListener.NONE);
    ProgressListener logoutWhileSaving =
        (done, total, message) -> {
          if (total > 0) {
            kb.close();
          }
        };
    assertThat(kb.upgradeToHybrid(key(), logoutWhileSaving)).as("no swap after close").isFalse();
    assertThat(kb.state()).isEqualTo(KnowledgeIndex.State.UNAVAILABLE);
    assertThat(dir.resolve("kb.next/manifest.json")).exists();
    assertThat(kb.upgradeToHybrid(key(), ProgressListener.NONE)).isFalse();
    assertThat(Files.readString(kbDir.resolve("manifest.json"))).contains("\"none\"");

    try (KnowledgeBaseService next = new KnowledgeBaseService(kbDir, settings(encoder))) {
      assertThat(next.open(key(), ProgressListener.NONE)).isFalse();
      assertThat(next.semantic()).isFalse();
      AtomicInteger building = new AtomicInteger();
      assertThat(
              next.upgradeToHybrid(
                  key(),
                  (done, total, message) -> {
                    if (message.startsWith("Building")) {
                      building.incrementAndGet();
                    }
                  }))
          .isTrue();
      assertThat(building).as("the finished kb.next is reused, not rebuilt").hasValue(0);
      assertThat(search(next, "asthma").modeUsed()).isEqualTo(SearchMode.HYBRID);
    }
  }

  @Test
  void aLogoutBeforeTheBuildStartsCancelsIt() throws Exception {
    KnowledgeBaseService kb =
        new KnowledgeBaseService(
            dir.resolve("kb"), settings(() -> Optional.of(new HashingEmbedder())));
    kb.open(key(), ProgressListener.NONE);
    ProgressListener logoutDuringEncoderLoad =
        (done, total, message) -> {
          if (KnowledgeBaseService.LOADING_ENCODER.equals(message)) {
            kb.close();
          }
        };
    assertThatThrownBy(() -> kb.upgradeToHybrid(key(), logoutDuringEncoderLoad))
        .isInstanceOf(CancellationException.class);
    assertThat(dir.resolve("kb.next/manifest.json")).doesNotExist();
  }

  @Test
  void aKeyFromAnotherWorkstationRebuildsInsteadOfFailing() throws Exception {
    Path kbDir = dir.resolve("kb");
    try (KnowledgeBaseService kb =
        new KnowledgeBaseService(kbDir, settings(EncoderLoader.none()))) {
      kb.open(key(), ProgressListener.NONE);
    }
    byte[] other = new byte[32];
    try (KnowledgeBaseService kb =
        new KnowledgeBaseService(kbDir, settings(EncoderLoader.none()))) {
      assertThat(kb.open(other, ProgressListener.NONE)).isTrue();
      assertThat(search(kb, "asthma").hits()).isNotEmpty();
    }
  }
}
