package org.meditwin.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Professional;
import org.meditwin.core.domain.ProfessionalId;
import org.meditwin.core.domain.UserId;
import org.meditwin.core.service.ProfessionalService;

/** Professionals (staff, not PHI): writes are audited, reads are not. */
final class StoreProfessionalService implements ProfessionalService {

  static final String TARGET = "professional";

  private final StoreSession session;

  StoreProfessionalService(StoreSession session) {
    this.session = session;
  }

  @Override
  public Professional create(
      String displayName, String profession, String licenseNumber, Optional<UserId> account) {
    session.guard();
    Optional<UserId> acct = account == null ? Optional.empty() : account;
    Professional p =
        validate(
            new Professional(
                ProfessionalId.random(),
                displayName,
                profession,
                licenseNumber,
                acct,
                true,
                session.db().now()));
    return session
        .db()
        .write(
            tx -> {
              checkAccount(tx, p.account());
              ProfessionalRepository.insert(tx, p);
              session.audit(tx, AuditAction.PHI_CREATE, TARGET, p.id().value(), true, "");
              return p;
            });
  }

  @Override
  public Professional update(Professional professional) {
    session.guard();
    Objects.requireNonNull(professional, "professional");
    Professional p = validate(professional);
    return session
        .db()
        .write(
            tx -> {
              Professional old =
                  ProfessionalRepository.find(tx, p.id())
                      .orElseThrow(() -> new IllegalArgumentException("No such professional."));
              checkAccount(tx, p.account());
              Professional updated =
                  new Professional(
                      p.id(),
                      p.displayName(),
                      p.profession(),
                      p.licenseNumber(),
                      p.account(),
                      p.active(),
                      old.createdAt());
              ProfessionalRepository.update(tx, updated);
              session.audit(
                  tx,
                  AuditAction.PHI_UPDATE,
                  TARGET,
                  p.id().value(),
                  true,
                  old.active() == updated.active() ? "" : "active=" + updated.active());
              return updated;
            });
  }

  private static void checkAccount(Tx tx, Optional<UserId> account) throws java.sql.SQLException {
    if (account.isPresent() && UserRepository.byId(tx, account.get()).isEmpty()) {
      throw new IllegalArgumentException("The linked user account does not exist.");
    }
  }

  private static Professional validate(Professional p) {
    if (p.displayName().isEmpty()) {
      throw new IllegalArgumentException("Enter the professional's name.");
    }
    if (p.displayName().length() > 200) {
      throw new IllegalArgumentException("Name is too long (at most 200 characters).");
    }
    if (p.profession().length() > 200) {
      throw new IllegalArgumentException("Profession is too long (at most 200 characters).");
    }
    if (p.licenseNumber().length() > 100) {
      throw new IllegalArgumentException("Licence number is too long (at most 100 characters).");
    }
    return p;
  }

  @Override
  public Optional<Professional> find(ProfessionalId id) {
    session.guard();
    return session.db().read(tx -> ProfessionalRepository.find(tx, id));
  }

  @Override
  public Optional<Professional> forAccount(UserId account) {
    session.guard();
    return session.db().read(tx -> ProfessionalRepository.forAccount(tx, account));
  }

  @Override
  public List<Professional> list(boolean includeInactive) {
    session.guard();
    return session.db().read(tx -> ProfessionalRepository.list(tx, includeInactive));
  }
}
