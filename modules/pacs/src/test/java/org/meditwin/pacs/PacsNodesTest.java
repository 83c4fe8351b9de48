package org.meditwin.pacs;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.UserSession;
import org.meditwin.store.EmbeddedWorkstation;

class PacsNodesTest {
  @TempDir Path dir;

  private static EmbeddedWorkstation open(Path dir) {
    return EmbeddedWorkstation.open(
        dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
  }

  @Test
  void nodesPersistAcrossSessionsAndChangesAreAudited() {
    PacsNode orthanc =
        PacsNode.of("Orthanc", "ORTHANC", "127.0.0.1", 4242, "MEDITWIN")
            .withDicomWeb(URI.create("http://127.0.0.1:8042/dicom-web"))
            .withStoreScpPort(11113);
    try (EmbeddedWorkstation ws = open(dir);
        UserSession s = ws.initialise("admin", "Ada Admin", "admin-password-1".toCharArray())) {
      PacsNodes nodes = PacsNodes.of(s);
      nodes.save(orthanc);
      nodes.save(PacsNode.of("archive", "ARCH", "10.0.0.5", 104, "MEDITWIN"));
      nodes.save(PacsNode.of("ARCHIVE", "ARCH2", "10.0.0.6", 11112, "MEDITWIN"));
      assertThat(nodes.remove("nope")).isFalse();
      List<AuditEvent> changes =
          s.audit().find(AuditLog.Filter.all(), 1000).stream()
              .filter(e -> e.action() == AuditAction.SETTINGS_CHANGE)
              .toList();
      assertThat(changes).hasSize(3);
    }
    try (EmbeddedWorkstation ws = open(dir);
        UserSession s = ws.login("admin", "admin-password-1".toCharArray())) {
      PacsNodes nodes = PacsNodes.of(s);
      assertThat(nodes.list()).extracting(PacsNode::name).containsExactly("ARCHIVE", "Orthanc");
      assertThat(nodes.find("orthanc")).contains(orthanc);
      assertThat(nodes.find("archive").orElseThrow().calledAe()).isEqualTo("ARCH2");
      assertThat(nodes.remove("Archive")).isTrue();
      assertThat(nodes.list()).containsExactly(orthanc);
    }
  }
}
