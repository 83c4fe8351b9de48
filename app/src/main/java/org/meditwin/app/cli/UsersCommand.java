package org.meditwin.app.cli;

import java.text.Normalizer;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.meditwin.core.domain.Role;
import org.meditwin.core.domain.UserAccount;
import org.meditwin.core.service.AccountAdministration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
    name = "users",
    description =
        "Account administration (administrators; --user NAME signs in). New passwords:"
            + " $MEDITWIN_NEW_PASSWORD or a prompt.",
    subcommands = {
      UsersCommand.ListUsers.class,
      UsersCommand.Add.class,
      UsersCommand.Disable.class,
      UsersCommand.Enable.class,
      UsersCommand.ResetPassword.class,
      UsersCommand.Unlock.class
    })
final class UsersCommand {

  record ListResult(List<UserJson> users) {}

  record UserResult(boolean ok, UserJson user) {}

  static UserAccount find(AccountAdministration accounts, String username) {
    String wanted = normalise(username);
    return accounts.list().stream()
        .filter(a -> normalise(a.username()).equals(wanted))
        .findFirst()
        .orElseThrow(() -> CliException.usage("no user named '" + username.strip() + "'"));
  }

  private static String normalise(String username) {
    return Normalizer.normalize(username.strip(), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }

  @Command(name = "list", description = "List accounts.")
  static final class ListUsers implements Callable<Integer> {
    private final CliContext context;
    @Mixin UserOption user;

    ListUsers(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      List<UserJson> users =
          context.withSession(
              user.resolve(context), s -> s.accounts().list().stream().map(UserJson::of).toList());
      context.emit(
          new ListResult(users),
          users.stream().map(UserJson::line).collect(Collectors.joining(System.lineSeparator())));
      return ExitCode.OK;
    }
  }

  @Command(name = "add", description = "Create an account.")
  static final class Add implements Callable<Integer> {
    private final CliContext context;
    @Mixin UserOption user;

    @Parameters(index = "0", paramLabel = "USERNAME")
    String username;

    @Option(
        names = "--role",
        defaultValue = "CLINICIAN",
        description =
            "ADMINISTRATOR, CLINICIAN or HEARING_CARE_PROFESSIONAL (default ${DEFAULT-VALUE}).")
    Role role;

    @Option(names = "--display-name", paramLabel = "TEXT")
    String displayName;

    Add(CliContext context) {
      this.context = context;
    }

    @Override
    public Integer call() {
      UserAccount created =
          context.withSession(
              user.resolve(context),
              s -> {
                AccountAdministration accounts = s.accounts();
                char[] password =
                    context.secret(
                        CliContext.NEW_PASSWORD_ENV, "Password for " + username.strip(), true);
                try {
                  Passwords.requireAcceptable(password, "the new password");
                  return accounts.create(
                      username,
                      displayName == null ? username.strip() : displayName,
                      role,
                      password);
                } finally {
                  Arrays.fill(password, '\0');
                }
              });
      UserJson json = UserJson.of(created);
      context.emit(
          new UserResult(true, json), "Created " + json.role() + " '" + json.username() + "'.");
      return ExitCode.OK;
    }
  }

  /** Shared shape of the commands that act on one named account. */
  abstract static class OnAccount implements Callable<Integer> {
    final CliContext context;
    @Mixin UserOption user;

    @Parameters(index = "0", paramLabel = "USERNAME")
    String username;

    OnAccount(CliContext context) {
      this.context = context;
    }

    abstract String verb();

    abstract boolean needsNewPassword();

    abstract BiConsumer<AccountAdministration, UserAccount> action(char[] newPassword);

    @Override
    public Integer call() {
      UserAccount after =
          context.withSession(
              user.resolve(context),
              s -> {
                AccountAdministration accounts = s.accounts();
                UserAccount target = find(accounts, username);
                char[] password = new char[0];
                if (needsNewPassword()) {
                  password =
                      context.secret(
                          CliContext.NEW_PASSWORD_ENV,
                          "New password for " + target.username(),
                          true);
                }
                try {
                  if (needsNewPassword()) {
                    Passwords.requireAcceptable(password, "the new password");
                  }
                  action(password).accept(accounts, target);
                } finally {
                  Arrays.fill(password, '\0');
                }
                return find(accounts, username);
              });
      UserJson json = UserJson.of(after);
      Map<String, Object> result = new LinkedHashMap<>();
      result.put("ok", true);
      result.put("user", json);
      context.emit(result, verb() + " '" + json.username() + "'.");
      return ExitCode.OK;
    }
  }

  @Command(name = "disable", description = "Disable an account (its key wrap is destroyed).")
  static final class Disable extends OnAccount {
    Disable(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "Disabled";
    }

    @Override
    boolean needsNewPassword() {
      return false;
    }

    @Override
    BiConsumer<AccountAdministration, UserAccount> action(char[] newPassword) {
      return (accounts, target) -> accounts.disable(target.id());
    }
  }

  @Command(name = "enable", description = "Re-enable a disabled account with a new password.")
  static final class Enable extends OnAccount {
    Enable(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "Enabled";
    }

    @Override
    boolean needsNewPassword() {
      return true;
    }

    @Override
    BiConsumer<AccountAdministration, UserAccount> action(char[] newPassword) {
      return (accounts, target) -> accounts.enable(target.id(), newPassword);
    }
  }

  @Command(name = "reset-password", description = "Set a new password (re-wraps the data key).")
  static final class ResetPassword extends OnAccount {
    ResetPassword(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "Reset the password of";
    }

    @Override
    boolean needsNewPassword() {
      return true;
    }

    @Override
    BiConsumer<AccountAdministration, UserAccount> action(char[] newPassword) {
      return (accounts, target) -> accounts.resetPassword(target.id(), newPassword);
    }
  }

  @Command(name = "unlock", description = "Clear a lock-out after failed sign-in attempts.")
  static final class Unlock extends OnAccount {
    Unlock(CliContext context) {
      super(context);
    }

    @Override
    String verb() {
      return "Cleared the lock-out of";
    }

    @Override
    boolean needsNewPassword() {
      return false;
    }

    @Override
    BiConsumer<AccountAdministration, UserAccount> action(char[] newPassword) {
      return (accounts, target) -> accounts.clearLockout(target.id());
    }
  }
}
