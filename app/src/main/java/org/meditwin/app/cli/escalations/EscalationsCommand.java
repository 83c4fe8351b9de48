package org.meditwin.app.cli.escalations;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import org.meditwin.app.cli.CliSupport;
import org.meditwin.chatlog.Escalation;
import org.meditwin.chatlog.EscalationNote;
import org.meditwin.chatlog.EscalationNotifier;
import org.meditwin.chatlog.EscalationQueue;
import org.meditwin.chatlog.EscalationStatus;
import org.meditwin.chatlog.RetryPolicy;
import org.meditwin.chatlog.StaffRef;
import org.meditwin.chatlog.SummaryMasker;
import org.meditwin.chatlog.WebhookClient;
import org.meditwin.core.service.UserSession;
import org.meditwin.inference.engine.DjlEnvironment;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code escalations list|pickup|close|resend}: the staff handoff queue of the assistant (modules/
 * chatlog) from the command line. Cases are named by their reference ({@code E-1A2B3C4D}) or id.
 */
@Command(
    name = "escalations",
    description =
        "The staff escalation queue: list cases, pick one up, close it, resend its"
            + " webhook notification.",
    subcommands = {
      EscalationsCommand.ListCases.class,
      EscalationsCommand.PickUp.class,
      EscalationsCommand.Close.class,
      EscalationsCommand.Resend.class
    })
