package org.meditwin.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.core.domain.Role;
import org.meditwin.core.service.AccessDeniedException;
import org.meditwin.core.service.UserSession;
import org.meditwin.security.KdfParams;
import org.meditwin.security.KeyRing;
import org.meditwin.security.LockoutPolicy;
import org.meditwin.testsupport.MutableClock;

class SearchIndexKeyTest {
  @TempDir Path dir;
  final MutableClock clock = StoreFixture.clock();

  @Test
  void everyUserOfAWorkstationGetsTheSameIndexKeyAsTheCli() throws Exception {
    byte[] adminKey;
    byte[] clinicianKey;
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      try (UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone())) {
        s.accounts().create("bob", "Bob", Role.CLINICIAN, "bob's long password".toCharArray());
        adminKey = s.searchIndexKey();
        assertThat(s.searchIndexKey()).isEqualTo(adminKey).isNotSameAs(adminKey);
      }
      try (UserSession s = ws.login("bob", "bob's long password".toCharArray())) {
        clinicianKey = s.searchIndexKey();
      }
    }
    assertThat(adminKey).hasSize(32).isEqualTo(clinicianKey);
    KeyRing ring =
        KeyRing.load(
            dir.resolve("keyring.json"), KdfParams.fastForTests(), clock, LockoutPolicy.standard());
    try (var key = ring.unlock("admin", StoreFixture.ADMIN_PASSWORD.clone())) {
      assertThat(key.derive("lucene-index", 32)).isEqualTo(adminKey);
      assertThat(key.derive("h2-file", 32)).isNotEqualTo(adminKey);
    }
  }

  @Test
  void lockedOrClosedSessionRefusesTheIndexKey() {
    try (EmbeddedWorkstation ws = StoreFixture.open(dir, clock)) {
      UserSession s = ws.initialise("admin", "Ada", StoreFixture.ADMIN_PASSWORD.clone());
      s.lock();
      assertThatThrownBy(s::searchIndexKey).isInstanceOf(AccessDeniedException.class);
      s.close();
      assertThatThrownBy(s::searchIndexKey).isInstanceOf(AccessDeniedException.class);
    }
  }
}
