package org.meditwin.notes;

/** A note is a draft (autosaved, editable) until a clinician approves it; then it is immutable. */
public enum NoteStatus {
  DRAFT,
  APPROVED
}
