import { escapeHtml } from '../../http/escapeHtml.js';
/**
 * A very small template language for the page: `{{name}}` inserts text, HTML-escaped; `{{{name}}}`
 * inserts markup this code built itself (never anything a person or a request supplied). A placeholder
 * with no value is an error, so a missing translation cannot silently render as blank.
 */
export function renderTemplate(template: string, text: Record<string, string>, markup: Record<string, string> = {}): string {
  // One pass, so text inserted by one placeholder is never read as another placeholder.
  return template.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_match, markupName: string | undefined, textName: string | undefined) => {
    if (markupName !== undefined) {
      if (!(markupName in markup)) throw new Error(`template markup "${markupName}" has no value`);
      return markup[markupName];
    }
    const name = textName ?? '';
    if (!(name in text)) throw new Error(`template text "${name}" has no value`);
    return escapeHtml(text[name]);
  });
}
