package org.meditwin.store;

import java.sql.SQLException;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.AccountAdministration;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.BackupService;
import org.meditwin.core.service.ClinicalStore;
import org.meditwin.core.service.PatientService;
import org.meditwin.core.service.ProfessionalService;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.VisitService;
import org.meditwin.security.KeyRing;

/** A signed-in user of an {@link EmbeddedWorkstation}; every service call checks this session. */
final class StoreSession implements UserSession {

  private final EmbeddedWorkstation workstation;
  private final OpenStore store;
  private final KeyRing ring;
  private final UserAccount user;
  private final String actor;
  private final PatientService patients;
  private final ProfessionalService professionals;
  private final VisitService visits;
  private final AuditLog audit;
  private final AccountAdministration accounts;
  private final BackupService backups;
  private final ClinicalStore clinicalStore;
  private volatile boolean locked;
  private volatile boolean closed;

  StoreSession(EmbeddedWorkstation workstation, OpenStore store, KeyRing ring, UserAccount user) {
    this.workstation = workstation;
    this.store = store;
    this.ring = ring;
    this.user = user;
    this.actor = store.actorOf(user.id());
    this.patients = new StorePatientService(this);
    this.professionals = new StoreProfessionalService(this);
    this.visits = new StoreVisitService(this);
    this.audit = new StoreAuditLog(this);
    this.accounts = new StoreAccountAdministration(this);
    this.backups = new StoreBackupService(this);
    this.clinicalStore = new StoreClinicalStore(this);
  }

  OpenStore store() {
    return store;
  }

  Database db() {
    return store.db();
  }

  KeyRing ring() {
    return ring;
  }

  EmbeddedWorkstation workstation() {
    return workstation;
  }

  String actor() {
    return actor;
  }

  /** Throws unless the session is open and unlocked. */
  void guard() {
    if (closed) {
      throw new AccessDeniedException("The session has ended. Sign in again.");
    }
    if (locked) {
      throw new AccessDeniedException("The session is locked. Unlock it to continue.");
    }
  }

  void guardAdmin() {
    guard();
    if (!user.role().canAdminister()) {
      throw new AccessDeniedException("This needs an administrator account.");
    }
  }

  AuditEvent audit(
      Tx tx, AuditAction action, String targetType, String targetId, boolean ok, String detail)
      throws SQLException {
    return AuditRepository.append(tx, tx.now(), actor, action, targetType, targetId, ok, detail);
  }

  @Override
  public UserAccount user() {
    return user;
  }

  @Override
  public PatientService patients() {
    return patients;
  }

  @Override
  public ProfessionalService professionals() {
    return professionals;
  }

  @Override
  public VisitService visits() {
    return visits;
  }

  @Override
  public AuditLog audit() {
    return audit;
  }

  @Override
  public AccountAdministration accounts() {
    return accounts;
  }

  @Override
  public BackupService backups() {
    return backups;
  }

  @Override
  public ClinicalStore clinicalStore() {
    guard();
    return clinicalStore;
  }

  /** HKDF purpose shared with {@code meditwin kb rebuild} so both open the same index. */
  static final String SEARCH_INDEX_KEY_PURPOSE = "lucene-index";

  @Override
  public byte[] searchIndexKey() {
    guard();
    return store.key().derive(SEARCH_INDEX_KEY_PURPOSE, 32);
  }

  @Override
  public void lock() {
    if (closed) {
      throw new AccessDeniedException("The session has ended. Sign in again.");
    }
    synchronized (this) {
      if (locked) {
        return;
      }
      db().write(tx -> audit(tx, AuditAction.SESSION_LOCK, "user", user.id().value(), true, ""));
      locked = true;
    }
  }

  @Override
  public boolean isLocked() {
    return locked;
  }

  @Override
  public void unlock(char[] password) {
    if (closed) {
      throw new AccessDeniedException("The session has ended. Sign in again.");
    }
    synchronized (this) {
      if (!locked) {
        return;
      }
      boolean ok;
      try {
        ok = ring.verify(user.username(), password);
      } catch (AuthenticationException e) {
        recordUnlockFailure(e.reason());
        throw e;
      }
      if (!ok) {
        Optional<java.time.Instant> lockedUntil = ring.lockedUntil(user.username());
        if (lockedUntil.isPresent()) {
          recordUnlockFailure(AuthenticationException.Reason.LOCKED_OUT);
          throw new AuthenticationException(
              AuthenticationException.Reason.LOCKED_OUT,
              lockedUntil,
              "Too many failed attempts: try again later.");
        }
        recordUnlockFailure(AuthenticationException.Reason.WRONG_CREDENTIALS);
        throw new AuthenticationException(
            AuthenticationException.Reason.WRONG_CREDENTIALS, Optional.empty(), "Wrong password.");
      }
      db().write(tx -> audit(tx, AuditAction.SESSION_UNLOCK, "user", user.id().value(), true, ""));
      locked = false;
    }
  }

  private void recordUnlockFailure(AuthenticationException.Reason reason) {
    db().write(
            tx ->
                audit(
                    tx,
                    AuditAction.SESSION_UNLOCK_FAILURE,
                    "user",
                    user.id().value(),
                    false,
                    "reason=" + reason.name()));
  }

  @Override
  public void changePassword(char[] oldPassword, char[] newPassword) {
    guard();
    AccountRules.checkPassword(newPassword);
    synchronized (this) {
      boolean ok;
      try {
        ok = ring.verify(user.username(), oldPassword);
      } catch (AuthenticationException e) {
        recordPasswordChange(false, "reason=" + e.reason().name());
        throw e;
      }
      if (!ok) {
        recordPasswordChange(false, "reason=WRONG_CREDENTIALS");
        throw new AuthenticationException(
            AuthenticationException.Reason.WRONG_CREDENTIALS,
            ring.lockedUntil(user.username()),
            "The current password is wrong.");
      }
      db().write(
              tx -> {
                audit(tx, AuditAction.USER_PASSWORD_CHANGE, "user", user.id().value(), true, "");
                ring.rewrap(user.username(), newPassword, store.key());
                tx.syncAfterCommit();
                return null;
              });
    }
  }

  private void recordPasswordChange(boolean ok, String detail) {
    db().write(
            tx ->
                audit(tx, AuditAction.USER_PASSWORD_CHANGE, "user", user.id().value(), ok, detail));
  }

  /** Ends the session without the LOGOUT entry's normal reason (account disabled, shutdown). */
  void end(String reason) {
    synchronized (this) {
      if (closed) {
        return;
      }
      try {
        db().write(
                tx ->
                    audit(
                        tx,
                        AuditAction.LOGOUT,
                        "user",
                        user.id().value(),
                        true,
                        reason.isEmpty() ? "" : "reason=" + reason));
      } finally {
        closed = true;
        workstation.sessionEnded(this);
      }
    }
  }

  boolean isClosed() {
    return closed;
  }

  @Override
  public void close() {
    end("");
  }
}
