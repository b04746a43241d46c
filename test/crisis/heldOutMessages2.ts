/**
 * SECOND held-out batch for the crisis detector, written after the first held-out batch
 * (heldOutMessages.ts) had been used for tuning, and measured on the detector as it stood then, before
 * any change made for this batch:
 *   60 messages (30 crisis, 30 not), measured 2026-11-29 (about 03:18 UTC):
 *   recall 46.7% (14/30), false alarms 10.0% (3/30); 1 of the 16 misses was at least raised to 'concern'.
 *   Missed, among others: "ive tied a noose", "thinking of jumping tonight", "necked my whole month's
 *   prescription", "collecting my nan's morphine", "left a note on the side", "going to be in front of
 *   it" (a train), "one of them said he's going to shank me", "trying to get in through the window".
 *   False alarms: "he's gonna kill me for telling you that" (haha), "the landlord is going to hit me with
 *   a section 21", "my little boy says he's going to kill me at fortnite". The compositional layer made
 *   "he ... going to kill me" fire in these; its suppressors did not know the words "haha", "section 21"
 *   or "at fortnite".
 *   This is the honest figure for unseen wordings after the first round of tuning: the detector is
 *   still phrase-driven and still misses about half of fresh crisis wordings.
 *
 * Why: once a batch has been tuned on, its score stops being an honest estimate of how the detector
 * does on wordings nobody has seen. This batch is that estimate for the compositional layer, warning
 * signs and question/answer rules added with the first batch. It WAS tuned on after the figure above
 * was recorded, so its score in the evaluation is no longer held-out. Same labelling rule: crisis = risk to
 * life or immediate danger NOW. All messages are invented.
 */
import type { LabelledMessage } from './labelledMessages.js';

const crisis: LabelledMessage[] = [
  { text: "i'm so tired of everything, i've been thinking i'd rather just not wake up tomorrow", crisis: true },
  { text: 'cant see me still being here by christmas tbh', crisis: true },
  { text: "I've put the dog with my sister and left a note on the side", crisis: true },
  { text: 'sat on the edge of the river with my pockets full of stones', crisis: true },
  { text: "i've been collecting my nan's morphine for weeks", crisis: true },
  { text: 'whats the most paracetamol you can take before it kills you', crisis: true },
  { text: "I'm gonna hang myself in the garage when everyone's asleep", crisis: true },
  { text: 'i wanna go to sleep n never wake up', crisis: true },
  { text: "i'm ready to go. i've had enough of being a burden", crisis: true },
  { text: "there's a train at 10 past and I'm going to be in front of it", crisis: true },
  { text: 'ive tied a noose', crisis: true },
  {
    text:
      "Hi, sorry, I was told to message here. I've been at my brother's since my partner chucked me out and it's not working, " +
      "he drinks and I can't stay there much longer. I don't really want to carry on to be honest, I keep thinking about ways to do it. " +
      "Can someone help me find a room?",
    crisis: true,
  },
  { text: 'Q: Have you had thoughts of suicide in the last two weeks? A: yes most days', crisis: true },
  { text: 'my thighs are covered in cuts from tonight and one is quite deep', crisis: true },
  { text: 'i keep burning my arms with a lighter, did it again an hour ago', crisis: true },
  { text: "I've taken 16 co-codamol and a bottle of wine", crisis: true },
  { text: "i necked my whole month's prescription", crisis: true },
  { text: "my girlfriend's passed out after taking a load of pills and i can't wake her", crisis: true },
  { text: "he's kicking off downstairs, he's got a knife and says he's coming up", crisis: true },
  { text: "my stepdad just threw a chair at me and he's going to do it again", crisis: true },
  { text: "there's two lads following me from the station and one of them said he's going to shank me", crisis: true },
  { text: "he's smashed my phone and he's got his hands round my neck", crisis: true },
  { text: 'ex has turned up at my flat drunk and is trying to get in through the window', crisis: true },
  { text: "if he touches my daughter again I'll kill him, I'm going round there now", crisis: true },
  { text: "I've got a hammer under my pillow and next time he walks in I'll use it on him", crisis: true },
  { text: 'i feel like i could really hurt someone today, i dont trust myself', crisis: true },
  { text: 'I want to end my life', crisis: true },
  { text: 'thinking of jumping tonight', crisis: true },
  { text: "i've been looking at the tallest buildings in cambridge", crisis: true },
  { text: "I won't be a problem for anyone after tonight", crisis: true },
];

const notCrisis: LabelledMessage[] = [
  { text: 'the queue at the food bank was killing me, stood there for 2 hours', crisis: false },
  { text: "I'm dead keen to get on the course", crisis: false },
  { text: 'my mate jumped off the harbour wall into the sea for a laugh', crisis: false },
  { text: "haha he's gonna kill me for telling you that", crisis: false },
  { text: "I'm going to end up homeless if this carries on", crisis: false },
  { text: 'the hostel staff said they will kick off if I come back drunk', crisis: false },
  { text: 'I was cutting myself when I was in care but not for years', crisis: false },
  { text: 'my uncle hanged himself when I was a kid, it still gets to me', crisis: false },
  { text: "Grandad passed on Tuesday, I'm sorting the funeral", crisis: false },
  { text: "I'd never take my own life, my kids need me", crisis: false },
  { text: 'no thoughts of suicide, just need a bed', crisis: false },
  { text: 'do you know if the crisis café in Peterborough is open tonight?', crisis: false },
  { text: 'I volunteer on a suicide helpline and need a reference', crisis: false },
  { text: 'the council are threatening to take me to court', crisis: false },
  { text: "bailiffs said they'll force entry next week", crisis: false },
  { text: 'the landlord is going to hit me with a section 21', crisis: false },
  { text: 'we killed it at the quiz last night', crisis: false },
  { text: "in the film he shoots everyone and then himself, it's grim", crisis: false },
  { text: 'i got shot so many times in cod last night', crisis: false },
  { text: 'I cut my hand opening a tin', crisis: false },
  { text: 'I took all my tablets this morning like the doctor said', crisis: false },
  { text: 'I need to take everything to the new flat on Saturday', crisis: false },
  { text: 'my probation officer asked me about self harm and i said never', crisis: false },
  { text: "My dad overdosed when I was 12, that's why I'm in care", crisis: false },
  { text: 'he beat me for years but I left and I have a non-molestation order now', crisis: false },
  { text: 'I want to kill the smell of damp in this flat', crisis: false },
  { text: "my little boy says he's going to kill me at fortnite", crisis: false },
  { text: 'what would you say if someone told you they wanted to end it? asking for my course', crisis: false },
  { text: "honestly i'm not going anywhere, just venting", crisis: false },
  { text: "I'm off to bed, speak tomorrow", crisis: false },
];

export const heldOutMessages2: LabelledMessage[] = [...crisis, ...notCrisis];
