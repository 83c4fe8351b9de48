package org.meditwin.app.cli;

import java.util.concurrent.Callable;
import org.meditwin.core.domain.AuditVerification;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(
    name = "audit",
    description = "Audit log commands.",
    subcommands = {AuditCommand.Verify.class})
final class AuditCommand {

  @Command(
      name = "verify",
      description =
          "Re-hash the whole audit chain; exit 1 and report the first broken entry if it was"
              + " edited, removed, inserted or reordered.")
  static final class Verify implements Callable<Integer> {
    private final CliContext context;

    @Mixin UserOption user;

    Verify(CliContext context) {
      this.context = context;
    }

    /** The JSON contract: {@code {ok, entries, firstBrokenEntry}}. */
    record Result(boolean ok, long entries, Long firstBrokenEntry) {}

    @Override
    public Integer call() {
      AuditVerification verification =
          context.withSession(user.resolve(context), session -> session.audit().verify());
      Long firstBroken =
          verification.firstBrokenEntry().isPresent()
              ? verification.firstBrokenEntry().getAsLong()
              : null;
      Result result = new Result(verification.ok(), verification.entries(), firstBroken);
      context.emit(
          result,
          verification.ok()
              ? "Audit chain intact: " + verification.entries() + " entries."
              : "Audit chain BROKEN at entry "
                  + firstBroken
                  + " of "
                  + verification.entries()
                  + ".");
      return verification.ok() ? ExitCode.OK : ExitCode.CHECK_FAILED;
    }
  }
}
