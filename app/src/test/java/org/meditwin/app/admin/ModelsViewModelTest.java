package org.meditwin.app.admin;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.inference.engine.DeviceInfo;

class ModelsViewModelTest {
  @TempDir Path models;
  private final I18n i18n = new I18n(Language.ENGLISH);
  private final AtomicInteger deviceCalls = new AtomicInteger();

  private ModelsViewModel model(java.util.function.Supplier<DeviceInfo> device) {
    return new ModelsViewModel(
        models,
        () -> {
          deviceCalls.incrementAndGet();
          return device.get();
        },
        TaskExecutor.sameThread(),
        i18n,
        new ErrorReporter(new ScriptedDialogs(), i18n));
  }

  private void writeModel(String name, byte[] weights, byte[] declared) throws Exception {
    Path folder = Files.createDirectories(models.resolve(name));
    Files.write(folder.resolve("head.params"), weights);
    String sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(declared));
    Files.writeString(
        folder.resolve("model.json"),
        """
        {"name":"%s","version":"1.2.0","task":"text-classification","engine":"PyTorch",
         "files":[{"path":"head.params","sha256":"%s","bytes":%d}]}
        """
            .formatted(name, sha, declared.length));
    Files.writeString(folder.resolve("MODEL.md"), "# " + name + "\n");
  }

  @Test
  void listsAValidAndACorruptModelWithStatusAndDetail() throws Exception {
    byte[] good = "good weights".getBytes(StandardCharsets.UTF_8);
    writeModel("good-head", good, good);
    writeModel("tampered-head", "tampered!!!!".getBytes(StandardCharsets.UTF_8), good);
    Files.createDirectories(models.resolve("no-descriptor"));

    ModelsViewModel vm = model(() -> new DeviceInfo("PyTorch", "2.7.1", "cpu()", 0));
    vm.verify();

    List<ModelsViewModel.Row> rows = vm.rows();
    assertThat(rows)
        .extracting(ModelsViewModel.Row::name)
        .containsExactly("good-head", "no-descriptor", "tampered-head");
    ModelsViewModel.Row ok = rows.get(0);
    assertThat(ok.verified()).isTrue();
    assertThat(ok.status()).isEqualTo("Verified");
    assertThat(ok.task()).isEqualTo("text-classification");
    assertThat(ok.engine()).isEqualTo("PyTorch");
    assertThat(ok.version()).isEqualTo("1.2.0");
    assertThat(ok.sha256Short()).hasSize(12).isEqualTo(ok.sha256Short().toLowerCase());
    assertThat(ok.detail()).isEmpty();

    ModelsViewModel.Row missing = rows.get(1);
    assertThat(missing.verified()).isFalse();
    assertThat(missing.status()).isEqualTo("Invalid model.json");
    assertThat(missing.detail()).isNotBlank();

    ModelsViewModel.Row bad = rows.get(2);
    assertThat(bad.verified()).isFalse();
    assertThat(bad.status()).isEqualTo("Corrupt (checksum differs)");
    assertThat(bad.detail()).isNotBlank();

    assertThat(vm.summaryProperty().get()).startsWith("1 of 3 models verified");
    assertThat(vm.deviceProperty().get())
        .isEqualTo("Inference device: CPU, PyTorch 2.7.1 on cpu()");
    assertThat(vm.busyProperty().get()).isFalse();
  }

  @Test
  void verifyAgainRehashesSoAFileCorruptedSinceIsCaught() throws Exception {
    byte[] good = "good weights".getBytes(StandardCharsets.UTF_8);
    writeModel("good-head", good, good);
    ModelsViewModel vm = model(() -> new DeviceInfo("PyTorch", "2.7.1", "cpu()", 0));
    vm.verify();
    assertThat(vm.rows().get(0).verified()).isTrue();

    Files.writeString(models.resolve("good-head/head.params"), "flipped bits");
    vm.verify();
    assertThat(vm.rows().get(0).verified()).isFalse();
    assertThat(deviceCalls).as("the device is detected once").hasValue(1);
  }

  @Test
  void anEmptyFolderAndAnEngineThatCannotLoadAreExplainedNotFatal() {
    ModelsViewModel vm =
        model(
            () -> {
              throw new IllegalStateException("no natives");
            });
    vm.verify();
    assertThat(vm.rows()).isEmpty();
    assertThat(vm.summaryProperty().get()).isEqualTo(i18n.get("models.none", models));
    assertThat(vm.deviceProperty().get()).isEqualTo(i18n.get("models.device.unavailable"));
  }
}
