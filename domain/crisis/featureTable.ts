/**
 * The crisis model's feature lookup as flat typed arrays: an open-addressing hash table over the features'
 * UTF-16 code units. Built once by `npm run build` (data/crisis/compiledCrisisModel.ts writes it to disk),
 * it is read back at start-up as it lies in the file: no half a million strings to make, no Map to fill,
 * almost nothing for the garbage collector. It finds exactly the features a Map of them would.
 */
export interface FeatureTableArrays {
  /** Where feature i's code units start in `units`; `offsets[i + 1]` is where they end. */
  offsets: Uint32Array;
  /** Every feature's UTF-16 code units, one after the other. */
  units: Uint16Array;
  /** A power of two long; each slot holds a feature's index, or -1. */
  slots: Int32Array;
}

const EMPTY = -1;

/** FNV-1a over UTF-16 code units, 32 bits. */
function hashString(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash >>> 0;
}

function hashUnits(units: Uint16Array, start: number, end: number): number {
  let hash = 0x811c9dc5;
  for (let i = start; i < end; i += 1) hash = Math.imul(hash ^ units[i], 0x01000193);
  return hash >>> 0;
}

/** The table for these features (each distinct), at most half full. */
export function buildFeatureTable(features: readonly string[]): FeatureTableArrays {
  const offsets = new Uint32Array(features.length + 1);
  let total = 0;
  features.forEach((feature, i) => {
    offsets[i] = total;
    total += feature.length;
  });
  offsets[features.length] = total;
  const units = new Uint16Array(total);
  features.forEach((feature, i) => {
    for (let j = 0; j < feature.length; j += 1) units[offsets[i] + j] = feature.charCodeAt(j);
  });
  let size = 1;
  while (size < 2 * features.length) size *= 2;
  const slots = new Int32Array(size).fill(EMPTY);
  const table = new FeatureTable({ offsets, units, slots });
  features.forEach((feature, i) => {
    if (table.indexOf(feature) !== undefined) throw new Error(`the feature ${JSON.stringify(feature)} is listed twice`);
    let slot = hashString(feature) & (size - 1);
    while (slots[slot] !== EMPTY) slot = (slot + 1) & (size - 1);
    slots[slot] = i;
  });
  return { offsets, units, slots };
}

/** Looks features up in a table made by `buildFeatureTable`. */
export class FeatureTable {
  private readonly mask: number;

  constructor(private readonly arrays: FeatureTableArrays) {
    this.mask = arrays.slots.length - 1;
  }

  /** The feature's index, or undefined when the model does not know it. */
  indexOf(feature: string): number | undefined {
    const { offsets, units, slots } = this.arrays;
    for (let slot = hashString(feature) & this.mask; ; slot = (slot + 1) & this.mask) {
      const i = slots[slot];
      if (i === EMPTY) return undefined;
      const start = offsets[i];
      if (offsets[i + 1] - start !== feature.length) continue;
      let same = true;
      for (let j = 0; j < feature.length && same; j += 1) same = units[start + j] === feature.charCodeAt(j);
      if (same) return i;
    }
  }

  /**
   * Problems with a table read from disk, or none: sizes, each index in range and met once, each feature
   * found where its hash leads (so a changed code unit or slot is caught, not silently missed).
   */
  problems(featureCount: number): string[] {
    const { offsets, units, slots } = this.arrays;
    if (offsets.length !== featureCount + 1) return [`offsets: expected ${featureCount + 1}, found ${offsets.length}`];
    if (slots.length < 2 * featureCount || (slots.length & this.mask) !== 0) return [`slots: ${slots.length} is not a power of two at least twice the features`];
    if (offsets[0] !== 0 || offsets[featureCount] !== units.length) return ['offsets: do not span the features'];
    for (let i = 0; i < featureCount; i += 1) if (offsets[i + 1] <= offsets[i]) return [`offsets: feature ${i} is empty or out of order`];
    const seen = new Uint8Array(featureCount);
    let filled = 0;
    for (let slot = 0; slot < slots.length; slot += 1) {
      const i = slots[slot];
      if (i === EMPTY) continue;
      if (i < 0 || i >= featureCount || seen[i] === 1) return [`slots: slot ${slot} holds ${i}`];
      seen[i] = 1;
      filled += 1;
    }
    if (filled !== featureCount) return [`slots: ${featureCount - filled} feature(s) have no slot`];
    for (let i = 0; i < featureCount; i += 1) {
      // Walks from the feature's hash to its slot, as a lookup would.
      let slot = hashUnits(units, offsets[i], offsets[i + 1]) & this.mask;
      while (slots[slot] !== i) {
        if (slots[slot] === EMPTY) return [`slots: feature ${i} is not where its hash leads`];
        slot = (slot + 1) & this.mask;
      }
    }
    return [];
  }
}
