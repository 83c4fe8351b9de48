package org.meditwin.pacs.dimse;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.imaging.DicomSource;
import org.meditwin.pacs.DimseClient;
import org.meditwin.pacs.DimseOptions;
import org.meditwin.pacs.EchoResult;
import org.meditwin.pacs.InstanceSink;
import org.meditwin.pacs.PacsException;
import org.meditwin.pacs.PacsException.Reason;
import org.meditwin.pacs.PacsMatch;
import org.meditwin.pacs.PacsNode;
import org.meditwin.pacs.PacsQuery;
import org.meditwin.pacs.QueryLevel;
import org.meditwin.pacs.ReceivedInstance;
import org.meditwin.pacs.RetrieveRequest;
import org.meditwin.pacs.RetrieveResult;
import org.meditwin.pacs.StoreResult;
import org.meditwin.pacs.StoreScp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DimseClient} over our own upper layer ({@link Association}); one association per call. */
final class DimseClientImpl implements DimseClient {
  private static final Logger LOG = LoggerFactory.getLogger(DimseClientImpl.class);
  private static final List<String> LE = List.of(Uids.EXPLICIT_LE, Uids.IMPLICIT_LE);

  /** Offered for C-GET when the PACS does not tell the SOP classes of a study. */
  private static final List<String> COMMON_STORAGE =
      List.of(
          "1.2.840.10008.5.1.4.1.1.1", // CR
          "1.2.840.10008.5.1.4.1.1.1.1", // DX
          "1.2.840.10008.5.1.4.1.1.1.2", // MG
          "1.2.840.10008.5.1.4.1.1.2", // CT
          "1.2.840.10008.5.1.4.1.1.2.1", // enhanced CT
          "1.2.840.10008.5.1.4.1.1.4", // MR
          "1.2.840.10008.5.1.4.1.1.4.1", // enhanced MR
          "1.2.840.10008.5.1.4.1.1.6.1", // US
          "1.2.840.10008.5.1.4.1.1.3.1", // US multi-frame
          "1.2.840.10008.5.1.4.1.1.7", // SC
          "1.2.840.10008.5.1.4.1.1.20", // NM
          "1.2.840.10008.5.1.4.1.1.128", // PET
          "1.2.840.10008.5.1.4.1.1.12.1", // XA
          "1.2.840.10008.5.1.4.1.1.88.11", // basic text SR
          "1.2.840.10008.5.1.4.1.1.88.22", // enhanced SR
          "1.2.840.10008.5.1.4.1.1.104.1"); // encapsulated PDF

  private static final int MAX_CONTEXTS = 120;

  private final PacsNode node;
  private final DimseOptions options;
  private final AtomicInteger messageIds = new AtomicInteger(1);

  DimseClientImpl(PacsNode node, DimseOptions options) {
    this.node = node;
    this.options = options;
  }

  private Association open(List<Association.Proposed> contexts, Collection<String> scpRoles) {
    return Association.request(
        node.host(), node.port(), node.callingAe(), node.calledAe(), contexts, scpRoles, options);
  }

  private int nextId() {
    return messageIds.getAndUpdate(i -> i >= 0xFFFF ? 1 : i + 1);
  }

  // ------------------------------------------------------------------------------------ echo

  @Override
  public EchoResult echo() {
    long t0 = System.nanoTime();
    Association a = open(List.of(new Association.Proposed(1, Uids.VERIFICATION, LE)), List.of());
    try {
      int id = nextId();
      a.send(
          1,
          new CommandSet()
              .put(CommandSet.AFFECTED_SOP_CLASS, Uids.VERIFICATION)
              .put(CommandSet.COMMAND_FIELD, CommandSet.C_ECHO_RQ)
              .put(CommandSet.MESSAGE_ID, id),
          Optional.empty());
      CommandSet rsp = expect(a, CommandSet.C_ECHO_RSP).command();
      if (rsp.status() != 0) {
        throw new PacsException(
            Reason.FAILED,
            "The PACS answered the echo with " + Status.describe(rsp.status()) + ".");
      }
      a.release();
      Duration d = Duration.ofNanos(System.nanoTime() - t0);
      LOG.info("C-ECHO {} at {}: ok in {} ms", node.calledAe(), a.peer(), d.toMillis());
      return new EchoResult(d);
    } finally {
      a.close();
    }
  }

