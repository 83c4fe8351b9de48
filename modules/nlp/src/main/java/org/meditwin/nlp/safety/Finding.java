package org.meditwin.nlp.safety;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A clinical finding the red-flag rules combine, with the English wording (clinical and lay) that
 * expresses it. Patterns run over a lower-cased clause with straight apostrophes.
 */
enum Finding {
  // --- cardiac (ACC/AHA 2021 chest pain guideline) ---
  CHEST_PAIN(
      "dolor (en el|de|del) pecho",
      "opresi[oó]n en el pecho",
      "me duele el pecho",
      "胸痛",
      "胸口(疼|痛|闷)",
      "胸闷",
      "सीने में दर्द",
      "छाती में दर्द",
      "chest (pain|pains|tightness|pressure|discomfort|heaviness|ache|aching|squeezing|burning)",
      "(pain|pressure|tightness|heaviness|squeezing|discomfort|ache|aching) (in|on|across|around|"
          + "over) ([\\p{L}]+ ){0,4}?(chest|heart|breastbone|sternum)",
      "(clutching|holding|grabbing|gripping|rubbing) (at )?(my|his|her|their) chest",
      "(pain|pressure|tightness|heaviness|squeezing|discomfort|ache|aching) (in|on|across|around|"
          + "over) (my |his |her |the )?(chest|heart|breastbone|sternum)",
      "(my |his |her |the )?chest (hurts|is hurting|feels (tight|heavy|crushed|like)|is tight)",
      "chest (is |feels |keeps )?(burning|aching|sore|painful|heavy|tight|killing me|on fire)",
      "(crushing|squeezing|pressing|heavy|tight) (feeling )?(in|on) (my |his |her |the )?chest",
      "(elephant|weight|something heavy|someone) (is )?(sitting|standing|pressing|pushing)? ?on "
          + "(my |his |her |the )?chest",
      "(tight|heavy|painful|sore|burning|crushing|squeezing) chest",
      "angina",
      "heart (hurts|is hurting)"),
  CHEST_PAIN_SEVERE(
      "crushing", "like (a|an) (elephant|vice|vise|weight)", "squeezing", "pressure-like"),
  HEART_ATTACK(
      "heart attack", "myocardial infarction", "\\bmi\\b", "stemi", "acute coronary syndrome"),
  DYSPNEA(
      "falta de aire",
      "dificultad para respirar",
      "me falta el aire",
      "呼吸困难",
      "喘不过气",
      "सांस (लेने में )?(तकलीफ|दिक्कत|परेशानी)",
      "सांस फूल",
      "short(ness)? of breath",
      "(can't|cannot|can not|couldn't|unable to|struggling to|hard to|trouble|difficulty) "
          + "((catch|get) (my|his|her|their) )?breath(e|ing)?",
      "breathless(ness)?",
      "(difficult|difficulty|laboured|labored|trouble|hard|struggling) breathing",
      "breathing (is )?(hard|difficult|laboured|labored|fast|rapid)",
      "out of breath",
      "dyspn(o)?ea",
      "gasping( for air)?",
      "winded",
      "(can't|cannot) get (enough )?air",
      "sob\\b",
      "wheez(e|es|ing)"),
  DIAPHORESIS(
      "sudor(es)?( fr[ií]o)?",
      "sudando",
      "出汗",
      "冷汗",
      "पसीना",
      "sweat(ing|y|s)?",
      "diaphore(sis|tic)",
      "cold sweat",
      "clammy",
      "drenched",
      "perspiring"),
  RADIATION(
      "(dolor|molestia) (que )?(baja|se extiende|irradia) (al|a la|hacia el|hacia la) (brazo|mand[ií]bula|cuello|espalda)",
      "(放射|蔓延)到(左)?(手臂|下巴|后背|肩膀)",
      "(radiat|spread|going|goes|shoot|mov|travel)\\w* (down |up |into |to |through |out )+(my |his |"
          + "her |the )?"
          + "(left |right )?(arm|arms|jaw|neck|back|shoulder|shoulders)",
      "(left |right )?(arm|jaw|shoulder) (pain|hurts|aches|is aching)"),
  NAUSEA(
      "nause(a|ated|ous)",
      "vomit(ing|ed)?",
      "throwing up",
      "threw up",
      "sick to (my|his|her) stomach"),
  SYNCOPE(
      "faint(ed|ing)?",
      "pass(ed)? out",
      "passing out",
      "syncop(e|al)",
      "collaps(e|ed|ing)",
      "blacked out",
      "lost consciousness",
      "light-?headed(ness)?"),
  // --- stroke (BE-FAST) ---
  FACE_DROOP(
      "(cara|boca) (ca[ií]da|torcida|desviada)",
      "口角歪斜",
      "(脸|嘴)歪",
      "चेहरा (टेढ़ा|लटक)",
      "(face|mouth|lip|smile|eyelid) (is )?(droop|drooping|droops|drooped|sagging|sags|uneven|"
          + "lopsided|crooked|twisted)",
      "droop(ing|y)? (face|mouth|smile)",
      "(face|mouth|smile|lip|eyelid) (has |is |went |gone |going |looks |is looking )(droop|droopy|"
          + "drooping|drooped|lopsided|crooked|floppy|slack|weird|funny)",
      "(facial|face) (droop|weakness|palsy|numbness)",
      "one side of (my|his|her|the) face",
      "side of (my|his|her) face (is )?(numb|droop|weak|fell|sagg|won't)\\w*",
      "crooked smile",
      "face (went|fell|feels) (numb|slack)"),
  ARM_WEAKNESS(
      "debilidad (en|de) (el|un|la) (brazo|pierna|lado)",
      "(一侧|半边|左侧|右侧)(身体|手臂|胳膊|腿)?(无力|麻木)",
      "(हाथ|बांह)( में)? (कमजोरी|सुन्न)",
      "(weak|weakness|numb|numbness|paralys\\w*|heavy|heaviness|tingling|can't (move|lift|feel)|"
          + "cannot (move|lift|feel)|unable to (move|lift|feel)|no strength in) "
          + "(in )?(my |his |her |the )?(left|right|one) (arm|leg|hand|side)",
      "(left|right|one)[- ]sided (weakness|numbness|paralysis)",
      "(left|right|one) (arm|leg|hand|side) (is |went |feels |has gone )?(weak|numb|limp|dead|"
          + "heavy|paralys\\w*)",
      "(arm|leg|hand) (is |went |feels |has gone )?(suddenly )?(weak|numb|limp|dead|useless)",
      "(can't|cannot|couldn't|unable to) (lift|raise|move) (my|his|her) (arm|arms|leg|hand)",
      "hemipares\\w*",
      "hemipleg\\w*",
      "drop(ping|ped|s)? (things|everything|my cup|the cup)",
      "arm drift"),
  SPEECH(
      "habla arrastrada",
      "(no puede|no puedo) hablar",
      "arrastra las palabras",
      "说话不清",
      "口齿不清",
      "说不出话",
      "बोलने में (दिक्कत|परेशानी|तकलीफ)",
      "slurr(ed|ing)( (speech|words))?",
      "speech (is |was )?(slurred|garbled|strange|weird|difficult|jumbled)",
      "(can't|cannot|couldn't|unable to|trouble|difficulty|hard to|struggling to) "
          + "(speak|talk|get (the |my )?words out|find (the |my )?words|understand (what|me|people|"
          + "anyone))",
      "words (are |came out )?(jumbled|garbled|wrong|mixed up)",
      "aphasi\\w*",
      "dysarthri\\w*",
      "talking (funny|strange|gibberish|nonsense)",
      "speaking gibberish"),
  VISION_LOSS(
      "(sudden|suddenly) (loss of |lost )?(vision|sight)",
      "(lost|losing|lose) (the )?(vision|sight)",
      "(can't|cannot) see (out of|from|with)",
      "blind in (one|my|his|her|the) (left |right )?eye",
      "(went|gone|going) blind",
      "curtain (came )?(down )?over (my|his|her|the) (eye|vision)",
      "double vision",
      "diplopia",
      "vision (went|is going) (black|dark)"),
  BALANCE_LOSS(
      "(sudden|suddenly) (loss of balance|dizz\\w*|vertigo|unsteady|can't walk)",
      "(can't|cannot|unable to) (walk|stand) (straight|properly|up)",
      "lost (my|his|her) balance",
      "falling to one side",
      "(very )?unsteady on (my|his|her) feet",
      "room is spinning"),
  STROKE(
      "derrame cerebral",
      "ictus",
      "accidente cerebrovascular",
      "中风",
      "脑卒中",
      "स्ट्रोक",
      "लकवा",
      "stroke",
      "cerebrovascular accident",
      "\\bcva\\b",
      "\\btia\\b",
      "mini[- ]stroke",
      "transient ischemic attack",
      "transient ischaemic attack",
      "brain attack"),
  SUDDEN(
      "de repente",
      "repentin\\w*",
      "s[uú]bit\\w*",
      "突然",
      "अचानक",
      "sudden(ly)?",
      "all of a sudden",
      "out of nowhere",
      "came on (fast|quickly|at once)",
      "abrupt(ly)?",
      "just (started|happened|now)",
      "(this|in the) (morning|evening|afternoon)",
      "(an|one|two|a few|\\d+) (hour|hours|minute|minutes) ago",
      "overnight",
      "woke up (with|and|deaf|unable)",
      "when i woke up",
      "on waking",
      "since (this morning|yesterday|last night)",
      "(yesterday|last night|today|tonight)",
      "within (hours|a day|\\d+ (hours|days))",
      "in the last (hour|day|\\d+ hours)",
      "past (\\d+|two|three|24|48|72) hours"),
  // --- anaphylaxis (WAO 2020, NIAID/FAAN 2006) ---
  AIRWAY_SWELLING(
      "se me cierra la garganta",
      "garganta hinchada",
      "lengua hinchada",
      "喉咙(肿|发紧)",
      "舌头肿",
      "गले में सूजन",
      "(throat|tongue|airway|uvula|windpipe) (is |are |feels? |started |starting )?"
          + "(swell|swelling|swollen|closing|tight|tightening|puffy|puffed up|blowing up|thick)\\w*",
      "swell\\w* (of|in) (my |his |her |the )?(throat|tongue|airway)",
      "(throat|airway) (is )?(closing|closing up)",
      "stridor"),
  LIP_SWELLING(
      "(lips?|mouth|face|eyes|eyelids) (is |are |feels? |started |starting |went )?"
          + "(swell|swelling|swollen|puffy|puffed up|blowing up)\\w*",
      "swell\\w* (of|in|on) (my |his |her |the )?(lips?|mouth|face|eyes)",
      "(swollen|puffy) (lips?|mouth|face|eyes)",
      "angioedema"),
  HIVES(
      "hives",
      "urticaria",
      "welts",
      "itchy rash (all over|everywhere|spreading)",
      "rash all over",
      "(flushed|flushing) (all over|everywhere)",
      "itching all over"),
  ALLERGEN(
      "(ate|eaten|eating|after|from|by|swallowed|took|taking|had)( [\\p{L}'-]+){0,4}? (peanut|peanuts|"
          + "nut|nuts|tree nuts?|shellfish|shrimp|prawn|fish|sesame|egg|penicillin|amoxicillin|"
          + "antibiotic|medicine|medication|pill|injection|contrast)",
      "(bee|wasp|hornet|insect|fire ant) (sting|stung|bite)",
      "stung by (a )?(bee|wasp|hornet|insect)",
      "allergic reaction",
      "(allergic|allergy) to"),
  ANAPHYLAXIS(
      "anafila\\w+",
      "过敏性休克",
      "anaphyla\\w+",
      "anaphylactic shock",
      "(use|used|using|gave|give|giving|injected|inject|need|needed|needs) (my |his |her |an |the |"
          + "their )?(epipen|epi-pen|adrenaline|epinephrine)"),
  HYPOTENSION(
      "(low|dropping|falling) blood pressure",
      "blood pressure (is |has )?(low|dropping|crashed|falling)",
      "hypotensi\\w*",
      "(weak|thready|racing) pulse",
      "(going|turning) (pale|grey|gray|blue)"),
  // --- bleeding ---
  SEVERE_BLEEDING(
      "sangrado (abundante|que no para|muy fuerte)",
      "no (para|deja) de sangrar",
      "vomitando sangre",
      "大出血",
      "吐血",
      "血止不住",
      "खून (नहीं रुक|बहुत बह)",
      "खून की उल्टी",
      "(won't|will not|doesn't|does not|can't|cannot|isn't|not) stop(ping)? bleeding",
      "bleeding (that )?(won't|will not|doesn't|does not|isn't|can't be) (stop|stopping|slow)\\w*",
      "bleeding (heavily|a lot|profusely|badly|everywhere|through)",
      "(heavy|severe|massive|uncontrolled|uncontrollable|profuse|major|serious) (bleeding|"
          + "blood loss|haemorrhage|hemorrhage)",
      "(haemorrhag|hemorrhag)\\w*",
      "(spurting|pouring|gushing|squirting|pumping) (out )?blood",
      "blood (is )?(spurting|pouring|gushing|squirting|everywhere|won't stop)",
      "soak(ed|ing)? through",
      "(vomit|vomiting|throwing up|threw up|vomited|coughing up|coughed up) (up )?"
          + "(a lot of |lots of |large amounts of |bright red |dark )?blood",
      "(haematemesis|hematemesis|haemoptysis|hemoptysis)",
      "blood clots the size",
      "(black|tarry) (and tarry |tarry )?stools?",
      "(stool|stools|poo|poop) (is |are |look |looks |was |were )?(black|tarry|black and tarry)",
      "mela?ena",
      "(lost|losing) (a lot of|lots of) blood"),
  // --- suicide (C-SSRS screener items 1-6) ---
  SUICIDAL(
      "(quiero|quisiera) (morir(me)?|matarme)",
      "quitarme la vida",
      "no quiero vivir",
      "自杀",
      "想死",
      "不想活",
      "आत्महत्या",
      "मरना चाहत(ा|ी)",
      "जीना नहीं चाहत(ा|ी)",
      "(kill|killing|hurt|hurting|harm|harming|end|ending|take|taking) (myself|my own life|my life|"
          + "himself|herself)",
      "end it all",
      "(no|don't see (the|any)|do not see (the|any)|not see (the|any)) point (in )?(living|going on|"
          + "being alive|life)",
      "(ways|how) to (die|kill (myself|yourself)|end (my|your) life|commit suicide)",
      "(going to|gonna|will|want to|plan to|planning to) (take|swallow) (all|every|the whole|a bottle "
          + "of|a lot of|a handful of)( of)? (my |the |these )?(pills|tablets|meds|medication|"
          + "medicine)",
      "suicid\\w*",
      "(want|wanted|wish|wishing|wishes) (i|he|she) (was|were) dead",
      "(want|wanting|wanted) to die",
      "better off dead",
      "better off without me",
      "(no|nothing to|not worth) (reason )?(to )?liv(e|ing)",
      "not want to (be alive|live|wake up)",
      "don't want to (be alive|live|wake up|be here)",
      "(go|going) to sleep and (never|not) wake up",
      "overdos(e|ing) on purpose",
      "(plan|planning|thinking about|thoughts of|thought about) (to )?(how to )?(die|dying|"
          + "kill|killing|end|ending|overdos)\\w*",
      "self[- ]harm\\w*",
      "(jump|jumping) (off|in front of)",
      "hang(ing)? myself",
      "(cut|cutting) (myself|my wrists)",
      "stockpil\\w* (pills|medication|tablets)",
      "(wrote|written|writing) (a )?(suicide )?(note|goodbye letter)"),
  // --- sudden sensorineural hearing loss (AAO-HNS 2019) ---
  HEARING_LOSS(
      "p[eé]rdida (s[uú]bita |repentina )?de (la )?audici[oó]n",
      "no oigo (nada )?(por|de|con) (un|el|este) o[ií]do",
      "突发性耳聋",
      "听不见",
      "听力(下降|丧失)",
      "सुनाई (देना बंद|नहीं दे)",
      "बहरापन",
      "hearing (in|on|from) (my |the |his |her )?(left |right |one )?(ear|side) (has |is |just )?"
          + "(suddenly )?(gone|disappeared|went|vanished|stopped|dropped|muffled|dull)",
      "no hearing (in|on|from) (my |the |his |her )?(left |right |one )?(ear|side)",
      "(hearing loss|loss of hearing|lost (my |his |her |the )?hearing|hearing (is |went )?(gone|"
          + "muffled|dull|dulled|down))",
      "(deaf|deafness) in (one|my|his|her|the|left|right) (left |right )?(ear|side)",
      "(went|gone|going) deaf",
      "(can't|cannot|can not|couldn't) hear (out of|from|with|in|anything|properly|on)",
      "(left|right|one) ear (is |went |has gone |feels |sounds )?(deaf|muffled|blocked|plugged|full|dead|silent|quiet)",
      "(sudden|sudden-onset) (sensorineural )?(hearing|deafness)",
      "\\bssnhl\\b",
      "sensorineural hearing loss",
      "(muffled|dull) hearing"),
  GRADUAL(
      "gradual(ly)?",
      "(over|for|during) (the )?(past |last )?(several |many |few |a few )?(years|months|decades)",
      "(slowly|little by little|age[- ]related|presbycusis|for years|getting worse with age)",
      "(years|months) (of|now)"),
  // --- meningitis (van de Beek 2004, NICE NG240) ---
  FEVER(
      "fiebre",
      "发烧",
      "发热",
      "बुखार",
      "fever(s|ish)?",
      "febrile",
      "high temperature",
      "temperature (of )?(is )?(3[89]|4[01]|10[0-5])",
      "(3[89]|4[01])(\\.\\d)? ?(c|°c|degrees)",
      "10[0-5](\\.\\d)? ?(f|°f|degrees)",
      "(burning|boiling) up",
      "pyrexi\\w*",
      "chills",
      "rigors",
      "shivering (uncontrollably|violently|a lot)"),
  NECK_STIFFNESS(
      "(rigidez (de|en el) cuello|cuello r[ií]gido)",
      "脖子(僵硬|发硬)",
      "颈部僵硬",
      "गर्दन में अकड़न",
      "(stiff|rigid) neck",
      "neck (is |feels )?(stiff|rigid)",
      "nuchal rigidity",
      "neck stiffness",
      "meningism\\w*",
      "(can't|cannot|unable to) (bend|touch|move) (my|his|her) (neck|chin|head)",
      "chin to (my|his|her) chest"),
  PHOTOPHOBIA(
      "photophobi\\w*",
      "light (hurts|is painful|bothers)",
      "(sensitive|sensitivity) to (the )?light",
      "(can't|cannot) (stand|bear|tolerate) (the )?light",
      "bright light(s)? (hurt|hurts|is painful)"),
  PETECHIAL_RASH(
      "(rash|spots) (that )?(doesn't|does not|don't|do not|won't|will not) (fade|go away|blanch)",
      "non-?blanching",
      "petechia\\w*",
      "purpur\\w*",
      "glass test",
      "(purple|dark red) (spots|blotches|rash)"),
  ALTERED_MENTAL(
      "confus(ed|ion)",
      "disorient\\w*",
      "(very |extremely )?(drowsy|hard to wake|difficult to wake|won't wake|can't wake|unrousable|"
          + "not waking up|not making sense|delirious|delirium)",
      "(unresponsive|not responding|doesn't respond|not responsive)",
      "(altered|decreased|reduced) (mental|consciousness|level of consciousness)",
      "(doesn't|does not|didn't) (know|recognise|recognize) (where|who|me|us)",
      "acting (strange|strangely|weird|odd)"),
  MENINGITIS("meningitis", "meningococc\\w*"),
  HEADACHE(
      "headache(s)?",
      "head (hurts|is pounding|is splitting|pain)",
      "migraine",
      "pain in (my|his|her|the) head"),
  // --- subarachnoid haemorrhage (Ottawa SAH rule) ---
  THUNDERCLAP(
      "el peor dolor de cabeza de mi vida",
      "(一生中)?最(剧烈|严重)的头痛",
      "जीवन का सबसे (बुरा|तेज़) सिरदर्द",
      "worst (headache|head pain|pain) (of|in) (my|his|her) (life|entire life)",
      "worst headache (i've|i have|he's|she's|ever)",
      "worst headache ever",
      "thunderclap",
      "(sudden|suddenly|instant)\\w* (severe|violent|terrible|excruciating|blinding|intense|"
          + "agonising|agonizing|horrible|massive) (headache|head pain)",
      "(exploding|explosive|blinding) (headache|head pain|pain in (my|his|her) head)",
      "headache (came on|started|hit) (suddenly|instantly|like (a|an) (thunderclap|explosion|bomb|"
          + "hammer)|within (seconds|a minute|one minute))",
      "(hit|struck) (on|in) the (back of the )?head (with|by) (a|an)? ?(hammer|baseball bat|bat)",
      "like (being|i was|i'd been) hit (on|in) the head",
      "peaked within (a|one) minute"),
  // --- cauda equina (NICE CKS, GIRFT 2023) ---
  BACK_PAIN(
      "back (pain|ache|hurts|is killing)",
      "backache",
      "sciatica",
      "lumbago",
      "slipped disc",
      "disc (prolapse|herniation|bulge)"),
  SADDLE_ANAESTHESIA(
      "saddle (numbness|anaesthesia|anesthesia|area)",
      "numb\\w* (between|around|in) (my|his|her|the) (legs|buttocks|bottom|groin|genitals|private|"
          + "anus|back passage|perineum|inner thighs)",
      "(can't|cannot|couldn't) feel (my|his|her|the) (bottom|buttocks|groin|genitals|private|"
          + "back passage) ",
      "(can't|cannot|couldn't) feel (the )?(toilet paper|when i wipe|myself wiping)",
      "(bottom|buttocks|groin|genitals|perineum) (is |feels |went )?numb"),
  SPHINCTER(
      "(can't|cannot|couldn't|unable to|trouble|difficulty|not able to) (pee|urinate|pass urine|"
          + "empty (my|his|her) bladder|control (my|his|her) (bladder|bowels|bowel))",
      "(lost|losing|loss of|no) (bladder|bowel) control",
      "(urinary|faecal|fecal|bowel|bladder) (incontinence|retention)",
      "(wet|soiled|wetting|soiling) (myself|himself|herself)",
      "(new|sudden) incontinence",
      "(don't|didn't|can't) (know|feel) when (i|he|she) (need|needs) to (pee|go)"),
  BILATERAL_LEG(
      "(both|two) legs (are |feel |went |going )?(weak|numb|giving way|heavy|tingling)",
      "(weak|numb|numbness|weakness|tingling) (in )?(both|my two) legs",
      "legs (are |keep |keeps )?(giving way|giving out|collapsing)",
      "bilateral (leg|sciatica)",
      "foot drop"),
  CAUDA_EQUINA("cauda equina"),
  // --- sepsis (NICE NG51, UK Sepsis Trust, qSOFA) ---
  INFECTION(
      "infect(ion|ed)",
      "(uti|urine infection|kidney infection|pneumonia|cellulitis|chest infection|abscess|wound "
          + "(is )?(red|hot|oozing|pus))",
      "(red|hot|swollen|oozing|pus) (wound|cut|incision|bite)"),
  SEPSIS("sepsis", "septic(aemia|emia)?", "blood poisoning"),
  TACHYPNOEA(
      "breathing (very )?(fast|quickly|rapidly)",
      "(fast|rapid) breathing",
      "(fast|rapid|quick) breaths",
      "tachypn\\w*",
      "respiratory rate (of )?(2[2-9]|[3-6]\\d)"),
  MOTTLED(
      "mottled",
      "(skin|lips|fingers|face|tongue) (is |are |turning |gone |went )?(blue|grey|gray)",
      "blue lips",
      "cyanos\\w*",
      "cyanotic"),
  NO_URINE(
      "(not|haven't|hasn't|hadn't|no) (passed|passing|peed) (any )?(urine|water|pee)",
      "(haven't|hasn't|not) (peed|urinated|wee'?d)",
      "no urine",
      "(not|no) (peed|urinated) (in|for) (a day|\\d+|twelve|18|24|all day)"),
  FEELS_LIKE_DYING(
      "(feel|feels|feeling) like (i'm|i am|he's|she's|he is|she is) (going to|gonna) die",
      "sense of (impending )?doom",
      "never felt this (ill|sick|bad)"),
  // --- airway / breathing / consciousness ---
  SEVERE_DYSPNEA(
      "(can't|cannot|can not|unable to|couldn't) breathe(?! (through|out of|from|with) (my|the|his|"
          + "her|one) (nose|nostril))",
      "not breathing",
      "stopped breathing",
      "(struggling|fighting) (to breathe|for (every )?breath|for air)",
      "gasping",
      "(choking|choked) (on|and can't)",
      "turning blue",
      "lips (are |turning |going )?blue",
      "(can't|cannot) (speak|talk) in (full )?sentences",
      "too breathless to (talk|speak)"),
  UNCONSCIOUS(
      "(unconscious|unresponsive|not responding|won't wake up|can't wake (him|her|them) up|"
          + "not waking up|not breathing)",
      "(collapsed|passed out) and (is |isn't |won't |hasn't |still )",
      "(seizure|fit|convulsion|convulsing|fitting|seizing)\\w* (for|lasting|more than|over) "
          + "(more than |over )?(5|five|ten|10|several) (minutes|mins)",
      "(seizure|fit|convulsion)s? (won't|will not|doesn't|isn't) stop",
      "(one|another) (seizure|fit) after (another|the other)",
      "status epilepticus",
      "(having|had) (a )?(seizure|fit|convulsion) (and|but) (still|isn't|hasn't|won't|not)"),
  FIRST_SEIZURE("first (ever )?(seizure|fit|convulsion)"),
  SEIZURE(
      "(is|are|am|i'm|he's|she's|it's) (having|having a|in the middle of a) (seizure|fit|convulsion)s?",
      "(seizing|convulsing|fitting|shaking and jerking) (right )?now",
      "(started|starts|began) (having a )?(seizure|seizing|convulsing|fitting|jerking)"),
  OVERDOSE(
      "overdos\\w*",
      "(took|swallowed|ate|taken|drank|had) (a )?(whole|entire|full|bottle|packet|box|handful|"
          + "lot|lots|all (of )?(the|my|his|her)|\\d+) (of )?(pills|tablets|paracetamol|acetaminophen"
          + "|tylenol|medication|medicine|sleeping pills|bleach|antifreeze|capsules)\\w*",
      "poison(ed|ing)",
      "(drank|swallowed) (bleach|antifreeze|drain cleaner|weed killer|pesticide)"),
  ABDOMINAL_SEVERE(
      "(severe|excruciating|unbearable|worst|agonising|agonizing|intense|terrible) (abdominal|"
          + "stomach|belly|tummy) (pain|cramps?)",
      "(abdomen|stomach|belly|tummy) (is )?(rigid|hard as a board|board-like)"),
  PREGNANT("pregnan\\w*", "(weeks|months) pregnant", "expecting a baby"),
  VAGINAL_BLEEDING("vaginal bleeding", "bleeding (from|down) (below|there|my vagina)");

  final List<Pattern> patterns;

  /**
   * Whole-word match; an apostrophe is optional ("cant" = "can't"); patterns in scripts without
   * spaces between words (Chinese) match anywhere.
   */
  static Pattern compile(String regex) {
    String r = regex.replace("'", "'?");
    boolean cjk =
        regex
            .codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN);
    return cjk
        ? Pattern.compile(r)
        : Pattern.compile("(?<![\\p{L}\\p{N}])(?:" + r + ")(?![\\p{L}\\p{N}])");
  }

  Finding(String... regexes) {
    this.patterns = java.util.Arrays.stream(regexes).map(Finding::compile).toList();
  }
}
