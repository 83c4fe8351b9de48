package org.meditwin.app.cli.pacs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.function.Function;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;
import org.meditwin.imaging.DicomReader;
import org.meditwin.imaging.DicomSource;
import org.meditwin.imaging.archive.ImagingArchive;
import org.meditwin.pacs.ArchiveSink;
import org.meditwin.pacs.DimseClient;
import org.meditwin.pacs.EchoResult;
import org.meditwin.pacs.InstanceSink;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsNode;
import org.meditwin.pacs.PacsNodes;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.QueryLevel;
import org.meditwin.pacs.RetrieveRequest;
import org.meditwin.pacs.RetrieveResult;
import org.meditwin.pacs.StoreResult;
import org.meditwin.pacs.web.DicomWebClient;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pacs nodes|echo|find|get|send}: DICOM networking with configured PACS nodes
 * (modules/pacs). NODE is the name of a configured node (signs in to read it) or an ad-hoc {@code
 * AE@HOST:PORT} (no sign-in needed except to store into a patient's record).
 */
@Command(
    name = "pacs",
    description =
        "PACS: configure nodes; C-ECHO, C-FIND, C-GET/C-MOVE retrieve, C-STORE send; DICOMweb"
            + " (--web) QIDO-RS, WADO-RS, STOW-RS.",
    subcommands = {
      PacsCommand.Nodes.class,
      PacsCommand.Echo.class,
      PacsCommand.Find.class,
      PacsCommand.Get.class,
      PacsCommand.Send.class
    })
public final class PacsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: nodes, echo, find, get or send");
  }

  static String user(String option) {
    return option != null ? option : System.getenv("MEDITWIN_USER");
  }

  /** Options naming the node and, for ad-hoc nodes, our own AE title. */
  static final class NodeOptions {
    @Parameters(
        index = "0",
        paramLabel = "NODE",
        description = "A configured node name, or AE@HOST:PORT for an ad-hoc node.")
    String node;

    @Option(
        names = "--calling-ae",
        defaultValue = "MEDITWIN",
        description = "Our AE title for an ad-hoc node (default ${DEFAULT-VALUE}).")
    String callingAe;

    @Option(
        names = "--dicomweb",
        paramLabel = "URL",
        description = "DICOMweb base URL of an ad-hoc node.")
    String dicomWeb;

    @Option(
        names = "--scp-port",
        paramLabel = "PORT",
        description = "Our Store SCP port (127.0.0.1) for C-MOVE from an ad-hoc node.")
    Integer scpPort;

    @Option(names = "--user", paramLabel = "NAME", description = "User (default $MEDITWIN_USER).")
    String user;

    boolean adHoc() {
      return node.contains("@") && node.contains(":");
    }

    PacsNode adHocNode() {
      int at = node.indexOf('@');
      int colon = node.lastIndexOf(':');
      if (at <= 0 || colon < at) {
        throw new IllegalArgumentException("an ad-hoc node is written AE@HOST:PORT");
      }
      int port;
      try {
        port = Integer.parseInt(node.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("the port of " + node + " is not a number");
      }
      return new PacsNode(
          node,
          node.substring(0, at),
          node.substring(at + 1, colon),
          port,
          callingAe,
          Optional.ofNullable(dicomWeb).filter(u -> !u.isBlank()).map(URI::create),
          scpPort == null ? OptionalInt.empty() : OptionalInt.of(scpPort));
    }

    /** Runs {@code action} with the node, signing in only when the node is configured. */
    <T> T with(CommandSpec spec, Function<PacsNode, T> action) {
      if (adHoc()) {
        return action.apply(adHocNode());
      }
      return CliSupport.withSession(spec, user(user), s -> action.apply(configured(s)));
    }

    PacsNode resolve(UserSession s) {
      return adHoc() ? adHocNode() : configured(s);
    }

    private PacsNode configured(UserSession s) {
      return PacsNodes.of(s)
          .find(node)
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no PACS node named '" + node + "': see 'pacs nodes list'"));
    }
  }

  static Map<String, Object> node(PacsNode n) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", n.name());
    m.put("calledAe", n.calledAe());
    m.put("host", n.host());
    m.put("port", n.port());
    m.put("callingAe", n.callingAe());
    m.put("dicomWebUrl", n.dicomWebUrl().map(URI::toString).orElse(null));
    m.put("storeScpPort", n.storeScpPort().isPresent() ? n.storeScpPort().getAsInt() : null);
    return m;
  }

  // ------------------------------------------------------------------------------ nodes

  @Command(
      name = "nodes",
      description = "List, add or remove configured PACS nodes (kept in the encrypted store).",
      subcommands = {Nodes.ListNodes.class, Nodes.Add.class, Nodes.Remove.class})
  static final class Nodes implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
      throw new picocli.CommandLine.ParameterException(
          spec.commandLine(), "missing subcommand: list, add or remove");
    }

    @Command(name = "list", description = "The configured nodes.")
    static final class ListNodes implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Option(names = "--user", paramLabel = "NAME", description = "User (default $MEDITWIN_USER).")
      String user;

      @Override
      public Integer call() {
        List<PacsNode> nodes =
            CliSupport.withSession(spec, user(user), s -> PacsNodes.of(s).list());
        StringBuilder text = new StringBuilder();
        for (PacsNode n : nodes) {
          text.append(
              String.format(
                  "%-20s %-16s %s:%d  as %s%s%s%n",
                  n.name(),
                  n.calledAe(),
                  n.host(),
                  n.port(),
                  n.callingAe(),
                  n.storeScpPort().isPresent() ? "  scp :" + n.storeScpPort().getAsInt() : "",
                  n.dicomWebUrl().map(u -> "  web " + u).orElse("")));
        }
        CliSupport.emit(
            spec,
            Map.of("nodes", nodes.stream().map(PacsCommand::node).toList()),
            nodes.isEmpty()
                ? "no PACS nodes configured ('pacs nodes add')"
                : text.toString().strip());
        return 0;
      }
    }

    @Command(name = "add", description = "Add a node (or replace the node with the same name).")
    static final class Add implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Option(names = "--ae", required = true, description = "The PACS's AE title (≤ 16 chars).")
      String ae;

      @Option(names = "--host", required = true)
      String host;

      @Option(names = "--port", required = true, description = "The PACS's DICOM port.")
      int port;

      @Option(names = "--calling-ae", defaultValue = "MEDITWIN", description = "Our AE title.")
      String callingAe;

      @Option(names = "--dicomweb", paramLabel = "URL", description = "DICOMweb base URL.")
      String dicomWeb;

      @Option(
          names = "--scp-port",
          paramLabel = "PORT",
          description = "Port of our Store SCP on 127.0.0.1 (the C-MOVE destination).")
      Integer scpPort;

      @Option(names = "--user", paramLabel = "NAME", description = "User (default $MEDITWIN_USER).")
      String user;

      @Override
      public Integer call() {
        PacsNode n =
            new PacsNode(
                name,
                ae,
                host,
                port,
                callingAe,
                Optional.ofNullable(dicomWeb).filter(s -> !s.isBlank()).map(URI::create),
                scpPort == null ? OptionalInt.empty() : OptionalInt.of(scpPort));
        CliSupport.withSession(spec, user(user), s -> PacsNodes.of(s).save(n));
        CliSupport.emit(spec, Map.of("ok", true, "node", node(n)), "saved node " + n.name());
        return 0;
      }
    }

    @Command(name = "remove", description = "Remove a node.")
    static final class Remove implements Callable<Integer> {
      @Spec CommandSpec spec;

      @Parameters(index = "0", paramLabel = "NAME")
      String name;

      @Option(names = "--user", paramLabel = "NAME", description = "User (default $MEDITWIN_USER).")
      String user;

      @Override
      public Integer call() {
        boolean removed =
            CliSupport.withSession(spec, user(user), s -> PacsNodes.of(s).remove(name));
        if (!removed) {
          throw new IllegalArgumentException("no PACS node named '" + name + "'");
        }
        CliSupport.emit(spec, Map.of("ok", true, "removed", name), "removed node " + name);
        return 0;
      }
    }
  }

  // ------------------------------------------------------------------------------ echo

  @Command(
      name = "echo",
      description = "C-ECHO: check that the node answers (association + verification).")
  static final class Echo implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin NodeOptions nodeOptions = new NodeOptions();

    @Override
    public Integer call() {
      PacsNode n = nodeOptions.with(spec, x -> x);
      EchoResult r = DimseClient.of(n).echo();
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ok", true);
      out.put("node", n.name());
      out.put("calledAe", n.calledAe());
      out.put("roundTripMs", r.roundTrip().toMillis());
      CliSupport.emit(
          spec,
          out,
          "echo "
              + n.calledAe()
              + "@"
              + n.host()
              + ":"
              + n.port()
              + ": ok in "
              + r.roundTrip().toMillis()
              + " ms");
      return 0;
    }
  }

  // ------------------------------------------------------------------------------ find

  @Command(
      name = "find",
      description =
          "C-FIND (or QIDO-RS with --web). Results contain patient names and ids: they are shown,"
              + " never logged.")
  static final class Find implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin NodeOptions nodeOptions = new NodeOptions();

    @Option(
        names = "--level",
        defaultValue = "study",
        description = "patient, study, series or image.")
    String level;

    @Option(names = "--patient-id", paramLabel = "ID")
    String patientId;

    @Option(
        names = "--patient-name",
        paramLabel = "NAME",
        description = "Wildcards * and ? allowed.")
    String patientName;

    @Option(names = "--modality")
    String modality;

    @Option(names = "--accession")
    String accession;

    @Option(
        names = "--date",
        paramLabel = "FROM-TO",
        description =
            "Study dates YYYY-MM-DD..YYYY-MM-DD (either end may be left out), or one date.")
    String date;

    @Option(
        names = "--study",
        paramLabel = "UID",
        description = "Study Instance UID (needed for series and image level).")
    String study;

    @Option(
        names = "--series",
        paramLabel = "UID",
        description = "Series Instance UID (needed for image level).")
    String series;

    @Option(names = "--limit", defaultValue = "200")
    int limit;

    @Option(names = "--web", description = "Use DICOMweb QIDO-RS instead of C-FIND.")
    boolean web;

    @Override
    public Integer call() {
      PacsQuery q = query();
      PacsNode n = nodeOptions.with(spec, x -> x);
      List<PacsMatch> matches =
          web ? DicomWebClient.of(n).search(q, limit) : DimseClient.of(n).find(q, limit);
      List<Map<String, Object>> rows = new ArrayList<>();
      StringBuilder text = new StringBuilder();
      for (PacsMatch m : matches) {
        Map<String, Object> row = match(m);
        rows.add(row);
        text.append(line(m)).append('\n');
      }
      CliSupport.emit(
          spec,
          Map.of("level", q.level().name(), "count", rows.size(), "matches", rows),
          matches.isEmpty()
              ? "no matches"
              : text.toString().strip() + "\n" + matches.size() + " matches");
      return 0;
    }

    PacsQuery query() {
      QueryLevel l;
      try {
        l = QueryLevel.valueOf(level.strip().toUpperCase(java.util.Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("--level is one of patient, study, series, image");
      }
      Optional<LocalDate>[] range = dates(date);
      return new PacsQuery(
          l,
          Optional.ofNullable(patientId),
          Optional.ofNullable(patientName),
          range[0],
          range[1],
          Optional.ofNullable(modality),
          Optional.ofNullable(accession),
          Optional.ofNullable(study),
          Optional.ofNullable(series));
    }
  }

  /**
   * {@code YYYY-MM-DD}, {@code FROM..TO}, {@code FROM..} or {@code ..TO} (also with a single '-'
   * between compact dates).
   */
  @SuppressWarnings("unchecked")
  static Optional<LocalDate>[] dates(String spec) {
    Optional<LocalDate>[] r = new Optional[] {Optional.empty(), Optional.empty()};
    if (spec == null || spec.isBlank()) {
      return r;
    }
    String s = spec.strip();
    String from;
    String to;
    if (s.contains("..")) {
      from = s.substring(0, s.indexOf(".."));
      to = s.substring(s.indexOf("..") + 2);
    } else if (s.matches("\\d{8}-\\d{8}|\\d{8}-|-\\d{8}")) {
      from = s.substring(0, s.indexOf('-'));
      to = s.substring(s.indexOf('-') + 1);
    } else {
      from = s;
      to = s;
    }
    r[0] = parse(from);
    r[1] = parse(to);
    return r;
  }

  private static Optional<LocalDate> parse(String d) {
    String t = d.strip();
    if (t.isEmpty()) {
      return Optional.empty();
    }
    try {
      if (t.matches("\\d{8}")) {
        return Optional.of(LocalDate.parse(t, java.time.format.DateTimeFormatter.BASIC_ISO_DATE));
      }
      return Optional.of(LocalDate.parse(t));
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("'" + t + "' is not a date (YYYY-MM-DD or YYYYMMDD)");
    }
  }

  static Map<String, Object> match(PacsMatch m) {
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("level", m.level().name());
    m.patientId().ifPresent(v -> row.put("patientId", v));
    m.patientName().ifPresent(v -> row.put("patientName", v));
    m.patientBirthDate().ifPresent(v -> row.put("patientBirthDate", v.toString()));
    m.studyInstanceUid().ifPresent(v -> row.put("studyInstanceUid", v));
    m.studyDate().ifPresent(v -> row.put("studyDate", v.toString()));
    m.studyDescription().ifPresent(v -> row.put("studyDescription", v));
    m.accessionNumber().ifPresent(v -> row.put("accessionNumber", v));
    if (!m.modalities().isEmpty()) {
      row.put("modalities", m.modalities());
    }
    m.seriesInstanceUid().ifPresent(v -> row.put("seriesInstanceUid", v));
    m.seriesNumber().ifPresent(v -> row.put("seriesNumber", v));
    m.seriesDescription().ifPresent(v -> row.put("seriesDescription", v));
    m.sopInstanceUid().ifPresent(v -> row.put("sopInstanceUid", v));
    m.sopClassUid().ifPresent(v -> row.put("sopClassUid", v));
    m.instanceNumber().ifPresent(v -> row.put("instanceNumber", v));
    m.numberOfInstances().ifPresent(v -> row.put("instances", v));
    return row;
  }

  private static String line(PacsMatch m) {
    return switch (m.level()) {
      case PATIENT -> m.patientId().orElse("-") + "  " + m.patientName().orElse("");
      case STUDY ->
          m.studyDate().map(LocalDate::toString).orElse("----------")
              + "  "
              + String.join("/", m.modalities())
              + "  "
              + m.patientId().orElse("-")
              + "  "
              + m.patientName().orElse("")
              + "  "
              + m.studyDescription().orElse("")
              + "  "
              + m.studyInstanceUid().orElse("");
      case SERIES ->
          m.seriesNumber().isPresent()
              ? m.seriesNumber().getAsInt()
                  + "  "
                  + String.join("/", m.modalities())
                  + "  "
                  + m.seriesDescription().orElse("")
                  + "  "
                  + m.numberOfInstances().stream()
                      .mapToObj(i -> i + " instances")
                      .findFirst()
                      .orElse("")
                  + "  "
                  + m.seriesInstanceUid().orElse("")
              : String.join("/", m.modalities()) + "  " + m.seriesInstanceUid().orElse("");
      case IMAGE ->
          (m.instanceNumber().isPresent() ? m.instanceNumber().getAsInt() + "  " : "")
              + m.sopInstanceUid().orElse("");
    };
  }

  // ------------------------------------------------------------------------------ get

  @Command(
      name = "get",
      description =
          "Retrieve a study or series (C-GET; --move for C-MOVE into our Store SCP on 127.0.0.1;"
              + " --web for WADO-RS) into a patient's encrypted imaging record (--patient), or"
              + " export it as DICOM files into a folder you name (--out: that is your export"
              + " choice — the files contain PHI and are written unencrypted).")
  static final class Get implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin NodeOptions nodeOptions = new NodeOptions();

    @Option(names = "--study", required = true, paramLabel = "UID")
    String study;

    @Option(names = "--series", paramLabel = "UID")
    String series;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
      @Option(
          names = "--patient",
          paramLabel = "ID",
          description = "Store into this patient's record.")
      String patient;

      @Option(
          names = "--out",
          paramLabel = "DIR",
          description = "Export files into DIR (unencrypted).")
      Path out;
    }

    @Option(names = "--move", description = "Use C-MOVE (needs the node's Store SCP port).")
    boolean move;

    @Option(names = "--web", description = "Use DICOMweb WADO-RS.")
    boolean web;

    @Override
    public Integer call() {
      if (move && web) {
        throw new IllegalArgumentException("--move and --web exclude each other");
      }
      RetrieveRequest r = new RetrieveRequest(study, Optional.ofNullable(series));
      Map<String, Object> out = new LinkedHashMap<>();
      RetrieveResult result;
      if (target.patient != null) {
        int[] archived = new int[2];
        result =
            CliSupport.withSession(
                spec,
                user(nodeOptions.user),
                s -> {
                  s.patients()
                      .find(new PatientId(target.patient))
                      .orElseThrow(
                          () ->
                              new IllegalArgumentException("no patient with id " + target.patient));
                  PacsNode n = nodeOptions.resolve(s);
                  ArchiveSink sink =
                      ArchiveSink.of(
                          new ImagingArchive(s.clinicalStore(), DicomReader.standard()),
                          target.patient,
                          n);
                  RetrieveResult res = retrieve(n, r, sink);
                  archived[0] = sink.imported();
                  archived[1] = sink.duplicates();
                  return res;
                });
        out.put("archived", archived[0]);
        out.put("alreadyArchived", archived[1]);
      } else {
        try {
          Files.createDirectories(target.out);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        InstanceSink files =
            i ->
                Files.write(
                    target.out.resolve(i.sopInstanceUid() + ".dcm"),
                    i.part10(),
                    StandardOpenOption.CREATE,
                    StandardOpenOption.TRUNCATE_EXISTING,
                    StandardOpenOption.WRITE);
        result = nodeOptions.with(spec, n -> retrieve(n, r, files));
        out.put("folder", target.out.toAbsolutePath().toString());
      }
      out.put("ok", result.failed() == 0 && !result.cancelled());
      out.put("received", result.received());
      out.put("failed", result.failed());
      out.put("bytes", result.bytes());
      out.put("elapsedMs", result.elapsed().toMillis());
      out.put("sopInstanceUids", result.sopInstanceUids());
      CliSupport.emit(
          spec,
          out,
          "retrieved "
              + result.received()
              + " instances ("
              + result.bytes() / 1024
              + " KiB) in "
              + result.elapsed().toMillis()
              + " ms"
              + (result.failed() > 0 ? "; " + result.failed() + " failed" : "")
              + (out.containsKey("archived")
                  ? "; " + out.get("archived") + " new in the record"
                  : ""));
      return result.failed() == 0 ? 0 : 1;
    }

    private RetrieveResult retrieve(PacsNode n, RetrieveRequest r, InstanceSink sink) {
      var progress = CliSupport.progress(spec);
      if (web) {
        return DicomWebClient.of(n).retrieve(r, sink, progress, () -> false);
      }
      return move
          ? DimseClient.of(n).move(r, sink, progress, () -> false)
          : DimseClient.of(n).get(r, sink, progress, () -> false);
    }
  }

  // ------------------------------------------------------------------------------ send

  @Command(name = "send", description = "C-STORE (or STOW-RS with --web) DICOM files to the node.")
  static final class Send implements Callable<Integer> {
    @Spec CommandSpec spec;

    @picocli.CommandLine.Mixin NodeOptions nodeOptions = new NodeOptions();

    @Parameters(index = "1..*", paramLabel = "FILE", arity = "1..*")
    List<Path> files;

    @Option(names = "--web", description = "Use DICOMweb STOW-RS.")
    boolean web;

    @Override
    public Integer call() {
      List<DicomSource> sources = files.stream().map(DicomSource::file).toList();
      StoreResult r =
          nodeOptions.with(
              spec,
              n ->
                  web
                      ? DicomWebClient.of(n).store(sources, CliSupport.progress(spec), () -> false)
                      : DimseClient.of(n).store(sources, CliSupport.progress(spec), () -> false));
      List<Map<String, Object>> failures = new ArrayList<>();
      StringBuilder text =
          new StringBuilder(
              "sent " + r.sent() + " of " + files.size() + " in " + r.elapsed().toMillis() + " ms");
      for (StoreResult.Failure f : r.failures()) {
        failures.add(Map.of("file", files.get(f.index()).toString(), "reason", f.reason()));
        text.append('\n').append(files.get(f.index())).append(": ").append(f.reason());
      }
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("ok", r.failures().isEmpty());
      out.put("sent", r.sent());
      out.put("bytes", r.bytes());
      out.put("elapsedMs", r.elapsed().toMillis());
      out.put("failures", failures);
      CliSupport.emit(spec, out, text.toString());
      return r.failures().isEmpty() ? 0 : 1;
    }
  }
}