  private Association.Message expect(Association a, int commandField) {
    Association.Message m =
        a.receive()
            .orElseThrow(
                () ->
                    new PacsException(
                        Reason.ABORTED, "The PACS released the association before answering."));
    if (m.command().commandField() != commandField) {
      a.abort();
      throw new PacsException(
          Reason.PROTOCOL,
          "The PACS sent an unexpected DIMSE message (0x"
              + Integer.toHexString(m.command().commandField())
              + ").");
    }
    return m;
  }

  // ------------------------------------------------------------------------------------ find

  @Override
  public List<PacsMatch> find(PacsQuery query, int limit) {
    String model =
        query.level() == QueryLevel.PATIENT ? Uids.PATIENT_ROOT_FIND : Uids.STUDY_ROOT_FIND;
    long t0 = System.nanoTime();
    Association a = open(List.of(new Association.Proposed(1, model, LE)), List.of());
    try {
      List<PacsMatch> matches = findOn(a, model, query, limit);
      a.release();
      LOG.info(
          "C-FIND {} level {} at {}: {} matches in {} ms",
          node.calledAe(),
          query.level(),
          a.peer(),
          matches.size(),
          (System.nanoTime() - t0) / 1_000_000);
      return matches;
    } finally {
      a.close();
    }
  }

  private List<PacsMatch> findOn(Association a, String model, PacsQuery query, int limit) {
    Association.Context ctx =
        a.contextFor(model, Optional.of(Uids.EXPLICIT_LE))
            .orElseThrow(
                () ->
                    new PacsException(
                        Reason.NOT_SUPPORTED, "The PACS does not support C-FIND for this level."));
    int id = nextId();
    a.send(
        ctx.id(),
        new CommandSet()
            .put(CommandSet.AFFECTED_SOP_CLASS, model)
            .put(CommandSet.COMMAND_FIELD, CommandSet.C_FIND_RQ)
            .put(CommandSet.MESSAGE_ID, id)
            .put(CommandSet.PRIORITY, 0),
        Optional.of(Datasets.encode(Datasets.identifier(query), ctx.transferSyntax())));
    List<PacsMatch> matches = new ArrayList<>();
    boolean cancelSent = false;
    while (true) {
      Association.Message m = expect(a, CommandSet.C_FIND_RSP);
      int status = m.command().status();
      if (CommandSet.isPending(status)) {
        if (m.dataSet().isPresent() && matches.size() < limit) {
          matches.add(
              Datasets.match(
                  query.level(), Datasets.decode(m.dataSet().get(), ctx.transferSyntax())));
        }
        if (matches.size() >= limit && !cancelSent) {
          cancel(a, ctx.id(), id);
          cancelSent = true;
        }
        continue;
      }
      if (status == 0 || status == 0xFE00) {
        return matches;
      }
      throw new PacsException(
          Reason.FAILED, "The PACS refused the query: " + Status.describe(status) + ".");
    }
  }

  private void cancel(Association a, int contextId, int messageId) {
    a.send(
        contextId,
        new CommandSet()
            .put(CommandSet.COMMAND_FIELD, CommandSet.C_CANCEL_RQ)
            .put(CommandSet.MESSAGE_ID_RESPONDED_TO, messageId),
        Optional.empty());
  }

  // ------------------------------------------------------------------------------------ get

