package org.meditwin.notes;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.soap.NoteTemplate;
import org.meditwin.soap.SoapDraft;

/**
 * A SOAP note of a patient. Everything but the ids, status and times is PHI.
 *
 * @param visitId the visit session the note documents, when there is one
 * @param transcript the visit transcript the draft's source spans point into
 * @param draft the current content: the draft, the approved content, or the latest amendment
 * @param revision increases with every saved change (autosave, approval, amendment)
 * @param amendments oldest first
 */
public record SoapNote(
    NoteId id,
    String patientId,
    Optional<String> visitId,
    NoteTemplate template,
    String transcript,
    SoapDraft draft,
    NoteStatus status,
    Instant created,
    Instant updated,
    Optional<Approval> approval,
    List<Amendment> amendments,
    int revision) {

  public SoapNote {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(patientId, "patientId");
    visitId = visitId == null ? Optional.empty() : visitId;
    Objects.requireNonNull(template, "template");
    transcript = transcript == null ? "" : transcript;
    Objects.requireNonNull(draft, "draft");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(created, "created");
    Objects.requireNonNull(updated, "updated");
    approval = approval == null ? Optional.empty() : approval;
    amendments = amendments == null ? List.of() : List.copyOf(amendments);
  }

  /** True once approved: content changes only through {@link NoteService#amend}. */
  public boolean isLocked() {
    return status == NoteStatus.APPROVED;
  }
}
