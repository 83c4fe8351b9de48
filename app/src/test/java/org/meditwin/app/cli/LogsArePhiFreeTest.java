package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.PatientId;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.service.Workstation;
import org.meditwin.store.EmbeddedWorkstation;
import org.slf4j.LoggerFactory;

/**
 * Runs the production logging configuration against a temporary home, does what touches PHI (demo
 * load, searches, reads, a failed login) and scans the log file for the patients' data.
 */
class LogsArePhiFreeTest {
  @TempDir Path home;
  private Properties savedProperties;

  @BeforeEach
  void useProductionLogging() {
    savedProperties = (Properties) System.getProperties().clone();
    Logging.configure(home, false);
  }

  @AfterEach
  void restoreTestLogging() throws Exception {
    System.setProperties(savedProperties);
    LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    context.reset();
    new ContextInitializer(context).autoConfig();
  }

  @Test
  void demoLoadAndSearchLeaveNoPatientDataInTheLog() throws Exception {
    CliRunner cli = new CliRunner(home).initialised();
    JsonNode demo = cli.run("demo", "load", "--user", "admin", "--json").json();
    assertThat(demo.get("patients").size()).isPositive();

    List<String> phi = new ArrayList<>();
    try (Workstation workstation =
            EmbeddedWorkstation.open(
                home, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
        UserSession session = workstation.login("admin", CliRunner.ADMIN_PASSWORD.toCharArray())) {
      for (JsonNode row : demo.get("patients")) {
        Patient patient =
            session.patients().find(new PatientId(row.get("id").asText())).orElseThrow();
        phi.add(patient.givenName());
        phi.add(patient.familyName());
        phi.add(patient.mrn());
        phi.add(patient.phone());
        phi.add(patient.email());
        phi.add(patient.address());
        phi.add(patient.notes());
        patient.birthDate().ifPresent(d -> phi.add(d.toString()));
        assertThat(session.patients().search(patient.familyName(), 10)).isNotEmpty();
        assertThat(session.patients().search(patient.mrn(), 10)).isNotEmpty();
      }
    }
    assertThat(phi).hasSizeGreaterThan(demo.get("patients").size());
    cli.env(CliContext.PASSWORD_ENV, "a wrong password").run("demo", "load", "--user", "admin");

    Path logFile = home.resolve("logs").resolve("meditwin.log");
    List<String> lines = Files.readAllLines(logFile);
    assertThat(lines).as("the log records what happened").isNotEmpty();
    for (String line : lines) {
      assertThat(CliRunner.JSON.readTree(line).isObject()).as(line).isTrue();
    }
    String log = String.join("\n", lines);
    assertThat(log).contains("cli.demo.load");
    for (String value : phi) {
      if (value.strip().length() >= 3) {
        assertThat(log).as("log must not contain PHI").doesNotContainIgnoringCase(value.strip());
      }
    }
  }
}