  /** Instances of the request as the PACS reports them (may be empty if it cannot say). */
  private List<PacsMatch> instancesOf(Association a, RetrieveRequest r) {
    List<String> series =
        r.seriesInstanceUid().isPresent()
            ? List.of(r.seriesInstanceUid().get())
            : findOn(a, Uids.STUDY_ROOT_FIND, PacsQuery.seriesOf(r.studyInstanceUid()), 100_000)
                .stream()
                .flatMap(m -> m.seriesInstanceUid().stream())
                .toList();
    List<PacsMatch> instances = new ArrayList<>();
    for (String s : series) {
      instances.addAll(
          findOn(
              a, Uids.STUDY_ROOT_FIND, PacsQuery.instancesOf(r.studyInstanceUid(), s), 1_000_000));
    }
    return instances;
  }

  /** What a C-GET must offer and expect: the SOP classes and the instance count (-1 unknown). */
  private record Lookup(Set<String> sopClasses, int total) {}

  /**
   * SOP classes and instance count of the request: one STUDY-level query (SOP Classes in Study,
   * Number of Study Related Instances) and, for a series, one SERIES-level count; falls back to
   * listing the instances when the PACS does not return SOP Classes in Study.
   */
  private Lookup lookUp(RetrieveRequest r) {
    Association a;
    try {
      a = open(List.of(new Association.Proposed(1, Uids.STUDY_ROOT_FIND, LE)), List.of());
    } catch (PacsException e) {
      if (e.reason() == Reason.NOT_SUPPORTED) {
        return new Lookup(Set.of(), -1);
      }
      throw e;
    }
    try {
      Set<String> classes = new LinkedHashSet<>();
      int total = -1;
      for (com.pixelmed.dicom.AttributeList m :
          rawFind(a, Datasets.lookupIdentifier(r.studyInstanceUid(), Optional.empty()))) {
        classes.addAll(Datasets.values(m, com.pixelmed.dicom.TagFromName.SOPClassesInStudy));
        total = Datasets.count(m, com.pixelmed.dicom.TagFromName.NumberOfStudyRelatedInstances);
      }
      if (r.seriesInstanceUid().isPresent()) {
        total = -1;
        for (com.pixelmed.dicom.AttributeList m :
            rawFind(a, Datasets.lookupIdentifier(r.studyInstanceUid(), r.seriesInstanceUid()))) {
          total = Datasets.count(m, com.pixelmed.dicom.TagFromName.NumberOfSeriesRelatedInstances);
        }
      }
      if (classes.isEmpty() || total < 0) {
        List<PacsMatch> instances = instancesOf(a, r);
        instances.forEach(m -> m.sopClassUid().ifPresent(classes::add));
        total = instances.size();
      }
      a.release();
      return new Lookup(classes, total);
    } catch (PacsException e) {
      if (e.reason() == Reason.FAILED || e.reason() == Reason.NOT_SUPPORTED) {
        return new Lookup(Set.of(), -1);
      }
      throw e;
    } finally {
      a.close();
    }
  }

  /** A C-FIND with a hand-built identifier; returns the raw matches. */
  private List<com.pixelmed.dicom.AttributeList> rawFind(
      Association a, com.pixelmed.dicom.AttributeList identifier) {
    Association.Context ctx =
        a.contextFor(Uids.STUDY_ROOT_FIND, Optional.of(Uids.EXPLICIT_LE)).orElseThrow();
    int id = nextId();
    a.send(
        ctx.id(),
        new CommandSet()
            .put(CommandSet.AFFECTED_SOP_CLASS, Uids.STUDY_ROOT_FIND)
            .put(CommandSet.COMMAND_FIELD, CommandSet.C_FIND_RQ)
            .put(CommandSet.MESSAGE_ID, id)
            .put(CommandSet.PRIORITY, 0),
        Optional.of(Datasets.encode(identifier, ctx.transferSyntax())));
    List<com.pixelmed.dicom.AttributeList> out = new ArrayList<>();
    while (true) {
      Association.Message m = expect(a, CommandSet.C_FIND_RSP);
      int status = m.command().status();
      if (CommandSet.isPending(status)) {
        m.dataSet().ifPresent(d -> out.add(Datasets.decode(d, ctx.transferSyntax())));
        continue;
      }
      if (status == 0 || status == 0xFE00) {
        return out;
      }
      throw new PacsException(
          Reason.FAILED, "The PACS refused the query: " + Status.describe(status) + ".");
    }
  }

