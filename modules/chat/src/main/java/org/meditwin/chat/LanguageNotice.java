package org.meditwin.chat;

import java.util.Map;

/** "I can only answer in English", in the user's language and in English. */
final class LanguageNotice {
  private LanguageNotice() {}

  static final String ENGLISH =
      "I can only answer in English: my knowledge base is in English, so this answer is in "
          + "English and may miss what you meant.";

  private static final Map<String, String> LOCAL =
      Map.of(
          "es",
          "Solo puedo responder en inglés: mi base de conocimientos está en inglés.",
          "zh",
          "我只能用英语回答：我的知识库是英文的。",
          "hi",
          "मैं केवल अंग्रेज़ी में उत्तर दे सकता हूँ: मेरा ज्ञानकोश अंग्रेज़ी में है।",
          "fr",
          "Je ne peux répondre qu'en anglais : ma base de connaissances est en anglais.",
          "de",
          "Ich kann nur auf Englisch antworten: Meine Wissensbasis ist auf Englisch.",
          "pt",
          "Só posso responder em inglês: a minha base de conhecimento está em inglês.",
          "it",
          "Posso rispondere solo in inglese: la mia base di conoscenza è in inglese.");

  static String of(String language) {
    String local = LOCAL.get(language);
    return local == null
        ? "(" + LanguageDetector.name(language) + ") " + ENGLISH
        : local + " " + ENGLISH;
  }
}
