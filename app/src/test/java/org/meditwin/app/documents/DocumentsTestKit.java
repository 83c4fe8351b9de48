package org.meditwin.app.documents;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.documents.DocumentService;
import org.meditwin.documents.bench.SyntheticDocuments;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.store.EmbeddedWorkstation;

/** A real encrypted workstation with one synthetic patient and sample documents on disk. */
final class DocumentsTestKit implements AutoCloseable {
  static final String PASSWORD = "admin-password-1";

  final EmbeddedWorkstation workstation;
  final UserSession session;
  final Patient patient;
  final DocumentService docs;
  final Path dir;

  DocumentsTestKit(Path dir) {
    this.dir = dir;
    workstation =
        EmbeddedWorkstation.open(
            dir.resolve("data"), EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    session = workstation.initialise("admin", "Ada Admin", PASSWORD.toCharArray());
    patient =
        session
            .patients()
            .create(
                new PatientInput(
                    "",
                    "Zebulon",
                    "Quillfeather",
                    Optional.of(LocalDate.of(1950, 1, 2)),
                    Sex.MALE,
                    "",
                    "",
                    "",
                    ""));
    docs = DocumentService.open(session, DocumentService.Options.standard(ClinicalNlp::rulesOnly));
  }

  Path letter(String name, int pages) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, SyntheticDocuments.bornDigitalPdf(SyntheticDocuments.letterPages(pages)));
    return p;
  }

  Path bytes(String name, byte[] content) throws Exception {
    Path p = dir.resolve(name);
    Files.write(p, content);
    return p;
  }

  @Override
  public void close() {
    docs.close();
    session.close();
    workstation.close();
  }

  /** Stands in for the FX thread in view-model tests: the test thread drains it. */
  static final class FxQueue {
    private final BlockingQueue<Runnable> queue = new LinkedBlockingQueue<>();

    void post(Runnable r) {
      queue.add(r);
    }

    /** Runs posted work on the calling thread until {@code done} holds. */
    void drainUntil(BooleanSupplier done, Duration timeout) throws InterruptedException {
      long end = System.nanoTime() + timeout.toNanos();
      while (!done.getAsBoolean()) {
        long left = end - System.nanoTime();
        if (left <= 0) {
          throw new AssertionError("condition not met within " + timeout);
        }
        Runnable r = queue.poll(Math.min(left, 50_000_000L), TimeUnit.NANOSECONDS);
        if (r != null) {
          r.run();
        }
      }
      Runnable r;
      while ((r = queue.poll()) != null) {
        r.run();
      }
    }
  }
}