  @Override
  public RetrieveResult get(
      RetrieveRequest request,
      InstanceSink sink,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    long t0 = System.nanoTime();
    progress.progress(0, 0, "Looking up the instances to retrieve");
    Lookup lookup = lookUp(request);
    Set<String> classes = new LinkedHashSet<>(lookup.sopClasses());
    if (classes.isEmpty()) {
      classes.addAll(COMMON_STORAGE);
    }
    int total = Math.max(0, lookup.total());
    List<Association.Proposed> contexts = new ArrayList<>();
    contexts.add(new Association.Proposed(1, Uids.STUDY_ROOT_GET, LE));
    int perClass =
        Math.max(
            1, Math.min(Uids.KNOWN_TRANSFER_SYNTAXES.size(), (MAX_CONTEXTS - 1) / classes.size()));
    int nextContext = 3;
    List<String> roles = new ArrayList<>();
    for (String sopClass : classes) {
      if (nextContext > 253) {
        break;
      }
      roles.add(sopClass);
      for (String ts : Uids.KNOWN_TRANSFER_SYNTAXES.subList(0, perClass)) {
        if (nextContext > 253) {
          break;
        }
        contexts.add(new Association.Proposed(nextContext, sopClass, List.of(ts)));
        nextContext += 2;
      }
    }
    Association a = open(contexts, roles);
    try {
      Association.Context ctx =
          a.contextFor(Uids.STUDY_ROOT_GET, Optional.of(Uids.EXPLICIT_LE))
              .orElseThrow(
                  () ->
                      new PacsException(Reason.NOT_SUPPORTED, "The PACS does not support C-GET."));
      int id = nextId();
      a.send(
          ctx.id(),
          new CommandSet()
              .put(CommandSet.AFFECTED_SOP_CLASS, Uids.STUDY_ROOT_GET)
              .put(CommandSet.COMMAND_FIELD, CommandSet.C_GET_RQ)
              .put(CommandSet.MESSAGE_ID, id)
              .put(CommandSet.PRIORITY, 0),
          Optional.of(
              Datasets.encode(
                  Datasets.retrieveIdentifier(
                      request.studyInstanceUid(), request.seriesInstanceUid()),
                  ctx.transferSyntax())));
      Receiver receiver = new Receiver(sink);
      int pacsFailed = 0;
      int warnings = 0;
      boolean cancelSent = false;
      int finalStatus;
      int knownTotal = total;
      while (true) {
        Association.Message m =
            a.receive()
                .orElseThrow(
                    () ->
                        new PacsException(
                            Reason.ABORTED, "The PACS released the association during C-GET."));
        int field = m.command().commandField();
        if (field == CommandSet.C_STORE_RQ) {
          receiver.store(a, m);
          progress.progress(
              receiver.received() + receiver.refused(),
              knownTotal,
              progressText(receiver.received(), knownTotal));
        } else if (field == CommandSet.C_GET_RSP) {
          CommandSet c = m.command();
          int status = c.status();
          pacsFailed = c.integer(CommandSet.FAILED, pacsFailed);
          warnings = c.integer(CommandSet.WARNING, warnings);
          OptionalInt remaining = c.integer(CommandSet.REMAINING);
          if (remaining.isPresent()) {
            knownTotal =
                remaining.getAsInt()
                    + c.integer(CommandSet.COMPLETED, 0)
                    + c.integer(CommandSet.FAILED, 0)
                    + c.integer(CommandSet.WARNING, 0);
          }
          if (!CommandSet.isPending(status)) {
            finalStatus = status;
            break;
          }
        } else {
          a.abort();
          throw new PacsException(
              Reason.PROTOCOL, "The PACS sent an unexpected message during C-GET.");
        }
        if (!cancelSent && cancelled.getAsBoolean()) {
          cancel(a, ctx.id(), id);
          cancelSent = true;
        }
      }
      a.release();
      boolean wasCancelled = finalStatus == 0xFE00 || cancelSent;
      if (!wasCancelled
          && !CommandSet.isSuccessOrWarning(finalStatus)
          && receiver.received() == 0) {
        throw new PacsException(
            Reason.FAILED,
            "The PACS could not send the study: " + Status.describe(finalStatus) + ".");
      }
      RetrieveResult result = receiver.result(pacsFailed, warnings, t0, wasCancelled);
      LOG.info(
          "C-GET {} at {}: {} instances, {} failed, {} bytes in {} ms{}",
          node.calledAe(),
          a.peer(),
          result.received(),
          result.failed(),
          result.bytes(),
          result.elapsed().toMillis(),
          wasCancelled ? " (cancelled)" : "");
      return result;
    } finally {
      a.close();
    }
  }

