/**
 * Labelled messages for the CONCERN tier of the crisis detector (level 'concern' in
 * domain/crisis/detectCrisis.ts).
 *
 * 'concern' = distress that is not clearly immediate danger, but where a kind human would stop and
 * ask "are you safe right now?". The bot then asks gently; it does not read out crisis numbers.
 * 'none' here = ordinary hardship talk from the people this service is for (rent, tiredness, a hard
 * week, benefits, court dates). Asking "are you safe?" after "I'm stressed about rent" would feel
 * patronising and would teach people to stop telling us things, hence the false-alarm limit.
 *
 * Scoring (see concernEvaluation.test.ts): a 'concern' item counts as caught when the detector says
 * 'concern' OR 'crisis' (both make the bot check on the person). A 'none' item is a false alarm when
 * the detector says anything other than 'none'.
 *
 * First measurement, taken before the concern patterns were tuned against this set: recorded at the
 * top of concernEvaluation.test.ts.
 * All messages are invented.
 */
export interface ConcernMessage {
  text: string;
  expected: 'concern' | 'none';
  note?: string;
}

const concern: ConcernMessage[] = [
  { text: "I can't cope anymore", expected: 'concern' },
  { text: "what's the point of anything", expected: 'concern' },
  { text: 'everyone would be better off', expected: 'concern', note: 'brief example; "without me" would be crisis' },
  { text: "I don't feel safe at home", expected: 'concern' },
  { text: "I'm scared of him", expected: 'concern' },
  { text: "honestly I'm at breaking point with everything", expected: 'concern' },
  { text: "I just feel like a burden to everyone", expected: 'concern' },
  { text: "he's been following me everywhere and turning up at the hostel", expected: 'concern' },
  { text: "I'm scared of what he'll do when he gets out", expected: 'concern' },
  { text: "I can't take much more of this, I really can't", expected: 'concern' },
  { text: 'no one cares if I eat or sleep or anything', expected: 'concern' },
  { text: "I hate myself so much", expected: 'concern' },
  { text: 'i just want to disappear', expected: 'concern' },
  { text: "I'm at the end of my tether", expected: 'concern' },
  { text: "There's no hope for someone like me", expected: 'concern' },
  { text: 'the urges are creeping back', expected: 'concern', note: 'self-harm urges, no act or plan' },
  { text: "I've been crying all day and I don't know why", expected: 'concern' },
  { text: "i don't want to be here", expected: 'concern', note: 'without "anymore" it may mean a place; ask' },
  { text: 'I feel worthless', expected: 'concern' },
  { text: 'walking on eggshells at home all the time, he has a temper', expected: 'concern' },
  { text: "my partner keeps threatening me but he hasn't done anything yet", expected: 'concern' },
  { text: 'I give up on everything', expected: 'concern' },
  { text: 'i cant do this anymore', expected: 'concern' },
  { text: "I just want it all to stop", expected: 'concern' },
  { text: "I'm falling apart and nobody notices", expected: 'concern' },
  { text: "I'm frightened to go home tonight", expected: 'concern' },
  { text: "Can't see a way out of this mess", expected: 'concern' },
  { text: 'everything feels pointless', expected: 'concern' },
];

const none: ConcernMessage[] = [
  { text: "I'm stressed about rent", expected: 'none' },
  { text: "I'm tired", expected: 'none' },
  { text: "it's been a hard week", expected: 'none' },
  { text: 'the universal credit payment is late again, so annoying', expected: 'none' },
  { text: "I'm worried about my court date next month", expected: 'none' },
  { text: "I'm skint until Friday", expected: 'none' },
  { text: "the hostel is noisy and I can't sleep", expected: 'none' },
  { text: "I'm fed up with waiting for the council to ring back", expected: 'none' },
  { text: 'my back hurts from the camp bed', expected: 'none' },
  { text: "I've got a lot on at the moment with the kids", expected: 'none' },
  { text: 'struggling a bit with money this month', expected: 'none' },
  { text: "I'm anxious about my PIP assessment", expected: 'none' },
  { text: "I'm nervous about the interview tomorrow", expected: 'none' },
  { text: 'the job centre keeps messing me about', expected: 'none' },
  { text: "I'm exhausted after the night shelter", expected: 'none' },
  { text: 'I had a row with my mum on the phone', expected: 'none' },
  { text: "I'm feeling a bit down today but I'm alright", expected: 'none' },
  { text: 'I miss my dog, he is with my sister for now', expected: 'none' },
  { text: 'the bus is always late and I miss appointments', expected: 'none' },
  { text: "my landlord won't fix the damp", expected: 'none' },
  { text: "I'm scared of spiders lol, there's loads in this tent", expected: 'none' },
  { text: 'money is tight but we manage', expected: 'none' },
  { text: 'I need help with my housing benefit form', expected: 'none' },
  { text: "I'm frustrated with probation, they keep changing my officer", expected: 'none' },
  { text: "I'm bored out of my mind in here", expected: 'none' },
  { text: 'I feel rough, think I have a cold', expected: 'none' },
  { text: "I'm cold and hungry", expected: 'none' },
  { text: "It's hard being away from my kids", expected: 'none' },
  { text: 'I found it hard to talk to the support worker', expected: 'none' },
  { text: "what's the point of filling in the form if they never read it", expected: 'none', note: 'frustration about a service' },
];

export const concernMessages: ConcernMessage[] = [...concern, ...none];
