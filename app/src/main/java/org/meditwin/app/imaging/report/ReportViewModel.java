package org.meditwin.app.imaging.report;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.app.common.DialogService;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.PaneContext;
import org.meditwin.app.i18n.I18n;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.imaging.report.ImagingReport;
import org.meditwin.imaging.report.Measurement;
import org.meditwin.imaging.report.ModelFinding;
import org.meditwin.imaging.report.ReportCheck;
import org.meditwin.imaging.report.ReportContent;
import org.meditwin.imaging.report.ReportDraft;
import org.meditwin.imaging.report.ReportDrafter;
import org.meditwin.imaging.report.ReportService;
import org.meditwin.imaging.report.ReportTemplate;
import org.meditwin.imaging.report.ReportValidator;
import org.meditwin.imaging.report.StructuredFindings;
import org.meditwin.imaging.report.Technique;
import org.meditwin.inference.generate.GenerativeProvider;
import org.meditwin.search.patient.PatientRecord;
import org.meditwin.search.patient.PatientRecordIndex;
import org.meditwin.search.patient.RecordKind;

/**
 * The report side panel's logic: the study's facts, the editable sections, the validator's
 * verdicts, drafting (template prose, or a generative provider when one is configured), save, sign,
 * amend, PDF export, the assistant hand-off and indexing of signed reports ({@code imaging:<id>}).
 * Plain Java with JavaFX properties; all store work runs through {@link TaskExecutor}.
 */
public final class ReportViewModel {
  /** One row of the findings table. */
  public record FindingRow(String item, String value, String source) {}

  private final ReportService reports;
  private final TaskExecutor tasks;
  private final I18n i18n;
  private final DialogService dialogs;
  private final ErrorReporter errors;
  private final ZoneId zone;
  private final Supplier<Optional<GenerativeProvider>> provider;
  private final java.util.function.BooleanSupplier configured;
  private final Supplier<Optional<PatientRecordIndex>> index;
  private final java.util.function.Function<String, Optional<String>> archivedStudyId;

  private final ObjectProperty<Optional<StudyFacts>> facts =
      new SimpleObjectProperty<>(Optional.empty());
  private final ObjectProperty<Optional<ImagingReport>> stored =
      new SimpleObjectProperty<>(Optional.empty());
  private final ObjectProperty<ReportTemplate> template =
      new SimpleObjectProperty<>(ReportTemplate.GENERIC);
  private final StringProperty technique = new SimpleStringProperty("");
  private final StringProperty findings = new SimpleStringProperty("");
  private final StringProperty impression = new SimpleStringProperty("");
  private final ObservableList<FindingRow> rows = FXCollections.observableArrayList();
  private final ObservableList<ReportCheck> checks = FXCollections.observableArrayList();
  private final StringProperty status = new SimpleStringProperty("");
  private final StringProperty notice = new SimpleStringProperty("");
  private final BooleanProperty busy = new SimpleBooleanProperty(false);
  private final BooleanProperty signed = new SimpleBooleanProperty(false);
  private final BooleanProperty dirty = new SimpleBooleanProperty(false);
  private final AtomicBoolean cancelDraft = new AtomicBoolean();
  private Optional<Patient> patient = Optional.empty();
  private java.util.function.Consumer<ImagingReport> onSigned = r -> {};
  private boolean loading;

  public ReportViewModel(
      ReportService reports,
      TaskExecutor tasks,
      I18n i18n,
      DialogService dialogs,
      ErrorReporter errors,
      ZoneId zone,
      Supplier<Optional<GenerativeProvider>> provider,
      java.util.function.BooleanSupplier configured,
      Supplier<Optional<PatientRecordIndex>> index,
      java.util.function.Function<String, Optional<String>> archivedStudyId) {
    this.reports = reports;
    this.tasks = tasks;
    this.i18n = i18n;
    this.dialogs = dialogs;
    this.errors = errors;
    this.zone = zone;
    this.provider = provider;
    this.configured = configured;
    this.index = index;
    this.archivedStudyId = archivedStudyId;
    technique.addListener((o, a, b) -> edited());
    findings.addListener((o, a, b) -> edited());
    impression.addListener((o, a, b) -> edited());
    template.addListener((o, a, b) -> edited());
  }