  private static String progressText(int received, int total) {
    return total > 0 ? received + " of " + total + " instances" : received + " instances";
  }

  /** Receives C-STORE sub-operations on one association and answers them. */
  static final class Receiver {
    private final InstanceSink sink;
    private final List<String> uids = new CopyOnWriteArrayList<>();
    private final AtomicLong bytes = new AtomicLong();
    private final AtomicInteger refused = new AtomicInteger();

    Receiver(InstanceSink sink) {
      this.sink = sink;
    }

    void store(Association a, Association.Message m) {
      CommandSet c = m.command();
      String sopClass = c.string(CommandSet.AFFECTED_SOP_CLASS).orElse("");
      String sopInstance = c.string(CommandSet.AFFECTED_SOP_INSTANCE).orElse("");
      int status = 0;
      Optional<Association.Context> ctx = a.context(m.contextId());
      if (ctx.isEmpty() || m.dataSet().isEmpty() || sopClass.isEmpty() || sopInstance.isEmpty()) {
        status = 0xA900;
      } else {
        byte[] part10 =
            Part10.wrap(sopClass, sopInstance, ctx.get().transferSyntax(), m.dataSet().get());
        try {
          sink.accept(
              new ReceivedInstance(sopClass, sopInstance, ctx.get().transferSyntax(), part10));
          uids.add(sopInstance);
          bytes.addAndGet(part10.length);
        } catch (Exception e) {
          status = 0xA700;
          LoggerFactory.getLogger(Receiver.class)
              .warn("Received instance refused by the sink: {}", e.getClass().getSimpleName());
        }
      }
      if (status != 0) {
        refused.incrementAndGet();
      }
      a.send(
          m.contextId(),
          new CommandSet()
              .put(CommandSet.AFFECTED_SOP_CLASS, sopClass)
              .put(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RSP)
              .put(CommandSet.MESSAGE_ID_RESPONDED_TO, c.integer(CommandSet.MESSAGE_ID, 0))
              .put(CommandSet.STATUS, status)
              .put(CommandSet.AFFECTED_SOP_INSTANCE, sopInstance),
          Optional.empty());
    }

    int received() {
      return uids.size();
    }

    int refused() {
      return refused.get();
    }

    RetrieveResult result(int pacsFailed, int warnings, long t0, boolean cancelled) {
      return new RetrieveResult(
          uids.size(),
          Math.max(pacsFailed, refused.get()),
          warnings,
          List.copyOf(uids),
          bytes.get(),
          Duration.ofNanos(System.nanoTime() - t0),
          cancelled);
    }
  }

  // ------------------------------------------------------------------------------------ move

