import { ActionTypes, type Activity, type TurnContext } from 'botbuilder';
import { ChoiceFactory, supportsSuggestedActions, type Choice } from 'botbuilder-dialogs';
import type { OfferedChoice } from '../domain/choiceRecognition.js';

/**
 * A message that offers choices. On channels with buttons each choice is a suggested action whose value
 * is its stable id (`topic:housing`) and whose title is the localised label; a tap sends the label as the
 * visible text and the id as the value. Where buttons cannot show (SMS and other text-only channels)
 * the choices become a numbered list, and "reply 1, 2 …" works because the recogniser reads numbers.
 */
export function choiceMessage(context: TurnContext, text: string, choices: readonly OfferedChoice[]): Partial<Activity> {
  const asChoices: Choice[] = choices.map((choice) => ({
    value: choice.value,
    action: {
      type: ActionTypes.MessageBack,
      title: choice.label,
      text: choice.label,
      displayText: choice.label,
      value: choice.value,
    },
  }));
  // Unlike ChoiceFactory.forChannel, long labels do not push a button channel into a text list:
  // Web Chat wraps long titles, and a tap is kinder than typing.
  if (channelHasButtons(context, choices.length)) return ChoiceFactory.suggestedAction(asChoices, text);
  return ChoiceFactory.list(asChoices, text, undefined, { includeNumbers: true });
}

export function channelHasButtons(context: TurnContext, count = 1): boolean {
  return supportsSuggestedActions(context.activity.channelId, count);
}

/** The stable id a button sent (`activity.value`), if the person tapped one. */
export function incomingChoiceValue(context: TurnContext): string | undefined {
  const value = context.activity.value as unknown;
  return typeof value === 'string' ? value : undefined;
}
