import type { CompositeRule, CrisisPatternSet, QuestionAnswerRule, SignalPattern } from './detectCrisis.js';

/**
 * English (UK) patterns for the crisis detector (see detectCrisis.ts for how they are applied).
 *
 * Read this first:
 * - Every pattern runs against NORMALISED text: lower case, straight quotes, in-word apostrophes
 *   removed ("i'm" -> "im", "don't" -> "dont", "he's" -> "hes", "he'll" -> "hell"), text-speak
 *   expanded ("wanna" -> "want to", "kms" -> "kill myself"), whitespace collapsed, idioms masked.
 *   So write patterns in lower case and WITHOUT apostrophes.
 * - Performance: this runs on every message, up to 10,000 characters. Every pattern must stay linear:
 *   no nested quantifiers over overlapping text, and every "gap" between two phrases is bounded,
 *   e.g. `[^.!?]{0,40}`. Never use `.*`, `.+` or `(\w+\s*)*`.
 * - Safety bias: a miss can cost a life; a false alarm costs an interruption. When a phrase is
 *   genuinely ambiguous and about the person themselves, lean towards firing.
 * - Patterns are phrase FAMILIES, not test sentences. If a labelled message fails, widen or add a
 *   family here with a comment saying why; never paste the failing sentence in as a pattern.
 */

// ---------------------------------------------------------------------------------------------
// Shared vocabulary (plain strings, composed into the regexes below).
// ---------------------------------------------------------------------------------------------

/** "myself" after normalisation, plus dialect and typos ("meself", "myslef"). */
const MYSELF = '(?:myself|meself|myslef|mysefl|mysel)';

/** Things people overdose on, including UK brand and street names and common misspellings. */
const DRUGS =
  '(?:pills?|tablets?|tabs|paracet[aeo]mol|co-?codamol|codeine|sertraline|citalopram|fluoxetine|mirtazapine|' +
  'pregabalin|gabapentin|diazepam|valium|zopiclone|meds|medication|methadone|insulin|painkillers?|ibuprofen|' +
  'aspirin|sleeping pills|anti-?depressants|heroin|gear|spice|prescription|amitriptyline|propranolol|quetiapine|olanzapine|' +
  'morphine|oramorph|oxycodone|oxy|tramadol|fentanyl|dihydrocodeine|buprenorphine|subutex|xanax|zopes|benzos|pregabs|script|supply)';

/** Quantities that turn "took some tablets" into an overdose. */
const LOTS =
  '(?:all|all of|a load of|loads of|a lot of|lots of|a whole|the whole|a full|an entire|too many|too much|' +
  'handfuls of|a handful of|a bunch of|every|the lot|the rest of|\\d{2,3}|twenty|thirty|forty|fifty|a hundred|' +
  'a (?:bottle|box|pack|packet|strip|tub|jar|pot) of|(?:two|three|four|five|\\d) (?:bottles|boxes|packs|packets|strips) of|' +
  'my whole|my entire|all of my|(?:a|my|the) (?:weeks|months|fortnights) (?:worth of|supply of))';

/** Other people who might be threatening, hurting, or (for overdose) be the one in danger. */
const PERSON =
  '(?:he|she|they|someone|somebody|my (?:partner|ex|husband|wife|boyfriend|girlfriend|bf|gf|dad|mum|stepdad|brother|son|landlord|neighbour|dealer|mate|friend|pal|flatmate|cousin|sister)|' +
  'the (?:dealer|man|guy|bloke|lads?)|his mates|her mates)';

/** Nouns for people: used to keep "my partner is killing me" out of the "my feet are killing me" idiom. */
const PERSON_NOUN =
  '(?:partner|ex|husband|wife|boyfriend|girlfriend|bf|gf|dad|mum|stepdad|brother|son|landlord|neighbour|dealer|man|guy|bloke|lads?|fella)';

/** Weapons: "outside with a knife", "hes got a machete". */
const WEAPON = '(?:knife|knives|blade|machete|gun|weapon|bat|hammer|axe|screwdriver)';

/** Violence verbs in the bare form: "going to hit me". */
const HURT_VERB =
  '(?:kill|stab|hurt|hit|batter|beat|shoot|strangle|choke|smash|attack|punch|kick|burn|rape|glass|slash|break|do|shank|merk|bottle|slap|smack|jump|knife)';

/** Violence verbs in -ing form: "hes hitting me". */
const HURTING_VERB =
  '(?:killing|stabbing|hurting|hitting|battering|beating|shooting|strangling|choking|smashing|attacking|punching|kicking|burning|raping|threatening)';

/** Objects of a threat against the person or their children. */
const ME = '(?:me|us|my (?:kids|children|baby|son|daughter|face|legs?|arms?|head|fingers|knees|door|windows?))';

/** Victims of the person's OWN intent to hurt someone else. */
const VICTIM =
  '(?:him|her|them|someone|somebody|people|anyone|everyone|everybody|them all|all of them|that (?:guy|bloke|man|woman|lad|girl|prick|twat|bastard)|' +
  'my (?:baby|babies|child|children|kids?|son|daughter|partner|ex|husband|wife|boyfriend|girlfriend|dad|mum|neighbour|landlord)|' +
  'the (?:baby|kids?|guy|bloke|man|dealer|neighbour))';

// ---------------------------------------------------------------------------------------------
// Text-speak and spelling normalisation.
// ---------------------------------------------------------------------------------------------

/**
 * Rewrites that must run BEFORE apostrophes are removed. Why: "od'd" (overdosed) must be caught
 * while the apostrophe still tells it apart from the word "odd".
 */