  @Override
  public RetrieveResult move(
      RetrieveRequest request,
      InstanceSink sink,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    if (node.storeScpPort().isEmpty()) {
      throw new PacsException(
          Reason.BAD_INPUT,
          "Node '"
              + node.name()
              + "' has no Store SCP port: set one (and register our AE title "
              + node.callingAe()
              + " at 127.0.0.1 with that port in the PACS) to retrieve with C-MOVE, or use C-GET.");
    }
    long t0 = System.nanoTime();
    List<String> uids = new CopyOnWriteArrayList<>();
    AtomicLong bytes = new AtomicLong();
    InstanceSink counting =
        instance -> {
          sink.accept(instance);
          uids.add(instance.sopInstanceUid());
          bytes.addAndGet(instance.part10().length);
        };
    try (StoreScp scp =
        LoopbackStoreScp.start(
            node.callingAe(),
            node.storeScpPort().getAsInt(),
            counting,
            calling -> calling.equals(node.calledAe()),
            options)) {
      RetrieveResult moved =
          moveTo(
              request,
              node.callingAe(),
              (done, total, message) ->
                  progress.progress(uids.size(), total, progressText(uids.size(), (int) total)),
              cancelled);
      return new RetrieveResult(
          uids.size(),
          Math.max(moved.failed(), moved.received() - uids.size()),
          moved.warnings(),
          List.copyOf(uids),
          bytes.get(),
          Duration.ofNanos(System.nanoTime() - t0),
          moved.cancelled());
    }
  }

  @Override
  public RetrieveResult moveTo(
      RetrieveRequest request,
      String destinationAe,
      ProgressListener progress,
      BooleanSupplier cancelled) {
    PacsNode.aeProblem(destinationAe)
        .ifPresent(
            p -> {
              throw new PacsException(Reason.BAD_INPUT, "Destination " + p);
            });
    long t0 = System.nanoTime();
    Association a = open(List.of(new Association.Proposed(1, Uids.STUDY_ROOT_MOVE, LE)), List.of());
    try {
      Association.Context ctx =
          a.contextFor(Uids.STUDY_ROOT_MOVE, Optional.of(Uids.EXPLICIT_LE)).orElseThrow();
      int id = nextId();
      progress.progress(0, 0, "Asking the PACS to send the instances");
      a.send(
          ctx.id(),
          new CommandSet()
              .put(CommandSet.AFFECTED_SOP_CLASS, Uids.STUDY_ROOT_MOVE)
              .put(CommandSet.COMMAND_FIELD, CommandSet.C_MOVE_RQ)
              .put(CommandSet.MESSAGE_ID, id)
              .put(CommandSet.PRIORITY, 0)
              .put(CommandSet.MOVE_DESTINATION, destinationAe.strip()),
          Optional.of(
              Datasets.encode(
                  Datasets.retrieveIdentifier(
                      request.studyInstanceUid(), request.seriesInstanceUid()),
                  ctx.transferSyntax())));
      int completed = 0;
      int failed = 0;
      int warnings = 0;
      boolean cancelSent = false;
      int status;
      while (true) {
        CommandSet c = expect(a, CommandSet.C_MOVE_RSP).command();
        status = c.status();
        completed = c.integer(CommandSet.COMPLETED, completed);
        failed = c.integer(CommandSet.FAILED, failed);
        warnings = c.integer(CommandSet.WARNING, warnings);
        if (!CommandSet.isPending(status)) {
          break;
        }
        int total = completed + failed + warnings + c.integer(CommandSet.REMAINING, 0);
        progress.progress(
            completed + failed + warnings, total, progressText(completed + warnings, total));
        if (!cancelSent && cancelled.getAsBoolean()) {
          cancel(a, ctx.id(), id);
          cancelSent = true;
        }
      }
      a.release();
      boolean wasCancelled = status == 0xFE00 || cancelSent;
      if (status == 0xA801) {
        throw new PacsException(
            Reason.FAILED,
            "The PACS does not know the move destination '"
                + destinationAe
                + "': add it (host and port) to the PACS's list of modalities.");
      }
      if (!wasCancelled && !CommandSet.isSuccessOrWarning(status) && completed == 0) {
        throw new PacsException(
            Reason.FAILED, "The PACS could not move the study: " + Status.describe(status) + ".");
      }
      LOG.info(
          "C-MOVE {} at {} to {}: {} completed, {} failed in {} ms",
          node.calledAe(),
          a.peer(),
          destinationAe,
          completed,
          failed,
          (System.nanoTime() - t0) / 1_000_000);
      return new RetrieveResult(
          completed + warnings,
          failed,
          warnings,
          List.of(),
          0,
          Duration.ofNanos(System.nanoTime() - t0),
          wasCancelled);
    } finally {
      a.close();
    }
  }

