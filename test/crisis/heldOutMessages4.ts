/**
 * FOURTH held-out batch for the crisis detector: written after batches 1-3 had been tuned on, measured
 * once on the final detector of this round, and NOT tuned on. This is the honest figure to quote:
 *   60 messages (30 crisis, 30 not), measured 2026-11-29 (about 03:21 UTC) on the final detector:
 *   recall 40.0% (12/30), false alarms 10.0% (3/30); 1 of the 18 misses was raised to 'concern'.
 *   Missed: "run out of reasons to stay", "everything is planned for sunday", "picturing my funeral ...
 *   relief", "I'll be at peace soon", "top of the stairwell looking down", "injected way more than normal
 *   on purpose", "the pills are kicking in", "my wrists are bleeding", "split my head open", "lighter
 *   ready", "got my mum pinned against the wall", "at the hostel with machetes asking for me", "pulled a
 *   blade on me and hes still round the corner", "make sure I never walk again", "do him in", "tell my
 *   mum I'm sorry" (concern only), "put a pillow over my face", "he is strangling my sister".
 *   False alarms: "thanks for trying ... goodbye" (two weak farewell signs added up), "hiding from the
 *   landlord because I owe rent lol", "the film ended with her walking into the sea".
 *   With batches 2 (46.7%) and 3 (30.0%), this puts the detector's recall on genuinely new wordings at
 *   roughly 30-50%, with 10-15% false alarms on new hard negatives: far below the 95% / 5% target.
 *
 * After this figure was taken, exactly one change was made that moves an item here: a BUG fix in the
 * harm-others composite, which had the words of "do him in" in the wrong order ("do in him"); the
 * rule was meant to catch it. So the evaluation line now shows 13/30. Nothing else was tuned on it.
 *
 * Safety-net round (2026-11-29): following the rule below, a fresh batch 5 (heldOutMessages5.ts) was
 * written and measured FIRST; only then was this batch unsealed and its misses used to design the
 * safety net (englishPatterns.ts `safetyNet`: weapons near, violence now, injuries now, substances
 * taking effect, finality, heights) plus three general fixes (two weak-alone warning signs now bring
 * 'concern', not 'crisis'; fiction context in the clause suppresses a match with no "I" before it;
 * "hiding from the landlord/bailiffs" is not hiding from danger). Before that round:
 *   crisis recall 43.3% (13/30), help offered (crisis or concern) 46.7% (14/30),
 *   crisis false alarms 10.0% (3/30), help-offered false alarms 10.0% (3/30).
 * After it (TUNED, so no longer an honest figure for new wordings: see batch 5 for that):
 *   crisis recall 86.7% (26/30), help offered 100.0% (30/30),
 *   crisis false alarms 0.0% (0/30), help-offered false alarms 3.3% (1/30).
 * It is now part of the thresholded combination in crisisEvaluation.test.ts, like batches 1-3.
 *
 * Rule (kept for history): do not tune on a sealed batch until you have written and measured a fresh
 * batch of your own (record that figure in its file first). All messages are invented.
 */
import type { LabelledMessage } from './labelledMessages.js';

