import type { TFunction } from 'i18next';
import { combineLevels, readWithRules, ruleSetsFor } from '../../domain/crisis/crisisDetector.js';
import type { FigureColumns } from '../../domain/crisis/crisisEvaluation.js';
import type { LabelledMessage } from '../../domain/crisis/crisisTraining.js';
import type { CrisisLevel, CrisisPatternSet } from '../../domain/crisis/types.js';

/** The classifier's level combined with the rules of the message's labelled language, as the detector does. */
export function levelWithRules(level: CrisisLevel, message: LabelledMessage, rules: ReadonlyMap<string, CrisisPatternSet>): CrisisLevel {
  const language = message.lang === 'en-broken' ? 'en' : message.lang;
  return combineLevels(level, readWithRules(message.text, ruleSetsFor(language, rules)).level);
}

/** The figures tables' column headings (locales/en/operator.json). */
export function figureColumns(t: TFunction): FigureColumns {
  return {
    helpOffered: t('operator.crisis.columns.helpOffered'),
    signposted: t('operator.crisis.columns.signposted'),
    concernHelped: t('operator.crisis.columns.concernHelped'),
    falseSignposts: t('operator.crisis.columns.falseSignposts'),
    falseHelp: t('operator.crisis.columns.falseHelp'),
  };
}
