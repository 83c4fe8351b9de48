package org.meditwin.app.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.chat.ChatEngine;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.search.SearchRequest;
import org.meditwin.search.SearchResult;
import org.meditwin.store.EmbeddedWorkstation;

class SharedEnginesTest {
  @TempDir Path dir;

  private static final KnowledgeIndex KB =
      new KnowledgeIndex() {
        @Override
        public State state() {
          return State.READY;
        }

        @Override
        public boolean semantic() {
          return false;
        }

        @Override
        public SearchResult search(SearchRequest request) {
          throw new UnsupportedOperationException("not searched here");
        }
      };

  @Test
  void aRebuiltPaneReusesTheSessionsEngineAndANewSessionClosesTheOldOne() throws Exception {
    AtomicInteger loads = new AtomicInteger();
    AtomicInteger closed = new AtomicInteger();
    ChatEngineLoader counting =
        (kb, p) -> {
          loads.incrementAndGet();
          return new ChatEngineLoader.Loaded(
              ChatEngine.builder(kb::search).build(),
              false,
              false,
              List.of(closed::incrementAndGet));
        };
    try (EmbeddedWorkstation ws =
        EmbeddedWorkstation.open(
            dir, EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()))) {
      UserSession first = ws.initialise("admin", "Admin", "correct horse battery".toCharArray());
      ChatEngineLoader.Loaded a =
          SharedEngines.cached(first, counting).load(KB, ProgressListener.NONE);
      ChatEngineLoader.Loaded b =
          SharedEngines.cached(first, counting).load(KB, ProgressListener.NONE);
      assertThat(loads).hasValue(1);
      assertThat(b.engine()).isSameAs(a.engine());
      assertThat(a.resources()).as("view models never own shared resources").isEmpty();
      first.close();
      try (UserSession second = ws.login("admin", "correct horse battery".toCharArray())) {
        SharedEngines.cached(second, counting).load(KB, ProgressListener.NONE);
        assertThat(loads).hasValue(2);
        assertThat(closed).as("the signed-out session's models are released").hasValue(1);
      }
    }
  }
}
