package org.meditwin.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The UBERON ids of the curated anatomy list: every id checked against a published UBERON source
 * ({@code uberon-verified.tsv}, sources cited there and in the README) matches the curated entry,
 * and every id of the list is pinned to its body part, so an edit that moves an id to another part
 * fails here and must be re-verified.
 */
class AnatomyUberonTest {
  private final Anatomy anatomy = Anatomy.standard();

  /** UBERON id, curated key, curated name: the whole list as verified/transcribed. */
  private static final String PINNED =
      """
        UBERON:0000468	body	body
        UBERON:0000033	head	head
        UBERON:0000955	brain	brain
        UBERON:0001456	face	face
        UBERON:0000970	eye	eye
        UBERON:0001711	eyelid	eyelid
        UBERON:0000964	cornea	cornea
        UBERON:0000965	lens	lens
        UBERON:0000966	retina	retina
        UBERON:0001690	ear	ear
        UBERON:0001691	external-ear	external ear
        UBERON:0001757	pinna	pinna
        UBERON:0001352	ear-canal	ear canal
        UBERON:0001756	middle-ear	middle ear
        UBERON:0002364	tympanic-membrane	tympanic membrane
        UBERON:0001686	ossicles	auditory ossicles
        UBERON:0002393	eustachian-tube	eustachian tube
        UBERON:0001846	inner-ear	inner ear
        UBERON:0001844	cochlea	cochlea
        UBERON:0001862	vestibule	vestibular system
        UBERON:0001840	semicircular-canal	semicircular canal
        UBERON:0001648	auditory-nerve	vestibulocochlear nerve
        UBERON:0000004	nose	nose
        UBERON:0001825	sinus	paranasal sinus
        UBERON:0000165	mouth	mouth
        UBERON:0001091	tooth	tooth
        UBERON:0001723	tongue	tongue
        UBERON:0000974	neck	neck
        UBERON:0000341	throat	throat
        UBERON:0001042	pharynx	pharynx
        UBERON:0001737	larynx	larynx
        UBERON:0002046	thyroid	thyroid gland
        UBERON:0000915	thorax	chest
        UBERON:0000948	heart	heart
        UBERON:0002048	lung	lung
        UBERON:0003126	trachea	trachea
        UBERON:0002185	bronchus	bronchus
        UBERON:0000977	pleura	pleura
        UBERON:0000310	breast	breast
        UBERON:0001043	esophagus	esophagus
        UBERON:0000916	abdomen	abdomen
        UBERON:0000945	stomach	stomach
        UBERON:0002107	liver	liver
        UBERON:0002110	gallbladder	gallbladder
        UBERON:0001264	pancreas	pancreas
        UBERON:0002106	spleen	spleen
        UBERON:0002108	small-intestine	small intestine
        UBERON:0000059	large-intestine	large intestine
        UBERON:0001154	appendix	appendix
        UBERON:0001052	rectum	rectum
        UBERON:0002113	kidney	kidney
        UBERON:0000056	ureter	ureter
        UBERON:0001255	bladder	urinary bladder
        UBERON:0002355	pelvis	pelvis
        UBERON:0000995	uterus	uterus
        UBERON:0000992	ovary	ovary
        UBERON:0002367	prostate	prostate gland
        UBERON:0000473	testis	testis
        UBERON:0001137	back	back
        UBERON:0001130	spine	vertebral column
        UBERON:0002240	spinal-cord	spinal cord
        UBERON:0002097	skin	skin
        UBERON:0002102	upper-limb	upper limb
        UBERON:0001467	shoulder	shoulder
        UBERON:0003822	upper-arm	upper arm
        UBERON:0001461	elbow	elbow
        UBERON:0002386	forearm	forearm
        UBERON:0004452	wrist	wrist
        UBERON:0002398	hand	hand
        UBERON:0002389	finger	finger
        UBERON:0002103	lower-limb	lower limb
        UBERON:0001464	hip	hip
        UBERON:0000376	thigh	thigh
        UBERON:0001465	knee	knee
        UBERON:0003823	lower-leg	lower leg
        UBERON:0001488	ankle	ankle
        UBERON:0002387	foot	foot
        UBERON:0001466	toe	toe
        UBERON:0001474	bone	bone
        UBERON:0000982	joint	joint
        UBERON:0001134	muscle	skeletal muscle
        UBERON:0000178	blood	blood
        UBERON:0001981	blood-vessel	blood vessel
        UBERON:0000029	lymph-node	lymph node
      """;

  private static List<String[]> rows(String text) {
    List<String[]> out = new ArrayList<>();
    for (String line : text.split("\n")) {
      String l = line.strip();
      if (!l.isEmpty() && !l.startsWith("#")) {
        out.add(l.split("\t"));
      }
    }
    return out;
  }

  @Test
  void everyCuratedIdIsPinnedToItsBodyPart() {
    List<String[]> pinned = rows(PINNED);
    assertThat(anatomy.all()).hasSameSizeAs(pinned);
    for (String[] p : pinned) {
      Anatomy.BodyPart part = anatomy.byKey(p[1]).orElseThrow(() -> new AssertionError(p[1]));
      assertThat(part.uberonId()).as(p[1]).isEqualTo(p[0]);
      assertThat(part.name()).as(p[1]).isEqualTo(p[2]);
    }
  }

  @Test
  void idsAreWellFormedAndUnique() {
    Set<String> seen = new HashSet<>();
    for (Anatomy.BodyPart p : anatomy.all()) {
      assertThat(p.uberonId()).as(p.key()).matches("UBERON:\\d{7}");
      assertThat(seen.add(p.uberonId())).as("duplicate " + p.uberonId()).isTrue();
    }
  }

  @Test
  void idsCheckedAgainstUberonMatchTheCuratedParts() throws IOException {
    List<String[]> verified;
    try (InputStream in = AnatomyUberonTest.class.getResourceAsStream("uberon-verified.tsv")) {
      assertThat(in).as("uberon-verified.tsv on the test class path").isNotNull();
      verified =
          rows(
              new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))
                  .lines()
                  .reduce("", (a, b) -> a + b + "\n"));
    }
    assertThat(verified).hasSizeGreaterThanOrEqualTo(20);
    for (String[] v : verified) {
      assertThat(v).as(String.join("|", v)).hasSize(4);
      Anatomy.BodyPart part = anatomy.byKey(v[2]).orElseThrow(() -> new AssertionError(v[2]));
      assertThat(part.uberonId()).as(v[2] + " is " + v[1] + " in UBERON").isEqualTo(v[0]);
      assertThat(v[3]).as("source of " + v[0]).isNotBlank();
    }
    // the ear, the anatomy view's example, is among the verified ids
    assertThat(verified).extracting(v -> v[0]).contains("UBERON:0001690", "UBERON:0001756");
  }
}