  // ------------------------------------------------------------------------------------ store

  private record Item(int index, DicomSource source, Part10.Meta meta) {}

  @Override
  public StoreResult store(
      List<DicomSource> sources, ProgressListener progress, BooleanSupplier cancelled) {
    long t0 = System.nanoTime();
    List<StoreResult.Failure> failures = new ArrayList<>();
    List<Item> items = new ArrayList<>();
    for (int i = 0; i < sources.size(); i++) {
      DicomSource s = sources.get(i);
      try {
        items.add(new Item(i, s, Part10.parse(readHead(s))));
      } catch (PacsException e) {
        failures.add(new StoreResult.Failure(i, s.displayName(), e.getMessage()));
      } catch (IOException e) {
        failures.add(new StoreResult.Failure(i, s.displayName(), "Cannot read the file."));
      }
    }
    // one context per (SOP class, transfer syntax); uncompressed objects also get an LE fallback
    Map<String, List<Item>> byClass = new LinkedHashMap<>();
    items.forEach(
        it -> byClass.computeIfAbsent(it.meta().sopClassUid(), k -> new ArrayList<>()).add(it));
    List<List<Item>> batches = new ArrayList<>();
    List<Item> batch = new ArrayList<>();
    int contextsInBatch = 0;
    for (List<Item> group : byClass.values()) {
      int needed =
          (int) group.stream().map(it -> it.meta().transferSyntaxUid()).distinct().count() + 1;
      if (contextsInBatch + needed > MAX_CONTEXTS && !batch.isEmpty()) {
        batches.add(batch);
        batch = new ArrayList<>();
        contextsInBatch = 0;
      }
      batch.addAll(group);
      contextsInBatch += needed;
    }
    if (!batch.isEmpty()) {
      batches.add(batch);
    }
    int sent = 0;
    long bytes = 0;
    boolean wasCancelled = false;
    int done = failures.size();
    int total = sources.size();
    progress.progress(done, total, "Sending " + total + " instances");
    batches:
    for (List<Item> b : batches) {
      List<Association.Proposed> contexts = new ArrayList<>();
      Map<String, Set<String>> syntaxes = new LinkedHashMap<>();
      b.forEach(
          it ->
              syntaxes
                  .computeIfAbsent(it.meta().sopClassUid(), k -> new LinkedHashSet<>())
                  .add(it.meta().transferSyntaxUid()));
      int cid = 1;
      for (Map.Entry<String, Set<String>> e : syntaxes.entrySet()) {
        for (String ts : e.getValue()) {
          contexts.add(new Association.Proposed(cid, e.getKey(), List.of(ts)));
          cid += 2;
        }
        if (e.getValue().stream().anyMatch(Uids::isUncompressed)) {
          contexts.add(new Association.Proposed(cid, e.getKey(), LE));
          cid += 2;
        }
      }
      Association a = open(contexts, List.of());
      try {
        for (Item it : b) {
          if (cancelled.getAsBoolean()) {
            wasCancelled = true;
            a.release();
            break batches;
          }
          Optional<String> problem;
          try {
            long n = sendOne(a, it);
            bytes += n;
            sent++;
            problem = Optional.empty();
          } catch (PacsException e) {
            if (e.reason() == Reason.ABORTED
                || e.reason() == Reason.TIMEOUT
                || e.reason() == Reason.PROTOCOL) {
              throw e;
            }
            problem = Optional.of(e.getMessage());
          } catch (IOException e) {
            problem = Optional.of("Cannot read the file.");
          }
          problem.ifPresent(
              p -> failures.add(new StoreResult.Failure(it.index(), it.source().displayName(), p)));
          done++;
          progress.progress(done, total, sent + " of " + total + " instances sent");
        }
        a.release();
      } finally {
        a.close();
      }
    }
    failures.sort(java.util.Comparator.comparingInt(StoreResult.Failure::index));
    StoreResult result =
        new StoreResult(
            sent, failures, bytes, Duration.ofNanos(System.nanoTime() - t0), wasCancelled);
    LOG.info(
        "C-STORE to {}: {} sent, {} failed, {} bytes in {} ms",
        node.calledAe(),
        sent,
        failures.size(),
        bytes,
        result.elapsed().toMillis());
    return result;
  }

