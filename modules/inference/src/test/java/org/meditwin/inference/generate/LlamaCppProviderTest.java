package org.meditwin.inference.generate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LlamaCppProviderTest {
  @TempDir Path dir;

  private Path header(int magic, int version, long tensors, long kv) throws Exception {
    ByteBuffer b = ByteBuffer.allocate(24).order(ByteOrder.LITTLE_ENDIAN);
    b.putInt(magic).putInt(version).putLong(tensors).putLong(kv);
    Path p = dir.resolve("tiny.gguf");
    Files.write(p, b.array());
    return p;
  }

  @Test
  void readsAValidGgufHeader() throws Exception {
    assertThat(LlamaCppProvider.validateHeader(header(0x46554747, 3, 0, 0)))
        .isEqualTo(new LlamaCppProvider.GgufHeader(3, 0, 0));
  }

  @Test
  void rejectsFilesThatAreNotGgufBeforeNativeCode() throws Exception {
    assertThatThrownBy(() -> LlamaCppProvider.open(header(0x12345678, 3, 0, 0), 1, 256))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("not a GGUF file");
    assertThatThrownBy(() -> LlamaCppProvider.open(header(0x46554747, 9, 0, 0), 1, 256))
        .hasMessageContaining("GGUF version 9");
    Files.write(dir.resolve("short.gguf"), new byte[] {'G', 'G'});
    assertThatThrownBy(() -> LlamaCppProvider.open(dir.resolve("short.gguf"), 1, 256))
        .hasMessageContaining("too short");
    assertThatThrownBy(() -> LlamaCppProvider.open(dir.resolve("absent.gguf"), 1, 256))
        .hasMessageContaining("not found");
  }

  @Test
  void llamaCppRejectsAHeaderOnlyModelWithAClearError() throws Exception {
    org.meditwin.inference.engine.DjlEnvironment.configureOffline(
        org.meditwin.inference.engine.DjlEnvironment.defaultCacheDir());
    Path empty = header(0x46554747, 3, 0, 0);
    assertThatThrownBy(() -> LlamaCppProvider.open(empty, 1, 256))
        .isInstanceOf(GenerationException.class)
        .hasMessageContaining("llama.cpp could not load tiny.gguf");
  }

  @Test
  void runsATinyGgufModelBuiltByTheTestThroughLlamaCpp() throws Exception {
    org.meditwin.inference.engine.DjlEnvironment.configureOffline(
        org.meditwin.inference.engine.DjlEnvironment.defaultCacheDir());
    Path model = dir.resolve("meditwin-tiny.gguf");
    TinyGguf.write(model, 1);
    GenerationRequest request =
        new GenerationRequest("Be brief.", "Is hearing loss common?", java.util.List.of(), 8, 0.0);
    try (LlamaCppProvider llama = LlamaCppProvider.open(model, 1, 128)) {
      java.util.List<String> streamed = new java.util.ArrayList<>();
      Generation first = llama.generate(request, streamed::add);
      assertThat(first.provider()).isEqualTo("llama.cpp:meditwin-tiny.gguf");
      assertThat(first.extractive()).isFalse();
      assertThat(String.join("", streamed)).isEqualTo(first.text());
      // greedy decoding of the same weights is deterministic, call after call (no state such as
      // a cached prompt may carry over from one answer into the next)
      for (int i = 0; i < 6; i++) {
        assertThat(llama.generate(request, TokenSink.NONE).text()).isEqualTo(first.text());
      }
    }
  }
}
