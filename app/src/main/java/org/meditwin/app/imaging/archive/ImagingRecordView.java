package org.meditwin.app.imaging.archive;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javafx.beans.value.ChangeListener;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.imaging.ImagingViewModel;
import org.meditwin.app.imaging.Viewport;
import org.meditwin.app.imaging.report.ReportProviders;
import org.meditwin.app.imaging.report.ReportView;
import org.meditwin.app.imaging.report.ReportViewModel;
import org.meditwin.app.imaging.report.StudyFacts;
import org.meditwin.core.domain.Patient;
import org.meditwin.imaging.Catalog;
import org.meditwin.imaging.archive.ArchivedStudy;
import org.meditwin.imaging.report.ImagingReport;
import org.meditwin.imaging.report.ReportService;

/**
 * Adds the "Report" and "Patient record" tabs to the imaging pane's side panel and wires them to
 * the current patient, the viewer and record links ({@code imaging:<report id>} or {@code
 * imaging:<archived study id>} open the study, and the report when there is one).
 */
public final class ImagingRecordView {
  private final PaneContext context;
  private final ImagingViewModel imaging;
  private final ArchiveViewModel archive;
  private final ReportViewModel report;
  private final ReportView reportView;
  private final ArchiveView archiveView;
  private final ReportService reports;
  private boolean opening;

  private ImagingRecordView(PaneContext context, ImagingViewModel imaging) {
    this.context = context;
    this.imaging = imaging;
    I18n i18n = context.i18n();
    this.reports = ReportService.of(context.session());
    this.archive = ArchiveViewModel.create(context);
    ReportProviders providers = new ReportProviders(context.modelsDir());
    context.onClose(providers::close);
    this.report =
        new ReportViewModel(
            reports,
            context.tasks(),
            i18n,
            context.dialogs(),
            context.errors(),
            context.zone(),
            providers::get,
            providers::configured,
            context.patientRecords(),
            uid -> archive.archive().study(uid).map(ArchivedStudy::id));
    this.reportView = new ReportView(context, imaging, report);
    this.archiveView =
        new ArchiveView(archive, i18n, this::shownStudy, s -> open(s, Optional.empty()));
    // the similar-case index learns archived chest studies and signed report texts
    archive.setOnImported(
        r ->
            r.studyInstanceUids()
                .forEach(
                    uid ->
                        org.meditwin.app.imaging.similar.SimilarCaseIndexing.of(context)
                            .studyArchived(uid)));
    report.setOnSigned(
        r -> org.meditwin.app.imaging.similar.SimilarCaseIndexing.of(context).reportSigned(r));
  }

  /** Adds the two tabs to {@code tabs} (the pane's side panel). */
  public static ImagingRecordView install(
      PaneContext context, ImagingViewModel imaging, TabPane tabs) {
    ImagingRecordView t = new ImagingRecordView(context, imaging);
    I18n i18n = context.i18n();
    Tab reportTab = new Tab(i18n.get("imaging.report.tab"), t.reportView.root());
    reportTab.setId("imaging-tab-report");
    reportTab.setClosable(false);
    Tab archiveTab = new Tab(i18n.get("imaging.archive.tab"), t.archiveView.root());
    archiveTab.setId("imaging-tab-archive");
    archiveTab.setClosable(false);
    tabs.getTabs().addAll(reportTab, archiveTab);
    reportTab
        .selectedProperty()
        .addListener(
            (o, was, selected) -> {
              if (selected && t.report.factsProperty().get().isEmpty()) {
                t.reportView.loadShownStudy();
              }
            });
    // another study opened in the viewer: an unedited report follows it (now, or when shown)
    t.imaging
        .series()
        .addListener(
            (javafx.collections.ListChangeListener<Catalog.Series>)
                c -> {
                  if (t.opening || t.report.dirtyProperty().get()) {
                    return;
                  }
                  if (reportTab.isSelected()) {
                    t.whenRendered(t.reportView::loadShownStudy);
                  } else {
                    t.report.factsProperty().set(Optional.empty());
                  }
                });
    context.currentPatientProperty().addListener((o, a, p) -> t.patient(p));
    t.patient(context.currentPatient());
    context.recordRequestProperty().addListener((o, a, r) -> t.requested(r));
    t.requested(context.recordRequestProperty().get());
    return t;
  }