  // --- properties ---------------------------------------------------------------------------

  public ObjectProperty<Optional<StudyFacts>> factsProperty() {
    return facts;
  }

  public ObjectProperty<Optional<ImagingReport>> storedProperty() {
    return stored;
  }

  public ObjectProperty<ReportTemplate> templateProperty() {
    return template;
  }

  public StringProperty techniqueProperty() {
    return technique;
  }

  public StringProperty findingsProperty() {
    return findings;
  }

  public StringProperty impressionProperty() {
    return impression;
  }

  public ObservableList<FindingRow> rows() {
    return rows;
  }

  public ObservableList<ReportCheck> checks() {
    return checks;
  }

  public StringProperty statusProperty() {
    return status;
  }

  /** Why the draft is template prose (no generative model, provider failed …); "" otherwise. */
  public StringProperty noticeProperty() {
    return notice;
  }

  public BooleanProperty busyProperty() {
    return busy;
  }

  public BooleanProperty signedProperty() {
    return signed;
  }

  public BooleanProperty dirtyProperty() {
    return dirty;
  }

  /** True when a generative provider is configured (a GGUF model or a clinic server). */
  public boolean generativeConfigured() {
    return configured.getAsBoolean();
  }

  public Optional<Patient> patient() {
    return patient;
  }

  public void setPatient(Optional<Patient> p) {
    if (!p.map(Patient::id).equals(patient.map(Patient::id))) {
      patient = p;
      stored.set(Optional.empty());
      facts.get().ifPresent(this::load);
    }
  }

  /** The report as edited now. */
  public ReportContent content() {
    return new ReportContent(template.get(), technique.get(), findings.get(), impression.get());
  }

  /** The facts drafted from and validated against (empty technique before a study is loaded). */
  public StructuredFindings structuredFindings() {
    return facts.get().map(StudyFacts::findings).orElse(StructuredFindings.of(Technique.unknown()));
  }

  // --- actions ------------------------------------------------------------------------------

  /**
   * Shows a study: its findings table, then its stored report for the current patient (newest) or,
   * when none, the template draft (not saved until the clinician saves, signs or drafts).
   */
  public CompletableFuture<Void> load(StudyFacts f) {
    facts.set(Optional.of(f));
    rows.setAll(rows(f.findings()));
    Optional<String> pid = patient.map(p -> p.id().value());
    if (pid.isEmpty()) {
      show(Optional.empty(), f);
      status.set(i18n.get("imaging.report.status.noPatient"));
      return CompletableFuture.completedFuture(null);
    }
    busy.set(true);
    return tasks
        .submit(
            i18n.get("imaging.report.task.load"),
            p -> {
              Optional<ImagingReport> r =
                  reports.forStudy(f.studyInstanceUid()).stream()
                      .filter(x -> x.patientId().equals(pid.get()))
                      .findFirst();
              return new Loaded(r, archivedStudyId.apply(f.studyInstanceUid()));
            })
        .handle(
            (found, error) -> {
              busy.set(false);
              if (error != null) {
                status.set(errors.message(error));
                show(Optional.empty(), f);
              } else {
                archiveStudyId = found.archiveStudyId();
                show(found.report(), f);
              }
              return null;
            });
  }

  private record Loaded(Optional<ImagingReport> report, Optional<String> archiveStudyId) {}

  /** Opens a stored report (from a record link) with the given facts. */
  public void open(ImagingReport r, StudyFacts f) {
    facts.set(Optional.of(f));
    rows.setAll(rows(r.isSigned() ? r.findings() : f.findings()));
    show(Optional.of(r), f);
  }