const rewritesBeforeApostrophes: CrisisPatternSet['rewritesBeforeApostrophes'] = [
  [/\bod(?:'d|-ed|ed|'ed|-d)\b/g, 'overdosed'],
  [/\bod(?:'ing|ing|-ing)\b/g, 'overdosing'],
  [/\bod\b/g, 'overdose'],
];

/**
 * Rewrites that run after apostrophes are removed. Why: people in distress type fast, on cracked
 * phones, in text-speak; the signal patterns are written once, for the expanded form.
 */
const rewritesAfterApostrophes: CrisisPatternSet['rewritesAfterApostrophes'] = [
  // "hes ODd" typed without an apostrophe is "hes odd" after lower-casing: only rewrite after a subject.
  [/\b(hes|shes|ive|i|just|has|have|theyve|think|mates?|friends?)\s+odd\b/g, '$1 overdosed'],
  // Only "kms" (kill myself) is crisis. "kys" (kill yourself) is deliberately NOT expanded: the issue
  // treats it as an insult aimed at someone else, not a risk to the person writing.
  [/\bkms\b/g, 'kill myself'],
  // "unalive" is a social-media euphemism used to dodge filters; it means kill.
  [/\bunalive(?:d)?\b/g, 'kill'],
  [/\bunaliving\b/g, 'killing'],
  [/\bsewer ?slide\b/g, 'suicide'],
  [/\b(?:my self|meself|myslef|mysefl)\b/g, 'myself'],
  [/\b(?:wanna|wana|wanan|wannna)\b/g, 'want to'],
  [/\b(?:gonna|gunna|gona|finna)\b/g, 'going to'],
  [/\bgotta\b/g, 'got to'],
  [/\bdnt\b/g, 'dont'],
  [/\bcnt\b/g, 'cant'],
  [/\brn\b/g, 'right now'],
  [/\batm\b/g, 'at the moment'],
  [/\b(?:tn|2nite|2night|tonite)\b/g, 'tonight'],
  [/\b2day\b/g, 'today'],
  [/\b(?:cuz|coz|cos|bc)\b/g, 'because'],
  [/\bu\b/g, 'you'],
  [/\b(?:pls|plz|plez)\b/g, 'please'],
  [/\b(?:everyones|every ones|everyone is|every1s?)\b/g, 'everyone'],
  // "want 2 die": a lone 2 between two words is "to".
  [/([a-z]) 2 (?=[a-z])/g, '$1 to '],
  // Dropped g on verbs people use about risk: "thinkin", "endin", "cuttin". A closed list of stems, so
  // nouns ending in -in ("heroin", "cousin", "basin") are never touched.
  [
    /\b(think|end|kill|cutt|go|feel|try|tak|do|say|jump|hurt|dy|hang|plann|want|drink|cry|look|com|gett|hitt|threaten|stabb|burn|harm|overdos|wait|stand|sitt|bleed|punch|kick|beat|shout|bang|smash|follow|giv|writ|hid|lock|scream|chok|strangl|tell|lett|keep|mak|us|los|sleep|start|stopp|talk)in\b/g,
    '$1ing',
  ],
  // "thinking bout it": "bout" is "about" (but "a bout of flu" stays).
  [/(?<!\ba )\bbout\b/g, 'about'],
  // Common misspellings of "want".
  [/\b(?:wnt|wnat|wamt|whant)\b/g, 'want'],
  // "want to dye": die/dye the other way round. Hair and clothes ("dye my hair") keep "dye".
  [/\bto dye\b(?!\s+(?:my|her|his|your|the|it|them|some|a)\b)/g, 'to die'],
  [/\b(?:sum1|some1)\b/g, 'someone'],
  [/\b(?:sumthing|sumthin|somethin)\b/g, 'something'],
  [/\b(?:nothin|nuffin|nuthin)\b/g, 'nothing'],
  [/\bgna\b/g, 'going to'],
  [/\bppl\b/g, 'people'],
];

// ---------------------------------------------------------------------------------------------
// Idioms: masked before any signal is looked for.
// ---------------------------------------------------------------------------------------------

/**
 * Why: everyday English is full of death and violence metaphors ("this form is killing me").
 * Signposting crisis lines in reply tells someone we were not listening. Each idiom is masked
 * (replaced by a neutral marker) rather than the message being dismissed, so the rest is still
 * checked: "dying for a brew, and I want to die" still fires on the second half.
 */
const idioms: RegExp[] = [
  // "dying for a cuppa", "dying to see my kids", "dying of boredom"
  /\bdying (?:for|to|of)\b/g,
  // "died laughing", "nearly died of embarrassment", "wanted to die of shame"
  /\b(?:die|died|dying|dead) (?:laughing|of (?:laughter|embarrassment|shame|boredom|cringe))\b/g,
  /\b(?:die|died) (?:of|from) (?:embarrassment|shame|boredom|cringe|laughing)\b/g,
  // THINGS (not people) killing the speaker: "this form is killing me", "my feet are killing me"
  new RegExp(
    `\\b(?:it|this|that|these|those|(?:the|this|that|my|these|those|his|her|our)(?:\\s+(?!${PERSON_NOUN}\\b)[a-z]+){1,2})(?:s|\\s+is|\\s+are)?\\s+killing\\s+me\\b`,
    'g',
  ),
  // "killing time", "killed it at my interview", "shes killing it"
  /\bkill(?:ing|ed|s)? (?:time|it)\b/g,
  // "Id kill for a shower", "to die for"
  /\b(?:kill|die) for (?:a|an|some|one)\b/g,
  /\bto die for\b/g,
  /\bdrop dead (?:gorgeous|beautiful|lush)\b/g,
  // "I could murder a curry", "the queue is murder", "that shift was a killer"
  /\bcould murder an? [a-z]+\b/g,
  /\b(?:is|was) (?:murder|a killer)\b/g,
  // "shoot me an email/text"
  /\bshoot me (?:an?|the|your) (?:email|e-mail|text|message|msg|line|link|number|form|dm)\b/g,
  // "lol im dead", "dead tired", "sick to death of"
  /\bim dead\b(?=\s*(?:$|[.!?,~]|lol|lmao|haha|x+\b|[\u{1F602}\u{1F923}\u{1F480}]))/gu,
  /\bdead (?:tired|beat|on my feet|bored)\b/g,
  /\b(?:sick|bored|scared|worried|frightened) to death\b/g,
  // "overdosed on netflix/chocolate" ("overdid it" never matches the overdose patterns anyway)
  /\boverdos(?:e|ed|ing) on (?:netflix|chocolate|sugar|caffeine|coffee|tea|tv|telly|crisps|cake|sweets|love|sun|carbs|memes|tiktok|youtube)\b/g,
  // Accidents: "cut myself shaving", "hurt myself at the gym", "fell and hurt myself"
  new RegExp(
    `\\b(?:cut|hurt|burnt|burned|killed) ${MYSELF} (?:shaving|cooking|chopping|on (?:the|a|some)|at (?:the gym|work|football)|by accident|accidentally|falling|tripping|playing)\\b`,
    'g',
  ),
  new RegExp(`\\b(?:fell|tripped|slipped|fell over|fell off [a-z]+) and (?:hurt|cut|burnt|burned) ${MYSELF}\\b`, 'g'),
  new RegExp(`\\b(?:nearly|almost) killed ${MYSELF}\\b`, 'g'),
  // "my mum will kill me if Im late": hyperbole about trivial things ("hell kill me if he finds me" stays)
  /\b(?:kill|murder) me (?:if|when) (?:i|im) (?:am |was |were |m )?(?:late|forget|forgot|lose|lost|break|broke|spend|spent|miss|missed|dont (?:text|ring|call|tidy|clean))\b/g,
  // "shell kill me if I borrow her straighteners": kill-me-if-I is hyperbole UNLESS the condition is one that
  // abusers really punish (leaving, telling, reporting, going out, seeing people, not paying): those stay.
  /\b(?:kill|murder) me if i (?!(?:leave|left|leaving|try|tried|tell|told|go|went|going|call|called|ring|rang|report|reported|talk|talked|speak|spoke|see|saw|move|moved|take|took|dont|didnt|do|did|come|came|stay|stayed|say|said|open|opened|run|ran|contact|contacted|answer|answered|ever|even|get|got|text|texted|message|messaged|block|blocked|split|end|ended|grass|grassed|snitch|snitched|cheat|cheated|was|were|am|had|have|let|look|looked)\b)[a-z]+\b/g,
  // Housing and benefits talk reuses violence verbs. Without these, everyday eviction messages from
  // the very people this service is for ("theyre kicking me out", "threatening me with eviction")
  // read as danger-now. "beat me up" and "kick me in" are deliberately NOT masked.
  /\bkick(?:s|ed|ing)? (?:me|us|him|her|them|my \w+) out\b/g,
  /\bthreaten(?:s|ed|ing)? (?:me|us) with (?:eviction|court|the police|bailiffs|legal action|a fine|fines|sanctions|the council|debt collectors|losing|a ccj|an injunction|being|a letter|the landlord)\b/g,
  /\bdo(?:ing|es)? (?:my|your|his|her|their) head in\b/g,
  /\bhit(?:s|ting)? (?:me|us) (?:up|with (?:charges|fees|fines|bills|a bill|a fine|sanctions|questions|paperwork|the bill|a letter))\b/g,
  // "going to hit me with a section 21 / an eviction notice / a ccj": housing and debt, not violence
  /\bhit(?:s|ting)? (?:me|us) with (?:a |an |the |another )?(?:section (?:21|8)|s21|s8|notice|eviction|ccj|claim|court|rent (?:rise|increase)|increase|debt|charge|sanction|fee|fine|bill)/g,
  // "hes gonna kill me for saying that": a person annoyed about something trivial ("kill me if" is left alone)
  /\b(?:kill|murder) me for (?:saying|telling you|doing|being|forgetting|losing|spending|eating|breaking|not|letting|giving|showing|sharing|missing|buying|using|posting) (?:that|this|it)\b/g,
  /\bbeat (?:me|us) to it\b/g,
  /\bkill(?:ing)? (?:me|us) with (?:paperwork|kindness|questions|forms|bills|admin|boredom|waiting|worry|stress|calls|phone calls|emails|letters|appointments|delays)\b/g,
  // "like banging my head against a brick wall": frustration, not self-injury
  /\blike (?:banging|hitting) my head (?:against|on) a (?:brick )?wall\b/g,
  // "I want to die my hair": die/dye typo
  /\bdie (?:my|her|his|your|the) (?:hair|clothes|jeans|beard|top|roots)\b/g,
  // "my phone is about to die", "battery is dying"
  /\b(?:phone|battery|laptop|charger|car)(?:s| is)? (?:about to |going to )?(?:die|dying|dead)\b/g,
  // "jump on the bus", "jump in the shower"
  /\bjump (?:on|in|into) (?:the|a|my) (?:bus|train|call|shower|queue|car)\b/g,
  // "Ill kill him if hes late again": the same lateness hyperbole, about someone else
  /\b(?:kill|murder) (?:him|her|them) (?:if|when) (?:he|she|they|hes|shes|theyre) (?:is |are |s )?(?:late|forgets?|forgot|loses|lost|breaks|broke|spends|spent|misses|missed)\b/g,
  // "hit the gym", "smash the interview", "kill the lights"
  /\b(?:hit|hitting|smash|smashing) (?:the )?(?:gym|shops|road|sack|hay|town|pub|jackpot)\b/g,
];

/**
 * Why: song lyrics and film lines are quoted, not meant ("'I don't wanna live forever' is stuck in
 * my head"). Quoted spans are removed ONLY when the message also talks about music or film, so
 * someone quoting their own words ("I told him 'I want to die'") still fires.
 * The words here are specific on purpose: "book" or "track" would match "book an appointment".
 */
const mediaCue =
  /\b(?:song|songs|lyrics?|lyric|listening to|stuck in my head|on repeat|album|film|movie|playlist|spotify|singing|sang|sings|tune|band)\b/;
/** A quoted span: an opening quote after a space/start, a closing one before a space/punctuation/end. Lazy and bounded. */
const quotedSpan = /(?:^|[\s(])'[^\n]{1,200}?'(?=$|[\s.,!?;:)])|"[^"\n]{1,200}"/g;

// ---------------------------------------------------------------------------------------------
// Signals.
// ---------------------------------------------------------------------------------------------

/**
 * strength 'strong': first-person or unmistakable present danger; suppressed only by negation, clear
 * past framing, or (for harm-others) an explicitly non-literal meaning.
 * strength 'mention': a risk WORD that is also used about other people, services and forms
 * ("suicidal", "self-harm"); additionally suppressed by bereavement or informational context.
 */
const signals: SignalPattern[] = [
  // ===== suicide: direct statements =====
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"kill myself" and UK slang "top/off/end myself", any tense (past and negation are suppressors)',
    pattern: new RegExp(`\\b(?:kill|killing|killed|kills|end|ending|ended|top|topping|off|offing)\\s+${MYSELF}\\b`),
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"end my life", "take my own life": but not "take my life back" or "take my life into my own hands"',
    pattern: /\b(?:end|ending|take|taking|took|taken)\s+my\s+(?:own\s+)?life\b(?!\s+(?:back|into|in hand|forward|seriously|in a new direction))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"end it all", "ending it all": an unambiguous euphemism',
    pattern: /\b(?:end|ending|finish|finishing)\s+it\s+all\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"going to end it", "want to end it", "just end it": but not "end it with my boyfriend"',
    pattern:
      /\b(?:going to|want to|wanting to|about to|ready to|time to|will|just|might|should|plan to|planning to|thinking of|thinking about|im|i am|ill|i will)\s+(?:just\s+)?end(?:ing)?\s+(?:it|things|everything)\b(?!\s+(?:with|between|off|for (?:him|her|them)|there))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"want to die", "ready to die", "rather be dead", "deserve to die"',
    pattern:
      /\b(?:want|wanted|wanting|wish|wishing|ready|rather|prefer|going|need|deserve)\s+(?:to\s+)?(?:just\s+)?(?:die|be dead|not exist|not be alive|stop existing|stop living|stop breathing|disappear forever)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"wish I was dead", "wish I wasnt born", "wish I wasnt here"',
    pattern:
      /\bwish(?:ing)?\s+i\s+(?:was|were|could be)\s+(?:dead|gone)\b|\bwish(?:ing)?\s+i\s+(?:wasnt|werent|was never|had never been)\s+(?:born|here|alive|around)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"better off dead", "everyone would be better off without me / if I wasnt around"',
    pattern:
      /\bbetter off dead\b|\bbetter\s+without\s+me\b|\b(?:im|i am|id be|i would be|id be|everyone would be|theyd be|they would be)\s+better off\s+(?:gone|not here|not around|not alive|out of the way|if im gone)\b|\bbetter off\s+(?:without me|if i\s+(?:just\s+)?(?:wasnt|werent|was not|were not)\s+(?:here|around|alive)|if i\s+(?:just\s+)?(?:was|were)\s+(?:gone|dead)|if i\s+(?:just\s+)?(?:died|disappeared|went away for good|vanished)|with me gone|when im gone)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"I dont want to live / be alive / wake up" IS crisis even though it contains a negation; "dont want to live in Wisbech" is not',
    pattern:
      /\b(?:dont|do not|no longer|not sure i|not sure if i)\s+(?:really\s+|even\s+)?want\s+to\s+(?:live|be alive|exist|wake up|carry on|go on|keep going)\b(?!\s+(?:in|at|with|near|on|round|around|forever|like that|somewhere|anywhere|where|there|here|together|for ever|off|through|a |an |the ))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"I dont want to be here anymore": "be here" alone is usually about a place, so require anymore/any longer',
    pattern: /\b(?:dont|do not|no longer|not sure i|not sure if i)\s+(?:really\s+)?want\s+to\s+be\s+(?:here|around|alive)\s+(?:anymore|any more|any longer|no more)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"no reason to live", "nothing to live for", "life isnt worth living", "had enough of life"',
    pattern:
      /\b(?:no reason|nothing left|nothing|no point|nothing worth)\s+(?:to|in)\s+(?:live|living|be alive|being alive)\b|\b(?:life|it)\s+(?:isnt|is not|aint|not)\s+worth\s+(?:living|it anymore|it any more)\b|\bnot worth living\b|\b(?:had enough|sick|tired|done|finished)\s+(?:of|with)\s+(?:life|living|being alive)\b(?!\s+(?:in|at|with|on|like|here|there|under|rough|out of|off|somewhere|where))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"whats the point in carrying on / living", "dont see the point anymore"',
    pattern:
      /\b(?:whats|what is|no|dont see the|dont see any|cant see the|cant see any)\s+(?:the\s+)?point\s+(?:in|of|to)\s+(?:carrying on|going on|living|being alive|life|being here|anything anymore|anything any more|me)\b|\b(?:dont|cant)\s+see\s+(?:the|any)\s+point\s+(?:anymore|any more|in anything|in life|in living|of anything)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"cant go on like this", "cant carry on anymore", "cant keep going": but not "cant go on the bus"',
    pattern:
      /\bcant\s+(?:go on|carry on|keep going|take (?:it|this))\s*(?:like this|anymore|any more|any longer|much longer|no more)\b|\bcant\s+(?:go on|carry on|keep going)(?=\s*(?:$|[.,!?;~]|and\b|i\b))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"go to sleep and not wake up", "dont want to wake up tomorrow"',
    pattern: /\b(?:sleep|bed|sleeping)\b[^.!?]{0,25}\b(?:not|never)\s+wake\s+up\b|\b(?:dont|do not)\s+want\s+to\s+wake\s+up\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"wish I could just not wake up", "hope I dont wake up": without the word sleep',
    pattern: /\b(?:wish|want|hope|praying)\s+(?:i\s+could\s+|to\s+|that\s+i\s+)?(?:just\s+)?(?:not|never|dont|wont)\s+wake\s+up\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"I want it all to end", "want it to stop for good", "want out for good": not "want the noise to stop"',
    pattern:
      /\bwant\s+(?:it all|everything|all of this|all this|my life|life)\s+to\s+(?:end|stop|be over)\b(?!\s+(?:being|going|getting|happening|changing))|\bwant\s+(?:it|this|the pain|the hurt|my pain|the thoughts|the voices)\s+to\s+(?:end|stop|be over|go away)\s+(?:for good|forever|permanently)\b|\bwant\s+out\s+(?:for good|forever|of (?:this life|life|living))\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"use it on myself", "turn the knife on myself": a weapon meant for the person',
    pattern: new RegExp(`\\b(?:use|turn)\\s+(?:it|them|the\\s+[a-z]+|a\\s+[a-z]+|my\\s+[a-z]+)\\s+on\\s+${MYSELF}\\b`),
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"go to sleep forever", "go away permanently", "disappear for good": euphemisms for death',
    pattern:
      /\b(?:go away|go to sleep|sleep|disappear|vanish|be gone|not be here|not be around|leave this world)\s+(?:permanently|forever|for ever|for good)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"planning my death", "thought about how to die"',
    pattern:
      /\b(?:planning|planned|plan|plans for|researching|googling|looking up)\s+(?:my\s+(?:own\s+)?death|how to die|how i would die|how id die|ways to die|the best way to die|how to kill myself)\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: '"I think about dying every day": passive ideation; a mention because grief talk ("thinking about death since dad died") uses it too',
    pattern:
      /\b(?:thinking|think|thought|thoughts|dreaming|fantasi[sz]ing)\s+(?:about|of)\s+(?:dying|death|my death|being dead|not being here|not being alive|not existing)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"about to do something stupid": a common UK euphemism ("not going to do anything stupid" does not match)',
    pattern: /\b(?:about to|going to|might|will|ill|scared ill|afraid ill|worried ill|scared i will|scared i might)\s+do\s+something\s+(?:stupid|silly|daft|drastic)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"dont know how much longer I can keep going / hold on"',
    pattern:
      /\b(?:dont know|do not know|idk|not sure|no idea)\s+how\s+(?:much\s+)?(?:longer|long)\s+i\s+can\s+(?:keep going|go on|carry on|hold on|keep this up|last)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'standing on railway lines, a ledge, or the edge of somewhere high',
    pattern:
      /\b(?:edge|top)\s+of\s+(?:the|a|this)\s+(?:roof|bridge|cliff|multi ?-?storey|car park|building|tower|balcony|block)\b|\b(?:on|standing on|stood on|sat on|sitting on|lying on|walking on|walking along)\s+(?:the\s+)?(?:railway line|railway lines|train tracks?|railway tracks?|rail tracks?|the ledge|a ledge|the edge of the (?:roof|bridge|cliff))\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"tonight is my last night", "today will be my last day": but not "my last day at work/in the hostel"',
    pattern:
      /\b(?:tonight|today|this|tomorrow)\s+(?:is|will be|s)\s+my\s+last\s+(?:night|day)\b(?!\s+(?:in|at|on|of|with|before|here|there|as))|\bmy\s+last\s+(?:night|day)\s+(?:on earth|alive)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"Im going to jump": said on its own (jumping on a bus or in the shower is masked as an idiom)',
    pattern: /\b(?:going to|want to|about to|will|ill|ready to)\s+jump\b(?=\s*(?:$|[.,!?~]|now|tonight|off|from|in front|x+\b))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"no way out except dying", "the only answer is suicide"',
    pattern:
      /\b(?:only|no other|no)\s+(?:way out|option|answer|escape|solution|choice)\b[^.!?]{0,30}\b(?:dying|death|to die|die|suicide|ending it|kill myself|end it)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'methods using drink, starvation or traffic: "drink myself to death", "walk into the river"',
    pattern: new RegExp(
      `\\b(?:drink|drinking|starve|starving|inject|injecting)\\s+${MYSELF}\\s+to\\s+death\\b|` +
        '\\b(?:walk|walking|step|stepping|run|running)\\s+(?:out\\s+)?(?:into|in front of|infront of|under)\\s+(?:the\\s+|a\\s+)?(?:river|sea|traffic|road|oncoming [a-z]+|lorry|train|bus|car|cam|canal|lake)\\b',
    ),
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: '"said my goodbyes": a farewell sign, but also said at a hospice or funeral (hence a mention)',
    pattern: /\b(?:said|saying|say|written|writing)\s+(?:my\s+)?goodbyes\b|\bsaid\s+goodbye\s+to\s+(?:everyone|my kids|my family|the kids)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"I dont think Ill be alive by morning", "cant see myself being alive next week"',
    pattern:
      /\b(?:wont|will not|dont think ill|dont think i will|dont see myself|cant see myself|not going to|i doubt ill)\s+(?:be|being|still be)\s+alive\b|\bwont\s+be\s+(?:here|around)\s+(?:much longer|for much longer|by (?:the )?morning)\b|\b(?:cant|dont|can not|cannot)\s+see\s+(?:me|myself)\s+(?:still\s+)?(?:being|be)\s+(?:here|around|alive)\s+(?:by|at|for|next|this|in a)\b|\b(?:wont|will not|not going to)\s+be\s+(?:a problem|a burden|a bother|in (?:anyones|your|their|the) way|anyones problem|here|around)\b[^.!?]{0,25}\b(?:after|by|from|past)\s+(?:tonight|today|tomorrow|this weekend|the weekend|morning)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"Im checking out tonight": euphemism; "checking out of the hostel" or "check out the food bank" are excluded',
    pattern:
      /\b(?:im|i am|going to|about to|ready to|time to|gonna)\s+(?:check|checking)\s+out\b(?!\s+(?:of|from|the|a|an|some|your|that|this|my|at|how|what|whether|if|their|his|her|these|those|places|flats|jobs))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"nobody would notice/care/miss me if I was gone / died"',
    pattern:
      /\b(?:nobody|no one|noone|no1)\s+(?:would|will|d|even)\s+(?:even\s+)?(?:care|notice|miss me|be bothered)\b[^.!?]{0,25}\bif\s+i\s+(?:was|were|went|died|disappeared|killed|wasnt|werent)\b|\b(?:nobody|no one|no ones|noone|no1)\s+(?:is going to|going to|s going to)\s+(?:even\s+|really\s+)?(?:miss me|care|notice)\b[^.!?]{0,25}\b(?:when|if|once|after)\s+(?:im|i am|i was|i)\s+(?:gone|dead|not here)\b|\b(?:nobody|no one|noone|no1)\s+(?:would|will|d)\s+(?:even\s+|really\s+)?miss\s+me\b(?=\s*(?:$|[.,!?~]|if|when|anyway|at all|x+\b))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'methods and plans: hanging, drowning, jumping, a rope, driving into something',
    pattern: new RegExp(
      `\\b(?:hang|hanging|hung|drown|drowning|gas|gassing|suffocate|suffocating|throw|throwing|chuck|stab|stabbing|shoot|shooting|poison|poisoning|strangle|strangling|electrocute|set fire to|smother)\\s+${MYSELF}\\b|` +
        '\\bengine\\s+running\\b[^.!?]{0,40}\\bgarage\\b|\\bgarage\\b[^.!?]{0,40}\\bengine\\s+running\\b|\\bhose(?:pipe)?\\b[^.!?]{0,30}\\bexhaust\\b|\\bexhaust\\b[^.!?]{0,30}\\bhose(?:pipe)?\\b|' +
        '\\b(?:river|canal|sea|lake|weir|water)\\b[^.!?]{0,60}\\b(?:step|stepping|wade|wading|jump|jumping|walk|walking|throw myself)\\s+in\\b(?!\\s+(?:to town|to the (?:shop|office|centre)))|' +
        '\\bjump(?:ing)?\\s+(?:off|from|in front of|under|infront of)\\s+(?:a\\s+|the\\s+|that\\s+)?(?:[a-z]+\\s+){0,3}?(?:bridge|train|building|roof|car|bus|lorry|cliff|car park|multi ?storey|balcony|tower)\\b|' +
        '\\b(?:got|bought|have|sorted|tied|found|made|set up|hung|put up)\\s+(?:the|a|some|my)\\s+(?:rope|ligature|noose)\\b|\\bnoose\\s+(?:is\\s+)?(?:ready|up|tied|sorted)\\b|\\bpockets\\s+full\\s+of\\s+(?:stones|rocks|bricks)\\b|' +
        '\\b(?:drive|driving|crash|crashing|steer)\\s+(?:my car\\s+|the car\\s+)?(?:into|off)\\s+(?:the (?:back|side|front) of\\s+)?(?:a|the)\\s+(?:wall|tree|lorry|river|bridge|motorway|barrier)\\b',
    ),
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'someone somewhere high who says "jump" or "let go"',
    pattern:
      /\b(?:on|at|standing on|up on|top of)\s+(?:the|a|this)\s+(?:bridge|roof|edge|ledge|cliff|platform|car park|multi ?storey|balcony)\b[^.!?]{0,60}\b(?:jump|let go|end it)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'goodbye letters and notes are a strong planning sign',
    pattern:
      /\bsuicide note\b|\bgoodbye (?:letters?|notes?|messages?|texts?)\b|\b(?:written|writing|wrote|left)\s+(?:my |a |some )?(?:letters?|notes?)\s+(?:to|for)\s+(?:my\s+)?(?:kids|children|family|mum|dad|partner|everyone|son|daughter)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"scared of what I might do to myself", "cant keep myself safe"',
    pattern: new RegExp(
      `\\b(?:might|could|would|will|going to|about to)\\s+do\\s+(?:something\\s+)?(?:to\\s+)?${MYSELF}\\b|` +
        `\\b(?:cant|cannot|can not|dont think i can|not sure i can)\\s+keep\\s+${MYSELF}\\s+safe\\b`,
    ),
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'saving up or stockpiling medication is a plan even without the word overdose ("collecting my prescription" is not)',
    pattern: new RegExp(
      `\\b(?:saving|saved|stockpiling|stockpiled|hoarding|hoarded|collecting|collected|gathering|gathered|stashing|stashed)\\s+(?:up\\s+)?(?:all\\s+)?(?:my|the|some|his|her|of my|my [a-z]+s)\\s+(?:[a-z]+\\s+)?${DRUGS}\\b(?!\\s+(?:from|at|for (?:him|her|them)|prescription from))|` +
        '\\b(?:collecting|collected|gathering|stashing|stashed|hiding|hidden|saving|stockpiling|hoarding)\\s+(?:up\\s+)?(?:pills|tablets|meds|painkillers|paracet[aeo]mol|sleeping pills)\\b',
    ),
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: '"suicidal", "suicidle" (typo), "thinking about suicide", "suicide plan": also said about services and other people',
    pattern:
      /\bsu[i1]?c[i1]?d(?:al|le|el|ial|ale)\b|\b(?:thinking|thought|thoughts|think|considering|plan|planning|plans|attempt|attempting|commit|committing|contemplating)\s+(?:about\s+|of\s+|on\s+)?(?:a\s+)?su[i1]?c[i1]?de\b|\bsu[i1]?c[i1]?de\s+(?:plan|thoughts?|attempt)\b/,
  },

  // ===== self-harm now =====
  {
    signal: 'self-harm',
    strength: 'strong',
    why: '"cut/burn/hurt/harm myself"; accidents ("cut myself shaving") are masked as idioms first',
    pattern: new RegExp(
      `\\b(?:cut|cutting|cuts|burn|burning|burnt|burned|hurt|hurting|hurts|harm|harming|harmed|scratch|scratching|punch|punching|starve|starving|bite|biting|bruise|bruising)\\s+${MYSELF}\\b`,
    ),
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: '"cut my arms/wrists/legs"',
    pattern:
      /\b(?:cut|cutting|slit|slitting|slash|slashing|slashed|sliced|slicing|burn|burning|burnt)\s+(?:my|me)\s+(?:arms?|wrists?|legs?|thighs?|skin|stomach|body)\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: '"urge to cut", "want to cut", "the urges are bad": but not "cut down", "cut my hair", "cut him out"',
    pattern:
      /\b(?:urges? to|want to|going to|about to|need to|itching to|tempted to)\s+(?:cut|burn|self[- ]?harm)\b(?!\s+(?:down|back|off|out|up|it|the|a|an|my (?:hair|nails|fringe|beard|losses|photos|letters|stuff)|corners|ties|costs|through|him|her|them|someone|ties|some|calories|fat|bridges|rubbish|wood|candles|incense|toast|cds|dvds|photos|letters|pictures|his|their|your|that|this|those|these))|\b(?:the\s+)?urges?\s+(?:are|is)\s+(?:really\s+|so\s+)?(?:bad|strong|back)\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: 'head-banging or punching walls until injured (the "brick wall" idiom is masked first)',
    pattern:
      /\b(?:hitting|banging|smashing|punching|bashing)\s+my\s+(?:head|fists?|hands?)\s+(?:against|on|into)\s+(?:the|a|my)\s+(?:wall|floor|door|mirror)\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: '"Ive cut again", "been cutting again", "cut too deep": the verb alone, with a time or severity word',
    pattern:
      /\b(?:ive|i have|i|i just|ive just|just|been|started|keep|kept|im|am|was)\s+(?:cut|cutting|burned|burnt|burning|harmed|harming|sh)\s+(?:again|tonight|today|last night|deep|too deep|really deep|badly|bad|every day|every night|right now|now)\b|\bcut\s+(?:too|really|so)\s+deep\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: 'a blade held to the body: "blade in my hand", "razor to my wrist"',
    pattern:
      /\b(?:blade|razor|knife)\s+(?:in|to|against|on)\s+my\s+(?:hands?|wrists?|arms?|skin|throat|neck|legs?|thighs?)\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: '"scratching my arms till they bleed": injuring the body until it bleeds or bruises',
    pattern:
      /\bmy\s+(?:arms?|skin|legs?|wrists?|hands?|face|head|thighs?|stomach|fists?|knuckles)\s+(?:till|until|til)\s+(?:it|they|i|its)\s+(?:bleed|bleeds|bled|bleeding|bruise|bruises|bruised|break|breaks|burns?)\b/,
  },
  {
    signal: 'self-harm',
    strength: 'mention',
    why: '"self harm(ing)": also said about services, forms and the past, hence a mention',
    pattern: /\bself[- ]?harm(?:ing|ed|s)?\b|\bself[- ]?injur(?:y|ing|ed)\b/,
  },

  // ===== overdose =====
  {
    signal: 'overdose',
    strength: 'strong',
    why: '"took a load of pills", "taken 30 paracetamol", "swallowed a whole pack of co-codamol"',
    pattern: new RegExp(
      `\\b(?:taken|took|take|taking|swallowed|swallow|swallowing|had|necked|neck|downed|done|eaten|ate)\\s+(?:like\\s+|about\\s+|around\\s+|over\\s+|nearly\\s+|maybe\\s+|at least\\s+|roughly\\s+)?${LOTS}\\s+(?:of\\s+)?(?:my\\s+|me\\s+|the\\s+|his\\s+|her\\s+)?(?:[a-z0-9-]+\\s+){0,2}?(?:${DRUGS}|packs?|packets?|box(?:es)?|strips?|bottles?(?!\\s+of\\s+(?:wine|vodka|cider|beer|gin|whisky|whiskey|rum|lager|water|coke|pop|milk|juice|prosecco|spirits))|bottles? of (?:pills|tablets))\\b`,
    ),
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'drugs listed after something else: "necked a bottle of vodka and all my mirtazapine"',
    pattern: new RegExp(`\\b(?:and|with|plus)\\s+(?:all|loads|a load|the rest|a whole pack)\\s+(?:of\\s+)?my\\s+${DRUGS}\\b`),
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: '"Ive overdosed", "I think Ive taken too much", "going to overdose"',
    pattern:
      /\b(?:i|ive|i have|i just|ive just|think ive|think i|just|i am|im)\s+(?:just\s+)?(?:overdosed|overdosing|taken an overdose|took an overdose|had an overdose|done an overdose|taken too much|taken too many|took too (?:much|many)(?!\s+(?:time|notice|on|off)))\b|\b(?:going to|want to|about to|thinking of|thinking about|planning to|plan to|might|will)\s+(?:overdose|take an overdose)\b/,
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: '"going to take all my pills", "so I can take them all at once", "take every tablet in the house"',
    pattern: new RegExp(
      `\\b(?:going to|want to|about to|planning to|plan to|will|so i can|might|could|just)\\s+take\\s+(?:${LOTS}\\s+(?:of\\s+)?(?:my\\s+|the\\s+)?(?:[a-z]+\\s+)?${DRUGS}|them all|the lot|everything in the house)\\b`,
    ),
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'a number of tablets after a taking verb: "necked half a bottle of whiskey and 20 codeine" ("28 tablets left" has no taking verb)',
    pattern: new RegExp(
      `\\b(?:taken|took|swallowed|necked|downed|done|had)\\b[^.!?]{0,40}\\b(?:\\d{2,3}|twenty|thirty|forty|fifty)\\s+(?:of\\s+(?:my|the|his|her)\\s+)?${DRUGS}\\b`,
    ),
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'medication gathered and waiting: "pills ready", "3 boxes of paracetamol in front of me"',
    pattern: new RegExp(
      `\\b${DRUGS}\\s+(?:are\\s+|is\\s+)?(?:ready|lined up|counted out|in front of me|next to me|in my hand|all out on the)\\b|` +
        `\\b(?:\\d+|several|loads of|lots of|enough|a pile of|a stack of|a few)\\s+(?:boxes|packs|packets|strips|bottles)\\s+of\\s+${DRUGS}\\b`,
    ),
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'someone else overdosing NOW: "hes not breathing", "my mates gone blue", "shes just overdosed"',
    pattern: new RegExp(
      `\\b${PERSON}(?:s|\\s+is|\\s+has|\\s+just|s just|\\s+has just)\\s+(?:gone blue|turned blue|turning blue|not breathing|stopped breathing|unconscious|collapsed|fitting|having a fit|not responding|unresponsive|overdosed|overdosing)\\b|` +
        `\\b${PERSON}\\s+(?:isnt breathing|wont wake up|isnt waking up|cant breathe)\\b|` +
        '\\b(?:gone blue|turned blue|turning blue|stopped breathing|isnt breathing)\\b',
    ),
  },

  // ===== danger now: being threatened or attacked =====
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'someone is here/outside/at the door WITH a weapon, in the present tense',
    pattern: new RegExp(
      `\\b${PERSON}(?:s|(?<=they)re|\\s+is|\\s+are)\\s+(?:[a-z]+\\s+){0,8}?(?:with|got|has|holding|waving|carrying|pulled out)\\s+(?:(?:a|an|his|her|their|the|my|a big|the big)\\s+)?(?:(?:kitchen|big|massive|huge|carving|bread|stanley|flick|long|sharp)\\s+)?${WEAPON}\\b|` +
        `\\b${PERSON}(?:\\s+have|\\s+has|ve|s)\\s+got\\s+(?:a\\s+|an\\s+)?${WEAPON}\\b`,
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'threats of imminent violence: "hes going to hit me", "hell break my legs"',
    pattern: new RegExp(
      `\\b${PERSON}(?:s|(?<=they)re|\\s+is|\\s+are)?\\s+(?:going to|about to|threatening to|trying to|just tried to|tried to|coming to|coming round to|on (?:his|her|their) way to)\\s+${HURT_VERB}\\s+${ME}\\b|` +
        `\\b${PERSON}(?:ll|\\s+will)\\s+(?:probably\\s+|actually\\s+|definitely\\s+|really\\s+)?${HURT_VERB}\\s+${ME}\\b`,
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'reported threats: "he said hes going to kill me", "they said theyll stab me"',
    pattern: new RegExp(
      `\\b${PERSON}\\s+(?:said|says|keeps saying|told me|threatened|text(?:ed)? me|messaged me|swears|swore)\\s+(?:that\\s+)?` +
        `(?:${PERSON}(?:ll|\\s+will|\\s+would|d|s going to|\\s+is going to|(?<=they)re going to|\\s+are going to|\\s+was going to)|to)\\s+${HURT_VERB}\\s+${ME}\\b`,
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'violence happening now: "hes hitting me", "kicking the door in", "smashing everything up"',
    pattern: new RegExp(
      `\\b(?:${PERSON}(?:s|(?<=they)re|\\s+is|\\s+are)|keeps|keep)\\s+(?:[a-z]+\\s+){0,2}?${HURTING_VERB}\\s+(?:me|us|my (?:kids|children|baby|son|daughter|mum)|the (?:baby|kids|children))\\b|` +
        '\\b(?:im|i am|were|we are)\\s+being\\s+(?:attacked|hit|beaten|beaten up|stabbed|strangled|choked|chased|threatened|raped|assaulted|hurt)\\b|' +
        '\\b(?:kicking|smashing|banging|breaking|booting|bashing)\\s+(?:down\\s+|in\\s+)?(?:the|my|our)\\s+(?:door|window|windows)(?:\\s+in|\\s+down)?\\b|' +
        '\\b(?:smashing|breaking|throwing|wrecking)\\s+(?:everything|things|stuff)(?:\\s+up)?\\b',
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'strangulation now: "hes got my throat", "his hands round my neck" (strangulation is a leading sign of homicide risk)',
    pattern: new RegExp(
      `\\b${PERSON}(?:s|\\s+has|\\s+is)?\\s+(?:got|grabbed|grabbing|holding|squeezing)\\s+(?:hold of\\s+)?(?:me by\\s+)?(?:my|the)\\s+(?:throat|neck)\\b|` +
        '\\b(?:hands?|arm)\\s+(?:round|around|on)\\s+my\\s+(?:throat|neck)\\b',
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'restrained or trapped: "hes pinned me down", "wont let me leave the house"',
    pattern:
      /\b(?:pinned|pinning|holding|held)\s+me\s+down\b|\blocked\s+me\s+in\b|\b(?:wont|will not|isnt letting|is not letting)\s+(?:let\s+)?me\s+(?:leave|out|go)\b(?=\s*(?:$|[.,!?~]|the (?:house|flat|room|bedroom|car)))/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'threats of fire with the person inside: "burn the flat down with me in it"',
    pattern:
      /\b(?:fire|burn|burning|torch|petrol|set it alight)\b[^.!?]{0,50}\bwith\s+(?:me|us|the kids|my kids)\s+(?:still\s+)?in(?:side)?\b/,
  },
  {
    signal: 'harm-others',
    strength: 'strong',
    why: 'the person threatening fire with someone inside: "torch his car with him in it"',
    pattern: /\b(?:fire|burn|torch|petrol|set (?:it|the [a-z]+) alight|set fire to)\b[^.!?]{0,50}\bwith\s+(?:him|her|them|the [a-z]+)\s+(?:still\s+)?in(?:side| it| there)?\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'someone has broken in or forced their way in',
    pattern: new RegExp(
      `\\b${PERSON}(?:s|\\s+has|ve|\\s+have)\\s+(?:just\\s+)?(?:broken in|broke in|got in|forced (?:his|her|their|the|a) way in|kicked (?:the|my) door in|smashed (?:the|my) (?:door|window))\\b|\\bsomeone\\s+(?:is\\s+)?(?:breaking|trying to break)\\s+in\\b`,
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'just attacked: "theyve just beaten me up", "hes battered me" (present perfect = it has just happened)',
    pattern: new RegExp(
      `\\b${PERSON}(?:ve|s|\\s+have|\\s+has)\\s+(?:just\\s+)?(?:beaten|beat|battered|stabbed|attacked|jumped|glassed|kicked|punched|strangled|choked|hurt|raped|burned|burnt)\\s+(?:me|us)\\b|` +
        `\\b${PERSON}\\s+just\\s+(?:beat|battered|stabbed|attacked|jumped|glassed|kicked|punched|strangled|choked|hurt|raped|hit|pushed|shoved|threw|dragged)\\s+(?:me|us)\\b`,
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'hiding or barricaded: "im hiding in the bathroom", "locked myself in the bedroom"',
    pattern: new RegExp(
      `\\b(?:im|i am|were|we are|currently)\\s+hiding\\b(?!\\s+(?:the|my|a|an|some|it|them|his|her|their|presents|money|stuff|from (?:the |my )?(?:landlord|landlady|bailiffs?|council|debt collectors?|rent|bills|tv licence|letters|post|phone|problems|world|responsibilit\\w+|jobcentre|dwp|work coach)))|\\blocked\\s+(?:${MYSELF}|us|me and the kids|me)\\s+in\\s+(?:the|my|a)\\s+(?:bathroom|bedroom|toilet|room|car|kitchen)\\b`,
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: '"Im not safe", "in danger", "scared for my life", "please call the police"',
    pattern:
      /\b(?:im|i am|we are|were|im really)\s+(?:not safe|in danger|scared for my life|fearing for my life|terrified for my life)\b|\b(?:dont|do not)\s+feel\s+safe\s+(?:right now|tonight|at the moment)\b|\bplease\s+(?:call|ring|get)\s+(?:the\s+)?(?:police|999|an ambulance|ambulance)\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'violence already done AND the person coming back or still nearby: past act, present danger',
    pattern:
      /\b(?:strangled|choked|hit|beat|battered|stabbed|attacked|threatened|hurt|raped|punched|kicked)\b[^.!?]{0,60}\b(?:coming back|on (?:his|her|their) way|back tonight|outside now|still here|still outside|downstairs)\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'injured now: "Ive been stabbed", "bleeding loads", "wont stop bleeding"',
    pattern:
      /\b(?:ive|i have|ive just|i just|just)\s+(?:just\s+)?(?:been|got)\s+(?:stabbed|attacked|beaten up|glassed|jumped|assaulted|raped|shot|slashed)\b|\b(?:spurting|pumping out|pouring with blood|blood everywhere|soaked (?:through )?(?:in|with) blood|wont clot)\b|\b(?:bleeding\s+(?:loads|a lot|badly|heavily|everywhere|so much)|(?:it|my [a-z]+|they|this)\s+wont stop bleeding|wont stop bleeding|cant stop (?:it |the |my [a-z]+ )?(?:from )?bleeding|bleeding wont stop)\b/,
  },

  // ===== harm to others: the person's own intent =====
  {
    signal: 'harm-others',
    strength: 'strong',
    why: '"Im going to hurt him", "Ill stab him", "I want to kill her"; a bare "I hurt her" is not intent',
    pattern: new RegExp(
      `\\b(?:(?:im|i am|im really|im actually|i swear im)\\s+(?:going to|about to)|i\\s+(?:really\\s+|just\\s+)?(?:want to|feel like|am going to)|ill|i will|i swear ill|im ready to)\\s+` +
        `(?:kill|stab|hurt|harm|batter|beat up|do in|shoot|strangle|smother|shake|glass|attack|murder|slash)\\s+${VICTIM}\\b`,
    ),
  },
  {
    signal: 'harm-others',
    strength: 'strong',
    why: '"Ill end up killing someone", "I might hurt someone", "scared Ill hurt my baby"',
    pattern: new RegExp(
      `\\b(?:ill|i will|i might|i could|im going to|i am going to|scared ill|afraid ill|worried ill|scared i will|scared i might|afraid i might)\\s+(?:end up\\s+|actually\\s+|really\\s+)?(?:killing|hurting|stabbing|harming|attacking|kill|hurt|stab|harm|attack|shake|smother)\\s+(?:someone|somebody|people|anyone|my (?:baby|child|children|kids?|son|daughter|partner))\\b`,
    ),
  },
  {
    signal: 'harm-others',
    strength: 'strong',
    why: '"thoughts of hurting my baby", "urges to harm someone": intrusive thoughts need support now',
    pattern: new RegExp(
      `\\b(?:thoughts?|urges?|images?|ideas?|thinking|think|fantasi[sz]ing)\\s+(?:of|about|to)\\s+(?:hurting|harming|killing|stabbing|smothering|shaking|hurt|harm|kill)\\s+${VICTIM}\\b`,
    ),
  },
  {
    signal: 'harm-others',
    strength: 'strong',
    why: 'armed and going after someone: "got a knife and Im going round there"',
    pattern: new RegExp(
      `\\b(?:ive got|i have|got|im carrying|carrying|taking|bringing|grabbed)\\s+(?:a\\s+|an\\s+|my\\s+)?${WEAPON}\\b[^.!?]{0,50}\\b(?:going round|going over|going to (?:find|get|sort|do|use)|sort (?:him|her|them) out|teach (?:him|her|them)|use it)\\b`,
    ),
  },
  {
    signal: 'harm-others',
    strength: 'strong',
    why: '"I could kill someone" is usually an idiom, but NOT when the person insists they mean it',
    pattern: new RegExp(
      `\\bcould\\s+(?:kill|murder|stab|hurt|batter)\\s+${VICTIM}\\b[^.!?]{0,50}\\b(?:i mean it|not joking|for real|seriously|i swear)\\b`,
    ),
  },

  // ===== added with the held-out batch (heldOutMessages.ts): families, not sentences =====
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'method research: "looking up how many tablets it takes", "best way to do it", "lethal dose"',
    pattern: new RegExp(
      `\\b(?:looking up|looked up|googling|googled|researching|researched|reading up on|read up on|searching|searched|working out|worked out|figuring out|figured out)\\s+how\\s+(?:many|much)\\s+(?:[a-z]+\\s+){0,2}?(?:${DRUGS}\\s+)?(?:it takes|it would take|would (?:kill|do it)|to (?:die|kill|overdose|take to die))\\b|` +
        '\\b(?:best|easiest|quickest|least painful|most painless|painless|surest|fastest)\\s+way\\s+to\\s+(?:do it|die|end it|go|kill myself|end my life|top myself)\\b|' +
        '\\blethal dose\\b|\\bhow\\s+(?:many|much)\\s+(?:[a-z]+\\s+){0,2}?(?:it takes|would it take|does it take|would i need|do i need)\\s+to\\s+(?:die|kill|overdose|not wake up|end it)\\b',
    ),
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'a method question: "does it hurt to drown?", "would it take long to bleed out?"',
    pattern:
      /\b(?:does|would|will|do you think)\s+(?:it|dying)\s+(?:hurts?|takes? long|be painful|be quick|is painful)\s+(?:to|if (?:you|i))\s+(?:die|drown|hang|jump|bleed out|overdose|od|suffocate|get hit by a train)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'present position somewhere high or on the line: "standing on the bridge", "sat on the roof edge" (not "I was standing on the bridge when...")',
    pattern:
      /(?<!\b(?:was|were)\s)\b(?:standing|stood|sat|sitting|perched|stood up)\s+(?:on|up on|on top of|at the top of|on the edge of|at the edge of)\s+(?:the|a|this)\s+(?:[a-z]+\s+){0,2}?(?:bridge|roof|rooftop|ledge|cliff|multi ?-?storey|balcony|railway line|railway|tracks|viaduct|tower block)\b(?!\s+(?:waiting for (?:my|the|a) (?:bus|mate|friend|lift|taxi)|with my (?:mates|friends)))/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"waiting for a fast one/train to come through": the railway euphemism',
    pattern: /\bwaiting for (?:a|the)\s+(?:fast|non[- ]?stop|non[- ]?stopping|express|freight)\s+(?:one|train)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"drink till I die", "keep using until Im dead"',
    pattern:
      /\b(?:drink|drinking|use|using|take|taking|keep going|cut|cutting|bleed|inject|injecting)\b[^.!?]{0,30}\b(?:till|until|til)\s+i\s+(?:die|am dead|m dead|stop breathing|dont wake up|never wake up)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"I dont care if I live or die"',
    pattern: /\b(?:dont|do not|couldnt|could not)\s+care\s+(?:if|whether)\s+i\s+(?:live or die|die|wake up)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'a decision, an unnamed act and a time: "going to do it tonight, Ive decided"',
    pattern:
      /\b(?:going to|gonna|will|ill|about to|ready to)\s+do\s+it\s+(?:tonight|today|now|right now|this weekend|tomorrow)\b[^.!?]{0,40}\b(?:decided|made my mind up|made up my mind|no going back|sorry|goodbye|bye)\b|\b(?:decided|made my mind up|made up my mind|no going back)\b[^.!?]{0,40}\b(?:going to|gonna|will|ill)\s+do\s+it\s+(?:tonight|today|now|right now|this weekend|tomorrow)\b/,
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'everything taken, without a drug word: "took everything in the cupboard", "swallowed all the boxes"',
    pattern:
      /\b(?:took|taken|swallowed|necked|downed)\s+(?:everything|all of it|the lot|all)\s+(?:in|from|out of)\s+(?:the|my)\s+(?:cupboard|cabinet|drawer|medicine (?:box|cabinet|cupboard)|bathroom|first aid box|box|bag)\b(?!\s+(?:to|with|into)\b)|\b(?:took|taken|swallowed|necked|downed)\s+(?:all\s+)?(?:the\s+)?(?:whole\s+)?(?:boxes|packets|packs|strips|blister packs?)\b(?!\s+(?:to|with|into|out|back)\b)|\b(?:took|taken|swallowed|necked|downed)\s+the\s+whole\s+(?:strip|pack|packet|box|bottle)\b/,
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'someone unresponsive now: "hes not waking up", "cant wake her"',
    pattern:
      /\b(?:hes|shes|theyre|he is|she is|they are|hes just|shes just)\s+not\s+(?:waking up|breathing|responding|moving)\b|\bcant\s+wake\s+(?:him|her|them)\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: 'a blade got out ready: "got the razor out", "blades ready" (not for shaving)',
    pattern:
      /\b(?:got|getting|taken|took|get)\s+(?:the|a|my)\s+(?:razor|razors|blade|blades)\s+out\b(?!\s+(?:to shave|for shaving|to do))|\b(?:razor|blade)s?\s+(?:are\s+|is\s+)?(?:ready|out)\b(?!\s+(?:to shave|for shaving))/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: 'hitting walls until injured: "punching the wall till my knuckles split"',
    pattern:
      /\b(?:punch|punching|punched|hit|hitting|bang|banging|smash|smashing)\s+(?:the|a|my)\s+(?:wall|walls|door|mirror|floor)\b[^.!?]{0,30}\b(?:till|until|til)\b[^.!?]{0,20}\b(?:bleed|bleeds|bleeding|bled|split|splits|broke|break|broken|bust|busted|cracked)\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'held in: "hes got me locked in the bedroom"',
    pattern: /\b(?:got|has|have|kept|keeping|keeps)\s+(?:me|us|me and the kids)\s+locked\s+(?:in|up)\b/,
  },
  {
    signal: 'harm-others',
    strength: 'strong',
    why: 'lying in wait with a weapon: "waiting for him outside his house with a bat"',
    pattern: new RegExp(
      `\\b(?:im|i am|ive been|been|sat|sitting)\\s+waiting\\s+(?:for|outside|round)\\s+(?:him|her|them|his|her|their)\\b[^.!?]{0,50}\\bwith\\s+(?:a|an|my|the)\\s+${WEAPON}\\b|` +
        `\\bwith\\s+(?:a|an|my|the)\\s+${WEAPON}\\b[^.!?]{0,30}\\bwaiting\\s+for\\s+(?:him|her|them)\\b`,
    ),
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'a lethal-amount question: "the most paracetamol you can take before it kills you"',
    pattern:
      /\b(?:most|how many|how much|max|maximum)\b[^.!?]{0,40}\b(?:before|until|till|to)\s+(?:it\s+)?(?:kills?\s+(?:you|me|someone|a person)|(?:you|i)\s+die|dying|it would kill)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'a vehicle, then "in front of it / under it": "theres a train at 10 past and Im going to be in front of it"',
    pattern: /\b(?:train|trains|lorry|lorries|bus|coach)\b[^.!?]{0,60}\b(?:be|get|go|stand|lie|step|jump|walk)\s+(?:in front of|infront of|under)\s+(?:it|one|them)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'at the edge of water or a drop, now: "sat on the edge of the river"',
    pattern:
      /(?<!\b(?:was|were)\s)\b(?:standing|stood|sat|sitting|perched)\s+(?:on|at|by)\s+the\s+edge\s+of\s+(?:the|a)\s+(?:river|canal|water|lake|dock|quay|platform|sea|drop|weir|lock)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'looking for high places: "looking at the tallest buildings", "searching for high bridges"',
    pattern:
      /\b(?:looking|looked|searching|searched|googling|googled)\s+(?:at|up|for|into)\s+(?:the\s+)?(?:tallest|highest|high|tall)\s+(?:buildings?|bridges?|car parks?|multi ?-?storeys?|places?|cliffs?|towers?)\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: 'fresh or deep wounds: "covered in cuts from tonight", "one is quite deep"',
    pattern:
      /\b(?:covered in|full of)\s+(?:fresh\s+)?(?:cuts|burns|slashes)\s+(?:from\s+)?(?:tonight|today|last night|again|this morning)\b|\b(?:cut|cuts|one|wound|it)\s+(?:is|are|s|looks)\s+(?:quite\s+|really\s+|very\s+|so\s+|too\s+)?deep\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'something just thrown at the person: "just threw a chair at me"',
    pattern:
      /\b(?:just|hes|shes|theyve|has|have|keeps?)\s+(?:just\s+)?(?:threw|thrown|throwing|chucked|chucking|lobbed|swung|swinging|hurled)\s+(?:a|an|the|his|her|my|their)\s+[a-z]+\s+at\s+(?:me|us|my (?:head|face))\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: '"Ive cut and its bleeding", "Ive just burnt": the perfect tense with nothing after is the act just done',
    pattern: /\b(?:ive|i have|ive just|i just|just)\s+(?:just\s+)?(?:cut|burnt|burned|sliced)(?=\s*(?:$|and\b|,|x+\b|again\b))(?!\s*and\s+(?:paste|pasted|run|ran|dyed|coloured))/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'someone trying to force a door or window: "trying to kick the door down"',
    pattern: new RegExp(
      `\\b(?:${PERSON}(?:s|(?<=they)re|\\s+is|\\s+are)?|keeps?)\\s+(?:trying to|going to|about to|gonna)\\s+(?:kick|smash|break|bash|boot|force)\\s+(?:down\\s+|in\\s+|open\\s+)?(?:the|my|our)\\s+(?:door|doors|window|windows)\\b`,
    ),
  },
];

// ---------------------------------------------------------------------------------------------
// Suppressors and scope.
// ---------------------------------------------------------------------------------------------

/**
 * Negation, tested against the words just BEFORE a match, in the same clause.
 * Why so narrow: "Im not suicidal" and "I dont want to hurt myself" are safe, but "nobody would care
 * if I killed myself" is not. So the negator must be followed only by "filler" words up to the match.
 * Patterns that carry their own negation ("dont want to live") START at the negator, so it is inside
 * the match, not before it, and they are not suppressed.
 */
const negationBefore =
  /(?:^|\s)(?:not|never|no|dont|doesnt|didnt|wont|wouldnt|cant|cannot|couldnt|havent|hasnt|isnt|arent|wasnt|werent|nor|without|nothing|none|neither|denies|deny|denied)\s+(?:(?:once|seriously|actually|honestly|genuinely|properly|truly|any|really|at all|ever|even|going to|want to|wanting to|planning to|plan to|intend to|intending to|thinking of|thinking about|think about|thought about|feel|feeling|been|be|have|had|got|tried to|try to|trying to|a|the|currently|actively|having|thoughts? of|thoughts? about|plans? to|plans? of|intentions? of|intentions? to|urges? to|im|am|is|its|do|did|would|will|need to|like|current|recent|of|or|and|suicidal|suicide|i|do anything to|mean to|at risk of|risk of)\s+){0,6}$/;

/** "cant stop thinking about killing myself": "cant stop"/"cant help" do not negate what follows. */
const negationExceptions = /\b(?:cant|cannot|couldnt|wont|dont)\s+(?:stop|help|shake|get rid of|seem to stop)\b/;

/**
 * Clear past framing in the clause. Why: people are asked for their history, and telling it
 * ("I used to self-harm years ago") must not be treated as an emergency.
 * Deliberately absent: "no longer" (as in "I no longer want to live") and bare "started".
 */
const pastMarkers =
  /\b(?:used to|years? ago|months? ago|when i was|as a (?:kid|child|teenager|teen)|in the past|back in|back when|last year|last month|a (?:long|few) (?:time|years|months) ago|at the time|history of|previously|in my past|at school|in my (?:teens|twenties|20s|teenage years)|clean from|clean of|free from|free of|not anymore|dont anymore|dont any more|been clean|been free|thats why i left|after (?:a|my) (?:suicide attempt|overdose)|i had an overdose|i was sectioned|stopped|quit)\b|\b(?:19|20)\d\d\b|\b(?:at|aged|age)\s+(?:1[0-9]|[2-9][0-9])\b(?!\s*(?:past|to|oclock|am|pm|:|mins|minutes|hours|quid|pounds))/;

/**
 * Markers of NOW that override past framing in the same clause ("I self harmed again last night").
 */
const immediacyMarkers =
  /\b(?:right now|tonight|today|again|still|currently|at the moment|this (?:morning|evening|afternoon|week)|just now|last night|relapsed|any minute)\b/;

/**
 * Resumption: a past-framed self-harm/suicide/overdose mention plus one of these anywhere in the message
 * means it has come back ("I used to self-harm and Ive started again tonight"). Negated resumption
 * ("I havent started again") does not count.
 */
const relapseCues =
  /\b(?:started again|start again|starting again|started doing it again|doing it again|done it again|did it again|back to (?:it|cutting|doing it|self[- ]?harming)|relapsed|relapsing|again (?:tonight|today|right now|this week|last night)|(?:tonight|today|last night|this week) again|urges? (?:are|is) back)\b/g;

/**
 * Bereavement and other people's deaths. Why: grief is not crisis, and people often must explain a
 * death to explain a lost tenancy. Applies to 'mention' signals only: "since mum died Im suicidal"
 * still fires because the person is the subject (see selfSubjectBefore).
 */
const bereavementCues =
  /\b(?:died|passed away|passed on|funeral|bereave(?:d|ment)|grie(?:f|ving)|killed (?:himself|herself|themselves)|took (?:his|her|their) (?:own )?life|lost (?:my|our) [a-z]+ to|rip)\b/;

/**
 * Talking ABOUT the topic (forms, training, prevention) rather than being at risk.
 * Applies to 'mention' signals only: "does the team help with suicide prevention?".
 */
const informationalCues =
  /\b(?:form|forms|question|questions|questionnaire|assessment|training|course|awareness|prevention|leaflet|poster|policy|website|research|essay|documentary|article|statistics|volunteer(?:ing)?|history of)\b/;

/** The person is the subject of a mention: "Im suicidal", "Ive been self harming", "feeling suicidal". */
const selfSubjectBefore =
  /\b(?:im|i am|i feel|i felt|ive been|i have been|i get|i keep|i|feeling|been)\s+(?:(?:so|really|very|quite|pretty|totally|a bit|proper|properly|feeling|getting|being|having|still|always|more|again)\s+){0,3}$/;

/**
 * Someone ELSE asked a screening question ("my probation officer asked if Id ever thought about
 * hurting anyone and I said no"). Suppresses the match in that clause unless the person says they
 * answered yes (see affirmativeAnswer).
 */
const reportedQuestionCues = /\b(?:asked|asks|asking|ask)\s+(?:me\s+)?(?:if|whether|about|how)\b/;
const affirmativeAnswer = /\b(?:said|say|says|answered|told (?:him|her|them))\s+(?:that\s+)?(?:yes|yeah|i (?:do|did|have|am))\b/;

/**
 * The person says their "hurt him" is not physical ("I want to hurt him the way he hurt me, in court
 * I mean"). Harm-others only: for suicide we never trust a softener.
 */
const nonLiteralCues =
  /\b(?:in court|legally|through the courts|financially|emotionally|not physically|i mean in court|in (?:the game|fortnite|warzone|call of duty|cod|gta|minecraft|roblox|fifa|apex|valorant)|(?:in|at|on) (?:the game|fortnite|warzone|call of duty|cod|gta|minecraft|roblox|fifa|apex|valorant|cards|pool|darts|chess|monopoly|uno)|on (?:the )?(?:xbox|ps5|ps4|playstation|switch))\b/;

/**
 * The person explicitly says they do not mean it literally ("Id rather die than go back to him, not
 * literally"). Applies to every signal, but only for these explicit words: a bare "lol" or "jk" is
 * NOT enough, because people often soften real disclosures with a joke.
 */
const explicitlyFigurativeCues = /\b(?:not literally|not literal|figuratively|metaphorically|figure of speech)\b/;

/**
 * Taking the full dose as prescribed ("Ive taken all my meds this morning like the GP said").
 * Overdose only: without this, medication check-ins would trigger crisis replies.
 */
const complianceCues =
  /\b(?:as prescribed|like (?:the|my) (?:doctor|gp|nurse|pharmacist|psychiatrist) (?:said|told me|says)|on time|this morning|for (?:today|the day|the week)|every day|each day|daily)\b/;

/** Sentence boundaries: punctuation, line breaks, spaced dashes, and words that usually turn the story. */
const sentenceBreak = /[.!?;\n]+|\s[-\u2013\u2014]+\s|\s(?:but|although|though|however|whereas)\s/g;

/** Clause boundaries inside a sentence: used to scope past framing, negation and context. */
const clauseBreak = /,|\s(?:and|so|because|then|cause|plus|since|anyway)\s/g;


// ---------------------------------------------------------------------------------------------
// Compositional layer: subject + frame + harm term, in a bounded window (see CompositeRule).
// ---------------------------------------------------------------------------------------------

/**
 * Subject tokens. The engine takes the LAST one before a harm term, so in "I think he wants to stab
 * me" the subject of "stab" is "he", and in "it makes me want to die" it is "me". "it", "this" and
 * "you" are here so they can BLOCK a rule ("do you want to die?" is not the person speaking).
 */
const subjectTokens = new RegExp(
  `\\b(i|im|ive|ill|id|me|myself|he|she|they|hes|shes|theyre|theyve|theyll|hell|shell|hed|shed|theyd|we|weve|you|youre|youll|it|its|this|someone|somebody|` +
    `(?:my|the|his|her) ${PERSON_NOUN}|my (?:flatmate|mate|friend|cousin|uncle|sister|mates)|his mates|her mates|ex|stepdad|one of them)\\b`,
  'g',
);
const selfSubject = /^(?:i|im|ive|ill|id|me|myself)$/;
const otherSubject = new RegExp(
  `^(?:he|she|they|hes|shes|theyre|theyve|theyll|hell|shell|hed|shed|theyd|someone|somebody|(?:my|the|his|her) [a-z]+|his mates|her mates|ex|stepdad|one of them)$`,
);

/** A negator anywhere between the subject and the harm term ("I dont think Ill ever kill myself"). */
const compositeNegation =
  /\b(?:not|never|no|dont|doesnt|didnt|wont|wouldnt|cant|cannot|couldnt|isnt|arent|wasnt|werent|nothing|nobody|none|neither|nor)\b/;

/** Intent or present-time frames for the person's own acts. */
const SELF_FRAME =
  '\\b(?:going to|want to|wanted to|wanting to|about to|ready to|plan to|planning to|planning on|plan on|decided to|deciding to|made (?:up )?my mind|' +
  'thinking of|thinking about|think about|keep thinking|should|need to|needing to|tempted to|might|will|ill|im going|feel like|urges? to|' +
  'cant stop|tonight|right now|now|today|tomorrow|this weekend|trying to|try to|wish i could|would rather|id rather|time to|have to|got to|gonna|ready)\\b';

/** Frames for another person's threat or attack, now. */
const OTHER_FRAME =
  '\\b(?:going to|gonna|about to|will|hell|shell|theyll|threaten(?:ing|s|ed)?|said|says|saying|swears?|swore|shouting|screaming|yelling|text(?:ed|ing|s)?|messag(?:ed|ing|es)|' +
  'coming|outside|at the door|here|now|right now|tonight|wont stop|keeps?|trying to|tried to|wants to|hes|shes|theyre|is|are|just)\\b';

/** Victims of the person's own intent (people only: "beat this addiction" does not count). */
const OTHER_VICTIM =
  '(?:him|her|them|someone|somebody|anyone|everyone|people|that (?:guy|bloke|man|woman|lad|girl|prick|twat|bastard|idiot|dickhead)|' +
  'my (?:baby|babies|child|children|kids?|son|daughter|partner|ex|husband|wife|boyfriend|girlfriend|dad|mum|neighbour|landlord|flatmate)|' +
  'the (?:baby|kids?|guy|bloke|man|dealer|neighbour))';

const composites: CompositeRule[] = [
  {
    signal: 'suicide',
    level: 'crisis',
    subject: 'self',
    why: '"im honestly so ready to just die", "im going to go and end it", "I keep thinking I should just jump off"',
    harm:
      /\b(?:die|be dead|end it|end it all|end things|end everything|end my (?:own )?life|take my (?:own )?life|kill myself|top myself|hang myself|drown myself|gas myself|off myself|not wake up|never wake up|stop breathing|not exist|go to sleep forever|be done with (?:it all|everything|life|this life|living)|jump(?:ing)? off|jump(?:ing)? in front of|jump(?:ing)? from|jump(?:ing)?(?=\s*(?:$|tonight|today|now|right now|off|from|x+\b))|(?:step|walk|run|lie down|throw myself)\s+(?:out\s+)?(?:in front of|infront of|under|into)\s+(?:a|the)\s+(?:train|lorry|bus|car|traffic|river|canal|sea))\b/,
    frame: new RegExp(SELF_FRAME),
    after: /^(?!\s+(?:with|between|off|of|from|for|laughing|happy|a |an |my hair|her hair|back|into|forward|seriously|in hand|in a new|in (?:a|the) (?:game|film)))/,
  },
  {
    signal: 'suicide',
    level: 'crisis',
    subject: 'self',
    why: '"I want to be with my mum again", "want to join my brother": wanting to be with someone who has died',
    harm:
      /\b(?:be with|join|see)\s+(?:my\s+)?(?:mum|mom|mam|dad|nan|nana|nanna|gran|granny|grandad|grandma|brother|sister|son|daughter|baby|partner|husband|wife|boy|girl)\s+(?:again|up there|in heaven|soon)\b/,
    frame: /\b(?:want to|wanting to|just want to|going to|ready to|cant wait to|need to|wish i could|time to|gonna)\b/,
  },
  {
    signal: 'self-harm',
    level: 'crisis',
    subject: 'self',
    why: '"I really want to go and cut", "I need to bleed", "im going to hurt myself so bad tonight"',
    harm: /\b(?:cut|burn|hurt|harm|bleed|self harm|sh)\b/,
    frame: new RegExp(SELF_FRAME),
    // The verb must stand alone (no object): "want to burn some cds", "need to hurt less" are not this.
    after:
      /^\s*(?:$|[,.!?~]|again\b|tonight\b|today\b|now\b|right now\b|so bad|so badly|really bad|badly\b|deep\b|deeper\b|x+\b|and\b|but\b|because\b|if\b|when\b|till?\b|until\b|please\b|so much\b)/,
  },
  {
    signal: 'overdose',
    level: 'crisis',
    subject: 'self',
    why: '"Im going to take everything in the cupboard", "might just neck the lot"',
    harm: /\b(?:take|taking|swallow|swallowing|neck|necking|down|downing)\s+(?:all of them|all my|all the|everything|the lot|them all|the whole|every|loads of|a load of|the rest of)\b/,
    frame: new RegExp(SELF_FRAME),
    after:
      /^(?!\s+(?:[a-z]+\s+)?(?:stuff|things|bags?|clothes|rubbish|boxes to|to the|back|out|with me|home|round|forms?|paperwork|advice|money|cash|courses?|shifts?|hours|help)\b)/,
  },
  {
    signal: 'danger-now',
    level: 'crisis',
    subject: 'other',
    why: '"hes shouting what hes going to do to me", "he wont stop hitting me", "my ex keeps texting that hell stab me"',
    harm: new RegExp(
      `\\b(?:kill(?:ing)?|stab(?:bing)?|hurt(?:ing)?|hit(?:ting)?|batter(?:ing)?|beat(?:ing)?|strangl(?:e|ing)|chok(?:e|ing)|shoot(?:ing)?|burn(?:ing)?|glass(?:ing)?|slash(?:ing)?|rap(?:e|ing)|attack(?:ing)?|punch(?:ing)?|kick(?:ing)?|murder(?:ing)?|knif(?:e|ing)|smash(?:ing)?|shank(?:ing)?|merk|bottl(?:e|ing)|slap(?:ping)?|smack(?:ing)?|jump|do)\\s+(?:to\\s+)?(?:me|us|my (?:kids|children|baby|son|daughter|face|head|legs?))\\b|` +
        `\\b(?:sort\\s+(?:me|us)\\s+out|teach\\s+(?:me|us)\\s+a\\s+lesson|deal\\s+with\\s+(?:me|us)|get\\s+(?:me|us)(?=\\s*(?:$|tonight|now|when|if|for good|back)))\\b|` +
        `\\btrying\\s+to\\s+(?:get\\s+in(?:to)?|break\\s+in(?:to)?|force\\s+(?:his|her|their|the|a|my)\\s+(?:way|door|window))\\b(?!\\s+(?:touch|contact|to (?:see|college|work|the course)|on|with|the queue|line|shape))`,
    ),
    frame: new RegExp(OTHER_FRAME),
    after: /^(?!\s+(?:with\s+(?:a|an|some|my|the)\s+(?:bed|room|place|voucher|food|form|phone|job|flat|tent|money|payment|appointment)|up\b(?!\s+(?:tonight|again|now|proper))|with\s+(?:the|a|an|some|his|her|their)\s+(?:bill|bills|fees?|fines?|charges?|paperwork|questions?|letter|sanction|form)|out|off|a |an |for|over the (?:phone|money)|in (?:the|a) (?:game|match|fortnite|warzone)))/,
  },
  {
    signal: 'harm-others',
    level: 'crisis',
    subject: 'self',
    why: '"im going to go round and stab him", "I swear Ill batter that prick tonight"',
    harm: new RegExp(
      `\\b(?:kill|stab|hurt|harm|batter|beat|shoot|strangle|smother|shake|glass|slash|attack|murder|knife|punch|hit|smash|burn)\\s+${OTHER_VICTIM}\\b|\\bdo\\s+${OTHER_VICTIM}\\s+in\\b`,
    ),
    frame: /\b(?:going to|gonna|about to|want to|wanting to|will|ill|swear|plan|planning|ready to|tonight|right now|now|feel like|urges? to|thoughts? of|scared ill|afraid ill|might|cant stop|waiting for|i mean it)\b/,
    after: /^(?!\s+(?:up\b(?!\s+(?:tonight|again|proper|bad))|with\s+(?:the|a|an)\s+(?:question|bill|facts|truth|news|letter)|feelings|back|in (?:fortnite|warzone|the game|cod|fifa|gta)|at (?:pool|darts|fifa|cards|chess)))/,
  },
];

// ---------------------------------------------------------------------------------------------
// Questions answered in the same message.
// ---------------------------------------------------------------------------------------------

const YES_ANSWER =
  /^[\s?:.!\-\u2013\u2014]*(?:a\s*[:.\-]\s*)?(?:yes|yeah|yep|yh|ye|yea|aye|sometimes|often|every day|everyday|all the time|most days|constantly|daily|i do|i have|i am|loads|lots)\b(?!\s+(?:but\s+)?(?:not|no|never)\b)/;

const questionAnswers: QuestionAnswerRule[] = [
  {
    signal: 'suicide',
    why: '"Any thoughts of ending your life? yes", "are you feeling suicidal? - yeah"',
    question:
      /\b(?:thoughts?|plans?|urges?|ideas?)\s+(?:of|about|to)\s+(?:killing|ending|taking)\s+(?:yourself|your (?:own )?life)\b|\b(?:are|have)\s+you\s+(?:been\s+|ever\s+)?(?:feeling\s+|felt\s+)?suicidal\b|\b(?:do|have|are)\s+you\s+(?:ever\s+)?(?:want|wanted|feel like|felt like|thought about|think about|thinking about)\s+(?:to\s+)?(?:kill|killing|end|ending)\s+(?:yourself|your life)\b/,
    yes: YES_ANSWER,
  },
  {
    signal: 'self-harm',
    why: '"Any thoughts of harming yourself? Yes every day"',
    question:
      /\b(?:thoughts?|plans?|urges?|ideas?)\s+(?:of|about|to)\s+(?:harming|hurting|cutting)\s+yourself\b|\b(?:do|have|are)\s+you\s+(?:ever\s+|currently\s+|been\s+)?(?:self[- ]?harm(?:ing)?|hurting yourself|harming yourself|want(?:ed)? to (?:hurt|harm) yourself)\b/,
    yes: YES_ANSWER,
  },
];

/**
 * A disclosure inside a hypothetical or a question about what a service would do: lowered to concern.
 */
const hypotheticalCues =
  /\b(?:what (?:happens|would happen|will happen)|would (?:they|you) (?:have to|section|tell|call|ring|report)|will (?:they|you) (?:section|tell|call|ring|report)|do (?:they|you) have to (?:tell|report)|if (?:i|someone|somebody|a person|a client|a service user) (?:tell|tells|told|said|says|say|mention|mentions|mentioned|admit|admits|admitted))\b/;

// ---------------------------------------------------------------------------------------------
// Concern tier: a kind human would ask "are you safe right now?".
// ---------------------------------------------------------------------------------------------

const concern: SignalPattern[] = [
  {
    signal: 'distress',
    strength: 'strong',
    why: '"I cant cope anymore", "cant take any more", "cant do this anymore": at the end of what they can bear',
    pattern:
      /\b(?:cant|cannot|can not|dont think i can)\s+(?:cope|do this|do it|take it|take this|take any more|take anymore|handle (?:it|this|life|anything)|go on|carry on|keep going|deal with (?:it|this|anything|life))\s*(?:anymore|any more|any longer|no more|no longer)\b|\b(?:cant|cannot)\s+cope\s*(?:$|with (?:anything|life|it all|any of it|everything|myself))|\b(?:at|reached)\s+(?:my\s+)?breaking point\b|\bcant take (?:much )?(?:more|any more|anymore)\b(?!\s+(?:time|days|shifts|hours|money|calls|bags|people|of (?:the|your|his|her|their)))|\bend of my tether\b|\bfalling apart\b|\bcant stop crying\b|\bcrying (?:all day|all night|every day|every night|non stop)\b/,
  },
  {
    signal: 'distress',
    strength: 'strong',
    why: '"whats the point of anything", "no point anymore", "theres no hope", "I give up on everything"',
    pattern:
      /\b(?:whats|what is|theres no|no|dont see the|cant see the|dont see any)\s+(?:the\s+)?point\s*(?:$|anymore|any more|of anything|in anything|of any of it|in any of it|of it all|in trying|of trying)\b|\b(?:life|everything|it all|my life)(?:s|\s+is|\s+feels|\s+seems)\s+(?:so\s+)?(?:pointless|meaningless)\b|\b(?:no hope|hopeless|no future|no way out|cant see a way out|cant see a future|cant see any future|nothing to look forward to|nothing left for me|nothing left to live for)\b|\bgiv(?:e|ing|en)\s+up\s+on\s+(?:everything|life|myself|it all)\b|\b(?:tired|sick)\s+of\s+(?:everything|it all|fighting|trying|being me)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"everyone would be better off", "Im a burden", "nobody would miss me": passive thoughts of not being here',
    pattern:
      /\b(?:everyone|they|my kids|the kids|my family|people|everybody)\s+(?:would|will|d)?\s*be\s+better\s+off\s*(?:$|[,.!?~]|now|anyway|tbh|honestly|really|without|if i\b|if im\b|when im\b|with me gone)|\b(?:im|i am|im just|feel like)\s+(?:a|such a)\s+(?:burden|waste of space|waste of oxygen|waste of time|failure)\b|\bi\s+hate\s+(?:myself|my life|being alive|living)\b|\b(?:want|wish i could|wish i could just|just want)\s+to\s+(?:disappear|vanish|not be here|sleep forever|not feel anything)\b|\b(?:dont|do not)\s+want\s+to\s+be\s+here\b|\b(?:nobody|no one|noone)\s+(?:cares|would care|would notice|would miss me|gives a)\b|\b(?:just\s+)?want\s+(?:it|this|everything|it all)\s+to\s+(?:be over|stop|end)\b|\bworthless\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: '"I dont feel safe at home", "Im scared of him", "scared of what hell do": fear of a person',
    pattern: new RegExp(
      `\\b(?:dont|do not|never)\\s+feel\\s+safe\\b|\\bnot\\s+safe\\s+(?:at home|here|with (?:him|her|them))\\b|` +
        `\\b(?:scared|frightened|terrified|afraid)\\s+(?:of|to go home to|to be around)\\s+(?:him|her|them|${PERSON})\\b|` +
        `\\b(?:scared|frightened|terrified|afraid)\\s+(?:of\\s+)?what\\s+(?:he|she|they)\\s*(?:ll|will|might|would|d|is going to|s going to)\\s+do\\b|` +
        `\\b(?:he|she|they|${PERSON})\\s*(?:s|\\s+is|\\s+has been|s been|\\s+keeps|\\s+keep)\\s+(?:threatening|following|stalking|controlling)\\s+me\\b|` +
        `\\b(?:scared|frightened|terrified|afraid)\\s+to\\s+go\\s+(?:home|back home|back to (?:him|her|them|the house|the flat))\\b|\\b(?:walking on eggshells|hes got a temper)\\b`,
    ),
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: '"the urges are creeping back", "I feel like cutting" without a clear now: ask, do not assume',
    pattern: /\burges?\s+(?:to\s+(?:cut|hurt|harm)|are\s+(?:creeping|coming)\s+back)\b|\b(?:thinking about|tempted to|feel like)\s+(?:cutting|self harming|harming myself)\b/,
  },
];

/**
 * Suicide warning signs: weak alone, strong together. Each entry is a DIFFERENT kind of sign, so two
 * of the same kind (two goodbyes) do not add up; two kinds (a goodbye and giving things away) do.
 */
const warningSigns: SignalPattern[] = [
  {
    signal: 'suicide',
    strength: 'mention',
    weakAlone: true,
    why: 'a bare "goodbye" as a whole sentence (alone, it ends ordinary chats too)',
    pattern: /^(?:goodbye|goodbye all|goodbye everyone|goodbye world|so long)$/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    weakAlone: true,
    why: 'finality: "im done" as a whole sentence, "when Im gone"',
    pattern: /^(?:im|i am)\s+(?:so\s+|just\s+)?done(?:\s+now)?$|\b(?:when|once|after)\s+im\s+gone\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    weakAlone: true,
    why: '"thank you for trying": thanks for help that the person feels has failed',
    pattern: /\b(?:thank you|thanks)\s+for\s+trying\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    weakAlone: true,
    why: 'the means to hand: "got a bag of pills", "bought a rope", "all my tablets here"',
    pattern: new RegExp(
      `\\b(?:got|have|bought|ive got|holding)\\s+(?:a|some|loads of|all my|my|a bag of|a box of|a load of|enough)\\s+(?:bag of\\s+|box of\\s+)?${DRUGS}\\b(?!\\s+(?:from|at|for|prescribed|sorted|on repeat))`,
    ),
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'giving belongings away',
    pattern:
      /\b(?:giv(?:e|en|ing)|gave)\s+(?:away\s+)?(?:all\s+)?(?:my|all my)\s+(?:stuff|things|belongings|possessions|bits)\b|\b(?:giv(?:e|en|ing)|gave)\s+(?:my|all my)\s+[a-z]+\s+away\b(?!\s+to (?:the )?charity)/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: '"wont need them (anymore)", said of belongings at the end of a sentence',
    pattern: /\bwont\s+(?:be\s+)?need(?:ing)?\s+(?:it|them|any of it|any of this|my [a-z]+)(?:\s+(?:anymore|any more|where im going|after (?:tonight|today)))?\s*$/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'a farewell apology: "sorry for everything", "this is goodbye", "forgive me"',
    pattern: /\b(?:sorry for everything|sorry for all of it|this is goodbye|goodbye everyone|bye everyone|please forgive me|forgive me for (?:this|what)|thanks for everything,? bye)\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'saying goodbye to someone close: "said bye to my little girl"',
    pattern: /\b(?:said|saying|say)\s+(?:bye|goodbye|my goodbyes)\s+to\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'last messages of love: "told her mummy loves her", "tell my kids I love them"',
    pattern:
      /\b(?:told|tell|telling)\s+(?:him|her|them|my [a-z]+|the kids|everyone)\s+(?:that\s+)?(?:i love|i loved|mummy loves|daddy loves|mum loves|dad loves|im sorry)\b|\blook after\s+(?:my kids|the kids|my dog|my cat|my mum|my boy|my girl|everyone)\s+for me\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'putting affairs in order: life insurance, a will, "sorted everything out"',
    pattern: /\b(?:sorted everything out|sorted all my affairs|put my affairs in order|got my affairs in order|life insurance|sorted (?:out )?my will|made (?:a|my) will|written my will|wrote my will|will pay out)\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'a decision or a time set: "tonights the night", "Ive decided", "no going back"',
    pattern: /\b(?:tonights the night|tonight is the night|todays the day|today is the day|tonights it|tonight is it|today is it|todays it|this is it now|no going back now|ive decided|made my mind up|made up my mind|its time now)\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    weakAlone: true,
    why: '"Im ready to go" as a whole sentence (alone, it is usually about leaving a room)',
    pattern: /^(?:im|i am|im just|i feel)\s+ready\s+to\s+go\s*(?:now\s*)?$/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'others better without them, or a burden: "theyll be alright without me", "had enough of being a burden"',
    pattern: /\b(?:alright|all right|fine|ok|okay|happier|better)\s+without\s+me\b|\b(?:being|im|i am|feel like)\s+(?:a|such a)\s+burden\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'a note left: "left a note on the side"',
    pattern: /\b(?:left|leaving|written|wrote|writing)\s+(?:a|the|my)\s+note\b(?!\s+(?:for|to)\s+(?:the\s+)?(?:landlord|staff|worker|keyworker|key worker|council|school|gp|doctor|teacher|postman|neighbour))/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    why: 'arranging care for pets or children: "put the dog with my sister", "found a home for my cat"',
    pattern:
      /\b(?:put|left|given|gave|taken|took|dropped)\s+(?:the|my)\s+(?:dog|cat|dogs|cats|pets?|kids|children|boy|girl)\s+(?:with|to|round)\s+(?:my|a|his|her)\s+[a-z]+\b|\b(?:rehomed|found a (?:new )?home for)\s+(?:the|my)\s+(?:dog|cat|dogs|cats|pets?)\b/,
  },
  {
    signal: 'suicide',
    strength: 'mention',
    // Alone, the concern patterns already cover it; "Ive had enough of this weather" must stay quiet.
    weakAlone: true,
    why: 'at the end of what they can bear: "cant do this no more", "had enough"',
    pattern:
      /\b(?:cant|cannot)\s+(?:do this|do it|cope|take it|take this|go on|carry on)\s*(?:anymore|any more|any longer|no more)\b|\bive had enough\b|\bcant take any more\b/,
  },
];

// ---------------------------------------------------------------------------------------------
// The safety net: a broad present-danger lexicon that raises at least 'concern'.
// ---------------------------------------------------------------------------------------------

/**
 * Why a safety net: phrase patterns above catch the wordings someone thought of; measured on sealed
 * batches, half of new crisis wordings slipped through at level 'none'. A false 'concern' costs the
 * person one kind question ("are you safe right now?"); a miss costs far more. So this layer is wide
 * on purpose, and precise only about WHEN: present tense, first person or someone near now, not past,
 * not negated, not a film, game, dream or the news. It promotes to 'crisis' only where the sentence
 * itself shows the danger is immediate (a weapon AND near/now; strangling now; bleeding AND self-inflicted).
 *
 * Every gap is bounded and every alternation is over fixed words, so each pattern stays linear.
 */

/** Weapons, plural and street names included. */
const ARMS =
  '(?:knife|knives|blade|blades|machete|machetes|gun|guns|shotgun|pistol|bat|bats|baseball bats?|golf clubs?|hammer|axe|crowbar|screwdriver|' +
  'weapon|weapons|sword|swords|zombie knife|broken bottle|shank|shiv|stanley knife|acid)';

/** A weapon word used as part of a household object or a topic: "knife block", "knife crime", "bat signal". */
const NOT_AN_OBJECT =
  '(?!\\s+(?:block|blocks|set|sets|drawer|rack|sharpener|crime|amnesty|bin|bins|signal|man|mobile|cave|box|licence|license|club|range|off))';

/** Said about the place or time of a danger: near the person, or now. */
const NEAR_NOW =
  '\\b(?:right now|now|tonight|still|outside|downstairs|upstairs|at the door|at my door|on the landing|in the (?:hall|hallway|kitchen|car park|stairwell|garden|house|flat|room)|' +
  'round the corner|around the corner|across the road|over the road|next door|in here|out there|looking for me|asking for me|coming for me|after me|waiting for me|' +
  'on (?:his|her|their) way|coming back|coming round|coming over|at the hostel|at the refuge|please help|help me|send someone|call (?:the )?police|999)\\b';

/** People who can be the victim of violence happening now (family, partners, friends, strangers). */
const NEAR_PERSON =
  '(?:me|us|him|her(?!\\s+(?:targets?|goals?|stride|way|head|own))|them|someone|somebody|' +
  '(?:my|his|her|their|our|the)\\s+(?:little\\s+|baby\\s+|big\\s+|younger\\s+|older\\s+|step ?)?' +
  '(?:mum|mam|mom|mother|dad|father|sister|brother|nan|nana|gran|grandad|son|daughter|baby|kids?|children|child|partner|girlfriend|boyfriend|wife|husband|' +
  'mate|mates|friend|pal|cousin|auntie|aunt|uncle|flatmate|housemate|neighbour|girl|boy|lad|woman|man|bloke|guy))';

/** People who can be the ones doing harm now. */
const DOER =
  '(?:he|she|they|someone|somebody|hes|shes|theyre|(?:my|his|her|the|their)\\s+(?:step ?)?(?:partner|ex|exs|husband|wife|boyfriend|girlfriend|bf|gf|dad|mum|father|mother|brother|sister|' +
  'son|uncle|cousin|mate|friend|flatmate|housemate|neighbour|landlord|dealer|fella|man|guy|bloke|lads?|woman|people|boys))';

/** Tense of a doer now: "he is", "hes", "they are", "theyre", "my dad is", "my dads". */
const DOER_NOW = `${DOER}(?:s|\\s+is|\\s+are|re)?\\s+(?:(?:still|now|literally|actually|just|currently|properly|really)\\s+)?`;

/** Benign or minor causes of an injury, told calmly. */
const MINOR_INJURY =
  /\b(?:tattoo|piercing|pierced|shaving|shaved|period|nosebleed|nose bleed|gums|my cat|the cat|my dog|the dog|scratched|graze|grazed|papercut|paper cut|a bit|a little|slightly|tiny|small|blood test|dentist|plaster|stitches out|scab|spot|pimple|picked|bumped|knocked|caught it)\b/;

/** Medication working as meant, in a clinical or everyday context. */
const MEDS_WORKING =
  /\b(?:better|helping|helps|helped|easing|eased|pain ?killers?|back pain|my back|the pain|gp|doctor|prescribed|prescription|chemist|pharmacy|nurse|hospital gave|finally (?:sleep|get some sleep|relax)|anxiety (?:is|has) (?:calmed|eased|gone)|(?:is|was) (?:that|this|it) normal|side effects?)\b/;

/** Ordinary plans and life events that "its all sorted for friday" or "Ill be gone soon" are usually about. */
const EVERYDAY_PLANS =
  /\b(?:van|booked|booking|move|moving|moved|removals?|party|appointment|interview|court|hearing|case|trial|wedding|trip|holiday|visit|birthday|christening|shopping|dinner|new (?:flat|place|house|job)|flat|house|job|leeds|london|released|release|sentence|exams?|bail|tag|rehab|detox|treatment|discharged|tenancy|bidding|council|support worker|worker|picking me up|lift|doing (?:well|better|fine|ok)|im (?:fine|ok|okay|good|alright))\b/;

const safetyNet: SignalPattern[] = [
  // ===== weapons near, now =====
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'a weapon with a person, or pulled on someone: "at the hostel with machetes", "pulled a blade on me"; crisis when near or now',
    pattern: new RegExp(
      `\\b(?:with|got|has|have|holding|waving|carrying|pulled|pulling|pointing|brandishing|swinging|tooled up with|came at me with|coming at me with|threatened me with|threatening me with)\\s+` +
        `(?:(?:a|an|his|her|their|the|some|two|three|big|massive|huge|kitchen|carving|massive)\\s+){0,2}${ARMS}\\b${NOT_AN_OBJECT}`,
    ),
    promoteWhen: new RegExp(`${NEAR_NOW}|\\b(?:theyre|they are|hes|he is|shes|she is|theres|there are|there is|someones|someone is)\\s+(?:[a-z]+\\s+)?(?:got|with|holding|waving|carrying|pointing|here|outside|at)\\b`),
    unless:
      /\b(?:chopping|cooking|cook|onions|veg|vegetables|butter|bread|cake|cricket|rounders|baseball game|softball|sharpen|sharpening|fishing|diy|shelf|shelves|flat ?pack|hang a picture|toolbox|tool box|tools|arrested|in custody|locked up|charged|sentenced|convicted|shave|shaving|razor|for work|use for work|my job|allowed|legal|am i allowed|can i carry)\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: '"pulled a knife/blade on me", "waved a gun at us": the act itself, any tense; crisis when still near or now',
    pattern: new RegExp(`\\b(?:pulled|pull|pulls|pulling|waved|wave|waving|pointed|pointing|held|holding|put|putting)\\s+(?:a|an|the|his|her|their)\\s+(?:[a-z]+\\s+)?${ARMS}\\s+(?:on|at|to)\\s+${NEAR_PERSON}`),
    promoteWhen: new RegExp(NEAR_NOW),
  },
  // ===== violence now =====
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'violence happening now to anyone near: "he is strangling my sister", "theyre beating him up outside"',
    pattern: new RegExp(
      `\\b${DOER_NOW}(?:strangling|choking|throttling|smothering|suffocating|stabbing|beating|battering|kicking|punching|hitting|attacking|slapping|dragging|headbutting|stamping on|drowning|strangle|choke)\\s+(?:the\\s+(?:shit|crap)\\s+out\\s+of\\s+)?${NEAR_PERSON}\\b`,
    ),
    promoteWhen: /./,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'pinned or held against something: "hes got my mum pinned against the wall", "holding her down"',
    pattern: new RegExp(
      `\\b(?:got|has|have|had)\\s+${NEAR_PERSON}\\s+(?:pinned|held|trapped|cornered|up against|by the (?:throat|neck|hair))\\b|` +
        `\\b(?:pinned|pinning|pins|holding|held|slammed|slamming|shoved|shoving|pushed|pushing)\\s+${NEAR_PERSON}\\s+(?:up\\s+)?(?:against|into|onto|down on|to)\\s+(?:the|a)\\s+(?:wall|floor|bed|ground|door|car|table|fridge|worktop|sofa)\\b`,
    ),
    promoteWhen: /\b(?:got|has|have|pinning|holding|slamming|shoving|pushing|now|right now|still|please|help)\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'suffocation or strangling: "put a pillow over my face", "hands round her neck"',
    pattern: new RegExp(
      `\\b(?:pillow|cushion|hand|hands|bag|plastic bag|blanket|towel)\\s+over\\s+(?:my|her|his|their|the babys|our)\\s+(?:face|mouth|head|nose)\\b|` +
        `\\b(?:hands?|arms?|belt|rope|cord)\\s+(?:round|around)\\s+(?:my|her|his|their)\\s+(?:throat|neck)\\b|` +
        `\\b(?:strangled|choked|throttled|smothered|suffocated)\\s+(?:me|us|her|him|them|my\\s+[a-z]+)\\b`,
    ),
    promoteWhen: /\b(?:just|now|right now|still|again|tonight|is|are|hes|shes|please|help)\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'threats of lasting harm: "hell make sure I never walk again", "theyll make sure Im dead"',
    pattern:
      /\b(?:hell|shell|theyll|he will|she will|they will|going to|gonna|said hed|said shed|said theyd|says hell|says theyll|swears hell|threatening to)\s+make\s+sure\s+(?:i|im|we|my [a-z]+|the kids)\s+(?:never|dont|cant|wont|am|is|are|end up|die|disappear)\b/,
    promoteWhen:
      /\b(?:walk|wake up|breathe|get up|stand up|move|live|dead|die|disappear|see (?:another day|daylight|tomorrow|the morning)|talk again|end up (?:dead|in hospital|in a box|in the river)|hospital|a box|a wheelchair)\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'someone threatening at the door or trying to get in, or who has found the person',
    pattern: new RegExp(
      `\\b${DOER_NOW}(?:banging|hammering|pounding|kicking|booting)\\s+(?:on\\s+|at\\s+)?(?:the|my|our)\\s+(?:door|doors|window|windows)\\b|` +
        `\\b${DOER_NOW}(?:trying to get in|trying to break in|coming for me|coming for us|after me(?!\\s+to\\b)|out to get me|hunting for me)\\b|` +
        `\\b(?:he|she|they|my ex|the dealer)(?:s|\\s+has|\\s+have|ve)\\s+(?:just\\s+)?found\\s+(?:me|us|out where i (?:live|am|stay))\\b`,
    ),
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'someone raging at the person now: "my dads going mental", "hes punching the walls and screaming at me"',
    pattern: new RegExp(
      `\\b${DOER_NOW}(?:going mental|going mad|going crazy|going nuts|losing it|kicking off|raging|smashing (?:the place|things|stuff|everything) up|punching (?:the\\s+)?walls?|punching (?:the\\s+)?doors?)\\b(?!\\s+(?:about|over|because|cause|at (?:work|school|college|nursery|the council|the staff|the teachers)|in (?:class|school)|on the phone)\\b)`,
    ),
    unless: /\b(?:lol|haha|football|match|game|telly|tv|referee|ref|team|score)\b/,
  },
  // ===== injuries now =====
  {
    signal: 'self-harm',
    strength: 'strong',
    why: 'a body part bleeding now: "my wrists are bleeding"; crisis when the site or the words say self-inflicted',
    pattern:
      /\bmy\s+(?:left\s+|right\s+)?(?:wrists?|arms?|forearms?|legs?|thighs?|head|face|neck|stomach|belly|hands?|chest|side|skin|cuts?|wounds?)\s+(?:is|are|s|keeps?|keep|wont stop|still|have started)\s+(?:still\s+)?(?:bleeding|pouring|gushing|dripping)\b/,
    promoteWhen: /\b(?:wrists?|thighs?|cuts?|cutting|slit|razor|blade|on purpose|did it|did this|myself|again)\b/,
    unless: MINOR_INJURY,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'bleeding or badly hurt now, the person or someone near: "im bleeding", "my mates covered in blood"',
    pattern: new RegExp(
      `\\b(?:im|i am|(?:he|she|they)(?:s|\\s+is|\\s+are|re)|${DOER}(?:s|\\s+is|\\s+are))\\s+(?:still\\s+|really\\s+|badly\\s+)?(?:bleeding|covered in blood|losing (?:a lot of |so much )?blood|pouring (?:with )?blood|bleeding out)\\b(?!\\s+(?:money|cash|dry|me dry|us dry))`,
    ),
    promoteWhen: /\b(?:loads|a lot|badly|everywhere|heavily|wont stop|cant stop|so much|stabbed|glassed|slashed|shot|out|please|help|ambulance)\b/,
    unless: MINOR_INJURY,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'a head injury now: "think Ive split my head open", "cracked my skull"',
    pattern:
      /\b(?:split|cracked|smashed|bust|busted|broke|broken|caved)\s+(?:my|his|her|their)\s+(?:head|skull|face)\s*(?:open|in)?\b/,
    promoteWhen: /\b(?:think ive|ive just|just|now|still|bleeding|blood|dizzy|passing out|cant see|on purpose|myself)\b/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'cannot breathe or losing consciousness now (strangulation, overdose, injury, panic: ask either way)',
    pattern:
      /\b(?:i|(?:he|she|they))\s*(?:cant|can not|cannot|struggling to|can hardly|can barely)\s+breathe\b|\b(?:keep|keeps|im|i am|hes|shes|about to)\s+(?:passing out|blacking out|fading)\b|\b(?:coughing|throwing|spitting|being sick)\s+up\s+blood\b|\b(?:lips|face|fingers)\s+(?:are|is|have|has)\s+(?:gone|going|turning)\s+(?:blue|grey)\b/,
    promoteWhen: /\b(?:hands|throat|neck|strangl\w*|chok\w*|punched|hit me|kicked|stabbed|pills|tablets|overdose|took|taken|blue|blood)\b/,
    unless: /\b(?:heat|hot|smoke|smoking area|cold|flu|covid|hay ?fever|laughing|lol|haha|crowd|traffic|stuffy|mask|gym|run|running|stairs|hoover|dust|blocked nose|stuffed up|in this (?:room|office|house)|stand up|stood up|standing up|too fast|gp|doctor|iron|anaemi[ac]|blood pressure|diabet\w*|tired)\b/,
  },
  // ===== substances now =====
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'something taken is taking effect now: "the pills are kicking in"; crisis with drowsiness or collapse',
    pattern: new RegExp(
      `\\b(?:${DRUGS}|it|its|they|theyre|drugs|the gear|the stuff|everything|the lot)\\s+(?:are\\s+|is\\s+|s\\s+|have\\s+|has\\s+)?(?:starting to\\s+|definitely\\s+|really\\s+)?(?:kicking in|kick in|taking effect|starting to work|hitting me|hit me)\\b`,
    ),
    promoteWhen:
      /\b(?:sleepy|drowsy|eyes open|cant stay awake|falling asleep|passing out|going dark|numb|heart (?:is )?(?:racing|pounding|slowing|going (?:weird|funny|mad|slow))|cant feel|slipping|floating|goodbye|bye|on purpose|too many|all of them|the lot)\b/,
    unless: MEDS_WORKING,
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'more than the usual amount taken: "injected way more than normal", "took double my dose"; crisis when on purpose',
    pattern:
      /\b(?:taken|took|take|injected|inject|used|smoked|had|necked|swallowed|done|drank|drunk|snorted|shot up|dropped|dosed)\b[^.!?]{0,30}?\b(?:(?:way |much |loads )?more than (?:normal|usual|i normally|i usually|i should|prescribed|my dose|ever|i ever|i can handle)|way too (?:much|many)|double (?:my|the) (?:dose|usual|amount)|triple (?:my|the)|twice (?:my|the) (?:dose|usual|amount)|a double dose)\b/,
    promoteWhen: /\b(?:on purpose|deliberately|so i dont wake|so i wont wake|want to die|dont care|meant to|to end it|goodbye|bye)\b/,
    unless: /\b(?:food|eat|eating|eaten|ate|cake|coffee|tea|sugar|chocolate|sweets|crisps|water|sleep|time|notice|holiday|leave|hours|shifts?|paracetamol for (?:my|a) (?:back|head|tooth)|credit|card|overdraft|loan|money|debt|cash|quid|pounds|spent|spend|took on|much on|taken on)\b/,
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'everything taken, without a drug word: "Ive taken everything", "just took it all"',
    pattern:
      /\b(?:ive|i have|i|just|ive just|i just)\s+(?:just\s+)?(?:took|taken|necked|swallowed|injected|downed|done)\s+(?:everything|it all|all of it|all i had(?: left)?|the lot|all of them|them all|every last one)\b(?!\s+(?:i need|i needed|i own|we need|i could carry|i could|to|back|in|on|with|into|out|off|away|home|apart|seriously|personally|the wrong way))/,
  },
  // ===== finality and farewell =====
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"run out of reasons to stay", "no reasons left to keep going"',
    pattern:
      /\b(?:run out of|ran out of|running out of|no|no more|not many|cant find any|cant think of any|lost all|lost my|have no|got no|havent got any|dont have any|out of|only)\s+(?:good\s+)?reasons?\s+(?:left\s+)?(?:to|for)\s+(?:stay|staying|live|living|be here|being here|carry on|carrying on|keep going|go on|stay alive|keep living|still be here|hang on|hold on)\b(?!\s+(?:in|at|with|here in|on|round|near|there))/,
    promoteWhen: /\breasons?\s+(?:left\s+)?(?:to|for)\s+(?:live|living|stay alive|keep living|still be here)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'a coming peace or end: "Ill be at peace soon", "it will all be over soon", "dont worry about me anymore"',
    pattern:
      /\b(?:ill|i will|im going to|i am going to|soon ill|i should|i might|i can|i get to)\s+(?:finally\s+|soon\s+)?be\s+(?:at peace|at rest|out of (?:everyones|everyone|your|the|their) way|out of the picture|gone)\s*(?:soon|tonight|now|finally|at last|after tonight|by (?:tomorrow|morning|the weekend)|before long|shortly|forever|for good|$)|\b(?:it|this|everything|it all|all of this|all this)\s*(?:ll| will| is going to| s going to)\s+(?:all\s+)?be\s+over\s+(?:soon|tonight|shortly|before long|by (?:tomorrow|morning))\b|\b(?:dont|no need to|stop)\s+(?:worry|worrying)\s+about\s+me\s+(?:anymore|any more|any longer)\b/,
    unless: EVERYDAY_PLANS,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'the person picturing or arranging their own funeral or death: "keep picturing my funeral"',
    pattern:
      /\b(?:picturing|imagining|imagine|planning|planned|plan|chosen|chose|picked|thinking about|think about|dreaming about|dream about|daydreaming about|arranging|arranged|sorted|sorting|writing|wrote)\s+my\s+(?:own\s+)?(?:funeral|death|grave|wake|send ?off|eulogy|obituary)\b(?!\s+(?:plan|insurance|cover|policy|costs?))/,
    promoteWhen: /\b(?:relief|peace|soon|looking forward|cant wait|want|ready|tonight)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'something unnamed planned for a day: "everything is planned for sunday", "its all sorted for tonight"',
    pattern:
      /\b(?:everything|it|it all|its all|all|everythings)\s*(?:is\s+|s\s+|has been\s+|been\s+|is all\s+)?(?:planned|sorted|arranged|set|ready|in place|organised|decided)\s+for\s+(?:tonight|tomorrow|the weekend|this weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday|next week)\b(?!\s+(?:the|my|our|a|his|her|their)\s)(?![a-z])/,
    unless: EVERYDAY_PLANS,
  },
  // ===== heights and places =====
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'at the top or edge of somewhere high, now: "stood at the top of the stairwell in the flats"; crisis when looking down',
    pattern:
      /\b(?:im|i am|stood|standing|sat|sitting|perched|up|right|leaning)\s+(?:at|on|over)\s+(?:the\s+)?(?:very\s+)?(?:top|edge)\s+of\s+(?:the|a|this|that|my|our)\s+(?:[a-z]+\s+){0,3}?(?:stairwell|multi ?-?storey|car ?park|bridge|roof|rooftop|building|tower|tower block|flats|block|cliff|balcony|ledge|quarry|viaduct|crane|scaffolding|pier|dam|weir|drop)\b/,
    promoteWhen:
      /\b(?:looking down|look down|staring down|peering down|how (?:high|far)|the drop|jump|let go|lean over|leaning over|over the (?:edge|rail|railing|railings|side|barrier)|climb over|climbed over|other side of the)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'over the barrier or staring at the drop, now: "on the wrong side of the railings", "looking down at the water"',
    pattern:
      /\b(?:wrong|other)\s+side\s+of\s+(?:the\s+)?(?:railings?|barrier|fence|rail)\b|\b(?:im|i am|just|been|keep|sat|stood|standing|sitting)\s+(?:looking|staring|peering)\s+(?:down\s+)?(?:at|over|into)\s+(?:the\s+)?(?:drop|water|river|tracks|railway|traffic|road below|ground below|edge)\b/,
    promoteWhen: /\b(?:wrong side|other side|jump|let go|tonight|now|goodbye|bye)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'over or on the railings of somewhere high: "leaning over the railings at the bridge"',
    pattern:
      /\b(?:leaning|hanging|climbing|climbed|sat|sitting|standing|stood|perched)\s+(?:over|on|up on|onto)\s+(?:the\s+)?(?:railings?|barrier|parapet|wall of the bridge|side of the bridge)\b/,
    promoteWhen: /\b(?:bridge|river|drop|jump|let go|car ?park|multi ?-?storey|roof|tracks|water|tonight|goodbye)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'on a roof, bridge, ledge or the tracks, now: "im on the roof", "sat on the tracks"',
    pattern:
      /\b(?:im|i am|im just|im still|sat|sitting|standing|stood|lying|lay|laying|walking|climbed)\s+(?:up\s+)?(?:on|onto|along)\s+(?:the|a|this)\s+(?:roof|rooftop|ledge|bridge|tracks|train tracks|level crossing|viaduct|parapet)\b(?!\s+(?:street|road|st|rd|lane|end|club|pub|estate|surgery|centre|of (?:the )?(?:bus|ship|boat)))/,
    promoteWhen: /\b(?:train|tonight|now|right now|coming|due|jump|let go|goodbye|bye|sorry|end it)\b/,
    unless: /\b(?:fixing|fix|repair|repairing|roofer|roofing|gutter|gutters|satellite|aerial|work|working|job|shift|tiles|ball|cat|selfie|view|sunset|photos?|pictures?|walk with|dog)\b/,
  },
  // ===== emergencies with no named person =====
  {
    signal: 'danger-now',
    strength: 'strong',
    why: 'a fire where the person is: "the flat is on fire", "smoke everywhere and I cant get out"',
    pattern:
      /\b(?:flat|house|room|bedroom|kitchen|building|tent|hostel|block|stairwell|landing|car)\s+(?:is|s)\s+(?:on fire|filling with smoke|burning(?=\s*(?:$|[,.!?~]|and\b|down\b|now\b)))\b|\bsmoke everywhere\b|\bcant get out\b[^.!?]{0,30}\b(?:fire|smoke)\b/,
    promoteWhen: /./,
  },
  {
    signal: 'overdose',
    strength: 'strong',
    why: 'a poison swallowed: "drank bleach", "swallowed some weedkiller", "necked the antifreeze"',
    pattern:
      /\b(?:drunk|drank|drink|drinking|swallowed|swallow|necked|downed|had)\s+(?:some\s+|a load of\s+|loads of\s+|the\s+|a bottle of\s+|a cup of\s+|a glass of\s+)?(?:bleach|anti-?freeze|weed ?killer|rat poison|poison|screen ?wash|white spirit|turps|batteries|a battery|button batter(?:y|ies)|drain cleaner|oven cleaner|fairy liquid|washing up liquid|paraquat|lighter fluid)\b/,
    promoteWhen: /./,
  },
  // ===== finality, short forms =====
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"this is the end for me", "its the end of the road for me", "goodbye forever"',
    pattern:
      /\b(?:this is|its|this must be)\s+the\s+end\s+(?:for me|of me|of the road for me|of the line for me)\b|\b(?:goodbye|bye)\s+(?:forever|for ever|for good|for the last time)\b|\bforever goodbye\b/,
  },
  // ===== commands, aftermaths and threats in other words =====
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'command hallucinations: "the voices are telling me to jump", "voices keep saying I should hurt him"',
    pattern:
      /\bvoices?\b[^.!?]{0,30}\b(?:telling|tell|tells|told|saying|says|say|want|wants)\s+me\s+(?:to|i should|i have to|i need to)\s+(?:hurt|kill|harm|cut|jump|end|die|stab|do it|burn|drown|hang|attack|walk into)\b/,
    promoteWhen: /./,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: 'an unnamed act just done: "Ive done something stupid" (after an overdose or cutting, people often say no more)',
    pattern:
      /\b(?:ive|i have|i|i think ive|think ive)\s+(?:just\s+|gone and\s+)?(?:done|did)\s+something\s+(?:really\s+|very\s+)?(?:stupid|silly|daft|bad|terrible|dumb)\b(?!\s+(?:at|with|in|on|to|about|when|yesterday|last)\b)/,
  },
  {
    signal: 'danger-now',
    strength: 'strong',
    why: '"hes coming back to finish the job", "theyll finish me off": a threat to complete an attack',
    pattern: /\bfinish\s+(?:me|us|her|him|them)\s+off\b|\bfinish\s+the\s+job\b/,
    promoteWhen: /\b(?:hell|shell|theyll|he will|she will|they will|going to|gonna|coming back|said|says|tonight|now|outside)\b/,
    unless: /\b(?:work|shift|painting|decorating|garden|the kitchen|the bathroom|job centre|course|form|essay|homework|builders?|plumber)\b/,
  },
  {
    signal: 'suicide',
    strength: 'strong',
    why: '"Im going to end up dead", "Ill end up in a box": a life heading for death',
    pattern:
      /\b(?:ill|im going to|going to|gonna|i will|i know ill|i think ill)\s+end\s+up\s+(?:dead|in a box|in the river|in a body bag|in the ground|six feet under|killing (?:myself|someone|him|her))\b/,
  },
  // ===== self-harm intent =====
  {
    signal: 'self-harm',
    strength: 'strong',
    why: '"I want to feel pain", "I deserve to suffer", "need to punish myself": wanting pain is a self-harm sign',
    pattern: new RegExp(
      `\\b(?:want|need|wanting|needing|deserve|deserving)\\s+to\\s+(?:feel\\s+(?:pain|something|it)|suffer|be punished|bleed|hurt)\\b(?!\\s+(?:less|again about|about|like|from|more than|you|him|her|them|anyone|when|if))|\\b(?:punish|punishing|punished)\\s+${MYSELF}\\b`,
    ),
    promoteWhen: /\b(?:lighter|razor|blade|knife|ready|tonight|now|right now|cut|burn)\b/,
  },
  {
    signal: 'self-harm',
    strength: 'strong',
    why: 'the means to hand and ready: "got the lighter ready", "rope next to me", "knife in my hand"',
    pattern:
      /\b(?:got|have|ive got|holding|got out|taken out|laid out|sat with|sitting with)\s+(?:the|a|my|some)\s+(?:lighter|rope|belt|cord|razor|razors|blade|blades|knife|scissors|pills|tablets|plastic bag|petrol|cable|ligature|lighter fluid)\s+(?:ready|here with me|next to me|in my hand|in front of me|on my lap|out ready)\b(?!\s+for\s+(?:the\s+|my\s+)?(?:bonfire|bbq|barbecue|candles?|fireworks|cake|fire|stove|cooker|hob|camping|work|job|shift))/,
    promoteWhen: /\b(?:feel pain|hurt|cut|burn|end it|myself|do it|tonight|now|right now)\b/,
  },
];

