package org.meditwin.app.chat;

import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.Map;
import org.meditwin.core.service.UserSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One chat engine per signed-in session. The main window rebuilds its panes when the language
 * changes; without this every rebuild would load the specialty router and its encoder (and a
 * generative model) again and leak the previous ones. An engine of another session (the user signed
 * out and someone signed in) is closed when the new session asks for one.
 */
final class SharedEngines {
  private static final Logger LOG = LoggerFactory.getLogger(SharedEngines.class);
  private static final Map<UserSession, ChatEngineLoader.Loaded> ENGINES = new IdentityHashMap<>();

  private SharedEngines() {}

  /** {@code loader}, loading at most once for {@code session}. */
  static ChatEngineLoader cached(UserSession session, ChatEngineLoader loader) {
    return (kb, progress) -> {
      synchronized (ENGINES) {
        for (Iterator<Map.Entry<UserSession, ChatEngineLoader.Loaded>> it =
                ENGINES.entrySet().iterator();
            it.hasNext(); ) {
          Map.Entry<UserSession, ChatEngineLoader.Loaded> e = it.next();
          if (e.getKey() != session) {
            close(e.getValue());
            it.remove();
          }
        }
        ChatEngineLoader.Loaded loaded = ENGINES.get(session);
        if (loaded == null) {
          loaded = loader.load(kb, progress);
          ENGINES.put(session, loaded);
        }
        // the view model must not close a shared engine's resources
        return new ChatEngineLoader.Loaded(
            loaded.engine(), loaded.generative(), loaded.router(), java.util.List.of());
      }
    };
  }

  private static void close(ChatEngineLoader.Loaded loaded) {
    for (AutoCloseable r : loaded.resources()) {
      try {
        r.close();
      } catch (Exception e) {
        LOG.debug("closing a chat model failed: {}", e.getClass().getSimpleName());
      }
    }
  }
}
