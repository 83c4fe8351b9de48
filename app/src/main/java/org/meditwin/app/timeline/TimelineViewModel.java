package org.meditwin.app.timeline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.ReadOnlyStringWrapper;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.record.ClinicalEvent;
import org.meditwin.record.EventFilter;
import org.meditwin.record.EventStatus;
import org.meditwin.record.EventType;
import org.meditwin.record.Laterality;
import org.meditwin.record.Provenance;
import org.meditwin.record.TimelineService;
import org.meditwin.record.TimelineStats;

/**
 * Timeline pane logic: the current patient's events under a filter, statistics, trend series,
 * create/edit/delete. Service calls run on the task executor; results are applied on its callback
 * thread (the FX thread with the UI executor). Plain Java apart from JavaFX properties, so it is
 * unit-tested without a screen.
 */
public final class TimelineViewModel {

  /** What one load returns: all the patient's events (date order) and their statistics. */
  public record Snapshot(List<ClinicalEvent> events, TimelineStats stats) {}

  /** Loads a snapshot: one audited query, statistics computed from the loaded events. */
  @FunctionalInterface
  public interface Loader {
    Snapshot load(String patientId);
  }

  /** One point of a trend chart. */
  public record Point(LocalDate date, double value) {}

  /** A numeric series: observations with the same title (and side), oldest first. */
  public record Series(String key, String unit, List<Point> points) {}

  /** Prefix of the trend entry that overlays every hearing-threshold frequency. */
  public static final String HEARING_GROUP = "hearing-thresholds";

  private static final Pattern HZ = Pattern.compile("(\\d{3,5})\\s*hz", Pattern.CASE_INSENSITIVE);

  public static Loader loader(TimelineService service, java.time.Clock clock) {
    return patient -> {
      List<ClinicalEvent> all = service.find(patient, EventFilter.all());
      return new Snapshot(all, TimelineStats.of(all, LocalDate.now(clock)));
    };
  }

  private final TimelineService service;
  private final Loader loader;
  private final TaskExecutor tasks;
  private final Consumer<Throwable> errors;

  private final ReadOnlyObjectWrapper<Optional<String>> patient =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final StringProperty text = new SimpleStringProperty("");
  private final ObjectProperty<EventType> type = new SimpleObjectProperty<>();
  private final StringProperty bodyPart = new SimpleStringProperty("");
  private final ObjectProperty<LocalDate> from = new SimpleObjectProperty<>();
  private final ObjectProperty<LocalDate> to = new SimpleObjectProperty<>();
  private final ObservableList<ClinicalEvent> events = FXCollections.observableArrayList();
  private List<ClinicalEvent> all = List.of();
  private final ReadOnlyObjectWrapper<Optional<TimelineStats>> stats =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private final ReadOnlyBooleanWrapper busy = new ReadOnlyBooleanWrapper(false);
  private final ReadOnlyStringWrapper lastLoad = new ReadOnlyStringWrapper("");
  private final AtomicLong generation = new AtomicLong();
  private final ReadOnlyObjectWrapper<Optional<ClinicalEvent>> requested =
      new ReadOnlyObjectWrapper<>(Optional.empty());
  private Optional<String> pendingOpen = Optional.empty();
  private Runnable afterChange = () -> {};

  public TimelineViewModel(
      TimelineService service,
      TaskExecutor tasks,
      Consumer<Throwable> errors,
      java.time.Clock clock) {
    this(service, loader(service, clock), tasks, errors);
  }

  TimelineViewModel(
      TimelineService service, Loader loader, TaskExecutor tasks, Consumer<Throwable> errors) {
    this.service = service;
    this.loader = loader;
    this.tasks = tasks;
    this.errors = errors;
  }

  // ------------------------------------------------------------------ properties

  public ReadOnlyObjectProperty<Optional<String>> patientProperty() {
    return patient.getReadOnlyProperty();
  }

  public StringProperty textProperty() {
    return text;
  }

  public ObjectProperty<EventType> typeProperty() {
    return type;
  }

  public StringProperty bodyPartProperty() {
    return bodyPart;
  }

  public ObjectProperty<LocalDate> fromProperty() {
    return from;
  }

  public ObjectProperty<LocalDate> toProperty() {
    return to;
  }

  public ObservableList<ClinicalEvent> events() {
    return events;
  }

  public ReadOnlyObjectProperty<Optional<TimelineStats>> statsProperty() {
    return stats.getReadOnlyProperty();
  }

  public ReadOnlyBooleanProperty busyProperty() {
    return busy.getReadOnlyProperty();
  }

