package org.meditwin.dictation.lm;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * SYNTHETIC hearing-care visit dictations, generated from templates we wrote (no patient data).
 * Sentences follow the hearing-care SOAP template: complaint, history, otoscopy, audiogram,
 * tympanometry, speech testing, assessment, plan. Spoken forms only (numbers as words).
 */
public final class SyntheticDictations {
  private SyntheticDictations() {}

  private static final String[] SIDE = {"right", "left"};
  private static final String[] EARS = {"right ear", "left ear", "both ears"};
  private static final String[] DEGREE = {
    "mild",
    "moderate",
    "moderately severe",
    "severe",
    "profound",
    "mild to moderate",
    "moderate to severe",
    "slight"
  };
  private static final String[] TYPE = {"sensorineural", "conductive", "mixed"};
  private static final String[] FREQ = {
    "two fifty",
    "five hundred",
    "one thousand",
    "two thousand",
    "three thousand",
    "four thousand",
    "six thousand",
    "eight thousand"
  };
  private static final String[] FREQ_HZ = {
    "two hundred fifty hertz", "five hundred hertz", "one thousand hertz", "two thousand hertz",
    "three thousand hertz", "four thousand hertz", "six thousand hertz", "eight thousand hertz",
    "one kilohertz", "two kilohertz", "four kilohertz", "eight kilohertz"
  };
  private static final String[] ONSET = {
    "two weeks ago",
    "three months ago",
    "about a year ago",
    "gradually over several years",
    "suddenly last week",
    "after a cold",
    "after a concert",
    "six months ago",
    "since childhood"
  };
  private static final String[] DURATION = {"two", "three", "five", "ten", "fifteen", "twenty"};
  private static final String[] PATIENT = {"the patient", "he", "she", "patient"};
  private static final String[] NOISE = {
    "factory work",
    "military service",
    "construction work",
    "loud music",
    "hunting and shooting",
    "power tools",
    "motorcycle riding"
  };
  private static final String[] TINNITUS = {
    "ringing", "buzzing", "hissing", "high pitched ringing", "pulsatile tinnitus", "roaring"
  };
  private static final String[] SITUATION = {
    "in noisy restaurants", "on the telephone", "watching television", "in group conversations",
    "at church", "in the car", "with soft voices", "at family gatherings"
  };
  private static final String[] TYMP = {
    "type a", "type a s", "type a d", "type b", "type c", "normal", "flat", "negative pressure"
  };
  private static final String[] AID = {
    "receiver in canal hearing aids", "behind the ear hearing aids", "in the ear hearing aids",
    "completely in canal hearing aids", "rechargeable hearing aids", "bilateral hearing aids",
    "a cochlear implant evaluation", "a bone anchored hearing system"
  };
  private static final String[] FOLLOW = {
    "two weeks", "four weeks", "six weeks", "three months", "six months", "one year"
  };
  private static final String[] REFERRAL = {
    "otolaryngology",
    "an ear nose and throat specialist",
    "E N T",
    "neurology",
    "the audiologist",
    "vestibular testing",
    "an M R I of the internal auditory canals"
  };

  /** {@code n} distinct sentences from a seeded generator. */
  public static List<String> generate(int n, long seed) {
    Random r = new Random(seed);
    Set<String> out = new LinkedHashSet<>();
    int guard = 0;
    while (out.size() < n && guard++ < n * 50) {
      out.add(sentence(r));
    }
    return new ArrayList<>(out);
  }

  private static String pick(Random r, String[] a) {
    return a[r.nextInt(a.length)];
  }

  private static int db(Random r) {
    return 5 * r.nextInt(19); // 0..90 dB in 5 dB steps
  }