  private long sendOne(Association a, Item it) throws IOException {
    Part10.Meta meta = it.meta();
    Association.Context ctx =
        a.contextFor(meta.sopClassUid(), Optional.of(meta.transferSyntaxUid()))
            .orElseThrow(
                () ->
                    new PacsException(
                        Reason.NOT_SUPPORTED,
                        "The PACS does not accept this kind of object (SOP class "
                            + meta.sopClassUid()
                            + ")."));
    byte[] file = readAll(it.source());
    Part10.Meta fresh = Part10.parse(file);
    byte[] dataSet = Part10.dataSet(file, fresh);
    if (!ctx.transferSyntax().equals(fresh.transferSyntaxUid())) {
      if (!Uids.isUncompressed(fresh.transferSyntaxUid())
          || !Uids.isUncompressed(ctx.transferSyntax())) {
        throw new PacsException(
            Reason.NOT_SUPPORTED,
            "The PACS does not accept this object's transfer syntax "
                + fresh.transferSyntaxUid()
                + ".");
      }
      dataSet = Datasets.transcode(dataSet, fresh.transferSyntaxUid(), ctx.transferSyntax());
    }
    int id = nextId();
    a.send(
        ctx.id(),
        new CommandSet()
            .put(CommandSet.AFFECTED_SOP_CLASS, fresh.sopClassUid())
            .put(CommandSet.COMMAND_FIELD, CommandSet.C_STORE_RQ)
            .put(CommandSet.MESSAGE_ID, id)
            .put(CommandSet.PRIORITY, 0)
            .put(CommandSet.AFFECTED_SOP_INSTANCE, fresh.sopInstanceUid()),
        Optional.of(dataSet));
    CommandSet rsp = expect(a, CommandSet.C_STORE_RSP).command();
    if (!CommandSet.isSuccessOrWarning(rsp.status())) {
      throw new PacsException(
          Reason.FAILED, "The PACS refused the object: " + Status.describe(rsp.status()) + ".");
    }
    return dataSet.length;
  }

  private static byte[] readHead(DicomSource s) throws IOException {
    try (InputStream in = s.open()) {
      return in.readNBytes(64 * 1024);
    }
  }

  private byte[] readAll(DicomSource s) throws IOException {
    if (s.size() > options.maxInstanceBytes()) {
      throw new PacsException(
          Reason.BAD_INPUT,
          "The file is larger than the limit of " + (options.maxInstanceBytes() >> 20) + " MiB.");
    }
    try (InputStream in = s.open()) {
      return in.readNBytes((int) options.maxInstanceBytes());
    }
  }
}
