package org.meditwin.inference.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.inference.SharedModels;

class ModelRegistryTest {

  @TempDir Path dir;

  private Path model(String name, byte[] weights) throws Exception {
    Path folder = dir.resolve(name);
    Files.createDirectories(folder);
    Files.write(folder.resolve("w.bin"), weights);
    ModelRegistry.writeDescriptor(
        new ModelDescriptor(
            name,
            "1.0.0",
            "text-classification",
            "PyTorch",
            List.of(new ModelFile("w.bin", Sha256.of(folder.resolve("w.bin")), weights.length)),
            List.of("a", "b"),
            Map.of(),
            Map.of(),
            Map.of(),
            "./run models train " + name),
        folder);
    return folder;
  }

  @Test
  void everyShippedModelVerifies() {
    List<ModelEntry> entries = ModelRegistry.open(SharedModels.modelsDir()).listVerified();
    assertThat(entries)
        .extracting(ModelEntry::name)
        .contains("specialty-router", "bge-small-en-v1.5", "bge-small-en-v1.5-q");
    assertThat(entries)
        .allSatisfy(
            e ->
                assertThat(e.status())
                    .as(e.name() + ": " + e.detail())
                    .isEqualTo(ModelStatus.VERIFIED));
    assertThat(entries)
        .allSatisfy(
            e ->
                assertThat(Files.isRegularFile(e.folder().resolve("MODEL.md")))
                    .as(e.name())
                    .isTrue());
  }

  @Test
  void intactModelVerifies() throws Exception {
    model("good", new byte[] {1, 2, 3});
    assertThat(ModelRegistry.open(dir).verify("good").status()).isEqualTo(ModelStatus.VERIFIED);
  }

  @Test
  void corruptWeightsAreRejectedWithAClearMessage() throws Exception {
    Path folder = model("bad", new byte[] {1, 2, 3});
    Files.write(folder.resolve("w.bin"), new byte[] {1, 2, 4});
    ModelRegistry registry = ModelRegistry.open(dir);
    ModelEntry e = registry.verify("bad");
    assertThat(e.status()).isEqualTo(ModelStatus.CHECKSUM_MISMATCH);
    assertThatThrownBy(() -> registry.requireVerified("bad"))
        .isInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("bad")
        .hasMessageContaining("checksum mismatch");
  }

  @Test
  void missingWeightsAndMissingModelsAreReported() throws Exception {
    Path folder = model("gone", new byte[] {9});
    Files.delete(folder.resolve("w.bin"));
    ModelRegistry registry = ModelRegistry.open(dir);
    assertThat(registry.verify("gone").status()).isEqualTo(ModelStatus.MISSING_FILE);
    assertThat(registry.verify("never-installed").status()).isEqualTo(ModelStatus.MISSING_FILE);
    assertThat(registry.find("../escape")).isEmpty();
  }

  @Test
  void invalidDescriptorIsReportedNotThrown() throws Exception {
    Files.createDirectories(dir.resolve("broken"));
    Files.writeString(dir.resolve("broken/model.json"), "{ not json", StandardCharsets.UTF_8);
    Files.createDirectories(dir.resolve("empty"));
    ModelRegistry registry = ModelRegistry.open(dir);
    assertThat(registry.list())
        .extracting(ModelEntry::name, ModelEntry::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("broken", ModelStatus.INVALID_DESCRIPTOR),
            org.assertj.core.groups.Tuple.tuple("empty", ModelStatus.INVALID_DESCRIPTOR));
  }

  @Test
  void failedLoadFailsOnlyItsOwnFutureAndOthersStillLoad() throws Exception {
    Path bad = model("bad", new byte[] {1});
    Files.write(bad.resolve("w.bin"), new byte[] {2});
    model("good", new byte[] {5, 6});
    ModelRegistry registry = ModelRegistry.open(dir);
    List<String> progress = new ArrayList<>();
    TaskExecutor recording =
        new TaskExecutor() {
          @Override
          public <T> CompletableFuture<T> submit(
              String title, org.meditwin.core.task.BackgroundTask<T> task) {
            try {
              return CompletableFuture.completedFuture(task.run((d, t, m) -> progress.add(m)));
            } catch (Exception e) {
              return CompletableFuture.failedFuture(e);
            }
          }
        };
    CompletableFuture<String> failed =
        registry.loadInBackground("bad", recording, (d, f, p) -> "loaded");
    CompletableFuture<Integer> ok =
        registry.loadInBackground(
            "good", recording, (d, f, p) -> Files.readAllBytes(f.resolve("w.bin")).length);
    assertThatThrownBy(failed::join)
        .isInstanceOf(CompletionException.class)
        .hasCauseInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("cannot be used");
    assertThat(ok.join()).isEqualTo(2);
    assertThat(progress).contains("Verifying good", "good ready");
    assertThat(registry.loadInBackground("good", recording, (d, f, p) -> -1)).isSameAs(ok);
  }

  @Test
  void loaderExceptionsBecomeModelUnavailable() throws Exception {
    model("explodes", new byte[] {1});
    CompletableFuture<Object> f =
        ModelRegistry.open(dir)
            .loadInBackground(
                "explodes",
                TaskExecutor.sameThread(),
                (d, folder, p) -> {
                  throw new IllegalStateException("native library missing");
                });
    assertThatThrownBy(f::join)
        .hasCauseInstanceOf(ModelUnavailableException.class)
        .hasMessageContaining("failed to load: native library missing");
  }
}
