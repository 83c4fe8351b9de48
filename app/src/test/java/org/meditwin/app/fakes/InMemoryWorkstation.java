package org.meditwin.app.fakes;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.AuditVerification;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.ProfessionalId;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.domain.UserId;
import org.meditwin.core.domain.VisitId;
import org.meditwin.core.domain.VisitSession;
import org.meditwin.core.domain.VisitStatus;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.AccountAdministration;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.AuthenticationException;
import org.meditwin.core.service.BackupService;
import org.meditwin.core.service.PasswordPolicy;
import org.meditwin.core.service.PatientService;
import org.meditwin.core.service.ProfessionalService;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.VisitService;
import org.meditwin.core.service.Workstation;

/**
 * Test-only in-memory {@link Workstation}: real behaviour of the contracts (passwords, lock-out
 * after 3 failures, roles, audit entries, validation) without encryption or disk.
 */
public final class InMemoryWorkstation implements Workstation {
  private final Clock clock;
  private final Map<String, Account> accounts = new LinkedHashMap<>();
  private final Map<PatientId, Patient> patients = new LinkedHashMap<>();
  private final Map<VisitId, VisitSession> visits = new LinkedHashMap<>();
  private final Map<ProfessionalId, Professional> professionals = new LinkedHashMap<>();
  private final List<AuditEvent> audit = new ArrayList<>();
  private final List<Path> backups = new ArrayList<>();
  private boolean brokenChain;

  private static final class Account {
    UserAccount user;
    char[] password;
    int failures;
    Optional<Instant> lockedUntil = Optional.empty();

    Account(UserAccount user, char[] password) {
      this.user = user;
      this.password = password.clone();
    }
  }

