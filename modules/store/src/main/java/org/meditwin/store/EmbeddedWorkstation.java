package org.meditwin.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.domain.UserId;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.StoreUnavailableException;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.Workstation;
import org.meditwin.security.DataKey;
import org.meditwin.security.KdfParams;
import org.meditwin.security.KeyRing;
import org.meditwin.security.KeyRingException;
import org.meditwin.security.LockoutPolicy;
import org.meditwin.security.SealedJournal;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The workstation on one data directory: {@code keyring.json} (wrapped data keys), {@code
 * db/meditwin.mv.db} (AES-encrypted H2), {@code db/commit.marker}, {@code audit-preauth.journal}.
 *
 * <p>Opening touches no PHI. {@link #login} unwraps the data key, opens the database, moves sealed
 * pre-authentication records (failed logins while the database was locked) into the hash-chained
 * audit log and records the login. Failed logins cannot write to the locked database: they are
 * sealed to the journal's public key and audited at the next successful login.
 */
public final class EmbeddedWorkstation implements Workstation {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedWorkstation.class);

  /**
   * @param kdf Argon2id cost for new key wraps and backup archives
   * @param lockout failed-attempt back-off
   */
  public record Options(Clock clock, KdfParams kdf, LockoutPolicy lockout) {
    public Options {
      Objects.requireNonNull(clock, "clock");
      Objects.requireNonNull(kdf, "kdf");
      Objects.requireNonNull(lockout, "lockout");
    }

    /** Production settings: system UTC clock, Argon2id 64 MiB × 3, standard lock-out. */
    public static Options defaults() {
      return new Options(Clock.systemUTC(), KdfParams.production(), LockoutPolicy.standard());
    }

    /** Cheap Argon2id for tests (never for real data). */
    public static Options fastKdfForTests(Clock clock) {
      return new Options(clock, KdfParams.fastForTests(), LockoutPolicy.standard());
    }

    public Options withLockout(LockoutPolicy policy) {
      return new Options(clock, kdf, policy);
    }
  }

  private final DataLayout layout;
  private final Options options;
  private final List<StoreSession> sessions = new CopyOnWriteArrayList<>();
  private KeyRing ring;
  private OpenStore store;
  private boolean closed;

  private EmbeddedWorkstation(DataLayout layout, Options options) {
    this.layout = layout;
    this.options = options;
  }

  /**
   * Opens (creating if needed) a data directory. Reads no PHI and needs no password.
   *
   * @throws StoreUnavailableException if the directory cannot be created
   */
  public static EmbeddedWorkstation open(Path dataDir, Options options) {
    Objects.requireNonNull(dataDir, "dataDir");
    Objects.requireNonNull(options, "options");
    DataLayout layout = new DataLayout(dataDir);
    try {
      Files.createDirectories(layout.root());
      Files.createDirectories(layout.logs());
      Files.createDirectories(layout.tmp());
    } catch (IOException e) {
      throw new StoreUnavailableException(
          StoreUnavailableException.Kind.IO_ERROR,
          "The data directory cannot be created or is not writable ("
              + e.getClass().getSimpleName()
              + ").",
          e);
    }
    return new EmbeddedWorkstation(layout, options);
  }

  @Override
  public Path dataDirectory() {
    return layout.root();
  }

  KdfParams kdf() {
    return options.kdf();
  }

  @Override
  public synchronized boolean isInitialised() {
    return KeyRing.exists(layout.keyring());
  }

  @Override
  public synchronized UserSession initialise(
      String adminUsername, String displayName, char[] password) {
    ensureNotClosed();
    if (isInitialised()) {
      throw new IllegalStateException("This data directory is already initialised.");
    }
    if (Files.exists(layout.dbFile())) {
      throw new IllegalStateException(
          "The data directory contains a database but no key ring (keyring.json): restore it"
              + " from a backup instead of initialising.");
    }
    String username = AccountRules.newUsername(adminUsername);
    String display = AccountRules.displayName(displayName, username);
    AccountRules.checkPassword(password);

    DataKey key = DataKey.generate();
    Database db;
    try {
      db = Database.create(layout, key, options.clock());
    } catch (RuntimeException e) {
      key.close();
      throw e;
    }
    KeyRing newRing = null;
    try {
      KeyPair sealing = SealedJournal.generateKeyPair();
      UserId adminId = UserId.random();
      newRing = KeyRing.create(layout.keyring(), options.kdf(), options.clock(), options.lockout());
      newRing.addUser(username, adminId, password, key);
      newRing.setSealingPublicKey(sealing.getPublic().getEncoded());
      OpenStore opened = new OpenStore(db, key);
      UserAccount admin =
          db.write(
              tx -> {
                UserAccount a =
                    new UserAccount(
                        adminId,
                        username,
                        display,
                        Role.ADMINISTRATOR,
                        false,
                        tx.now(),
                        Optional.of(tx.now()));
                UserRepository.insert(tx, a);
                OpenStore.storeSealingKey(tx, sealing.getPrivate());
                String actor = opened.actorOf(adminId);
                AuditRepository.append(
                    tx, tx.now(), actor, AuditAction.INITIALISE, "data-directory", "", true, "");
                AuditRepository.append(
                    tx,
                    tx.now(),
                    actor,
                    AuditAction.USER_CREATE,
                    "user",
                    adminId.value(),
                    true,
                    "role=" + Role.ADMINISTRATOR.name());
                AuditRepository.append(
                    tx,
                    tx.now(),
                    actor,
                    AuditAction.LOGIN_SUCCESS,
                    "user",
                    adminId.value(),
                    true,
                    "");
                tx.syncAfterCommit();
                return a;
              });
      this.ring = newRing;
      this.store = opened;
      StoreSession session = new StoreSession(this, opened, newRing, admin);
      sessions.add(session);
      LOG.info("Data directory initialised");
      return session;
    } catch (RuntimeException e) {
      db.close();
      key.close();
      undoInitialise(newRing != null);
      throw e;
    }
  }

  private void undoInitialise(boolean keyringCreated) {
    try {
      if (keyringCreated) {
        Files.deleteIfExists(layout.keyring());
      }
      if (Files.isDirectory(layout.dbDir())) {
        try (Stream<Path> files = Files.list(layout.dbDir())) {
          for (Path f : files.toList()) {
            Files.deleteIfExists(f);
          }
        }
      }
    } catch (IOException e) {
      LOG.error("Could not clean up a failed initialisation: {}", e.getClass().getSimpleName());
    }
  }

  @Override
  public synchronized UserSession login(String username, char[] password) {
    ensureNotClosed();
    if (!isInitialised()) {
      throw new StoreUnavailableException(
          StoreUnavailableException.Kind.NOT_INITIALISED,
          "This data directory has not been set up yet.",
          null);
    }
    KeyRing keyRing = keyRing();
    String u = AccountRules.normaliseUsername(username);
    DataKey key;
    try {
      key = keyRing.unlock(u, password == null ? new char[0] : password);
    } catch (AuthenticationException e) {
      recordFailedLogin(keyRing, u, e.reason());
      throw e;
    }
    if (store == null) {
      try {
        store = new OpenStore(Database.open(layout, key, options.clock()), key);
      } catch (RuntimeException e) {
        key.close();
        throw e;
      }
    } else {
      key.close();
    }
    OpenStore s = store;
    Optional<UserAccount> account;
    try {
      account =
          s.db()
              .write(
                  tx -> {
                    s.drainJournal(tx, layout, keyRing);
                    Optional<UserAccount> row = UserRepository.byUsername(tx, u);
                    if (row.isEmpty() || row.get().disabled()) {
                      AuditRepository.append(
                          tx,
                          tx.now(),
                          row.map(r -> s.actorOf(r.id()))
                              .orElseGet(() -> s.actorOfUnknownUsername(u)),
                          AuditAction.LOGIN_FAILURE,
                          "user",
                          row.map(r -> r.id().value()).orElse(""),
                          false,
                          "reason=DISABLED");
                      return Optional.<UserAccount>empty();
                    }
                    UserAccount a = row.get();
                    UserRepository.setLastLogin(tx, a.id(), tx.now());
                    AuditRepository.append(
                        tx,
                        tx.now(),
                        s.actorOf(a.id()),
                        AuditAction.LOGIN_SUCCESS,
                        "user",
                        a.id().value(),
                        true,
                        "");
                    return Optional.of(
                        new UserAccount(
                            a.id(),
                            a.username(),
                            a.displayName(),
                            a.role(),
                            false,
                            a.createdAt(),
                            Optional.of(tx.now())));
                  });
    } catch (RuntimeException e) {
      closeStoreIfUnused();
      throw e;
    }
    if (account.isEmpty()) {
      closeStoreIfUnused();
      throw new AuthenticationException(
          AuthenticationException.Reason.DISABLED,
          Optional.empty(),
          "This account is disabled. Ask an administrator.");
    }
    StoreSession session = new StoreSession(this, s, keyRing, account.get());
    sessions.add(session);
    return session;
  }

  /** The key ring, re-read from disk while no session holds it (a restore may have replaced it). */
  private KeyRing keyRing() {
    if (ring == null || store == null) {
      try {
        ring = KeyRing.load(layout.keyring(), options.kdf(), options.clock(), options.lockout());
      } catch (KeyRingException e) {
        ring = null;
        boolean io = e.kind() == KeyRingException.Kind.IO_ERROR;
        throw new StoreUnavailableException(
            io ? StoreUnavailableException.Kind.IO_ERROR : StoreUnavailableException.Kind.CORRUPTED,
            io
                ? "The key ring (keyring.json) cannot be read: " + e.userMessage()
                : "The key ring (keyring.json) is damaged." + SqlFailures.RESTORE_ADVICE,
            e);
      }
    }
    return ring;
  }

  private void recordFailedLogin(
      KeyRing keyRing, String username, AuthenticationException.Reason reason) {
    AuditAction action =
        reason == AuthenticationException.Reason.LOCKED_OUT
            ? AuditAction.LOGIN_LOCKED_OUT
            : AuditAction.LOGIN_FAILURE;
    String detail = "reason=" + reason.name();
    try {
      if (store != null) {
        OpenStore s = store;
        Optional<UserId> user = keyRing.userId(username);
        s.db()
            .write(
                tx ->
                    AuditRepository.append(
                        tx,
                        tx.now(),
                        user.map(s::actorOf).orElseGet(() -> s.actorOfUnknownUsername(username)),
                        action,
                        "user",
                        user.map(UserId::value).orElse(""),
                        false,
                        detail));
      } else {
        byte[] publicKey = keyRing.sealingPublicKey();
        PreAuthRecord rec = new PreAuthRecord(options.clock().instant(), action, username, detail);
        SealedJournal.append(layout.preAuthJournal(), publicKey, rec.encode());
      }
    } catch (RuntimeException e) {
      LOG.error("A failed login could not be recorded: {}", e.getClass().getSimpleName());
    }
  }

  synchronized void sessionEnded(StoreSession session) {
    sessions.remove(session);
    closeStoreIfUnused();
  }

  /** Ends every open session of {@code user} (account disabled). */
  void endSessionsOf(UserId user, String reason) {
    List<StoreSession> theirs = new ArrayList<>();
    for (StoreSession s : sessions) {
      if (s.user().id().equals(user)) {
        theirs.add(s);
      }
    }
    for (StoreSession s : theirs) {
      s.end(reason);
    }
  }

  private void closeStoreIfUnused() {
    if (sessions.isEmpty() && store != null) {
      store.close();
      store = null;
    }
  }

  private void ensureNotClosed() {
    if (closed) {
      throw new IllegalStateException("The workstation has been closed.");
    }
  }

  @Override
  public void close() {
    List<StoreSession> open;
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
      open = new ArrayList<>(sessions);
    }
    for (StoreSession s : open) {
      try {
        s.end("shutdown");
      } catch (RuntimeException e) {
        LOG.warn("Logout at shutdown failed: {}", e.getClass().getSimpleName());
      }
    }
    synchronized (this) {
      sessions.clear();
      if (store != null) {
        store.close();
        store = null;
      }
    }
  }
}
