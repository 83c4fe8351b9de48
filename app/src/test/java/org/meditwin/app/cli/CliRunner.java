package org.meditwin.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.meditwin.core.service.Workstation;
import org.meditwin.store.EmbeddedWorkstation;

/** Runs CLI command lines in-process against one temporary data directory. */
final class CliRunner {
  static final String ADMIN_PASSWORD = "correct horse battery";
  static final ObjectMapper JSON = new ObjectMapper();

  private final Path home;
  private final Map<String, String> env = new HashMap<>();
  private Function<Path, Workstation> opener =
      dir ->
          EmbeddedWorkstation.open(
              dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
  private CliIo.PasswordPrompt prompt = CliIo.PasswordPrompt.none();

  CliRunner(Path home) {
    this.home = home;
  }

  CliRunner env(String name, String value) {
    env.put(name, value);
    return this;
  }

  CliRunner withoutEnv(String name) {
    env.remove(name);
    return this;
  }

  CliRunner prompt(CliIo.PasswordPrompt prompt) {
    this.prompt = prompt;
    return this;
  }

  CliRunner opener(Function<Path, Workstation> opener) {
    this.opener = opener;
    return this;
  }

  Path home() {
    return home;
  }

  Result run(String... args) {
    List<String> all = new ArrayList<>(List.of(args));
    all.add("--home");
    all.add(home.toString());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    CliIo io =
        new CliIo(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8),
            env,
            prompt);
    int code = MediTwinCli.run(all.toArray(String[]::new), io, opener);
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Initialises the home with administrator "admin" and signs later commands in as admin. */
  CliRunner initialised() {
    env(CliContext.PASSWORD_ENV, ADMIN_PASSWORD);
    Result init = run("init", "--admin", "admin", "--json");
    assertThat(init.exitCode()).as(init.err()).isZero();
    return this;
  }

  record Result(int exitCode, String out, String err) {
    /** The single JSON object on stdout; fails if stdout holds anything else. */
    JsonNode json() {
      try (MappingIterator<JsonNode> values = JSON.readerFor(JsonNode.class).readValues(out)) {
        List<JsonNode> all = values.readAll();
        assertThat(all).as("JSON values on stdout: %s", out).hasSize(1);
        assertThat(all.getFirst().isObject()).as(out).isTrue();
        return all.getFirst();
      } catch (IOException e) {
        throw new UncheckedIOException("stdout is not JSON: " + out, e);
      }
    }
  }
}
