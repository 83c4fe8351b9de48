package org.meditwin.chatlog;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;

/**
 * Announces escalations on the configured webhook (ADR 0107): builds a masked summary, posts it
 * with retries, and records the outcome on the case, so a failure is visible in the queue and the
 * case can be re-sent; nothing is lost when the server is down. Blocking: call from a background
 * thread.
 */
public final class EscalationNotifier {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int MAX_POSTED_SUMMARY = 3_000;

  private final UserSession session;
  private final EscalationQueue queue;
  private final WebhookClient client;
  private final SummaryMasker masker;

  public EscalationNotifier(
      UserSession session, EscalationQueue queue, WebhookClient client, SummaryMasker masker) {
    this.session = Objects.requireNonNull(session, "session");
    this.queue = Objects.requireNonNull(queue, "queue");
    this.client = Objects.requireNonNull(client, "client");
    this.masker = Objects.requireNonNull(masker, "masker");
  }

  /**
   * Sends the notification of one case when a webhook is configured and the case has not been
   * announced yet; returns the case as stored afterwards.
   */
  public Escalation deliver(String escalationId) {
    Escalation e =
        queue
            .find(escalationId)
            .orElseThrow(() -> new IllegalArgumentException("This escalation does not exist."));
    WebhookSettings settings = queue.webhook();
    if (!settings.configured() || e.delivery().status() == DeliveryStatus.SENT) {
      return e;
    }
    String body = payload(e, settings.format());
    WebhookResult result = client.post(settings.url().orElseThrow(), body);
    queue.recordDelivery(e.id(), result.ok(), result.attempts(), result.error());
    return queue.find(escalationId).orElseThrow();
  }

  /** Re-sends every case whose notification is pending or failed; returns them as stored. */
  public List<Escalation> deliverPending() {
    List<Escalation> out = new ArrayList<>();
    if (!queue.webhook().configured()) {
      return out;
    }
    for (Escalation e : queue.undelivered()) {
      out.add(deliver(e.id()));
    }
    return out;
  }

  /** A manual resend of one case (also of cases raised before a webhook was configured). */
  public Escalation resend(String escalationId) {
    queue.markPending(escalationId);
    return deliver(escalationId);
  }

  /** Posts a test message (no case data) to {@code settings}; nothing is recorded. */
  public WebhookResult test(WebhookSettings settings) {
    if (!settings.configured()) {
      throw new IllegalArgumentException("Enter a webhook address first.");
    }
    String text = "MediTwin Workstation: webhook test. Escalations will be announced here.";
    ObjectNode o = JSON.createObjectNode();
    if (settings.format() == WebhookFormat.MATTERMOST) {
      o.put("text", text);
    } else {
      o.put("event", "test");
      o.put("text", text);
    }
    return client.post(settings.url().get(), write(o));
  }

  /** The body posted for {@code e}: masked summary, no names, MRNs or dates. */
  String payload(Escalation e, WebhookFormat format) {
    Optional<Patient> patient =
        e.patientId().flatMap(id -> session.patients().find(new PatientId(id)));
    String masked = masker.mask(e.summary(), patient);
    if (masked.length() > MAX_POSTED_SUMMARY) {
      masked = masked.substring(0, MAX_POSTED_SUMMARY - 1) + "…";
    }
    ObjectNode o = JSON.createObjectNode();
    if (format == WebhookFormat.MATTERMOST) {
      StringBuilder text = new StringBuilder();
      text.append("#### ")
          .append(icon(e.urgency()))
          .append(' ')
          .append(e.urgency())
          .append(" escalation ")
          .append(e.reference())
          .append('\n');
      text.append(quote(masked)).append('\n');
      if (!e.redFlags().isEmpty()) {
        text.append("**Red flags:** ").append(String.join(", ", e.redFlags())).append('\n');
      }
      text.append("Raised by ")
          .append(e.createdBy().displayName())
          .append(" — open MediTwin › Chat › Escalations to pick it up.");
      o.put("text", text.toString());
    } else {
      o.put("event", "escalation");
      o.put("reference", e.reference());
      o.put("id", e.id());
      o.put("urgency", e.urgency().name());
      o.put("status", e.status().name());
      o.put("summary", masked);
      ArrayNode flags = o.putArray("redFlags");
      e.redFlags().forEach(flags::add);
      o.put("raisedBy", e.createdBy().displayName());
      o.put("patientLinked", e.patientId().isPresent());
    }
    return write(o);
  }

  private static String icon(Urgency u) {
    return switch (u) {
      case EMERGENCY -> ":rotating_light:";
      case URGENT -> ":warning:";
      case ROUTINE -> ":information_source:";
    };
  }

  private static String quote(String text) {
    StringBuilder b = new StringBuilder();
    for (String line : text.split("\\R")) {
      b.append("> ").append(line).append('\n');
    }
    return b.toString().stripTrailing();
  }

  private static String write(ObjectNode o) {
    try {
      return JSON.writeValueAsString(o);
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException("webhook body is not serialisable", ex);
    }
  }
}
