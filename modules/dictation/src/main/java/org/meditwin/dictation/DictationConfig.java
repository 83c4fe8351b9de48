package org.meditwin.dictation;

import java.nio.file.Path;

/**
 * Where the engines find their models.
 *
 * @param modelsDir the app's {@code models/} folder ({@code asr-whisper/}, {@code asr-vosk/},
 *     {@code asr-hearing-lm/})
 * @param pocketsphinxDir the Debian pocketsphinx-en-us model folder
 * @param domainModel use the hearing-care language model and dictionary when it verifies
 */
public record DictationConfig(Path modelsDir, Path pocketsphinxDir, boolean domainModel) {
  /** Debian's location of the US English pocketsphinx models. */
  public static final Path DEBIAN_POCKETSPHINX = Path.of("/usr/share/pocketsphinx/model/en-us");

  /** Folder names under {@code models/}. */
  public static final String WHISPER_FOLDER = "asr-whisper";

  public static final String VOSK_FOLDER = "asr-vosk";
  public static final String HEARING_LM_FOLDER = "asr-hearing-lm";

  /** Debian pocketsphinx with the domain model. */
  public static DictationConfig defaults(Path modelsDir) {
    return new DictationConfig(modelsDir, DEBIAN_POCKETSPHINX, true);
  }

  /** The same configuration with or without the domain model. */
  public DictationConfig withDomainModel(boolean use) {
    return new DictationConfig(modelsDir, pocketsphinxDir, use);
  }
}
