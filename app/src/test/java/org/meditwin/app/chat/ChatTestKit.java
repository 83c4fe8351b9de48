package org.meditwin.app.chat;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;
import org.meditwin.app.common.ErrorReporter;
import org.meditwin.app.common.KnowledgeIndex;
import org.meditwin.app.fakes.ScriptedDialogs;
import org.meditwin.app.i18n.I18n;
import org.meditwin.app.i18n.Language;
import org.meditwin.app.search.KnowledgeBaseService;
import org.meditwin.app.search.TinyKnowledgeBase;
import org.meditwin.chatlog.ChatLog;
import org.meditwin.chatlog.EscalationNotifier;
import org.meditwin.chatlog.EscalationQueue;
import org.meditwin.chatlog.RetryPolicy;
import org.meditwin.chatlog.SummaryMasker;
import org.meditwin.chatlog.WebhookClient;
import org.meditwin.core.domain.Role;
import org.meditwin.core.service.UserSession;
import org.meditwin.core.task.ProgressListener;
import org.meditwin.core.task.TaskExecutor;
import org.meditwin.store.EmbeddedWorkstation;

/**
 * A real encrypted workstation, a real BM25 knowledge base of three MedQuAD-shaped entries and the
 * real chat engine over it; tasks and the "FX thread" run inline.
 */
final class ChatTestKit implements AutoCloseable {
  static final String ADMIN = "admin";
  static final String PASSWORD = "correct horse battery";

  final EmbeddedWorkstation workstation;
  final UserSession session;
  final KnowledgeBaseService knowledge;
  final I18n i18n = new I18n(Language.ENGLISH);
  final ScriptedDialogs dialogs = new ScriptedDialogs();
  final ErrorReporter errors = new ErrorReporter(dialogs, i18n);
  final EscalationsViewModel escalations;
  final ChatViewModel vm;

  ChatTestKit(Path dir) throws IOException {
    this(dir, Runnable::run);
  }

  /**
   * @param fx how work reaches the "FX thread" (inline, or a test hook around it)
   */
  ChatTestKit(Path dir, Consumer<Runnable> fx) throws IOException {
    workstation =
        EmbeddedWorkstation.open(
            dir.resolve("data"), EmbeddedWorkstation.Options.fastKdfForTests(Clock.systemUTC()));
    session = workstation.initialise(ADMIN, "Dr Admin", PASSWORD.toCharArray());
    session.accounts().create("bea", "Dr Bea", Role.CLINICIAN, "bea's long password".toCharArray());
    knowledge = new KnowledgeBaseService(dir.resolve("kb"), TinyKnowledgeBase.settings());
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    knowledge.open(key, ProgressListener.NONE);
    EscalationQueue queue = EscalationQueue.of(session);
    escalations =
        new EscalationsViewModel(
            queue,
            () ->
                new EscalationNotifier(
                    session,
                    queue,
                    new WebhookClient(RetryPolicy.standard(), d -> {}),
                    SummaryMasker.rulesOnly()),
            TaskExecutor.sameThread(),
            i18n,
            errors,
            true);
    vm =
        new ChatViewModel(
            session,
            ChatLog.of(session),
            escalations,
            TaskExecutor.sameThread(),
            fx,
            i18n,
            errors,
            () -> Optional.<KnowledgeIndex>of(knowledge),
            ChatEngineLoader.knowledgeOnly(ChatSources.of(session, Optional::empty)));
  }

  @Override
  public void close() {
    vm.close();
    knowledge.close();
    session.close();
    workstation.close();
  }
}