const crisis: LabelledMessage[] = [
  { text: "i've run out of reasons to stay", crisis: true },
  { text: 'everything is planned for sunday, the kids will be at their dads', crisis: true },
  { text: 'I keep picturing my funeral and honestly it feels like relief', crisis: true },
  { text: "don't worry about me anymore, i'll be at peace soon", crisis: true },
  { text: "i'm stood at the top of the stairwell in the flats looking down", crisis: true },
  { text: 'swallowed a load of my methadone and some street valium', crisis: true },
  { text: "ive just injected way more than normal on purpose", crisis: true },
  { text: 'the pills are kicking in i think, i feel really sleepy', crisis: true },
  { text: 'my wrists are bleeding and i dont want to tell anyone', crisis: true },
  { text: 'been head-butting the wall, think I\'ve split my head open', crisis: true },
  { text: "i want to feel pain, i've got the lighter ready", crisis: true },
  { text: 'Hes outside screaming that he will murder me, pls send someone', crisis: true },
  { text: "my dad's going mental and he's got my mum pinned against the wall", crisis: true },
  { text: "they're at the hostel with machetes asking for me", crisis: true },
  { text: 'this guy pulled a blade on me and hes still round the corner', crisis: true },
  { text: "he says if I go to the police he'll make sure I never walk again", crisis: true },
  { text: "I'm hiding under the bed, he doesn't know I'm here", crisis: true },
  { text: "i'm going to go round and do him in, i've got nothing to lose", crisis: true },
  { text: "I could easily hurt the baby right now, I'm so angry, please help", crisis: true },
  { text: "tell my mum I'm sorry", crisis: true },
  { text: 'whats the point in me even trying to stay alive', crisis: true },
  { text: 'tryna find the strength to just end it tbh', crisis: true },
  { text: "I'm going to jump off the bridge on the A14 tonight", crisis: true },
  { text: "Are you having thoughts of suicide? Yes. I've thought about how I'd do it", crisis: true },
  { text: 'ngl been thinking bout unaliving myself again', crisis: true },
  { text: 'i cant keep living like this, im going to end it before the bailiffs come', crisis: true },
  { text: "i'm gonna walk into the sea", crisis: true },
  { text: "I'm sitting here with all my tablets lined up", crisis: true },
  { text: 'he just put a pillow over my face', crisis: true },
  { text: 'pls help he is strangling my sister', crisis: true },
];

const notCrisis: LabelledMessage[] = [
  { text: 'thanks for trying, I will ring the council myself. goodbye', crisis: false },
  { text: "I'm done with the form now", crisis: false },
  { text: "I've got my pills from the chemist, thank you", crisis: false },
  { text: "I'm at the top of the waiting list apparently", crisis: false },
  { text: 'the kids will be at their dads on sunday so I can do the move', crisis: false },
  { text: 'I want to put this all behind me and start again', crisis: false },
  { text: 'the bridge on the A14 is closed again, took me ages', crisis: false },
  { text: 'I keep thinking about my mum, she died last spring', crisis: false },
  { text: "I'm sorry for being late to the appointment", crisis: false },
  { text: 'me and my ex are on good terms now, he helps with the kids', crisis: false },
  { text: 'i used to inject but i have been on a script for two years', crisis: false },
  { text: 'my cat scratched my arm and it bled a bit', crisis: false },
  { text: "he's a big guy but he's a gentle giant, he'd never hurt anyone", crisis: false },
  { text: "I'm going to kill it at my new job", crisis: false },
  { text: 'My mental health worker asked if I have a plan to end my life and I said no', crisis: false },
  { text: 'we watched a documentary about suicide in prisons at the group', crisis: false },
  { text: 'the man at the shop threatened to call the police on me for sitting outside', crisis: false },
  { text: 'the pills the GP gave me are making me sleepy', crisis: false },
  { text: 'I just want to be left alone for a bit today', crisis: false },
  { text: "I'm hiding from the landlord because I owe rent lol", crisis: false },
  { text: "I've had enough of this weather", crisis: false },
  { text: 'gonna cut my hair short for the summer', crisis: false },
  { text: 'I burnt my hand on the kettle', crisis: false },
  { text: 'my daughter jumped off the diving board for the first time!', crisis: false },
  { text: "I'm not going to end it with her, we just need space", crisis: false },
  { text: "there's no point ringing them, they never answer", crisis: false },
  { text: 'the knife crime workshop at the youth centre was really good', crisis: false },
  { text: 'He attacked me in 2022 but he is serving time now', crisis: false },
  { text: 'my brother used to say he wanted to die when he was drinking, he is sober now', crisis: false },
  { text: 'the film ended with her walking into the sea, I cried', crisis: false },
];

export const heldOutMessages4: LabelledMessage[] = [...crisis, ...notCrisis];