  public InMemoryWorkstation(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Path dataDirectory() {
    return Path.of("/nonexistent/in-memory");
  }

  @Override
  public synchronized boolean isInitialised() {
    return !accounts.isEmpty();
  }

  @Override
  public synchronized UserSession initialise(String adminUsername, String displayName, char[] pw) {
    if (isInitialised()) {
      throw new IllegalStateException("already initialised");
    }
    if (PasswordPolicy.problem(pw).isPresent()) {
      throw new IllegalArgumentException("The password does not meet the policy.");
    }
    Account a = addAccount(adminUsername, displayName, Role.ADMINISTRATOR, pw);
    record(a.user.id(), AuditAction.INITIALISE, true);
    return new Session(a.user);
  }

  /** Adds an account directly (test set-up). */
  public synchronized UserAccount addUser(String username, Role role, String password) {
    return addAccount(username, username, role, password.toCharArray()).user;
  }

  private Account addAccount(String username, String displayName, Role role, char[] pw) {
    String key = username.strip().toLowerCase(Locale.ROOT);
    if (accounts.containsKey(key)) {
      throw new IllegalArgumentException("That username is taken.");
    }
    UserAccount user =
        new UserAccount(
            UserId.random(), key, displayName, role, false, clock.instant(), Optional.empty());
    Account a = new Account(user, pw);
    accounts.put(key, a);
    return a;
  }

  @Override
  public synchronized UserSession login(String username, char[] password) {
    Account a = accounts.get(username.strip().toLowerCase(Locale.ROOT));
    if (a == null) {
      throw new AuthenticationException(
          AuthenticationException.Reason.WRONG_CREDENTIALS, Optional.empty(), "wrong");
    }
    check(a, password);
    record(a.user.id(), AuditAction.LOGIN_SUCCESS, true);
    return new Session(a.user);
  }

  private void check(Account a, char[] password) {
    Instant now = clock.instant();
    if (a.lockedUntil.isPresent() && now.isBefore(a.lockedUntil.get())) {
      throw new AuthenticationException(
          AuthenticationException.Reason.LOCKED_OUT, a.lockedUntil, "locked");
    }
    if (a.user.disabled()) {
      throw new AuthenticationException(
          AuthenticationException.Reason.DISABLED, Optional.empty(), "disabled");
    }
    if (!Arrays.equals(a.password, password)) {
      a.failures++;
      record(a.user.id(), AuditAction.LOGIN_FAILURE, false);
      if (a.failures >= 3) {
        a.lockedUntil = Optional.of(now.plus(Duration.ofSeconds(30)));
        throw new AuthenticationException(
            AuthenticationException.Reason.LOCKED_OUT, a.lockedUntil, "locked");
      }
      throw new AuthenticationException(
          AuthenticationException.Reason.WRONG_CREDENTIALS, Optional.empty(), "wrong");
    }
    a.failures = 0;
    a.lockedUntil = Optional.empty();
  }

  /** Makes the next verification report entry 2 as broken (test set-up). */
  public synchronized void breakAuditChain() {
    brokenChain = true;
  }

  public synchronized List<Path> backups() {
    return List.copyOf(backups);
  }

  public synchronized List<AuditEvent> auditEntries() {
    return List.copyOf(audit);
  }

  private void record(UserId actor, AuditAction action, boolean success) {
    String prev = audit.isEmpty() ? "0".repeat(64) : audit.getLast().hash();
    long seq = audit.size() + 1;
    audit.add(
        new AuditEvent(
            seq,
            clock.instant(),
            pseudonym(actor),
            action,
            "",
            "",
            success,
            "",
            prev,
            String.format("%064x", seq)));
  }

  private static String pseudonym(UserId id) {
    return "u_" + Integer.toHexString(id.value().hashCode());
  }

  @Override
  public void close() {}

  private final class Session
      implements UserSession,
          PatientService,
          VisitService,
          ProfessionalService,
          AuditLog,
          AccountAdministration,
          BackupService {
    private final UserAccount user;
    private boolean locked;
    private boolean closed;

    Session(UserAccount user) {
      this.user = user;
    }

    private void guard() {
      if (locked || closed) {
        throw new AccessDeniedException("The session is locked.");
      }
    }

    private void admin() {
      guard();
      if (!user.role().canAdminister()) {
        throw new AccessDeniedException("Administrators only.");
      }
    }

    @Override
    public UserAccount user() {
      return user;
    }

    @Override
    public PatientService patients() {
      return this;
    }

    @Override
    public ProfessionalService professionals() {
      return this;
    }

    @Override
    public VisitService visits() {
      return this;
    }

    @Override
    public AuditLog audit() {
      return this;
    }

    @Override
    public AccountAdministration accounts() {
      admin();
      return this;
    }

    @Override
    public BackupService backups() {
      admin();
      return this;
    }

    @Override
    public void lock() {
      synchronized (InMemoryWorkstation.this) {
        locked = true;
        record(user.id(), AuditAction.SESSION_LOCK, true);
      }
    }

    @Override
    public boolean isLocked() {
      return locked;
    }

    @Override
    public void unlock(char[] password) {
      synchronized (InMemoryWorkstation.this) {
        check(accounts.get(user.username()), password);
        locked = false;
        record(user.id(), AuditAction.SESSION_UNLOCK, true);
      }
    }

    @Override
    public void changePassword(char[] oldPassword, char[] newPassword) {
      synchronized (InMemoryWorkstation.this) {
        check(accounts.get(user.username()), oldPassword);
        accounts.get(user.username()).password = newPassword.clone();
      }
    }

    @Override
    public void close() {
      synchronized (InMemoryWorkstation.this) {
        if (!closed) {
          closed = true;
          record(user.id(), AuditAction.LOGOUT, true);
        }
      }
    }

    // PatientService
    @Override
    public Patient create(PatientInput input) {
      return store(input, false);
    }

    @Override
    public Patient createSynthetic(PatientInput input) {
      return store(input, true);
    }

    private Patient store(PatientInput in, boolean synthetic) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        validate(in, Optional.empty());
        Instant now = clock.instant();
        Patient p =
            new Patient(
                PatientId.random(),
                in.mrn(),
                in.givenName(),
                in.familyName(),
                in.birthDate(),
                in.sex(),
                in.phone(),
                in.email(),
                in.address(),
                in.notes(),
                synthetic,
                now,
                now);
        patients.put(p.id(), p);
        record(user.id(), AuditAction.PHI_CREATE, true);
        return p;
      }
    }