  private void show(Optional<ImagingReport> r, StudyFacts f) {
    loading = true;
    try {
      stored.set(r);
      ReportContent c =
          r.map(ImagingReport::content)
              .orElseGet(() -> ReportDrafter.templateDraft(f.template(), f.findings()));
      template.set(c.template());
      technique.set(c.technique());
      findings.set(c.findings());
      impression.set(c.impression());
      signed.set(r.map(ImagingReport::isSigned).orElse(false));
      dirty.set(false);
      notice.set(generativeConfigured() ? "" : i18n.get("imaging.report.noProvider"));
    } finally {
      loading = false;
    }
    revalidate();
    status.set(
        r.map(
                x ->
                    x.isSigned()
                        ? i18n.get(
                            "imaging.report.status.signed",
                            x.signature().orElseThrow().signerName(),
                            x.amendments().size())
                        : i18n.get("imaging.report.status.draftSaved"))
            .orElse(i18n.get("imaging.report.status.template")));
  }

  private void edited() {
    if (!loading) {
      dirty.set(true);
      revalidate();
    }
  }

  /** Re-checks every sentence against the structured findings (flagged ones first). */
  public void revalidate() {
    List<ReportCheck> all = ReportValidator.validate(content(), structuredFindings());
    setChecks(all);
    if (!loading) {
      status.set(
          i18n.get(
              "imaging.report.status.flagged", all.stream().filter(ReportCheck::flagged).count()));
    }
  }

  private void setChecks(List<ReportCheck> all) {
    List<ReportCheck> sorted = new ArrayList<>(all);
    sorted.sort(java.util.Comparator.comparing(c -> !c.flagged()));
    checks.setAll(sorted);
  }

