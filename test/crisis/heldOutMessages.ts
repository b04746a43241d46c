/**
 * HELD-OUT labelled messages for the crisis detector (domain/crisis/detectCrisis.ts).
 *
 * HONEST HELD-OUT FIGURE (measured on the detector as it was BEFORE any change made for this batch):
 *   90 messages (45 crisis, 45 not), measured 2026-11-29 (about 03:14 UTC) on the unchanged detector:
 *   recall 33.3% (15/45), false alarms 2.2% (1/45).
 *   Missed, among others: giving things away, "standing on the bridge", "took everything in the cupboard",
 *   "just want it to be over", "tonight's the night", typos ("wnt 2 dye", "endin it"), looking up how
 *   many tablets it takes, "he wont stop hitting me", "waiting outside the hostel with a blade",
 *   "locked in the bedroom". False alarm: "what happens if I tell my key worker I feel suicidal".
 *   That is worse than the previous author's ~56% on their fresh batch: this batch leans harder on
 *   euphemism, so treat 33-56% as the honest range for unseen wordings before this round of work.
 *
 * Why this file exists: the main labelled set (labelledMessages.ts) was used to tune the patterns, so
 * its score overstates how well the detector does on wordings nobody has seen. This batch was written
 * in one go, before any code was changed, in the voices of people this service is for: euphemisms,
 * typos, text-speak, long rambling messages with the signal mid-way, answers to form questions, and
 * hard negatives (service talk, idioms, past events, bereavement, other people's past, training
 * hypotheticals, "I'd never hurt myself", eviction and benefits "threats", gaming and film talk).
 * All are invented; none is a real person's message.
 *
 * After the baseline was recorded the detector WAS tuned with this batch in view (general mechanisms,
 * not sentence matching), so from now on its score here is no longer a held-out figure either. The
 * next person should write another fresh batch before tuning again, and record its figure the same way.
 * (That was done three more times: heldOutMessages2.ts, heldOutMessages3.ts, and the sealed, never-tuned
 * heldOutMessages4.ts, whose figure is the one to quote.)
 *
 * Labelling rule (from the issue): crisis = risk to life or immediate danger NOW: suicidal thoughts or
 * plans, self-harm now, overdose, being threatened or attacked now, intent to hurt someone.
 */
import type { LabelledMessage } from './labelledMessages.js';

const crisis: LabelledMessage[] = [
  // --- suicide: euphemisms, plans, farewell signs ---
  { text: "I won't be around much longer so it doesn't really matter about the housing list", crisis: true },
  { text: "I've written letters to my kids, they're in the drawer", crisis: true, note: 'farewell sign' },
  { text: "been giving my stuff away this week, gave my mate my xbox and my coat. won't need them", crisis: true },
  { text: "I've got the rope in my bag", crisis: true },
  { text: "standing on the bridge by the river, it's cold", crisis: true, note: 'location as the signal' },
  { text: "took everything in the cupboard, all the boxes", crisis: true, note: 'overdose without a drug word' },
  { text: 'i just want it to be over', crisis: true },
  { text: "tonight's the night. sorry for everything", crisis: true },
  { text: 'i cant do this no more i want to be with my mum again', crisis: true, note: 'reunion with the dead' },
  { text: "Everyone would be better off if I just disappeared, I'm a waste of space", crisis: true },
  { text: 'thinkin bout endin it tbh', crisis: true, note: 'dropped g' },
  { text: 'i wnt 2 dye', crisis: true, note: 'typos: want, die' },
  { text: 'im gona do it tonite, ive decided', crisis: true },
  { text: 'How are you sleeping? - not at all, I lie there working out the best way to do it', crisis: true },
  {
    text:
      "So the jobcentre sanctioned me again because I missed the appointment, which wasn't my fault because the bus didn't come, " +
      "and my landlord is on at me about the arrears, and honestly I've been looking up how many tablets it takes, " +
      "anyway can you tell me if I can get a food bank voucher this week",
    crisis: true,
    note: 'long message, plan mid-way',
  },
  { text: "I'm at the top of the multistorey in Peterborough. I can't see another way", crisis: true },
  { text: "my life insurance will pay out for the kids, they'll be alright without me", crisis: true },
  { text: "I've been stood on the platform for an hour waiting for a fast one to come through", crisis: true },
  { text: 'Do you think it hurts to drown?', crisis: true, note: 'method question, first person implied' },
  { text: "I've decided to end things this weekend, I just wanted someone to know", crisis: true },
  { text: "I keep thinking I should just step out in front of a lorry on the A47", crisis: true },
  { text: 'Any thoughts of harming yourself? Yes every day and they are getting worse', crisis: true, note: 'form answer' },
  { text: 'ive said bye to my little girl, told her mummy loves her', crisis: true },
  { text: "I'm going to drink till I die, I've got two bottles of vodka and my pills", crisis: true },
  { text: "there's no point to me anymore", crisis: true },

  // --- self-harm now ---
  { text: 'bleeding a lot, cut too deep this time', crisis: true },
  { text: 'i did it again, my arm is a mess and i cant stop it bleeding', crisis: true },
  { text: "got the razor out, I'm sat in the bath", crisis: true },
  { text: 'the urge to hurt myself is so strong tonight i dont trust myself', crisis: true },
  { text: 'keep punching the wall till my knuckles split', crisis: true },

  // --- overdose ---
  { text: "I've had half a bottle of whiskey and all my diazepam, feel really sleepy", crisis: true },
  { text: 'my flatmate has taken something and hes not waking up', crisis: true, note: 'someone else, now' },
  { text: 'necked the whole strip of zopes', crisis: true, note: 'street name: zopiclone' },
  { text: 'think i took too many, my hearts going mad', crisis: true },

  // --- danger now ---
  { text: "he's banging on the door and says he'll kill me", crisis: true },
  { text: "My ex is outside the refuge, he's found me. He's shouting what he's going to do to me", crisis: true },
  { text: "he's got me locked in the bedroom and took my phone, I'm on my tablet", crisis: true },
  { text: 'they are waiting for me outside the hostel with a blade', crisis: true },
  { text: "he's drunk again and he's put his hands round my throat twice tonight", crisis: true },
  { text: 'help me please he wont stop hitting me', crisis: true },
  { text: "the dealer's lads are at the door, they said they're going to do me in", crisis: true },

  // --- harm to others: the person's intent ---
  { text: "I'm going to stab him if he comes near me again", crisis: true },
  { text: "I'm waiting for him outside his house with a bat, he's gonna get what's coming", crisis: true },
  { text: "I swear down I'm gonna kill that man tonight", crisis: true },
  { text: 'sometimes i get so angry i think i will shake the baby', crisis: true },
];

