package org.meditwin.app.cli.escalations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.chatlog.Escalation;
import org.meditwin.chatlog.EscalationQueue;
import org.meditwin.chatlog.EscalationRequest;
import org.meditwin.chatlog.Urgency;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;
import picocli.CommandLine;

class EscalationsCommandTest {
  @TempDir Path dir;

  @Test
  void casesAreFoundByReferenceInAnyCaseOrByIdAndPrintedWithStableFields() {
    try (EmbeddedWorkstation ws =
            EmbeddedWorkstation.open(
                dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
        UserSession s = ws.initialise("admin", "Dr Admin", "correct horse battery".toCharArray())) {
      EscalationQueue q = EscalationQueue.of(s);
      Escalation e =
          q.create(
              new EscalationRequest(
                  "Sudden hearing loss in the left ear since this morning",
                  Urgency.URGENT,
                  Optional.empty(),
                  Optional.empty(),
                  List.of("sudden-sensorineural-hearing-loss")));
      assertThat(EscalationsCommand.resolve(s, e.reference().toLowerCase())).isEqualTo(e.id());
      assertThat(EscalationsCommand.resolve(s, e.id())).isEqualTo(e.id());
      assertThatThrownBy(() -> EscalationsCommand.resolve(s, "E-00000000"))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("no escalation E-00000000");

      Map<String, Object> json = EscalationsCommand.json(q.pickUp(e.id()));
      assertThat(json)
          .containsEntry("reference", e.reference())
          .containsEntry("urgency", "URGENT")
          .containsEntry("status", "PICKED_UP")
          .containsEntry("redFlags", List.of("sudden-sensorineural-hearing-loss"))
          .containsKeys("pickedUpAt", "closedAt", "notes", "delivery", "createdBy");
      assertThat(json.get("pickedUpBy").toString()).contains("admin");
      assertThat(((Map<?, ?>) json.get("delivery")).get("status")).isEqualTo("NOT_CONFIGURED");
    }
  }

  @Test
  void subcommandsParseTheirArguments() {
    CommandLine cli = new CommandLine(new EscalationsCommand());
    assertThat(cli.parseArgs("list", "--all", "--user", "anna").subcommand().matchedOption("--all"))
        .isNotNull();
    assertThat(
            cli.parseArgs("close", "E-1A2B3C4D", "--note", "done", "--user", "anna")
                .subcommand()
                .matchedPositional(0)
                .getValue()
                .toString())
        .isEqualTo("E-1A2B3C4D");
    assertThatThrownBy(() -> cli.parseArgs("pickup", "E-1A2B3C4D"))
        .isInstanceOf(CommandLine.MissingParameterException.class)
        .hasMessageContaining("--user");
  }
}
