import type { WaterfallStepContext } from 'botbuilder-dialogs';

/** A waterfall's own scratch values, typed loosely as the SDK keeps them (saved with the dialog state). */
export function stepValues(step: WaterfallStepContext<object>): Record<string, unknown> {
  return step.values as Record<string, unknown>;
}
