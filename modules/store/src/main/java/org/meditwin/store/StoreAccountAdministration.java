package org.meditwin.store;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.domain.UserId;
import org.meditwin.core.service.AccountAdministration;

/**
 * Administrator account management. The database row and the key-ring entry change inside one
 * transaction: the key ring is written last, so a key-ring failure rolls the row back; every change
 * ends with {@code CHECKPOINT SYNC}.
 */
final class StoreAccountAdministration implements AccountAdministration {

  static final String TARGET = "user";

  private final StoreSession session;

  StoreAccountAdministration(StoreSession session) {
    this.session = session;
  }

  @Override
  public List<UserAccount> list() {
    session.guardAdmin();
    return session.db().read(UserRepository::all);
  }

  @Override
  public UserAccount create(String username, String displayName, Role role, char[] password) {
    session.guardAdmin();
    Objects.requireNonNull(role, "role");
    String u = AccountRules.newUsername(username);
    String display = AccountRules.displayName(displayName, u);
    AccountRules.checkPassword(password);
    boolean[] wrapped = {false};
    try {
      return session
          .db()
          .write(
              tx -> {
                if (UserRepository.byUsername(tx, u).isPresent()
                    || session.ring().userId(u).isPresent()) {
                  throw new IllegalArgumentException("That username is already taken.");
                }
                UserAccount account =
                    new UserAccount(
                        UserId.random(), u, display, role, false, tx.now(), Optional.empty());
                UserRepository.insert(tx, account);
                session.audit(
                    tx,
                    AuditAction.USER_CREATE,
                    TARGET,
                    account.id().value(),
                    true,
                    "role=" + role.name());
                session.ring().addUser(u, account.id(), password, session.store().key());
                wrapped[0] = true;
                tx.syncAfterCommit();
                return account;
              });
    } catch (RuntimeException e) {
      if (wrapped[0]) {
        compensate(() -> session.ring().removeUser(u));
      }
      throw e;
    }
  }

  @Override
  public void disable(UserId user) {
    session.guardAdmin();
    Objects.requireNonNull(user, "user");
    if (user.equals(session.user().id())) {
      throw new IllegalArgumentException("You cannot disable your own account.");
    }
    boolean changed =
        session
            .db()
            .write(
                tx -> {
                  UserAccount target = existing(tx, user);
                  if (target.disabled()) {
                    return false;
                  }
                  if (target.role() == Role.ADMINISTRATOR
                      && UserRepository.enabledAdministrators(tx) <= 1) {
                    throw new IllegalArgumentException(
                        "The last administrator account cannot be disabled.");
                  }
                  UserRepository.setDisabled(tx, user, true);
                  session.audit(tx, AuditAction.USER_DISABLE, TARGET, user.value(), true, "");
                  session.ring().removeUser(target.username());
                  tx.syncAfterCommit();
                  return true;
                });
    if (changed) {
      session.workstation().endSessionsOf(user, "account-disabled");
    }
  }

  @Override
  public void enable(UserId user, char[] newPassword) {
    session.guardAdmin();
    Objects.requireNonNull(user, "user");
    AccountRules.checkPassword(newPassword);
    session
        .db()
        .write(
            tx -> {
              UserAccount target = existing(tx, user);
              if (!target.disabled()) {
                throw new IllegalArgumentException("This account is already enabled.");
              }
              UserRepository.setDisabled(tx, user, false);
              session.audit(tx, AuditAction.USER_ENABLE, TARGET, user.value(), true, "");
              if (session.ring().userId(target.username()).isPresent()) {
                session.ring().removeUser(target.username());
              }
              session.ring().addUser(target.username(), user, newPassword, session.store().key());
              tx.syncAfterCommit();
              return null;
            });
  }

  @Override
  public void resetPassword(UserId user, char[] newPassword) {
    session.guardAdmin();
    Objects.requireNonNull(user, "user");
    AccountRules.checkPassword(newPassword);
    session
        .db()
        .write(
            tx -> {
              UserAccount target = existing(tx, user);
              if (target.disabled()) {
                throw new IllegalArgumentException(
                    "This account is disabled: enable it with a new password instead.");
              }
              session.audit(tx, AuditAction.USER_PASSWORD_RESET, TARGET, user.value(), true, "");
              session.ring().rewrap(target.username(), newPassword, session.store().key());
              session.ring().clearLockout(target.username());
              tx.syncAfterCommit();
              return null;
            });
  }

  @Override
  public void clearLockout(UserId user) {
    session.guardAdmin();
    Objects.requireNonNull(user, "user");
    session
        .db()
        .write(
            tx -> {
              UserAccount target = existing(tx, user);
              session.audit(
                  tx, AuditAction.USER_ENABLE, TARGET, user.value(), true, "lockout-cleared");
              session.ring().clearLockout(target.username());
              return null;
            });
  }

  private static UserAccount existing(Tx tx, UserId user) throws java.sql.SQLException {
    return UserRepository.byId(tx, user)
        .orElseThrow(() -> new IllegalArgumentException("No such user account."));
  }

  private static void compensate(Runnable r) {
    try {
      r.run();
    } catch (RuntimeException e) {
      org.slf4j.LoggerFactory.getLogger(StoreAccountAdministration.class)
          .error("Could not undo a key-ring change: {}", e.getClass().getSimpleName());
    }
  }
}
