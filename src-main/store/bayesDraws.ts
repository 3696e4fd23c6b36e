/**
 * The draws of a Bayesian fit as one compressed BLOB: a small JSON header (the quantities' names and
 * each chain's number of draws) and, per chain, the draws (draw-major, as the chain produced them)
 * then the per-draw divergent flags, tree depths and energies, all as little-endian float64, the
 * whole deflated. Exact: a reopened fit plots the same numbers it was summarised from.
 */
import { deflateRawSync, inflateRawSync } from 'node:zlib';
import { QuadratError } from '../../src-engine/errors/quadratError';

export interface StoredChain {
  chain: number;
  numSamples: number;
  /** Draw i, quantity j at [i·names.length + j]. */
  values: Float64Array;
  divergent: Uint8Array;
  treedepth: Int32Array;
  energy: Float64Array;
}

export interface StoredDraws {
  names: string[];
  chains: StoredChain[];
}

interface Header {
  v: 1;
  names: string[];
  chains: { chain: number; numSamples: number }[];
}

export function encodeDraws(d: StoredDraws): Buffer {
  const header: Header = { v: 1, names: d.names, chains: d.chains.map((c) => ({ chain: c.chain, numSamples: c.numSamples })) };
  const head = Buffer.from(JSON.stringify(header), 'utf8');
  const K = d.names.length;
  const total = d.chains.reduce((s, c) => s + c.numSamples * (K + 3), 0);
  const body = new Float64Array(total);
  let at = 0;
  for (const c of d.chains) {
    body.set(c.values.subarray(0, c.numSamples * K), at);
    at += c.numSamples * K;
    for (const v of [c.divergent, c.treedepth, c.energy]) {
      for (let i = 0; i < c.numSamples; i++) body[at + i] = v[i];
      at += c.numSamples;
    }
  }
  const len = Buffer.alloc(4);
  len.writeUInt32LE(head.length);
  const pad = Buffer.alloc((8 - ((4 + head.length) % 8)) % 8);
  return deflateRawSync(Buffer.concat([len, head, pad, Buffer.from(body.buffer, body.byteOffset, body.byteLength)]));
}

export function decodeDraws(blob: Uint8Array, name: string): StoredDraws {
  let raw: Buffer;
  let header: Header;
  try {
    raw = inflateRawSync(blob);
    const n = raw.readUInt32LE(0);
    header = JSON.parse(raw.subarray(4, 4 + n).toString('utf8')) as Header;
    raw = raw.subarray(4 + n + ((8 - ((4 + n) % 8)) % 8));
  } catch {
    throw new QuadratError('project', `The stored draws of "${name}" are damaged in the project file; the other models are unaffected. Fit the model again.`);
  }
  // copy into an aligned buffer (the BLOB's offset need not be a multiple of 8)
  const body = new Float64Array(raw.byteLength / 8);
  new Uint8Array(body.buffer).set(raw.subarray(0, body.byteLength));
  const K = header.names.length;
  const expected = header.chains.reduce((s, c) => s + c.numSamples * (K + 3), 0);
  if (body.length !== expected) throw new QuadratError('project', `The stored draws of "${name}" are damaged in the project file (${body.length} values for ${expected}); fit the model again.`);
  let at = 0;
  const take = (n: number) => body.subarray(at, (at += n));
  const chains = header.chains.map((c) => {
    const values = Float64Array.from(take(c.numSamples * K));
    const divergent = Uint8Array.from(take(c.numSamples));
    const treedepth = Int32Array.from(take(c.numSamples));
    const energy = Float64Array.from(take(c.numSamples));
    return { chain: c.chain, numSamples: c.numSamples, values, divergent, treedepth, energy };
  });
  return { names: header.names, chains };
}
