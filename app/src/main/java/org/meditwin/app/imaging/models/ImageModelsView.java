package org.meditwin.app.imaging.models;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.Node;
import javafx.scene.control.ComboBox;
import javafx.scene.control.ListCell;
import javafx.scene.control.MenuButton;
import javafx.scene.control.MenuItem;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.Pane;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.imaging.ImagingViewModel;
import org.meditwin.app.imaging.Viewport;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.ai.ImageAnalysis;

/**
 * The imaging toolbar's model chooser (models that apply to the shown image) and the "save AI
 * result as DICOM" menu (Secondary Capture, Parametric Map, Segmentation to a file the user picks:
 * a user export — the objects carry the patient's identity).
 */
public final class ImageModelsView {
  private final PaneContext context;
  private final I18n i18n;
  private final ImagingViewModel imaging;
  private final ImageModelsViewModel models;
  private final ComboBox<ImageModelsViewModel.Choice> chooser = new ComboBox<>();
  private final MenuButton save = new MenuButton();

  private ImageModelsView(PaneContext context, ImagingViewModel imaging) {
    this.context = context;
    this.i18n = context.i18n();
    this.imaging = imaging;
    this.models =
        new ImageModelsViewModel(
            i18n, context.modelsDir(), context.tasks()::submit, context.clock());
  }

  /**
   * Puts the chooser before {@code analyzeButton} and the save menu after it in {@code bar}, and
   * lets {@code imaging}'s analyze() run the chosen model.
   */
  public static ImageModelsView install(
      PaneContext context, ImagingViewModel imaging, Pane bar, Node analyzeButton) {
    ImageModelsView view = new ImageModelsView(context, imaging);
    view.build();
    int at = bar.getChildren().indexOf(analyzeButton);
    if (at < 0) {
      bar.getChildren().addAll(view.chooser, view.save);
    } else {
      bar.getChildren().add(at + 1, view.save);
      bar.getChildren().add(at, view.chooser);
    }
    imaging.attachModels(view.models);
    context.onClose(view.models::close);
    view.models.refresh();
    return view;
  }

  public ImageModelsViewModel viewModel() {
    return models;
  }

  private void build() {
    chooser.setId("imaging-model");
    chooser.setItems(models.choices());
    chooser.setTooltip(new Tooltip(i18n.get("imaging.models.prompt")));
    chooser.setPromptText(i18n.get("imaging.models.prompt"));
    chooser.setCellFactory(list -> cell());
    chooser.setButtonCell(cell());
    chooser
        .valueProperty()
        .addListener((o, a, b) -> models.selectedProperty().set(Optional.ofNullable(b)));
    models.selectedProperty().addListener((o, a, b) -> chooser.setValue(b.orElse(null)));
    models
        .choices()
        .addListener(
            (ListChangeListener<ImageModelsViewModel.Choice>)
                c -> chooser.setValue(models.selectedProperty().get().orElse(null)));

    save.setId("imaging-save-dicom");
    save.setText(i18n.get("imaging.models.save"));
    for (ImageModelsViewModel.Output output : ImageModelsViewModel.Output.values()) {
      MenuItem item = new MenuItem(i18n.get("imaging.models.save." + key(output)));
      item.setId("imaging-save-" + key(output));
      item.setOnAction(e -> save(output));
      save.getItems().add(item);
    }
    save.setOnShowing(
        e -> {
          Optional<ImageAnalysis> a = current().map(Viewport.ModelResult::analysis);
          for (int i = 0; i < save.getItems().size(); i++) {
            ImageModelsViewModel.Output output = ImageModelsViewModel.Output.values()[i];
            save.getItems()
                .get(i)
                .setDisable(a.isEmpty() || !ImageModelsViewModel.supports(a.get(), output));
          }
        });
    for (Viewport v : imaging.viewports()) {
      v.renderedProperty().addListener((o, a, b) -> refreshChoices());
    }
    imaging.activeProperty().addListener((o, a, b) -> refreshChoices());
  }

  private static String key(ImageModelsViewModel.Output output) {
    return switch (output) {
      case SECONDARY_CAPTURE -> "sc";
      case PARAMETRIC_MAP -> "pmap";
      case SEGMENTATION -> "seg";
    };
  }

  private ListCell<ImageModelsViewModel.Choice> cell() {
    return new ListCell<>() {
      @Override
      protected void updateItem(ImageModelsViewModel.Choice item, boolean empty) {
        super.updateItem(item, empty);
        setText(empty || item == null ? i18n.get("imaging.models.prompt") : models.label(item));
      }
    };
  }

  private void refreshChoices() {
    models.showFor(
        imaging.activeViewport().renderedProperty().get().map(r -> r.slice().instance().info()));
  }

  private Optional<Viewport.ModelResult> current() {
    Viewport v = imaging.activeViewport();
    Optional<Catalog.SliceRef> slice = v.currentSlice();
    return v.modelResultProperty()
        .get()
        .filter(m -> slice.isPresent() && m.slice().equals(slice.get()));
  }

  private void save(ImageModelsViewModel.Output output) {
    Optional<Viewport.ModelResult> result = current();
    Optional<Viewport.Rendered> shown = imaging.activeViewport().renderedProperty().get();
    String title = i18n.get("imaging.models.save");
    if (result.isEmpty() || shown.isEmpty()) {
      context.dialogs().showInfo(title, i18n.get("imaging.models.save.none"));
      return;
    }
    ImageAnalysis a = result.get().analysis();
    if (!ImageModelsViewModel.supports(a, output)) {
      context.dialogs().showInfo(title, i18n.get("imaging.models.save.unsupported"));
      return;
    }
    Catalog.SliceRef slice = result.get().slice();
    var image = shown.get().image();
    Optional<String> patient = context.currentPatient().map(p -> p.id().value());
    if (patient.isPresent()) {
      // into the patient's encrypted imaging archive (a new series of the same study)
      context
          .tasks()
          .submit(
              title,
              progress -> {
                byte[] bytes =
                    models.encode(output, slice.instance().source(), slice.frame(), a, image);
                return models.archive(context.session(), patient.get(), a, bytes);
              })
          .whenComplete(
              (r, error) -> {
                if (error != null || !r.problems().isEmpty()) {
                  Throwable cause =
                      error == null ? null : error.getCause() == null ? error : error.getCause();
                  String why =
                      cause != null
                          ? String.valueOf(cause.getMessage())
                          : r.problems().get(0).message();
                  context.dialogs().showError(title, i18n.get("imaging.models.save.failed", why));
                } else {
                  imaging.statusProperty().set(i18n.get("imaging.models.archived"));
                }
              });
      return;
    }
    Optional<Path> target =
        context.dialogs().chooseSaveFile(title, ImageModelsViewModel.fileName(a, output));
    if (target.isEmpty()) {
      return;
    }
    context
        .tasks()
        .submit(
            title,
            progress -> {
              byte[] bytes =
                  models.encode(output, slice.instance().source(), slice.frame(), a, image);
              Files.write(target.get(), bytes);
              return target.get();
            })
        .whenComplete(
            (path, error) -> {
              if (error != null) {
                Throwable cause = error.getCause() == null ? error : error.getCause();
                context
                    .dialogs()
                    .showError(
                        title,
                        i18n.get(
                            "imaging.models.save.failed",
                            cause.getMessage() == null
                                ? cause.getClass().getSimpleName()
                                : cause.getMessage()));
              } else {
                imaging
                    .statusProperty()
                    .set(i18n.get("imaging.models.saved", path.getFileName().toString()));
              }
            });
  }
}
