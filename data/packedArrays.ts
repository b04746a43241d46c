import { createHash } from 'node:crypto';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { endianness } from 'node:os';

/**
 * Data compiled for start-up (the crisis model, the language identifier's n-grams): a JSON header and
 * little-endian typed arrays, read back as views over the file's own bytes. Layout: a 4-byte length, the
 * header (JSON, with each array's byte length and the arrays' SHA-256), zero padding to 8 bytes, then the
 * arrays, each padded to 8 bytes.
 */

interface PackedHeader {
  /** The arrays' byte lengths, in order. */
  arrays: number[];
  /** The SHA-256 of the header without this field (as JSON) followed by the arrays' bytes: all of the file. */
  arraysSha256: string;
}

/** What the checksum covers: the header's JSON without the checksum, then the arrays. */
function checksumOf(headerWithoutChecksum: object, body: Uint8Array): string {
  return createHash('sha256').update(JSON.stringify(headerWithoutChecksum)).update(body).digest('hex');
}

const pad8 = (n: number) => Math.ceil(n / 8) * 8;

/** The SHA-256 of a file's bytes. */
export function sha256OfFile(path: string): string {
  return createHash('sha256').update(readFileSync(path)).digest('hex');
}

/** Writes the header and arrays to `path`, whole or not at all. */
export function writePackedArrays(path: string, header: object, arrays: ArrayBufferView[]): void {
  if (endianness() !== 'LE') throw new Error('compiled data is little-endian: this machine reads the source data instead');
  const padded = arrays.flatMap((array) => {
    const bytes = new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
    return [bytes, new Uint8Array(pad8(bytes.length) - bytes.length)];
  });
  const body = Buffer.concat(padded);
  const described = { ...header, arrays: arrays.map((array) => array.byteLength) };
  const headerBytes = Buffer.from(JSON.stringify({ ...described, arraysSha256: checksumOf(described, body) }), 'utf8');
  const start = Buffer.alloc(pad8(4 + headerBytes.length));
  start.writeUInt32LE(headerBytes.length, 0);
  headerBytes.copy(start, 4);
  const partial = `${path}.${process.pid}.partial`;
  writeFileSync(partial, Buffer.concat([start, body]));
  renameSync(partial, path);
}

/** A file written by `writePackedArrays`: its header, then each array's bytes once the checksum holds. */
export interface PackedArrays {
  header: Record<string, unknown>;
  /** Each array's bytes, 8-byte aligned: view them as the typed array they were written from. */
  arrays(): Array<{ buffer: ArrayBuffer; byteOffset: number; byteLength: number }>;
}

/** Reads a packed file; `invalid` makes the error for a damaged one. The arrays are checked only when asked for. */
export function readPackedArrays(path: string, invalid: (why: string) => Error): PackedArrays {
  const bytes = readFileSync(path);
  if (bytes.length < 4 || 4 + bytes.readUInt32LE(0) > bytes.length) throw invalid('too short');
  const headerLength = bytes.readUInt32LE(0);
  let header: Record<string, unknown> & PackedHeader;
  try {
    header = JSON.parse(bytes.subarray(4, 4 + headerLength).toString('utf8')) as typeof header;
    if (!Array.isArray(header.arrays) || !header.arrays.every((n) => Number.isInteger(n) && n >= 0) || typeof header.arraysSha256 !== 'string') throw new TypeError();
  } catch (error) {
    throw invalid(`header: ${(error as Error).name}`);
  }
  return {
    header,
    arrays() {
      const start = pad8(4 + headerLength);
      if (bytes.length !== start + header.arrays.reduce((sum, length) => sum + pad8(length), 0)) throw invalid('length');
      const body = bytes.subarray(start);
      const { arraysSha256, ...described } = header;
      if (checksumOf(described, body) !== arraysSha256) throw invalid('checksum');
      // Node places a file this large at the start of its own memory; copied once if it did not.
      const aligned = body.byteOffset % 8 === 0 ? body : new Uint8Array(body);
      let offset = aligned.byteOffset;
      return header.arrays.map((byteLength) => {
        const view = { buffer: aligned.buffer as ArrayBuffer, byteOffset: offset, byteLength };
        offset += pad8(byteLength);
        return view;
      });
    },
  };
}
