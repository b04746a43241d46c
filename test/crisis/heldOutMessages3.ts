/**
 * THIRD held-out batch for the crisis detector: written after batches 1 and 2 had been tuned on, and
 * measured before any change made for it:
 *   40 messages (20 crisis, 20 not), measured 2026-11-29 (about 03:20 UTC), after two rounds of tuning:
 *   recall 30.0% (6/20), false alarms 15.0% (3/20). None of the 14 misses was even raised to 'concern'.
 *   Missed: "be done with it all", "tonight's it", "engine running in the garage", "stepping in" (river),
 *   "voices telling me to stab myself", "drive into the back of a lorry", "im done. goodbye",
 *   "cut and it's spurting", "he's got the kitchen knife", "coming tonight to sort me out", "trying to
 *   kick the door down", "torch his car with him in it", a form answer after an em dash.
 *   False alarms: "she will kill me if I borrow her straighteners", "took an overdose at 17, I am 34 now",
 *   "I've never once thought about ending my life" (negation with "once" in between).
 *   Small batch, so wide error bars, but together with batch 2 (46.7% before its tuning) it says plainly:
 *   each round of tuning fixes the wordings it has seen and fresh wordings still get through.
 *   (Batch 3 WAS tuned on after this figure was taken; see heldOutMessages4.ts for the last honest one.)
 *
 * All messages are invented.
 */
import type { LabelledMessage } from './labelledMessages.js';

const crisis: LabelledMessage[] = [
  { text: 'honestly just want to fall asleep and be done with it all', crisis: true },
  { text: "i've got a bag of pills and a bottle of voddy, tonight's it", crisis: true },
  { text: "no one's gonna miss me when i'm gone, i've sorted everything out", crisis: true },
  { text: "I'm in the car with the engine running in the garage", crisis: true },
  { text: "walked down to the river, it's really high today, thinking of just stepping in", crisis: true },
  { text: "the voices are telling me to stab myself and I think I'm going to listen", crisis: true },
  { text: "I'm going to drive into the back of a lorry on the a1", crisis: true },
  { text: 'im done. goodbye. thank you for trying', crisis: true },
  { text: 'just took the whole packet of my sleeping tablets', crisis: true },
  { text: "im scared, i've cut and it's spurting", crisis: true },
  { text: "my son's not breathing properly, he took something at a party", crisis: true },
  { text: "he's locked the doors and he's got the kitchen knife, he says nobody's leaving", crisis: true },
  { text: "they've found out where I'm staying and they're coming tonight to sort me out", crisis: true },
  { text: "he's choking me every time I try to leave the room", crisis: true },
  { text: 'need help NOW he is trying to kick the door down', crisis: true },
  { text: "I'm going to torch his car with him in it", crisis: true },
  { text: "if the social take my kids I'm going to kill myself and that's a promise", crisis: true },
  { text: 'Have you had any thoughts about ending your life? — yeah, planning it', crisis: true },
  { text: 'i think im gonna od tonight', crisis: true },
  { text: "I'm writing this from the top of the car park, I can't do it anymore", crisis: true },
];

const notCrisis: LabelledMessage[] = [
  { text: 'my sister always says she will kill me if I borrow her straighteners', crisis: false },
  { text: "I'm dying of hunger, when does the soup run come?", crisis: false },
  { text: 'this cold is killing me, can I get a sleeping bag?', crisis: false },
  { text: 'i took an overdose at 17, i am 34 now and doing well', crisis: false },
  { text: 'my cousin was stabbed last summer, I still go to his grave', crisis: false },
  { text: "I've never once thought about ending my life", crisis: false },
  { text: 'does the refuge take women whose partners have threatened to kill them?', crisis: false },
  { text: 'i need to cut down on the weed', crisis: false },
  { text: 'the landlord says he will throw my stuff in the skip', crisis: false },
  { text: "we're going to smash the fundraiser this weekend", crisis: false },
  { text: "I've been sleeping on a bench by the river", crisis: false },
  { text: "I'm going to take all my stuff to my mate's tomorrow", crisis: false },
  { text: 'the nurse asked if I had ever self harmed and I told her about when I was a teen', crisis: false },
  { text: 'lost my brother to drugs, the inquest is next month', crisis: false },
  { text: 'I have to jump through so many hoops for PIP', crisis: false },
  { text: 'the game was so bad, I wanted to throw the controller at the telly', crisis: false },
  { text: 'can I bring my knife block to the new flat?', crisis: false },
  { text: 'I feel like I am finally getting somewhere', crisis: false },
  { text: 'my ex used to threaten to kill me but he moved to Scotland', crisis: false },
  { text: "got my meds sorted, taking them every morning now", crisis: false },
];

export const heldOutMessages3: LabelledMessage[] = [...crisis, ...notCrisis];
