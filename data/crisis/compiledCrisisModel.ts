import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';
import { z } from 'zod';
import { CRISIS_MODEL_VERSION, type CrisisModel, type CrisisWeights } from '../../domain/crisis/crisisClassifier.js';
import { FeatureTable, buildFeatureTable } from '../../domain/crisis/featureTable.js';

/**
 * The crisis model compiled for start-up: what `data/crisis/model.json` holds, laid out as the classifier
 * reads it (little-endian typed arrays: each head's weights, the feature lookup of domain/crisis/featureTable.ts).
 * `npm run build` writes it beside the compiled loader (`dist/data/crisis/model.lookup`; never committed).
 * Reading it at start-up is a file read and checks over flat arrays, instead of parsing 12 MB of JSON into
 * half a million strings and a Map of them (about a second of CPU, and hundreds of MB, at every start).
 *
 * It records the SHA-256 of the model.json it came from: a lookup made from another model (retrained, not
 * yet rebuilt) is not used, and the model is read from model.json as before. A lookup that matches its
 * model.json but is damaged stops start-up, naming the file.
 *
 * Layout: a 4-byte length, the header (JSON), zero padding to 8 bytes, then the payload: signpost weights
 * (float64 × features), help weights (float64 × features), offsets (uint32 × features + 1), slots
 * (int32 × slots), code units (uint16 × units). The header carries the payload's SHA-256.
 */

const FORMAT = 'one-story-crisis-lookup/1';

const HeadSchema = z.object({ bias: z.number(), threshold: z.number().min(0).max(1) });
const HeaderSchema = z.object({
  format: z.literal(FORMAT),
  endianness: z.literal('LE'),
  modelVersion: z.literal(CRISIS_MODEL_VERSION),
  source: z.object({ sha256: z.string().regex(/^[0-9a-f]{64}$/) }),
  features: z.number().int().positive(),
  slots: z.number().int().positive(),
  units: z.number().int().positive(),
  signpost: HeadSchema,
  help: HeadSchema,
  payloadSha256: z.string().regex(/^[0-9a-f]{64}$/),
});
type Header = z.infer<typeof HeaderSchema>;

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** The payload's parts' byte lengths, in order. */
function partLengths(header: Pick<Header, 'features' | 'slots' | 'units'>): number[] {
  return [header.features * 8, header.features * 8, (header.features + 1) * 4, header.slots * 4, header.units * 2];
}

/** The compiled form of a validated model, made from the model.json whose bytes hashed to `sourceSha256`. */
export function compileCrisisModel(model: CrisisModel, sourceSha256: string): Buffer {
  if (endianness() !== 'LE') throw new Error('the compiled crisis model is little-endian; use model.json on this machine');
  const table = buildFeatureTable(model.features);
  const parts = [Float64Array.from(model.signpost.weights), Float64Array.from(model.help.weights), table.offsets, table.slots, table.units];
  const payload = Buffer.concat(parts.map((part) => new Uint8Array(part.buffer, part.byteOffset, part.byteLength)));
  const header: Header = {
    format: FORMAT,
    endianness: 'LE',
    modelVersion: model.version,
    source: { sha256: sourceSha256 },
    features: model.features.length,
    slots: table.slots.length,
    units: table.units.length,
    signpost: { bias: model.signpost.bias, threshold: model.signpost.threshold },
    help: { bias: model.help.bias, threshold: model.help.threshold },
    payloadSha256: sha256(payload),
  };
  const headerBytes = Buffer.from(JSON.stringify(header), 'utf8');
  const start = Buffer.alloc(pad8(4 + headerBytes.length));
  start.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(start, 4);
  return Buffer.concat([start, payload]);
}

/** Writes the compiled form of the model at `sourcePath` (already validated as `model`) to `path`, whole or not at all. */
export function writeCompiledCrisisModel(model: CrisisModel, sourcePath: string, path: string): void {
  const bytes = compileCrisisModel(model, sha256(readFileSync(sourcePath)));
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, bytes);
  renameSync(partial, path);
}

/**
 * The compiled model at `path`, ready to score, when it was made from the model.json at `sourcePath` as it
 * is now; undefined when there is none or it was made from another model.json. Throws when it is damaged.
 */
export function readCompiledCrisisModel(path: string, sourcePath: string): CrisisWeights | undefined {
  if (!existsSync(path) || !existsSync(sourcePath)) return undefined;
  const bytes = readFileSync(path);
  const invalid = (why: string) => new Error(`the compiled crisis model at ${path} is not valid (${why}): run npm run build`);
  if (bytes.length < 4) throw invalid('too short');
  const headerLength = bytes.readUInt32LE(0);
  if (4 + headerLength > bytes.length) throw invalid('too short');
  let header: Header;
  try {
    header = HeaderSchema.parse(JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')));
  } catch (error) {
    throw invalid(`header: ${(error as Error).name}`);
  }
  if (header.source.sha256 !== sha256(readFileSync(sourcePath))) return undefined;
  if (endianness() !== 'LE') return undefined;

  const start = pad8(4 + headerLength);
  const lengths = partLengths(header);
  if (bytes.length !== start + lengths.reduce((sum, length) => sum + length, 0)) throw invalid('length');
  const payload = bytes.subarray(start);
  if (sha256(payload) !== header.payloadSha256) throw invalid('checksum');
  // Typed arrays over the file's own bytes (copied once if Node did not place them on an 8-byte boundary).
  const aligned = payload.byteOffset % 8 === 0 ? payload : Buffer.from(payload);
  const at: number[] = [];
  lengths.reduce((offset, length) => (at.push(offset), offset + length), aligned.byteOffset);
  const buffer = aligned.buffer;
  const signpostWeights = new Float64Array(buffer, at[0], header.features);
  const helpWeights = new Float64Array(buffer, at[1], header.features);
  const table = new FeatureTable({
    offsets: new Uint32Array(buffer, at[2], header.features + 1),
    slots: new Int32Array(buffer, at[3], header.slots),
    units: new Uint16Array(buffer, at[4], header.units),
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
