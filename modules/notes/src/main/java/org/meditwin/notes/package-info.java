/**
 * SOAP notes of patients in the encrypted clinical store: {@link org.meditwin.notes.NoteService}
 * (autosaved drafts, approval by a clinician, amendments with history, PDF export; every step
 * audited) and its records {@link org.meditwin.notes.SoapNote}, {@link
 * org.meditwin.notes.Approval}, {@link org.meditwin.notes.Amendment}. The note content is the soap
 * module's {@code SoapDraft}.
 */
package org.meditwin.notes;
