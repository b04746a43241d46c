import { z } from 'zod';

/**
 * What each `locales/<language>/meta.json` says about its language: its name in itself and in English,
 * which way it is written, how the copy addresses the person, and whether a native speaker has checked it.
 * The web page and the dialogs use the name and direction; the review status tells anyone reading the
 * copy how far to trust it.
 */
export const localeMetaSchema = z.strictObject({
  /** The language's name in the language itself ("Polski"). */
  name: z.string().trim().min(1),
  englishName: z.string().trim().min(1),
  dir: z.enum(['ltr', 'rtl']),
  /** How the copy addresses the person, and why (for translators and reviewers). */
  formOfAddress: z.string(),
  review: z.strictObject({
    status: z.enum(['machine-drafted', 'native-checked']),
    checkedBy: z.string().trim().min(1).nullable(),
    /** An ISO date (2026-12-01), or null while nobody has checked it. */
    checkedAt: z.iso.date().nullable(),
  }),
});

export type LocaleMeta = z.infer<typeof localeMetaSchema>;

/** The file in each language folder that describes the language; it is not copy. */
export const META_FILE = 'meta.json';
