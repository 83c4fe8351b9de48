package org.meditwin.chatlog;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;

/**
 * Measures the chat log on this machine (not a unit test). Run from the repository root:
 *
 * <pre>
 * ./mvnw -B -q -o -pl modules/chatlog test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.meditwin.chatlog.ChatLogBenchmark -Dexec.args="1000"
 * </pre>
 *
 * Prints: time to append N messages (each its own audited, committed transaction; assistant
 * messages carry answer metadata), time to open the session with all N messages (median of 5), time
 * to list sessions, time to create an escalation and to list the queue.
 */
public final class ChatLogBenchmark {
  private ChatLogBenchmark() {}

  public static void main(String[] args) throws IOException {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 1000;
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dir = Files.createTempDirectory("chatlog-bench");
    try (EmbeddedWorkstation ws =
            EmbeddedWorkstation.open(
                dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
        UserSession s = ws.initialise("admin", "Admin", "bench-password-1".toCharArray())) {
      ChatLog log = ChatLog.of(s);
      String id = log.create("Benchmark", Optional.empty(), Optional.empty()).id();
      AnswerRecord meta =
          new AnswerRecord(
              List.of(
                  new AnswerRecord.Cited(
                      "0000001-1#0",
                      "What is (are) Asthma ?",
                      "MedlinePlus",
                      Optional.of("https://medlineplus.gov/asthma.html"),
                      "kb"),
                  new AnswerRecord.Cited(
                      "0000002-1#0", "High Blood Pressure", "NHLBI", Optional.empty(), "kb")),
              List.of("general-physician", "cardiology"),
              List.of(),
              List.of(
                  new AnswerRecord.Tool(
                      "bmi", Map.of("weightKg", "82", "heightCm", "176"), "26.5")),
              OptionalDouble.of(0.71),
              "Not a diagnosis.",
              "en",
              false,
              false);
      String answer =
          "Asthma is a chronic disease that inflames and narrows the airways of the lungs [1]. "
              .repeat(6);
      long t0 = System.nanoTime();
      for (int i = 0; i < n; i++) {
        if (i % 2 == 0) {
          log.append(
              id, Speaker.USER, "Question " + i + ": what causes wheezing?", Optional.empty());
        } else {
          log.append(id, Speaker.ASSISTANT, answer, Optional.of(meta));
        }
      }
      double appendMs = (System.nanoTime() - t0) / 1e6;
      double[] open = new double[5];
      for (int r = 0; r < open.length; r++) {
        long t = System.nanoTime();
        ChatTranscript tr = log.open(id).orElseThrow();
        open[r] = (System.nanoTime() - t) / 1e6;
        if (tr.messages().size() != n) {
          throw new IllegalStateException("expected " + n + " messages");
        }
      }
      Arrays.sort(open);
      for (int i = 0; i < 49; i++) {
        log.create("Session " + i, Optional.empty(), Optional.empty());
      }
      long t1 = System.nanoTime();
      int sessions = log.sessions().size();
      double listMs = (System.nanoTime() - t1) / 1e6;
      EscalationQueue q = EscalationQueue.of(s);
      List<Double> create = new ArrayList<>();
      for (int i = 0; i < 20; i++) {
        long t = System.nanoTime();
        q.create(
            new EscalationRequest(
                "Case " + i + ": chest pain with sweating",
                Urgency.values()[i % 3],
                Optional.empty(),
                Optional.empty(),
                List.of("acute-coronary-syndrome")));
        create.add((System.nanoTime() - t) / 1e6);
      }
      create.sort(Double::compare);
      long t2 = System.nanoTime();
      int cases = q.list(Set.of()).size();
      double queueMs = (System.nanoTime() - t2) / 1e6;
      out.printf(
          Locale.ROOT,
          "append %d messages: %.0f ms (%.1f ms/message, audited transaction each)%n",
          n,
          appendMs,
          appendMs / n);
      out.printf(
          Locale.ROOT,
          "open session with %d messages: median %.1f ms (min %.1f, max %.1f, 5 runs)%n",
          n,
          open[2],
          open[0],
          open[4]);
      out.printf(Locale.ROOT, "list %d sessions: %.1f ms%n", sessions, listMs);
      out.printf(
          Locale.ROOT,
          "create escalation: median %.1f ms (20 runs, synced commit); list queue of %d: %.1f ms%n",
          create.get(create.size() / 2),
          cases,
          queueMs);
    } finally {
      try (Stream<Path> walk = Files.walk(dir)) {
        for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
          Files.deleteIfExists(p);
        }
      }
    }
  }
}
