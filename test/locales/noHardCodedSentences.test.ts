import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import ts from 'typescript';
import { projectRoot } from '../../data/paths.js';

/**
 * All text a person, an agency or an operator reads lives in locales/; no sentence is hard-coded in
 * TypeScript. This reads every string and template literal in bot/, dialogs/, useCases/ and domain/ (with
 * the TypeScript parser, so comments and regular expressions are never literals) and fails on any that
 * reads like an English sentence: a capital first, at least four words, then `.`, `!` or `?`. Template
 * literals are read with each `${…}` as a word, and markup is read between its tags.
 *
 * Left out, because nobody but a developer reads them: the message given to `new Error(…)` (and its
 * built-in kin), which only shows in a stack trace. Also left out: zod's `.describe(…)`, the field
 * descriptions of the versioned handoff JSON Schema (domain/sharing/handoffSummary.ts), which are part of
 * that published contract rather than copy. A `ConfigurationError` is told to the operator: it is not
 * left out.
 */
const ROOT = projectRoot();
const FOLDERS = ['bot', 'dialogs', 'useCases', 'domain'];
const DEVELOPER_ERRORS = new Set(['Error', 'TypeError', 'RangeError', 'SyntaxError']);
const SCHEMA_DOCUMENTATION = new Set(['describe']);

/** A capital first (after an opening quote or bracket), at least four words, and a full stop, ! or ? last. */
const SENTENCE = /^["'“‘(]?[A-Z]\S*(?:\s+\S+){3,}[.!?]["'”’)]?$/;

interface Finding {
  where: string;
  text: string;
}

function typeScriptFiles(folder: string): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.ts') && !name.endsWith('.d.ts'))
    .map((name) => join(ROOT, folder, name));
}

/** The literal's text, with each substitution of a template read as one word. */
function literalText(node: ts.Node): string | undefined {
  if (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node)) return node.text;
  if (ts.isTemplateExpression(node)) return node.head.text + node.templateSpans.map((span) => `x${span.literal.text}`).join('');
  return undefined;
}

function calleeName(expression: ts.Expression): string | undefined {
  if (ts.isIdentifier(expression)) return expression.text;
  if (ts.isPropertyAccessExpression(expression)) return expression.name.text;
  return undefined;
}

/** Whether the literal is (part of) an argument to `new Error(…)` or to a schema's `.describe(…)`. */
function leftOut(node: ts.Node): boolean {
  for (let child = node, parent = node.parent; parent; child = parent, parent = parent.parent) {
    if (!ts.isNewExpression(parent) && !ts.isCallExpression(parent)) continue;
    if (!(parent.arguments ?? []).some((argument) => argument === child)) continue;
    const name = calleeName(parent.expression);
    if (!name) continue;
    if (ts.isNewExpression(parent) && DEVELOPER_ERRORS.has(name)) return true;
    if (ts.isCallExpression(parent) && ts.isPropertyAccessExpression(parent.expression) && SCHEMA_DOCUMENTATION.has(name)) return true;
  }
  return false;
}

/** The pieces of a literal a reader would see on their own: each line, and each line's text between tags. */
function readablePieces(text: string): string[] {
  const lines = text.split('\n');
  return [...new Set([...lines, ...lines.flatMap((line) => line.split(/<[^>]*>/))].map((piece) => piece.trim()).filter(Boolean))];
}

function sentencesIn(fileName: string, source: string): Finding[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: Finding[] = [];
  const visit = (node: ts.Node): void => {
    const text = literalText(node);
    if (text !== undefined && !leftOut(node)) {
      for (const piece of readablePieces(text)) {
        if (!SENTENCE.test(piece)) continue;
        const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
        found.push({ where: `${fileName}:${line + 1}`, text: piece });
      }
    }
    // A template's substitutions can hold literals of their own.
    ts.forEachChild(node, visit);
  };
  visit(file);
  return found;
}

describe('no sentence hard-coded in TypeScript', () => {
  it('finds a sentence written into code, and nothing a developer alone reads', () => {
    const flagged = [
      `res.send(400, { message: 'Please send a valid body.' });`,
      'res.send(400, { message: `Please send a valid body for ${id}.` });',
      `const html = '<p class="hint">Please send a valid body.</p>';`,
      `const hint = 'Send a valid key as "Authorization: Bearer <key>".';`,
      `process.stdout.write(\`Revoked key \${keyId} of \${agencyId}.\\n\`);`,
      `throw new ConfigurationError(['Please set the port before starting.'], t);`,
      `const label = cond ? 'active' : \`Is \${name} really here now?\`;`,
    ];
    for (const code of flagged) expect({ code, found: sentencesIn('example.ts', code).length }).toEqual({ code, found: 1 });

    const notFlagged = [
      `// Please send a valid body.\nres.send(400, body);`,
      `/* Please send a valid body. */ res.send(400, body);`,
      `/** Please send a valid body. */ function send(): void {}`,
      `throw new Error('The turn unit is missing: turns run through ConversationTurns.');`,
      'throw new TypeError(`The record ${id} changed since it was read.`);',
      `const pattern = /Please send a valid body\\./i;`,
      `log.info('agencyApi.failed', { route: name });`,
      `res.send(400, { code: 'invalid_body', message: t('api.agency.invalidBody') });`,
      `const answerSchema = z.string().describe('The question as the person saw it, in their language.');`,
      `const header = 'Content-Security-Policy';`,
      `const unit = 'help offered (crisis)';`,
    ];
    for (const code of notFlagged) expect({ code, found: sentencesIn('example.ts', code) }).toEqual({ code, found: [] });
  });

  it(`none in ${FOLDERS.join(', ')}: what people, agencies and operators read is in locales/`, () => {
    const files = FOLDERS.flatMap(typeScriptFiles);
    expect(files.length).toBeGreaterThan(50);
    const found = files.flatMap((file) => sentencesIn(relative(ROOT, file), readFileSync(file, 'utf8')));
    expect(found).toEqual([]);
  });
});