public final class EscalationsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    throw new picocli.CommandLine.ParameterException(
        spec.commandLine(), "missing subcommand: list, pickup, close or resend");
  }

  /** Options every subcommand shares. */
  abstract static class Signed {
    @Spec CommandSpec spec;

    @Option(
        names = "--user",
        required = true,
        paramLabel = "NAME",
        description = "Staff member to sign in as (password from $MEDITWIN_PASSWORD or prompt).")
    String user;
  }

  @Command(
      name = "list",
      description = "Open and picked-up cases, most urgent first (--all adds closed ones).")
  static final class ListCases extends Signed implements Callable<Integer> {
    @Option(names = "--all", description = "Include closed cases.")
    boolean all;

    @Override
    public Integer call() {
      List<Escalation> cases =
          CliSupport.withSession(
              spec,
              user,
              s ->
                  EscalationQueue.of(s)
                      .list(
                          all
                              ? EnumSet.allOf(EscalationStatus.class)
                              : EnumSet.of(EscalationStatus.OPEN, EscalationStatus.PICKED_UP)));
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("count", cases.size());
      out.put("cases", cases.stream().map(EscalationsCommand::json).toList());
      StringBuilder text = new StringBuilder();
      if (cases.isEmpty()) {
        text.append(all ? "No cases." : "No open cases.");
      }
      for (Escalation e : cases) {
        text.append(line(e)).append('\n');
      }
      CliSupport.emit(spec, out, text.toString().stripTrailing());
      return 0;
    }
  }

  @Command(name = "pickup", description = "Take an OPEN case (OPEN → PICKED_UP).")
  static final class PickUp extends Signed implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE", description = "Reference (E-…) or id.")
    String ref;

    @Override
    public Integer call() {
      Escalation e =
          CliSupport.withSession(
              spec, user, s -> change(() -> EscalationQueue.of(s).pickUp(resolve(s, ref))));
      CliSupport.emit(spec, json(e), "Picked up " + e.reference() + ".");
      return 0;
    }
  }

  @Command(name = "close", description = "Close a case, with an optional closing note.")
  static final class Close extends Signed implements Callable<Integer> {
    @Parameters(index = "0", paramLabel = "CASE", description = "Reference (E-…) or id.")
    String ref;

    @Option(names = "--note", paramLabel = "TEXT", description = "Closing note.")
    String note;

    @Override
    public Integer call() {
      Escalation e =
          CliSupport.withSession(
              spec, user, s -> change(() -> EscalationQueue.of(s).close(resolve(s, ref), note)));
      CliSupport.emit(spec, json(e), "Closed " + e.reference() + ".");
      return 0;
    }
  }

  @Command(
      name = "resend",
      description =
          "Send the masked webhook notification of a case again (or of every pending/failed case"
              + " with --pending).")
  static final class Resend extends Signed implements Callable<Integer> {
    @Parameters(index = "0", arity = "0..1", paramLabel = "CASE", description = "Reference or id.")
    String ref;

    @Option(names = "--pending", description = "Every case whose notification is pending/failed.")
    boolean pending;

    @Override
    public Integer call() {
      if ((ref == null) == !pending) {
        throw new IllegalArgumentException("give either a CASE or --pending");
      }
      List<Escalation> sent =
          CliSupport.withSession(
              spec,
              user,
              s -> {
                EscalationQueue q = EscalationQueue.of(s);
                EscalationNotifier n =
                    new EscalationNotifier(
                        s,
                        q,
                        new WebhookClient(
                            new RetryPolicy(
                                3,
                                Duration.ofSeconds(1),
                                2,
                                Duration.ofSeconds(5),
                                Duration.ofSeconds(10))),
                        masker());
                if (!q.webhook().configured()) {
                  throw new IllegalArgumentException(
                      "no webhook is configured (an administrator sets it in the Assistant pane)");
                }
                return pending ? n.deliverPending() : List.of(n.resend(resolve(s, ref)));
              });
      Map<String, Object> out = new LinkedHashMap<>();
      out.put("cases", sent.stream().map(EscalationsCommand::json).toList());
      StringBuilder text = new StringBuilder();
      for (Escalation e : sent) {
        text.append(e.reference())
            .append(": ")
            .append(e.delivery().status())
            .append(e.delivery().lastError().map(x -> " (" + x + ")").orElse(""))
            .append('\n');
      }
      CliSupport.emit(spec, out, sent.isEmpty() ? "Nothing to send." : text.toString().strip());
      boolean failed =
          sent.stream()
              .anyMatch(e -> e.delivery().status() == org.meditwin.chatlog.DeliveryStatus.FAILED);
      return failed ? org.meditwin.app.cli.ExitCode.CHECK_FAILED : 0;
    }
  }

  /** The installed de-identification heads, else the rules (as in the window). */
  static SummaryMasker masker() {
    Path cache = DjlEnvironment.defaultCacheDir();
    DjlEnvironment.configureOffline(cache);
    return SummaryMasker.load(CliSupport.modelsDir(), cache.resolve("encoders"));
  }

  /** A reference (E-XXXXXXXX, any case) or a full id → the case id. */
  static String resolve(UserSession s, String ref) {
    String r = ref == null ? "" : ref.strip();
    if (r.isEmpty()) {
      throw new IllegalArgumentException("give the case reference (E-…) or id");
    }
    for (Escalation e : EscalationQueue.of(s).list(Set.of())) {
      if (e.id().equalsIgnoreCase(r) || e.reference().equalsIgnoreCase(r)) {
        return e.id();
      }
    }
    throw new IllegalArgumentException("no escalation " + r);
  }

  private static Escalation change(java.util.function.Supplier<Escalation> work) {
    try {
      return work.get();
    } catch (IllegalStateException e) {
      // already picked up / closed: the user's request does not fit the case's state
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private static String line(Escalation e) {
    return String.format(
        Locale.ROOT,
        "%s  %-9s  %-9s  %s  %s",
        e.reference(),
        e.urgency(),
        e.status(),
        e.pickedUpBy().map(p -> "[" + p.username() + "]").orElse("[-]"),
        e.summary().lines().findFirst().orElse(""));
  }

  /** The JSON shape of a case (stable field names; PHI only for signed-in staff). */
  static Map<String, Object> json(Escalation e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", e.id());
    m.put("reference", e.reference());
    m.put("urgency", e.urgency().name());
    m.put("status", e.status().name());
    m.put("summary", e.summary());
    m.put("redFlags", e.redFlags());
    m.put("patientId", e.patientId().orElse(null));
    m.put("chatSessionId", e.chatSessionId().orElse(null));
    m.put("createdBy", staff(e.createdBy()));
    m.put("createdAt", e.createdAt().toString());
    m.put("pickedUpBy", e.pickedUpBy().map(EscalationsCommand::staff).orElse(null));
    m.put("pickedUpAt", e.pickedUpAt().map(Object::toString).orElse(null));
    m.put("closedBy", e.closedBy().map(EscalationsCommand::staff).orElse(null));
    m.put("closedAt", e.closedAt().map(Object::toString).orElse(null));
    List<Map<String, Object>> notes = new ArrayList<>();
    for (EscalationNote n : e.notes()) {
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("author", n.author().username());
      o.put("at", n.at().toString());
      o.put("text", n.text());
      notes.add(o);
    }
    m.put("notes", notes);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("status", e.delivery().status().name());
    d.put("attempts", e.delivery().attempts());
    d.put("lastError", e.delivery().lastError().orElse(null));
    d.put("sentAt", e.delivery().sentAt().map(Object::toString).orElse(null));
    m.put("delivery", d);
    return m;
  }

  private static Map<String, Object> staff(StaffRef r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", r.username());
    m.put("displayName", r.displayName());
    return m;
  }
}
