import { describe, expect, it } from '@jest/globals';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The layers point one way: host (bot/) → conversation (dialogs/) → use cases (useCases/) → domain
 * (domain/), with data (data/) implementing the use cases' interfaces. This reads every import in the
 * sources (type-only ones too) and fails on any that points the other way, or on a package a layer must
 * not know (the Bot Framework SDK is kept out of the use cases and the domain, storage out of all three).
 */
const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const LAYERS = ['bot', 'dialogs', 'useCases', 'domain', 'data'] as const;
type Layer = (typeof LAYERS)[number];

const MAY_IMPORT: Record<Layer, readonly Layer[]> = {
  bot: ['bot', 'dialogs', 'useCases', 'domain', 'data'],
  dialogs: ['dialogs', 'useCases', 'domain'],
  useCases: ['useCases', 'domain'],
  domain: ['domain'],
  data: ['data', 'useCases', 'domain'],
};

const SDK = /^botbuilder|^botframework/;
const STORAGE = /^(lowdb|pg|steno)(\/|$)|^node:fs|^fs(\/|$)/;
const HTTP = /^restify/;
const PACKAGES_REFUSED: Record<Layer, RegExp[]> = {
  bot: [],
  dialogs: [STORAGE, HTTP],
  useCases: [SDK, STORAGE, HTTP],
  domain: [SDK, STORAGE, HTTP],
  data: [SDK, HTTP],
};

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const pattern = /(?:^|\n)\s*(?:import|export)\s+(?:type\s+)?(?:[^'";]*?\s+from\s+)?['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)/g;
  for (const match of source.matchAll(pattern)) specifiers.push(match[1] ?? match[2]);
  return specifiers;
}

function layerOf(path: string): Layer | undefined {
  const first = relative(ROOT, path).split(sep)[0];
  return (LAYERS as readonly string[]).includes(first) ? (first as Layer) : undefined;
}

function violations(): string[] {
  const found: string[] = [];
  for (const layer of LAYERS) {
    for (const file of sourceFiles(join(ROOT, layer))) {
      for (const specifier of importsOf(readFileSync(file, 'utf8'))) {
        const where = relative(ROOT, file);
        if (specifier.startsWith('.')) {
          const target = layerOf(resolve(dirname(file), specifier));
          if (target && !MAY_IMPORT[layer].includes(target)) found.push(`${where} imports ${specifier} (${layer} → ${target})`);
        } else if (PACKAGES_REFUSED[layer].some((refused) => refused.test(specifier))) {
          found.push(`${where} imports the package ${specifier}`);
        }
      }
    }
  }
  return found;
}

describe('layers', () => {
  it('should point one way: host → conversation → use cases → domain, with data behind interfaces', () => {
    expect(violations()).toEqual([]);
  });

  it('should catch an import that points back up (the check itself works)', () => {
    expect(importsOf("import type { X } from '../bot/app.js';\nexport { y } from './y.js';\nconst z = await import('../data/z.js');")).toEqual(['../bot/app.js', './y.js', '../data/z.js']);
    expect(layerOf(join(ROOT, 'dialogs', 'x.ts'))).toBe('dialogs');
    expect(MAY_IMPORT.dialogs).not.toContain('bot');
  });
});