/**
 * When the safety net stays silent: stories on screen or in games, the news, dreams and nightmares,
 * training and awareness sessions, and "what should I do if someone...". Only the safety net uses
 * these; the crisis signals above keep their own, narrower suppressors.
 */
const netSuppressors =
  /\b(?:film|films|movie|movies|tv|telly|series|episode|programme|soap|eastenders|corrie|coronation street|emmerdale|netflix|documentary|game|games|gaming|playing|fortnite|call of duty|cod|gta|warzone|xbox|ps4|ps5|playstation|minecraft|roblox|novel|book|on the news|in the news|news|article|the paper|dream|dreamt|dreamed|nightmare|nightmares|flashback|flashbacks|workshop|training|(?<!of )course|lesson|awareness|first aid|when (?:we|i) (?:were|was) (?:together|married|with (?:him|her|them)|living (?:together|with (?:him|her|them)))|back then|that night|what (?:should|do|would|can) (?:i|you|we|someone) do if|if (?:someone|anyone|a person|somebody) (?:is|was|were|has|had|gets|got))\b/;

/**
 * Stories on screen or in print: a match in the same CLAUSE as one of these, with no first-person word
 * before it, is the story's, not the person's ("the film ended with her walking into the sea"). "I watched
 * a film and now I want to walk into the sea" still fires: the match has "I" before it.
 */
const fictionCues =
  /\b(?:film|films|movie|movies|episode|series|documentary|novel|book|play|musical|soap|eastenders|corrie|emmerdale|netflix|fortnite|call of duty|gta|warzone|minecraft|roblox)\b/;

export const englishPatterns: CrisisPatternSet = {
  language: 'en-GB',
  rewritesBeforeApostrophes,
  rewritesAfterApostrophes,
  idioms,
  mediaCue,
  quotedSpan,
  signals,
  negationBefore,
  negationExceptions,
  pastMarkers,
  immediacyMarkers,
  relapseCues,
  bereavementCues,
  informationalCues,
  selfSubjectBefore,
  reportedQuestionCues,
  affirmativeAnswer,
  nonLiteralCues,
  explicitlyFigurativeCues,
  complianceCues,
  sentenceBreak,
  clauseBreak,
  composites,
  subjectTokens,
  selfSubject,
  otherSubject,
  compositeNegation,
  questionAnswers,
  hypotheticalCues,
  concern,
  warningSigns,
  safetyNet,
  netSuppressors,
  fictionCues,
};
