package org.meditwin.app.admin;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.inference.engine.DeviceInfo;
import org.meditwin.inference.registry.ModelEntry;
import org.meditwin.inference.registry.ModelRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Admin → Models: the model registry over the models folder with verified checksums, and the
 * inference device. Verification re-hashes every file in the background; a missing or corrupt model
 * shows its message and nothing else is affected.
 */
public final class ModelsViewModel {
  /** One table row. */
  public record Row(
      String name,
      String task,
      String engine,
      String version,
      String sha256Short,
      boolean verified,
      String status,
      String detail) {
    static Row of(ModelEntry e, I18n i18n) {
      String sha = e.sha256();
      return new Row(
          e.name(),
          e.descriptor().map(d -> d.task()).orElse(""),
          e.descriptor().map(d -> d.engine()).orElse(""),
          e.descriptor().map(d -> d.version()).orElse(""),
          sha.length() > 12 ? sha.substring(0, 12) : sha,
          e.status().usable(),
          i18n.get("models.status." + e.status().name()),
          e.status().usable() ? "" : e.detail());
    }
  }

  private static final Logger LOG = LoggerFactory.getLogger(ModelsViewModel.class);

  private final Path modelsDir;
  private final Supplier<DeviceInfo> device;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final ErrorReporter errors;
  private final ObservableList<Row> rows = FXCollections.observableArrayList();
  private final ReadOnlyStringWrapper deviceText = new ReadOnlyStringWrapper("");
  private final ReadOnlyStringWrapper summary = new ReadOnlyStringWrapper("");
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private boolean deviceRequested;

  public ModelsViewModel(
      Path modelsDir,
      Supplier<DeviceInfo> device,
      TaskExecutor tasks,
      I18n i18n,
      ErrorReporter errors) {
    this.modelsDir = Objects.requireNonNull(modelsDir, "modelsDir");
    this.device = Objects.requireNonNull(device, "device");
    this.tasks = Objects.requireNonNull(tasks, "tasks");
    this.i18n = Objects.requireNonNull(i18n, "i18n");
    this.errors = Objects.requireNonNull(errors, "errors");
    deviceText.set(i18n.get("models.device.detecting"));
  }

  /** The models folder: {@code -Dmeditwin.modelsDir} (set by the launchers), else ./models. */
  public static Path defaultModelsDir() {
    String p = System.getProperty("meditwin.modelsDir");
    if (p != null && !p.isBlank()) {
      return Path.of(p.strip()).toAbsolutePath().normalize();
    }
    return Path.of("models").toAbsolutePath().normalize();
  }

  public ObservableList<Row> rows() {
    return rows;
  }

  public Path modelsDir() {
    return modelsDir;
  }

  public ReadOnlyStringProperty deviceProperty() {
    return deviceText.getReadOnlyProperty();
  }

  /** "3 of 4 models verified" or why there are none. */
  public ReadOnlyStringProperty summaryProperty() {
    return summary.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /** Verifies every model's checksums (a fresh registry, so every file is hashed again). */
  public void verify() {
    if (busy.get()) {
      return;
    }
    busy.set(true);
    tasks
        .submit(
            i18n.get("task.models.verify"),
            p -> {
              ModelRegistry registry = ModelRegistry.open(modelsDir);
              List<ModelEntry> listed = registry.list();
              List<ModelEntry> checked = new ArrayList<>();
              for (ModelEntry e : listed) {
                p.progress(checked.size(), listed.size(), i18n.get("models.progress", e.name()));
                checked.add(registry.verify(e.name()));
              }
              p.progress(listed.size(), listed.size(), i18n.get("task.models.verify"));
              return checked;
            })
        .whenComplete(
            (entries, failure) -> {
              busy.set(false);
              if (failure != null) {
                errors.show(failure);
                return;
              }
              rows.setAll(entries.stream().map(e -> Row.of(e, i18n)).toList());
              long ok = rows.stream().filter(Row::verified).count();
              summary.set(
                  rows.isEmpty()
                      ? i18n.get("models.none", modelsDir)
                      : i18n.get("models.summary", ok, rows.size(), modelsDir));
            });
    if (!deviceRequested) {
      deviceRequested = true;
      detectDevice();
    }
  }

  private void detectDevice() {
    tasks
        .submit(i18n.get("task.models.device"), p -> device.get())
        .whenComplete(
            (info, failure) -> {
              if (failure != null) {
                LOG.warn("inference device unavailable: {}", failure.getClass().getName());
                deviceText.set(i18n.get("models.device.unavailable"));
              } else {
                deviceText.set(
                    i18n.get(
                        info.isGpu() ? "models.device.gpu" : "models.device.cpu", info.describe()));
              }
            });
  }
}