  /**
   * "shown TAB total TAB load-ms TAB filter-ms" of the last load/filter (for the status line; no
   * PHI); empty without a patient.
   */
  /**
   * The event a request (global search, assistant citation) asked to show; the view selects and
   * scrolls to it.
   */
  public ReadOnlyObjectProperty<Optional<ClinicalEvent>> requestedProperty() {
    return requested.getReadOnlyProperty();
  }

  public ReadOnlyStringProperty lastLoadProperty() {
    return lastLoad.getReadOnlyProperty();
  }

  /**
   * Work to run on the background thread right after each successful save or delete (the pane
   * drains the search-index outbox there, so the global search finds the change).
   */
  public void onChange(Runnable hook) {
    afterChange = java.util.Objects.requireNonNull(hook, "hook");
  }

  // ------------------------------------------------------------------ actions

  /** Switches to another patient (or none) and reloads. */
  public void setPatient(Optional<String> patientId) {
    Optional<String> next = patientId == null ? Optional.empty() : patientId;
    if (!next.equals(patient.get())) {
      pendingOpen = Optional.empty();
      requested.set(Optional.empty());
    }
    patient.set(next);
    refresh();
  }

  /** The filter the controls describe (a reversed date range is swapped). */
  public EventFilter filter() {
    LocalDate f = from.get();
    LocalDate t = to.get();
    if (f != null && t != null && t.isBefore(f)) {
      LocalDate x = f;
      f = t;
      t = x;
    }
    Set<EventType> types = type.get() == null ? Set.of() : EnumSet.of(type.get());
    return new EventFilter(
        Optional.ofNullable(text.get()),
        types,
        Optional.ofNullable(bodyPart.get()),
        Optional.ofNullable(f),
        Optional.ofNullable(t));
  }

  /** Clears every filter control and shows every event again. */
  public void clearFilter() {
    text.set("");
    type.set(null);
    bodyPart.set("");
    from.set(null);
    to.set(null);
    applyFilter();
  }

  /**
   * Reloads the current patient's events from the store (one audited query; latest request wins),
   * then applies the filter in memory.
   */
  public void refresh() {
    Optional<String> p = patient.get();
    long gen = generation.incrementAndGet();
    if (p.isEmpty()) {
      all = List.of();
      events.clear();
      stats.set(Optional.empty());
      lastLoad.set("");
      return;
    }
    busy.set(true);
    long t0 = System.nanoTime();
    tasks
        .submit("Loading timeline", progress -> loader.load(p.get()))
        .whenComplete(
            (snap, failure) -> {
              if (gen != generation.get()) {
                return;
              }
              busy.set(false);
              if (failure != null) {
                errors.accept(failure);
                return;
              }
              all = snap.events();
              stats.set(Optional.of(snap.stats()));
              loadMillis = (System.nanoTime() - t0) / 1_000_000;
              applyFilter();
              pendingOpen.ifPresent(this::openWhenLoaded);
            });
  }

  /**
   * Shows the event with this id: now when the patient's events are loaded, else once they are; a
   * filter that hides it is cleared first. An id the patient does not have shows nothing.
   */
  public void openWhenLoaded(String eventId) {
    Optional<ClinicalEvent> event = all.stream().filter(e -> e.id().equals(eventId)).findFirst();
    if (event.isEmpty()) {
      pendingOpen = Optional.of(eventId);
      return;
    }
    pendingOpen = Optional.empty();
    if (!events.contains(event.get())) {
      clearFilter();
    }
    requested.set(Optional.empty());
    requested.set(event);
  }

  private long loadMillis;

  /**
   * Applies the filter controls to the loaded events (in memory: no store round trip, so typing in
   * the search field stays instant on 10,000 events).
   */
  public void applyFilter() {
    long t0 = System.nanoTime();
    List<ClinicalEvent> shown = all.stream().filter(filter().predicate()).toList();
    events.setAll(shown);
    double filterMillis = (System.nanoTime() - t0) / 1e6;
    lastLoad.set(
        shown.size()
            + "\t"
            + all.size()
            + "\t"
            + loadMillis
            + "\t"
            + String.format(Locale.ROOT, "%.1f", filterMillis));
  }

  /** All events of the patient as loaded (unfiltered). */
  public List<ClinicalEvent> allEvents() {
    return all;
  }

  /** Adds (blank id) or updates an event, then reloads; {@code done} runs on success. */
  public void save(ClinicalEvent event, Runnable done) {
    tasks
        .submit(
            "Saving timeline event",
            progress -> {
              ClinicalEvent saved =
                  event.id().isEmpty() ? service.add(event) : service.update(event);
              afterChange.run();
              return saved;
            })
        .whenComplete(
            (saved, failure) -> {
              if (failure != null) {
                errors.accept(failure);
                return;
              }
              done.run();
              refresh();
            });
  }