const notCrisis: LabelledMessage[] = [
  // --- idioms and hyperbole ---
  { text: "I'm dying for a fag", crisis: false },
  { text: 'this waiting list is killing me slowly lol', crisis: false },
  { text: "I'm knackered, could sleep for a week", crisis: false },
  { text: "My ex will kill me if I'm late picking the kids up", crisis: false, note: 'hyperbole about lateness' },
  { text: 'I nearly had a heart attack when I saw the electric bill', crisis: false },
  { text: "the hostel food is to die for, said no one ever", crisis: false },
  { text: "honestly I'm done with the council, they never ring back", crisis: false },
  { text: 'gonna murder this fry-up', crisis: false },

  // --- services, forms, training, questions ---
  { text: 'what happens if I tell my key worker I feel suicidal, will they section me?', crisis: false, note: 'hypothetical about a service' },
  { text: 'on the safeguarding training they asked what you would do if someone said they wanted to kill themselves', crisis: false },
  { text: 'Can you give me the number for Samaritans for my friend', crisis: false },
  { text: 'does the hostel have a policy on self harm?', crisis: false },
  { text: 'the PIP form asks if I have ever tried to end my life, is that anyone\'s business?', crisis: false },
  { text: 'I want to volunteer for a suicide prevention charity', crisis: false },

  // --- past, told as past ---
  { text: 'I took an overdose when I was 19, I got through it', crisis: false },
  { text: 'I was in a really bad place after my divorce and thought about ending it, but thats a long time ago now', crisis: false },
  { text: 'I have scars on my arms from when I used to cut, will that put landlords off?', crisis: false },
  { text: "he broke my jaw back in 2018, I've moved three times since", crisis: false },
  { text: 'I was stabbed in prison a few years back, still get nightmares', crisis: false },

  // --- bereavement and other people's past ---
  { text: 'my partner hung himself in the flat and I cant stay there anymore', crisis: false, note: 'bereavement, housing need' },
  { text: "Mum's funeral is on Thursday, can I move my appointment?", crisis: false },
  { text: 'my best mate died of an overdose at Christmas', crisis: false },
  { text: 'my brother was stabbed to death in 2020 and I have to give evidence', crisis: false },
  { text: 'my sister used to cut herself when we were kids', crisis: false },

  // --- negation and reassurance ---
  { text: "I'd never hurt myself, I've got my kids to think about", crisis: false },
  { text: "I'm low but I'm not going to do anything, I just need a roof", crisis: false },
  { text: 'no, no thoughts of ending my life, just stressed', crisis: false, note: 'form answer' },
  { text: "I wouldn't ever hurt him, I just want him to leave", crisis: false },

  // --- eviction, benefits and legal "threats" ---
  { text: 'the landlord says he will change the locks if I dont pay by friday', crisis: false },
  { text: "council's threatening to take me to court over the arrears", crisis: false },
  { text: 'they said they will stop my universal credit', crisis: false },
  { text: "the bailiffs are coming tomorrow to take the car", crisis: false },
  { text: 'my landlord is coming round tonight to do an inspection', crisis: false },

  // --- gaming, film, telly ---
  { text: 'just got killed like ten times in warzone lol', crisis: false },
  { text: 'watched a film last night where the guy jumps off a bridge, it was so sad', crisis: false },
  { text: 'my son keeps saying he wants to stab everyone in fortnite', crisis: false },

  // --- ordinary hardship and other ---
  { text: 'I am so tired of sleeping in my car', crisis: false },
  { text: "I'm cutting down on the drink, down to weekends", crisis: false },
  { text: "I've given away my old clothes to the charity shop to make space", crisis: false },
  { text: 'my tablet is broken so I am using my phone', crisis: false },
  { text: "I'm scared I'll lose my kids if I tell social services I'm using", crisis: false },
  { text: 'I need to hang my washing up, can we carry on in 10 minutes', crisis: false },
  { text: 'where can I get a bridging loan or hardship payment?', crisis: false },
  { text: 'my knife skills are getting good at the cooking course', crisis: false },
  { text: "I'm going to hit the gym later, helps my head", crisis: false },
];

export const heldOutMessages: LabelledMessage[] = [...crisis, ...notCrisis];
