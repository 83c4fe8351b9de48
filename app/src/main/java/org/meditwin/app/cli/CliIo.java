package org.meditwin.app.cli;

import java.io.Console;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;

/**
 * Where a CLI run reads and writes: stdout for results, stderr for messages, the environment for
 * passwords, and a no-echo prompt for interactive use. Tests pass their own.
 */
public record CliIo(
    PrintStream out, PrintStream err, Map<String, String> env, PasswordPrompt prompt) {

  /** Reads a secret without echo; empty when there is no terminal to ask on. */
  @FunctionalInterface
  public interface PasswordPrompt {
    Optional<char[]> read(String prompt);

    /** For scripts and tests: never prompts. */
    static PasswordPrompt none() {
      return prompt -> Optional.empty();
    }

    /** The process terminal ({@link System#console()}) when stdin is a terminal. */
    static PasswordPrompt terminal() {
      return prompt -> {
        Console console = System.console();
        if (console == null || !console.isTerminal()) {
          return Optional.empty();
        }
        char[] value = console.readPassword("%s", prompt);
        return Optional.ofNullable(value);
      };
    }

    /** Answers each prompt with the next value (tests). */
    static PasswordPrompt answering(String... answers) {
      String[] copy = Arrays.copyOf(answers, answers.length);
      int[] next = {0};
      return prompt ->
          next[0] < copy.length ? Optional.of(copy[next[0]++].toCharArray()) : Optional.empty();
    }
  }

  public CliIo {
    env = Map.copyOf(env);
  }

  /** The real process streams, environment and terminal. */
  public static CliIo system() {
    return new CliIo(System.out, System.err, System.getenv(), PasswordPrompt.terminal());
  }

  Optional<String> env(String name) {
    String value = env.get(name);
    return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
  }
}
