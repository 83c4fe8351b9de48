package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.AuditAction;
import org.meditwin.core.domain.AuditEvent;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.AuditLog;
import org.meditwin.core.service.UserSession;
import org.meditwin.testsupport.MutableClock;

class DemoPatientsTest {

  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();

  @Test
  void loadsClearlyLabelledSyntheticPatientsOnce() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock);
        UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
      s.patients().create(StoreFixture.patient("Real", "Person"));
      List<Patient> first = DemoPatients.load(s);
      assertThat(first).hasSize(8);
      assertThat(first)
          .allSatisfy(
              p -> {
                assertThat(p.synthetic()).isTrue();
                assertThat(p.mrn()).startsWith("DEMO-");
                assertThat(p.notes()).startsWith("Synthetic demo patient — not a real person");
                assertThat(p.email()).endsWith("@example.org");
              });
      assertThat(DemoPatients.load(s)).isEmpty();
      assertThat(s.patients().count()).isEqualTo(9);
      assertThat(s.professionals().list(true))
          .filteredOn(p -> p.licenseNumber().equals(DemoPatients.DEMO_LICENSE))
          .hasSize(1);
      assertThat(s.patients().search("elodie marchand", 5)).hasSize(1);
      List<AuditEvent> loads =
          s.audit().find(AuditLog.Filter.all(), 100).stream()
              .filter(e -> e.action() == AuditAction.DEMO_LOAD)
              .toList();
      assertThat(loads).extracting(AuditEvent::detail).containsExactly("added=0", "added=8");
    }
  }
}