  public ReportViewModel report() {
    return report;
  }

  public ArchiveViewModel archive() {
    return archive;
  }

  public ReportView reportView() {
    return reportView;
  }

  private void patient(Optional<Patient> p) {
    archive.setPatient(p);
    report.setPatient(p);
  }

  /** Every object of the study the active viewport shows. */
  private List<Catalog.Instance> shownStudy() {
    return StudyFacts.snapshot(imaging)
        .map(
            s -> {
              List<Catalog.Instance> all = new ArrayList<>();
              s.study().series().forEach(x -> all.addAll(x.instances()));
              return all;
            })
        .orElse(List.of());
  }

  /** Shows an archived study in the viewer, then its report (or a new draft). */
  private void open(ArchivedStudy study, Optional<ImagingReport> stored) {
    archive
        .open(study)
        .thenAccept(
            catalog -> {
              opening = true;
              try {
                imaging.showCatalog(catalog);
              } finally {
                opening = false;
              }
              report.setArchiveStudyId(Optional.of(study.id()));
              whenRendered(
                  () -> {
                    if (stored.isEmpty()) {
                      reportView.loadShownStudy();
                      return;
                    }
                    StudyFacts.snapshot(imaging)
                        .ifPresent(
                            s ->
                                context
                                    .tasks()
                                    .submit(
                                        context.i18n().get("imaging.report.task.load"),
                                        p -> StudyFacts.build(s, imaging.store()))
                                    .thenAccept(f -> report.open(stored.get(), f)));
                  });
            });
  }

  /** Runs once the active viewport has rendered an image (the key image needs it). */
  private void whenRendered(Runnable action) {
    Viewport v = imaging.activeViewport();
    if (current(v, v.renderedProperty().get())) {
      action.run();
      return;
    }
    ChangeListener<Optional<Viewport.Rendered>> once =
        new ChangeListener<>() {
          @Override
          public void changed(
              javafx.beans.value.ObservableValue<? extends Optional<Viewport.Rendered>> o,
              Optional<Viewport.Rendered> a,
              Optional<Viewport.Rendered> b) {
            if (current(v, b)) {
              v.renderedProperty().removeListener(this);
              action.run();
            }
          }
        };
    v.renderedProperty().addListener(once);
  }

  /** Whether {@code r} is an image of the series the viewport shows now (not the previous one). */
  private static boolean current(Viewport v, Optional<Viewport.Rendered> r) {
    return r.isPresent()
        && v.seriesProperty()
            .get()
            .map(s -> s.instances().contains(r.get().slice().instance()))
            .orElse(false);
  }

  /** A record link for the imaging pane: a report id or an archived study id. */
  private void requested(Optional<PaneContext.RecordRequest> request) {
    if (request.isEmpty()) {
      return;
    }
    Optional<String> id = request.get().localId(PaneContext.Pane.IMAGING);
    if (id.isEmpty()) {
      return;
    }
    context.recordRequestProperty().set(Optional.empty());
    archive
        .resolve(request.get().patientId(), id.get(), reports::find)
        .whenComplete(
            (found, error) -> {
              if (error != null) {
                context.errors().show(error);
                return;
              }
              Optional<ImagingReport> r = found.report();
              Optional<ArchivedStudy> study = found.study();
              Optional<Patient> patient = found.patient();
              if (patient.isPresent()
                  && !context.currentPatient().map(Patient::id).equals(patient.map(Patient::id))) {
                context.currentPatientProperty().set(patient);
              }
              if (study.isPresent()) {
                open(study.get(), r);
              } else {
                archive
                    .statusProperty()
                    .set(context.i18n().get("imaging.archive.status.notArchived"));
              }
            });
  }
}
