package org.meditwin.notes;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.UserSession;
import org.meditwin.soap.DraftSentence;
import org.meditwin.soap.Section;
import org.meditwin.soap.SoapDraft;
import org.meditwin.store.EmbeddedWorkstation;

/**
 * Measures note latencies on this machine (not a unit test). From the repository root:
 *
 * <pre>
 * ./mvnw -B -q -o -pl modules/notes test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=org.meditwin.notes.NotesBenchmark -Dexec.args="200"
 * </pre>
 *
 * Prints median and p95 of: autosave (saveDraft of a 40-sentence hearing note, one audited
 * transaction), find (audited read), approve (synced), amend (synced), PDF render.
 */
public final class NotesBenchmark {
  private NotesBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    Path dir = Files.createTempDirectory("notes-bench");
    try (EmbeddedWorkstation ws = NoteFixture.open(dir);
        UserSession s = NoteFixture.initialise(ws)) {
      Patient p = NoteFixture.patient(s, "Bench", "Patient", "MRN-B");
      NoteService notes = NoteService.of(s);
      SoapDraft base = NoteFixture.hearingDraft("Ringing in the left ear.");
      List<DraftSentence> many = new ArrayList<>(base.sentences());
      for (int i = 0; i < 36; i++) {
        many.add(
            new DraftSentence(
                Section.values()[i % 4],
                "Sentence " + i + " about counselling, amplification and follow-up.",
                List.of()));
      }
      String transcript = NoteFixture.TRANSCRIPT.repeat(40);
      SoapDraft draft = with(base, many);
      NoteId id = notes.createDraft(p.id().value(), Optional.empty(), transcript, draft).id();
      for (int i = 0; i < 20; i++) {
        notes.saveDraft(id, transcript, draft); // warm-up
      }
      long[] save = new long[n];
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        notes.saveDraft(id, transcript, draft);
        save[i] = System.nanoTime() - t;
      }
      long[] find = new long[n];
      for (int i = 0; i < n; i++) {
        long t = System.nanoTime();
        notes.find(id);
        find[i] = System.nanoTime() - t;
      }
      int k = Math.max(5, n / 10);
      long[] approve = new long[k];
      long[] amend = new long[k];
      long[] pdf = new long[k];
      for (int i = 0; i < k; i++) {
        NoteId note = notes.createDraft(p.id().value(), Optional.empty(), transcript, draft).id();
        long t = System.nanoTime();
        notes.approve(note);
        approve[i] = System.nanoTime() - t;
        t = System.nanoTime();
        notes.amend(note, "bench", draft);
        amend[i] = System.nanoTime() - t;
        t = System.nanoTime();
        notes.renderPdf(note);
        pdf[i] = System.nanoTime() - t;
      }
      out.println("notes benchmark (" + n + " autosaves, " + k + " approvals)");
      row(out, "autosave (saveDraft, 40 sentences)", save);
      row(out, "find (audited read)", find);
      row(out, "approve (synced)", approve);
      row(out, "amend (synced)", amend);
      row(out, "PDF render (2 pages)", pdf);
    }
  }

  private static SoapDraft with(SoapDraft d, List<DraftSentence> sentences) {
    return new SoapDraft(
        d.template(),
        sentences,
        d.fields(),
        d.audiogram(),
        List.of(),
        d.missingFields(),
        false,
        d.issues(),
        d.engine());
  }

  private static void row(PrintStream out, String what, long[] nanos) {
    long[] s = nanos.clone();
    Arrays.sort(s);
    out.printf(
        Locale.ROOT,
        "%-38s median %7.2f ms   p95 %7.2f ms%n",
        what,
        s[s.length / 2] / 1e6,
        s[Math.min(s.length - 1, (int) (s.length * 0.95))] / 1e6);
  }
}
