package org.meditwin.documents;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.meditwin.core.domain.Sex;
import org.meditwin.core.service.PatientService.PatientInput;
import org.meditwin.core.service.UserSession;
import org.meditwin.nlp.ClinicalNlp;
import org.meditwin.store.EmbeddedWorkstation;

/** A real encrypted workstation in a temp dir, a synthetic patient and a document service. */
final class Fixture implements AutoCloseable {
  static final String ADMIN = "admin";
  static final char[] PASSWORD = "admin-password-1".toCharArray();

  final Path dir;
  final EmbeddedWorkstation workstation;
  final UserSession session;
  final String patientId;
  DocumentService docs;

  private Fixture(Path dir, EmbeddedWorkstation ws, UserSession s, String patientId) {
    this.dir = dir;
    this.workstation = ws;
    this.session = s;
    this.patientId = patientId;
  }

  static Fixture create(Path dir) {
    EmbeddedWorkstation ws =
        EmbeddedWorkstation.open(
            dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    UserSession s = ws.initialise(ADMIN, "Ada Admin", PASSWORD.clone());
    String pid =
        s.patients()
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
                    ""))
            .id()
            .value();
    Fixture f = new Fixture(dir, ws, s, pid);
    f.docs = DocumentService.open(s, options());
    return f;
  }

  /** Signs in again on an existing data directory (a restart). */
  static Fixture reopen(Path dir, String patientId) {
    EmbeddedWorkstation ws =
        EmbeddedWorkstation.open(
            dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    UserSession s = ws.login(ADMIN, PASSWORD.clone());
    Fixture f = new Fixture(dir, ws, s, patientId);
    f.docs = DocumentService.open(s, options());
    return f;
  }

  static DocumentService.Options options() {
    return DocumentService.Options.standard(ClinicalNlp::rulesOnly);
  }

  DocumentSummary importAndWait(String name, byte[] bytes) {
    ImportOutcome o = docs.importBytes(patientId, name, bytes);
    return docs.awaitCompletion(o.document().orElseThrow().id());
  }

  /** Files under the data directory that contain {@code needle} in plain bytes. */
  List<Path> filesContaining(String needle) {
    byte[] n = needle.getBytes(StandardCharsets.UTF_8);
    List<Path> out = new ArrayList<>();
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.filter(Files::isRegularFile).toList()) {
        byte[] b = Files.readAllBytes(p);
        outer:
        for (int i = 0; i + n.length <= b.length; i++) {
          for (int j = 0; j < n.length; j++) {
            if (b[i + j] != n[j]) {
              continue outer;
            }
          }
          out.add(p);
          break;
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  @Override
  public void close() {
    if (docs != null) {
      docs.close();
    }
    session.close();
    workstation.close();
  }
}
