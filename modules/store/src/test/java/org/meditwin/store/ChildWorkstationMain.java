package org.meditwin.store;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import org.meditwin.core.domain.Patient;
import org.meditwin.core.service.UserSession;

/**
 * Runs in a separate JVM for the multi-process tests.
 *
 * <ul>
 *   <li>{@code hold <dataDir>}: signs in, prints READY, keeps the database open until stdin closes.
 *   <li>{@code insert <dataDir>}: signs in, prints READY, then creates patients forever, printing
 *       each id only after create() (and so the commit) has returned.
 * </ul>
 */
public final class ChildWorkstationMain {
  private ChildWorkstationMain() {}

  public static void main(String[] args) throws Exception {
    String mode = args[0];
    Path dir = Path.of(args[1]);
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    try (EmbeddedWorkstation ws =
            EmbeddedWorkstation.open(
                dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
        UserSession s = ws.login(StoreFixture.ADMIN, StoreFixture.ADMIN_PASSWORD.clone())) {
      out.println("READY");
      if (mode.equals("hold")) {
        while (System.in.read() >= 0) {
          // wait for the parent to close our stdin
        }
        return;
      }
      for (int i = 0; ; i++) {
        Patient p = s.patients().create(StoreFixture.patient("Kill" + i, "Test"));
        out.println(p.id().value());
      }
    }
  }
}