  /** Drafts the prose (generative when configured, else the template) in the background. */
  public CompletableFuture<ReportDraft> draft() {
    if (facts.get().isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("no study"));
    }
    if (signed.get()) {
      status.set(i18n.get("imaging.report.status.locked"));
      return CompletableFuture.failedFuture(new IllegalStateException("signed"));
    }
    ReportTemplate t = template.get();
    StructuredFindings f = structuredFindings();
    cancelDraft.set(false);
    busy.set(true);
    status.set(i18n.get("imaging.report.status.drafting"));
    return tasks
        .submit(
            i18n.get("imaging.report.task.draft"),
            p -> {
              p.progress(0, -1, i18n.get("imaging.report.task.draft"));
              return ReportDrafter.draft(t, f, provider.get(), tok -> {}, cancelDraft::get);
            })
        .whenComplete(
            (d, error) -> {
              busy.set(false);
              if (error != null) {
                status.set(errors.message(error));
                return;
              }
              loading = true;
              try {
                template.set(d.content().template());
                technique.set(d.content().technique());
                findings.set(d.content().findings());
                impression.set(d.content().impression());
              } finally {
                loading = false;
              }
              dirty.set(true);
              setChecks(d.checks());
              notice.set(notice(d));
              status.set(i18n.get("imaging.report.status.drafted", d.engine(), d.flagged()));
            });
  }

  private String notice(ReportDraft d) {
    if (d.engine().equals("template")) {
      return i18n.get(
          generativeConfigured() ? "imaging.report.providerFallback" : "imaging.report.noProvider");
    }
    return d.notice().isPresent() ? i18n.get("imaging.report.partialDraft") : "";
  }

  /** Cancels a running draft (its result is then not streamed further). */
  public void cancelDraft() {
    cancelDraft.set(true);
  }

  /** Saves the draft (creates it the first time). */
  public CompletableFuture<ImagingReport> save() {
    Optional<StudyFacts> f = facts.get();
    Optional<Patient> p = patient;
    if (f.isEmpty() || p.isEmpty()) {
      status.set(i18n.get("imaging.report.status.noPatient"));
      return CompletableFuture.failedFuture(new IllegalStateException("no patient or study"));
    }
    if (signed.get()) {
      status.set(i18n.get("imaging.report.status.locked"));
      return CompletableFuture.failedFuture(new IllegalStateException("signed"));
    }
    ReportContent c = content();
    Optional<ImagingReport> existing = stored.get();
    String pid = p.get().id().value();
    StudyFacts facts = f.get();
    busy.set(true);
    return tasks
        .submit(
            i18n.get("imaging.report.task.save"),
            pr ->
                existing.isPresent()
                    ? reports.saveDraft(
                        existing.get().id(), c, facts.findings(), facts.keyImagePng())
                    : reports.create(
                        pid,
                        facts.studyInstanceUid(),
                        archiveStudyId(),
                        c,
                        facts.findings(),
                        facts.keyImagePng()))
        .whenComplete(
            (r, error) -> {
              busy.set(false);
              if (error != null) {
                status.set(errors.message(error));
                return;
              }
              stored.set(Optional.of(r));
              dirty.set(false);
              status.set(i18n.get("imaging.report.status.draftSaved"));
            });
  }

  private Optional<String> archiveStudyId = Optional.empty();

  /** The study's id in the patient's imaging archive, when it was archived (set by the pane). */
  public void setArchiveStudyId(Optional<String> id) {
    archiveStudyId = id;
  }

  private Optional<String> archiveStudyId() {
    return archiveStudyId;
  }

  /** Called (FX thread) after a report was signed or amended, e.g. to index it elsewhere. */
  public void setOnSigned(java.util.function.Consumer<ImagingReport> listener) {
    onSigned = java.util.Objects.requireNonNull(listener, "listener");
  }

  /** Saves and signs after confirmation; the signed report is indexed for the patient. */
  public CompletableFuture<ImagingReport> sign() {
    if (signed.get()) {
      status.set(i18n.get("imaging.report.status.locked"));
      return CompletableFuture.failedFuture(new IllegalStateException("signed"));
    }
    long flagged = checks.stream().filter(ReportCheck::flagged).count();
    String question =
        flagged == 0
            ? i18n.get("imaging.report.sign.confirm")
            : i18n.get("imaging.report.sign.confirmFlagged", flagged);
    if (!dialogs.confirm(i18n.get("imaging.report.sign"), question)) {
      return CompletableFuture.failedFuture(new IllegalStateException("cancelled"));
    }
    return save()
        .thenCompose(
            saved ->
                tasks.submit(
                    i18n.get("imaging.report.task.sign"),
                    p -> {
                      ImagingReport r = reports.sign(saved.id());
                      index(r);
                      return r;
                    }))
        .whenComplete(
            (r, error) -> {
              if (error != null) {
                status.set(errors.message(error));
                return;
              }
              stored.set(Optional.of(r));
              signed.set(true);
              dirty.set(false);
              onSigned.accept(r);
              status.set(
                  i18n.get(
                      "imaging.report.status.signed", r.signature().orElseThrow().signerName(), 0));
            });
  }

  /** Amends a signed report with the current text after asking for the reason. */
  public CompletableFuture<ImagingReport> amend() {
    Optional<ImagingReport> r = stored.get();
    if (r.isEmpty() || !r.get().isSigned()) {
      status.set(i18n.get("imaging.report.status.amendDraft"));
      return CompletableFuture.failedFuture(new IllegalStateException("not signed"));
    }
    Optional<String> reason =
        dialogs.askText(
            i18n.get("imaging.report.amend"), i18n.get("imaging.report.amend.reason"), "");
    if (reason.isEmpty() || reason.get().isBlank()) {
      status.set(i18n.get("imaging.report.status.amendCancelled"));
      return CompletableFuture.failedFuture(new IllegalStateException("cancelled"));
    }
    ReportContent c = content();
    String id = r.get().id();
    busy.set(true);
    return tasks
        .submit(
            i18n.get("imaging.report.task.amend"),
            p -> {
              ImagingReport a = reports.amend(id, reason.get(), c);
              index(a);
              return a;
            })
        .whenComplete(
            (a, error) -> {
              busy.set(false);
              if (error != null) {
                status.set(errors.message(error));
                return;
              }
              stored.set(Optional.of(a));
              dirty.set(false);
              onSigned.accept(a);
              status.set(
                  i18n.get(
                      "imaging.report.status.signed",
                      a.signature().orElseThrow().signerName(),
                      a.amendments().size()));
            });
  }

  /** Exports the saved report as PDF to a file the clinician chooses. */
  public CompletableFuture<Path> exportPdf() {
    Optional<ImagingReport> r = stored.get();
    Optional<Patient> p = patient;
    if (r.isEmpty() || p.isEmpty()) {
      status.set(i18n.get("imaging.report.status.saveFirst"));
      return CompletableFuture.failedFuture(new IllegalStateException("not saved"));
    }
    Optional<Path> out =
        dialogs.chooseSaveFile(i18n.get("imaging.report.export"), "imaging-report.pdf");
    if (out.isEmpty()) {
      return CompletableFuture.failedFuture(new IllegalStateException("cancelled"));
    }
    String label = patientLabel(p.get());
    String id = r.get().id();
    busy.set(true);
    return tasks
        .submit(
            i18n.get("imaging.report.task.export"),
            pr -> reports.exportPdf(id, label, zone, out.get()))
        .whenComplete(
            (path, error) -> {
              busy.set(false);
              status.set(
                  error != null
                      ? errors.message(error)
                      : i18n.get("imaging.report.status.exported", path.getFileName()));
            });
  }

  /** The hand-off for "Ask the assistant about this study": report text and the findings. */
  public Optional<PaneContext.ChatHandoff> chatHandoff() {
    if (facts.get().isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(
        new PaneContext.ChatHandoff(
            i18n.get("imaging.report.chat.title", template.get().title()),
            content().text() + "\n\nStructured findings:\n" + structuredFindings().text()));
  }

  static String patientLabel(Patient p) {
    return p.familyName() + ", " + p.givenName() + (p.mrn().isBlank() ? "" : " (" + p.mrn() + ")");
  }

  /** Upserts a signed report into the patient-record index as {@code imaging:<id>}. */
  void index(ImagingReport r) {
    index.get().ifPresent(i -> i.upsert(record(r, zone)));
  }

  static PatientRecord record(ImagingReport r, ZoneId zone) {
    LocalDate date =
        LocalDate.ofInstant(
            r.signature().map(ImagingReport.Signature::at).orElse(r.created()), zone);
    return new PatientRecord(
        r.recordId(),
        r.patientId(),
        RecordKind.IMAGING_REPORT,
        r.content().template().title() + " report",
        r.content().text(),
        date,
        Optional.of("radiology"));
  }

  static List<FindingRow> rows(StructuredFindings f) {
    List<FindingRow> out = new ArrayList<>();
    Technique t = f.technique();
    if (!t.modality().isEmpty()) {
      out.add(
          new FindingRow(
              "Modality",
              t.modality() + (t.bodyPart().isEmpty() ? "" : " / " + t.bodyPart()),
              "DICOM"));
    }
    for (Measurement m : f.measurements()) {
      String value =
          switch (m) {
            case Measurement.Distance d -> String.format(Locale.ROOT, "%.1f mm", d.millimetres());
            case Measurement.Region g ->
                String.format(
                        Locale.ROOT,
                        "mean %.1f%s, SD %.1f",
                        g.mean(),
                        g.unit().isEmpty() ? "" : " " + g.unit(),
                        g.standardDeviation())
                    + g.areaMm2().map(a -> String.format(Locale.ROOT, ", %.1f mm²", a)).orElse("");
          };
      out.add(new FindingRow(m.label(), value, "measurement"));
    }
    for (ModelFinding m : f.modelFindings()) {
      out.add(
          new FindingRow(
              m.label(),
              m.percent()
                  + m.side().map(s -> ", " + s).orElse("")
                  + (m.applicable() ? "" : " (not applicable)"),
              m.modelName() + " " + m.modelVersion()));
    }
    return out;
  }
}
