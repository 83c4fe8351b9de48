/**
 * Key management and cryptography for MediTwin Workstation.
 *
 * <ul>
 *   <li>{@link org.meditwin.security.DataKey} — the random 256-bit key behind all stored data, with
 *       HKDF sub-keys ({@code derive}) and the H2 passwords;
 *   <li>{@link org.meditwin.security.KeyRing} — {@code keyring.json}: the data key wrapped per user
 *       with Argon2id ({@link org.meditwin.security.KdfParams}), lock-out after failed attempts
 *       ({@link org.meditwin.security.LockoutPolicy});
 *   <li>{@link org.meditwin.security.FieldCipher} — AES-256-GCM for single values;
 *   <li>{@link org.meditwin.security.Pseudonymizer} — HMAC pseudonyms for ids in logs and audit;
 *   <li>{@link org.meditwin.security.AuditChain} — hashing and verification of the audit chain;
 *   <li>{@link org.meditwin.security.SealedJournal} — public-key sealed records written before
 *       login;
 *   <li>{@link org.meditwin.security.ArchiveCipher} — streaming password-encrypted backups.
 * </ul>
 *
 * Errors are {@link org.meditwin.core.MediTwinException} subclasses with PHI-free messages: {@link
 * org.meditwin.security.KeyRingException}, {@link org.meditwin.security.IntegrityException}, {@link
 * org.meditwin.security.WrongPasswordException}, {@link
 * org.meditwin.security.CorruptArchiveException}, and core's {@code AuthenticationException}.
 */
package org.meditwin.security;