    private void validate(PatientInput in, Optional<PatientId> self) {
      if (in.mrn() == null || in.mrn().isBlank()) {
        throw new IllegalArgumentException("The MRN is required.");
      }
      for (Patient p : patients.values()) {
        if (p.mrn().equalsIgnoreCase(in.mrn().strip())
            && !self.map(id -> id.equals(p.id())).orElse(false)) {
          throw new IllegalArgumentException("Another patient already has this MRN.");
        }
      }
    }

    @Override
    public Patient update(PatientId id, PatientInput in) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        Patient old = patients.get(id);
        if (old == null) {
          throw new IllegalArgumentException("No such patient.");
        }
        validate(in, Optional.of(id));
        Patient p =
            new Patient(
                id,
                in.mrn(),
                in.givenName(),
                in.familyName(),
                in.birthDate(),
                in.sex(),
                in.phone(),
                in.email(),
                in.address(),
                in.notes(),
                old.synthetic(),
                old.createdAt(),
                clock.instant());
        patients.put(id, p);
        record(user.id(), AuditAction.PHI_UPDATE, true);
        return p;
      }
    }

    @Override
    public Optional<Patient> find(PatientId id) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        return Optional.ofNullable(patients.get(id));
      }
    }

    @Override
    public List<Patient> search(String query, int limit) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        String q = query.strip().toLowerCase(Locale.ROOT);
        return patients.values().stream()
            .filter(
                p ->
                    q.isEmpty()
                        || (p.displayName() + " " + p.mrn() + " " + p.phone() + " " + p.email())
                            .toLowerCase(Locale.ROOT)
                            .contains(q))
            .sorted(Comparator.comparing(Patient::updatedAt).reversed())
            .limit(limit)
            .toList();
      }
    }

    @Override
    public int count() {
      synchronized (InMemoryWorkstation.this) {
        return patients.size();
      }
    }

    @Override
    public void delete(PatientId id) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        patients.remove(id);
      }
    }

    // VisitService
    @Override
    public VisitSession start(PatientId patient, ProfessionalId professional, String reason) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        VisitSession v =
            new VisitSession(
                VisitId.random(),
                patient,
                professional,
                clock.instant(),
                Optional.empty(),
                reason,
                VisitStatus.IN_PROGRESS);
        visits.put(v.id(), v);
        return v;
      }
    }

    @Override
    public VisitSession changeStatus(VisitId id, VisitStatus status) {
      synchronized (InMemoryWorkstation.this) {
        VisitSession v = visits.get(id);
        VisitSession n =
            new VisitSession(
                v.id(),
                v.patientId(),
                v.professionalId(),
                v.startedAt(),
                v.endedAt(),
                v.reason(),
                status);
        visits.put(id, n);
        return n;
      }
    }

    @Override
    public Optional<VisitSession> find(VisitId id) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        return Optional.ofNullable(visits.get(id));
      }
    }

    @Override
    public List<VisitSession> forPatient(PatientId patient) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        return visits.values().stream()
            .filter(v -> v.patientId().equals(patient))
            .sorted(Comparator.comparing(VisitSession::startedAt).reversed())
            .toList();
      }
    }

    // ProfessionalService
    @Override
    public Professional create(
        String displayName, String profession, String licenseNumber, Optional<UserId> account) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        Professional p =
            new Professional(
                ProfessionalId.random(),
                displayName,
                profession,
                licenseNumber,
                account,
                true,
                clock.instant());
        professionals.put(p.id(), p);
        return p;
      }
    }

    @Override
    public Professional update(Professional professional) {
      synchronized (InMemoryWorkstation.this) {
        professionals.put(professional.id(), professional);
        return professional;
      }
    }

    @Override
    public Optional<Professional> find(ProfessionalId id) {
      synchronized (InMemoryWorkstation.this) {
        return Optional.ofNullable(professionals.get(id));
      }
    }

    @Override
    public Optional<Professional> forAccount(UserId account) {
      synchronized (InMemoryWorkstation.this) {
        return professionals.values().stream()
            .filter(p -> p.account().equals(Optional.of(account)))
            .findFirst();
      }
    }

    @Override
    public List<Professional> list(boolean includeInactive) {
      synchronized (InMemoryWorkstation.this) {
        return List.copyOf(professionals.values());
      }
    }

    // AuditLog
    @Override
    public List<AuditEvent> find(Filter f, int limit) {
      synchronized (InMemoryWorkstation.this) {
        guard();
        return audit.reversed().stream()
            .filter(e -> f.from().map(t -> !e.at().isBefore(t)).orElse(true))
            .filter(e -> f.to().map(t -> e.at().isBefore(t)).orElse(true))
            .filter(e -> f.action().map(a -> a == e.action()).orElse(true))
            .filter(e -> f.actor().map(a -> a.equals(e.actor())).orElse(true))
            .filter(e -> f.success().map(s -> s == e.success()).orElse(true))
            .limit(limit)
            .toList();
      }
    }

    @Override
    public long size() {
      synchronized (InMemoryWorkstation.this) {
        return audit.size();
      }
    }

    @Override
    public AuditVerification verify() {
      synchronized (InMemoryWorkstation.this) {
        return brokenChain
            ? new AuditVerification(false, audit.size(), OptionalLong.of(2))
            : new AuditVerification(true, audit.size(), OptionalLong.empty());
      }
    }

    @Override
    public String pseudonymOf(UserId user) {
      return pseudonym(user);
    }

    @Override
    public void recordExport(String targetType, String targetId, String detail) {
      synchronized (InMemoryWorkstation.this) {
        record(user.id(), AuditAction.EXPORT, true);
      }
    }

    // AccountAdministration
    @Override
    public List<UserAccount> list() {
      synchronized (InMemoryWorkstation.this) {
        admin();
        return accounts.values().stream().map(a -> a.user).toList();
      }
    }

    @Override
    public UserAccount create(String username, String displayName, Role role, char[] password) {
      synchronized (InMemoryWorkstation.this) {
        admin();
        UserAccount u = addAccount(username, displayName, role, password).user;
        record(user.id(), AuditAction.USER_CREATE, true);
        return u;
      }
    }

    private Account byId(UserId id) {
      return accounts.values().stream()
          .filter(a -> a.user.id().equals(id))
          .findFirst()
          .orElseThrow(() -> new IllegalArgumentException("No such user."));
    }

    private void setDisabled(Account a, boolean disabled) {
      UserAccount u = a.user;
      a.user =
          new UserAccount(
              u.id(),
              u.username(),
              u.displayName(),
              u.role(),
              disabled,
              u.createdAt(),
              u.lastLoginAt());
    }

    @Override
    public void disable(UserId id) {
      synchronized (InMemoryWorkstation.this) {
        admin();
        setDisabled(byId(id), true);
        record(user.id(), AuditAction.USER_DISABLE, true);
      }
    }

    @Override
    public void enable(UserId id, char[] newPassword) {
      synchronized (InMemoryWorkstation.this) {
        admin();
        Account a = byId(id);
        setDisabled(a, false);
        a.password = newPassword.clone();
        record(user.id(), AuditAction.USER_ENABLE, true);
      }
    }

    @Override
    public void resetPassword(UserId id, char[] newPassword) {
      synchronized (InMemoryWorkstation.this) {
        admin();
        byId(id).password = newPassword.clone();
        record(user.id(), AuditAction.USER_PASSWORD_RESET, true);
      }
    }

    @Override
    public void clearLockout(UserId id) {
      synchronized (InMemoryWorkstation.this) {
        admin();
        Account a = byId(id);
        a.failures = 0;
        a.lockedUntil = Optional.empty();
      }
    }

    // BackupService
    @Override
    public long backup(Path archive, char[] archivePassword) {
      synchronized (InMemoryWorkstation.this) {
        admin();
        backups.add(archive);
        record(user.id(), AuditAction.BACKUP, true);
        return 4096;
      }
    }
  }
}