  /** Deletes an event (the view asks for confirmation first), then reloads. */
  public void delete(ClinicalEvent event) {
    tasks
        .submit(
            "Deleting timeline event",
            progress -> {
              boolean deleted = service.delete(event.id());
              afterChange.run();
              return deleted;
            })
        .whenComplete(
            (ok, failure) -> {
              if (failure != null) {
                errors.accept(failure);
                return;
              }
              refresh();
            });
  }

  // ------------------------------------------------------------------ form

  /**
   * Builds an event from the edit form.
   *
   * @param existing the event being edited (keeps id and provenance), or empty for a new one
   * @throws IllegalArgumentException with a user-facing message when a field is invalid
   */
  public static ClinicalEvent fromForm(
      Optional<ClinicalEvent> existing,
      String patientId,
      EventType type,
      String title,
      String code,
      LocalDate date,
      LocalDate endDate,
      String bodyPart,
      Laterality laterality,
      String severity,
      EventStatus status,
      String value,
      String unit) {
    if (type == null) {
      throw new IllegalArgumentException("type");
    }
    if (date == null) {
      throw new IllegalArgumentException("date");
    }
    OptionalDouble v = OptionalDouble.empty();
    if (value != null && !value.isBlank()) {
      try {
        v = OptionalDouble.of(Double.parseDouble(value.strip().replace(',', '.')));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("value");
      }
    }
    return new ClinicalEvent(
        existing.map(ClinicalEvent::id).orElse(""),
        patientId,
        type,
        title,
        Optional.ofNullable(code),
        date,
        Optional.ofNullable(endDate),
        Optional.ofNullable(bodyPart),
        laterality,
        Optional.ofNullable(severity),
        status,
        v,
        Optional.ofNullable(unit),
        existing.map(ClinicalEvent::provenance).orElse(Provenance.manual()));
  }

  // ------------------------------------------------------------------ charts

  /**
   * Numeric series among {@code events}: one per observation title (and side, for hearing
   * thresholds and other lateral measures), oldest point first, ordered by key.
   */
  public static Map<String, Series> numericSeries(List<ClinicalEvent> events) {
    Map<String, List<ClinicalEvent>> groups = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    for (ClinicalEvent e : events) {
      if (e.value().isEmpty() || e.status() == EventStatus.ENTERED_IN_ERROR) {
        continue;
      }
      groups.computeIfAbsent(seriesKey(e), k -> new ArrayList<>()).add(e);
    }
    Map<String, Series> out = new LinkedHashMap<>();
    for (Map.Entry<String, List<ClinicalEvent>> g : groups.entrySet()) {
      List<ClinicalEvent> list = new ArrayList<>(g.getValue());
      list.sort(Comparator.comparing(ClinicalEvent::date));
      List<Point> pts = new ArrayList<>();
      for (ClinicalEvent e : list) {
        pts.add(new Point(e.date(), e.value().getAsDouble()));
      }
      out.put(g.getKey(), new Series(g.getKey(), list.getFirst().unit().orElse(""), pts));
    }
    return out;
  }

  static String seriesKey(ClinicalEvent e) {
    String side =
        switch (e.laterality()) {
          case LEFT -> " (L)";
          case RIGHT -> " (R)";
          case BILATERAL -> " (L+R)";
          case NONE -> "";
        };
    return e.title() + side;
  }

  /**
   * The hearing-threshold series (titles naming a frequency in Hz, unit dB), ordered by side then
   * frequency — one line per frequency and ear over time.
   */
  public static List<Series> hearingThresholds(Map<String, Series> series) {
    List<Series> out = new ArrayList<>();
    for (Series s : series.values()) {
      String k = s.key().toLowerCase(Locale.ROOT);
      if (HZ.matcher(k).find() && s.unit().toLowerCase(Locale.ROOT).startsWith("db")) {
        out.add(s);
      }
    }
    out.sort(
        Comparator.comparing((Series s) -> s.key().endsWith("(R)") ? 1 : 0)
            .thenComparingInt(TimelineViewModel::frequency));
    return out;
  }

  private static int frequency(Series s) {
    Matcher m = HZ.matcher(s.key());
    return m.find() ? Integer.parseInt(m.group(1)) : 0;
  }

  /** Events per year and type (for the lane chart's overview and the statistics tab). */
  public static Map<Integer, Integer> countsByYear(List<ClinicalEvent> events) {
    Map<Integer, Integer> out = new TreeMap<>();
    for (ClinicalEvent e : events) {
      out.merge(e.date().getYear(), 1, Integer::sum);
    }
    return out;
  }

  static String nonNull(String s) {
    return Objects.requireNonNullElse(s, "");
  }
}
