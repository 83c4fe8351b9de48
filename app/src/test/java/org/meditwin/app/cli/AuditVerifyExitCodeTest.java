package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditVerification;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.Workstation;

/**
 * The store's own tests tamper with a real chain; here a workstation whose chain reports a break
 * checks what the CLI does with it: exit 1 and the first broken entry in the JSON.
 */
class AuditVerifyExitCodeTest {
  @TempDir Path home;

  @Test
  void brokenChainExitsOneAndNamesTheFirstBrokenEntry() {
    AuditVerification broken = new AuditVerification(false, 42, OptionalLong.of(17));
    CliRunner cli =
        new CliRunner(home)
            .env(CliContext.PASSWORD_ENV, CliRunner.ADMIN_PASSWORD)
            .opener(dir -> workstationWhoseAuditSays(dir, broken));

    CliRunner.Result result = cli.run("audit", "verify", "--user", "admin", "--json");

    assertThat(result.exitCode()).isEqualTo(ExitCode.CHECK_FAILED);
    JsonNode json = result.json();
    assertThat(json.get("ok").asBoolean()).isFalse();
    assertThat(json.get("entries").asLong()).isEqualTo(42);
    assertThat(json.get("firstBrokenEntry").asLong()).isEqualTo(17);
    assertThat(cli.run("audit", "verify", "--user", "admin").out()).contains("BROKEN at entry 17");
  }

  private static Workstation workstationWhoseAuditSays(Path dir, AuditVerification verification) {
    AuditLog audit =
        proxy(
            AuditLog.class,
            (name, args) -> {
              if (name.equals("verify")) {
                return verification;
              }
              throw new UnsupportedOperationException(name);
            });
    UserSession session =
        proxy(
            UserSession.class,
            (name, args) ->
                switch (name) {
                  case "audit" -> audit;
                  case "close" -> null;
                  default -> throw new UnsupportedOperationException(name);
                });
    return proxy(
        Workstation.class,
        (name, args) ->
            switch (name) {
              case "isInitialised" -> true;
              case "dataDirectory" -> dir;
              case "login" -> session;
              case "close" -> null;
              default -> throw new UnsupportedOperationException(name);
            });
  }

  private interface Answer {
    Object answer(String method, Object[] args);
  }

  private static <T> T proxy(Class<T> type, Answer answer) {
    return type.cast(
        Proxy.newProxyInstance(
            type.getClassLoader(),
            new Class<?>[] {type},
            (self, method, args) -> answer.answer(method.getName(), args)));
  }
}
