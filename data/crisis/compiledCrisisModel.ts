import { existsSync } from 'node:fs';
import { z } from 'zod';
import { CRISIS_MODEL_VERSION, type CrisisModel, type CrisisWeights } from '../../domain/crisis/crisisClassifier.js';
import { FeatureTable, buildFeatureTable } from '../../domain/crisis/featureTable.js';
import { readPackedArrays, sha256OfFile, writePackedArrays } from '../packedArrays.js';

/**
 * The crisis model compiled for start-up: what `data/crisis/model.json` holds, laid out as the classifier
 * reads it (data/packedArrays.ts: each head's weights as float64, the feature lookup of
 * domain/crisis/featureTable.ts). `npm run build` writes it beside the compiled loader
 * (`dist/data/crisis/model.lookup`; never committed). Reading it at start-up is a file read and checks
 * over flat arrays, instead of parsing 12 MB of JSON into half a million strings and a Map of them.
 *
 * It records the SHA-256 of the model.json it came from: a lookup made from another model (retrained, not
 * yet rebuilt) is not used, and the model is read from model.json as before. A lookup that matches its
 * model.json but is damaged stops start-up, naming the file.
 */

const FORMAT = 'one-story-crisis-lookup/1';

const HeadSchema = z.object({ bias: z.number(), threshold: z.number().min(0).max(1) });
const HeaderSchema = z.object({
  format: z.literal(FORMAT),
  modelVersion: z.literal(CRISIS_MODEL_VERSION),
  sourceSha256: z.string(),
  features: z.number().int().positive(),
  slots: z.number().int().positive(),
  units: z.number().int().positive(),
  signpost: HeadSchema,
  help: HeadSchema,
});
type Header = z.infer<typeof HeaderSchema>;

/** Writes the compiled form of the model at `sourcePath` (already validated as `model`) to `path`. */
export function writeCompiledCrisisModel(model: CrisisModel, sourcePath: string, path: string): void {
  const table = buildFeatureTable(model.features);
  const header: Header = {
    format: FORMAT,
    modelVersion: model.version,
    sourceSha256: sha256OfFile(sourcePath),
    features: model.features.length,
    slots: table.slots.length,
    units: table.units.length,
    signpost: { bias: model.signpost.bias, threshold: model.signpost.threshold },
    help: { bias: model.help.bias, threshold: model.help.threshold },
  };
  writePackedArrays(path, header, [Float64Array.from(model.signpost.weights), Float64Array.from(model.help.weights), table.offsets, table.slots, table.units]);
}

/**
 * The compiled model at `path`, ready to score, when it was made from the model.json at `sourcePath` as it
 * is now; undefined when there is none or it was made from another model.json. Throws when it is damaged.
 */
export function readCompiledCrisisModel(path: string, sourcePath: string): CrisisWeights | undefined {
  if (!existsSync(path) || !existsSync(sourcePath)) return undefined;
  const invalid = (why: string) => new Error(`the compiled crisis model at ${path} is not valid (${why}): run npm run build`);
  const packed = readPackedArrays(path, invalid);
  const parsed = HeaderSchema.safeParse(packed.header);
  if (!parsed.success) throw invalid('header');
  const header = parsed.data;
  if (header.sourceSha256 !== sha256OfFile(sourcePath)) return undefined;
  const [signpost, help, offsets, slots, units] = packed.arrays();
  const expected = [header.features * 8, header.features * 8, (header.features + 1) * 4, header.slots * 4, header.units * 2];
  if ([signpost, help, offsets, slots, units].some((array, i) => array?.byteLength !== expected[i])) throw invalid('array lengths');
  const signpostWeights = new Float64Array(signpost.buffer, signpost.byteOffset, header.features);
  const helpWeights = new Float64Array(help.buffer, help.byteOffset, header.features);
  const table = new FeatureTable({
    offsets: new Uint32Array(offsets.buffer, offsets.byteOffset, header.features + 1),
    slots: new Int32Array(slots.buffer, slots.byteOffset, header.slots),
    units: new Uint16Array(units.buffer, units.byteOffset, header.units),
  });
  for (const weights of [signpostWeights, helpWeights]) {
    for (let i = 0; i < weights.length; i += 1) if (!Number.isFinite(weights[i])) throw invalid(`weight ${i} is not a finite number`);
  }
  const problems = table.problems(header.features);
  if (problems.length > 0) throw invalid(problems.join('; '));
  return {
    signpost: { ...header.signpost, weights: signpostWeights },
    help: { ...header.help, weights: helpWeights },
    indexOf: (feature) => table.indexOf(feature),
  };
}
