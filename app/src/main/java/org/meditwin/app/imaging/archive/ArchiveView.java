package org.meditwin.app.imaging.archive;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressIndicator;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.theme.Styles;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.archive.ArchivedStudy;

/**
 * The "patient record" side panel: add the study shown to the current patient's record, list the
 * patient's archived studies and open one in the viewer (Enter or double click).
 */
public final class ArchiveView {
  private final VBox root = new VBox(6);
  private final ArchiveViewModel vm;

  /**
   * @param shownStudy the instances of the study the viewer shows (empty when none)
   * @param open called with an archived study to show it in the viewer
   */
  public ArchiveView(
      ArchiveViewModel vm,
      I18n i18n,
      Supplier<List<Catalog.Instance>> shownStudy,
      Consumer<ArchivedStudy> open) {
    this.vm = vm;
    Label title = new Label(i18n.get("imaging.archive.title"));
    title.getStyleClass().add(Styles.SECTION_TITLE);
    Label patient = new Label();
    patient.setId("imaging-archive-patient");
    patient.setWrapText(true);
    patient.getStyleClass().add(Styles.HINT);

    Button add = new Button(i18n.get("imaging.archive.add"));
    add.setId("imaging-archive-add");
    add.setTooltip(new Tooltip(i18n.get("imaging.archive.add.tip")));
    add.getStyleClass().add(Styles.ACCENT);
    add.setOnAction(e -> vm.addToRecord(shownStudy.get()));
    Button cancel = new Button(i18n.get("imaging.archive.cancel"));
    cancel.setId("imaging-archive-cancel");
    cancel.setOnAction(e -> vm.cancel());
    cancel.visibleProperty().bind(vm.busyProperty());
    cancel.managedProperty().bind(vm.busyProperty());
    add.disableProperty().bind(vm.busyProperty());

    ListView<ArchivedStudy> list = new ListView<>(vm.studies());
    list.setId("imaging-archive-studies");
    list.setPlaceholder(new Label(i18n.get("imaging.archive.empty")));
    list.setCellFactory(
        l ->
            new ListCell<>() {
              @Override
              protected void updateItem(ArchivedStudy s, boolean empty) {
                super.updateItem(s, empty);
                setText(empty || s == null ? null : ArchiveViewModel.describe(s, i18n));
                setWrapText(true);
                setPrefWidth(0);
              }
            });
    list.setOnMouseClicked(
        e -> {
          ArchivedStudy s = list.getSelectionModel().getSelectedItem();
          if (e.getClickCount() == 2 && s != null) {
            open.accept(s);
          }
        });
    list.setOnKeyPressed(
        e -> {
          ArchivedStudy s = list.getSelectionModel().getSelectedItem();
          if (e.getCode() == KeyCode.ENTER && s != null) {
            open.accept(s);
          }
        });
    Button openButton = new Button(i18n.get("imaging.archive.open"));
    openButton.setId("imaging-archive-open");
    openButton
        .disableProperty()
        .bind(list.getSelectionModel().selectedItemProperty().isNull().or(vm.busyProperty()));
    openButton.setOnAction(
        e -> {
          ArchivedStudy s = list.getSelectionModel().getSelectedItem();
          if (s != null) {
            open.accept(s);
          }
        });

    ProgressIndicator progress = new ProgressIndicator();
    progress.setPrefSize(18, 18);
    progress.visibleProperty().bind(vm.busyProperty());
    progress.managedProperty().bind(vm.busyProperty());
    Label status = new Label();
    status.setId("imaging-archive-status");
    status.setWrapText(true);
    status.getStyleClass().add(Styles.HINT);
    status.textProperty().bind(vm.statusProperty());
    HBox statusRow = new HBox(6, progress, status);
    statusRow.setAlignment(Pos.CENTER_LEFT);

    patient
        .textProperty()
        .bind(
            Bindings.createStringBinding(
                () ->
                    vm.patient()
                        .map(
                            p ->
                                i18n.get(
                                    "imaging.archive.patient",
                                    p.familyName() + ", " + p.givenName()))
                        .orElse(i18n.get("imaging.archive.status.noPatient")),
                vm.studies(),
                vm.statusProperty()));

    root.getChildren()
        .addAll(
            title,
            patient,
            new FlowPane(6, 4, add, cancel),
            new Label(i18n.get("imaging.archive.studies")),
            list,
            openButton,
            statusRow);
    VBox.setVgrow(list, Priority.ALWAYS);
    root.setPadding(new Insets(6));
    root.setId("imaging-archive");
  }

  public Node root() {
    return root;
  }

  public ArchiveViewModel model() {
    return vm;
  }
}