  private static String sentence(Random r) {
    String p = pick(r, PATIENT);
    String ear = pick(r, EARS);
    String side = pick(r, SIDE);
    return switch (r.nextInt(34)) {
      case 0 -> p + " reports decreased hearing in the " + ear + " that started " + pick(r, ONSET);
      case 1 -> p + " complains of " + pick(r, TINNITUS) + " in the " + ear;
      case 2 -> p + " has difficulty hearing " + pick(r, SITUATION);
      case 3 ->
          "history of noise exposure from "
              + pick(r, NOISE)
              + " for "
              + pick(r, DURATION)
              + " years";
      case 4 -> p + " denies vertigo dizziness or otalgia";
      case 5 -> p + " reports episodes of vertigo lasting " + pick(r, DURATION) + " minutes";
      case 6 -> "no history of ear infections or ear surgery";
      case 7 -> "otoscopy shows clear ear canals and intact tympanic membranes bilaterally";
      case 8 -> "otoscopy reveals cerumen impaction in the " + side + " ear";
      case 9 ->
          "the "
              + side
              + " tympanic membrane is "
              + pick(
                  r, new String[] {"retracted", "dull", "perforated", "intact", "red and bulging"});
      case 10 ->
          "cerumen was removed from the "
              + side
              + " ear canal with "
              + pick(r, new String[] {"curette", "irrigation", "microsuction"});
      case 11 ->
          "pure tone audiometry shows "
              + pick(r, DEGREE)
              + " "
              + pick(r, TYPE)
              + " hearing loss in the "
              + ear;
      case 12 ->
          side
              + " ear air conduction threshold "
              + Numbers.spell(db(r))
              + " decibels at "
              + pick(r, FREQ_HZ);
      case 13 ->
          "bone conduction thresholds are "
              + Numbers.spell(db(r))
              + " decibels at "
              + pick(r, FREQ)
              + " hertz in the "
              + side
              + " ear";
      case 14 ->
          "thresholds at "
              + pick(r, FREQ)
              + " "
              + pick(r, FREQ)
              + " and "
              + pick(r, FREQ)
              + " hertz are "
              + Numbers.spell(db(r))
              + " "
              + Numbers.spell(db(r))
              + " and "
              + Numbers.spell(db(r))
              + " decibels";
      case 15 ->
          "there is an air bone gap of "
              + Numbers.spell(5 + 5 * r.nextInt(8))
              + " decibels in the "
              + side
              + " ear";
      case 16 ->
          "the audiogram shows a sloping high frequency hearing loss in "
              + pick(r, new String[] {"both ears", "the right ear", "the left ear"});
      case 17 ->
          "tympanometry shows "
              + pick(r, TYMP)
              + " tympanograms "
              + pick(r, new String[] {"bilaterally", "in the right ear", "in the left ear"});
      case 18 ->
          "acoustic reflexes are "
              + pick(r, new String[] {"present", "absent", "elevated"})
              + " "
              + pick(r, new String[] {"bilaterally", "ipsilaterally", "contralaterally"});
      case 19 ->
          "speech reception threshold is "
              + Numbers.spell(db(r))
              + " decibels in the "
              + side
              + " ear";
      case 20 ->
          "word recognition score is "
              + Numbers.spell(40 + 4 * r.nextInt(16))
              + " percent in the "
              + side
              + " ear";
      case 21 ->
          "word recognition is "
              + pick(r, new String[] {"excellent", "good", "fair", "poor"})
              + " bilaterally";
      case 22 ->
          "assessment "
              + pick(r, DEGREE)
              + " "
              + pick(r, TYPE)
              + " hearing loss "
              + pick(
                  r,
                  new String[] {
                    "bilaterally",
                    "right ear",
                    "left ear",
                    "consistent with presbycusis",
                    "consistent with noise exposure"
                  });
      case 23 ->
          "findings are consistent with "
              + pick(
                  r,
                  new String[] {
                    "presbycusis",
                    "noise induced hearing loss",
                    "otitis media with effusion",
                    "otosclerosis",
                    "eustachian tube dysfunction",
                    "cerumen impaction",
                    "sudden sensorineural hearing loss",
                    "meniere's disease"
                  });
      case 24 -> "plan fit " + pick(r, AID);
      case 25 -> "we discussed " + pick(r, AID) + " and communication strategies";
      case 26 ->
          "refer to "
              + pick(r, REFERRAL)
              + " for "
              + pick(
                  r,
                  new String[] {
                    "asymmetric hearing loss",
                    "evaluation",
                    "further evaluation",
                    "medical clearance",
                    "unilateral tinnitus"
                  });
      case 27 ->
          "follow up in "
              + pick(r, FOLLOW)
              + " for "
              + pick(
                  r,
                  new String[] {
                    "a hearing aid check",
                    "repeat audiogram",
                    "hearing aid fitting",
                    "real ear measurements",
                    "tympanometry"
                  });
      case 28 -> "recommend annual audiological evaluation and hearing protection";
      case 29 ->
          "otoacoustic emissions are "
              + pick(r, new String[] {"present", "absent", "reduced"})
              + " in the "
              + ear;
      case 30 ->
          "the patient uses "
              + pick(r, AID)
              + " and reports "
              + pick(r, new String[] {"good benefit", "limited benefit", "feedback", "discomfort"});
      case 31 -> "tinnitus handicap inventory score is " + Numbers.spell(4 * r.nextInt(25));
      case 32 ->
          "weber lateralizes to the "
              + side
              + " and rinne is "
              + pick(r, new String[] {"positive", "negative"})
              + " on the "
              + side;
      default ->
          "uncomfortable loudness levels are "
              + Numbers.spell(80 + 5 * r.nextInt(5))
              + " decibels "
              + pick(r, new String[] {"bilaterally", "in the right ear", "in the left ear"});
    };
  }
}
