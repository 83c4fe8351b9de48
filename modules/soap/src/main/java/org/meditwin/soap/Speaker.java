package org.meditwin.soap;

/** Who said a turn of the transcript. */
enum Speaker {
  CLINICIAN,
  PATIENT,
  /** A companion, interpreter or an unnamed speaker ("Speaker 2"). */
  OTHER,
  /** Unlabelled text: a clinician's dictation or a pasted note. */
  NARRATIVE
}
