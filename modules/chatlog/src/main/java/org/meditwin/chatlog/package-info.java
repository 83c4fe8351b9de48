/**
 * Chat history and staff escalation for MediTwin, in the encrypted clinical store (Flyway range
 * 200–299).
 *
 * <ul>
 *   <li>{@link org.meditwin.chatlog.ChatLog}: the signed-in user's chat sessions ({@link
 *       org.meditwin.chatlog.ChatSessionInfo}) and messages ({@link
 *       org.meditwin.chatlog.LoggedMessage}, with {@link org.meditwin.chatlog.AnswerRecord}
 *       metadata) — create, list, open, append, rename, link a patient, delete.
 *   <li>{@link org.meditwin.chatlog.EscalationQueue}: the handoff queue ({@link
 *       org.meditwin.chatlog.Escalation}: OPEN → PICKED_UP → CLOSED, notes) and the webhook
 *       settings.
 *   <li>{@link org.meditwin.chatlog.EscalationNotifier}: posts a masked summary ({@link
 *       org.meditwin.chatlog.SummaryMasker}) through {@link org.meditwin.chatlog.WebhookClient}
 *       with timeouts and back-off and records the outcome on the case.
 * </ul>
 *
 * Every read and write of PHI is audited in the same transaction; user ids in audit details are
 * never names.
 */
package org.meditwin.chatlog;
