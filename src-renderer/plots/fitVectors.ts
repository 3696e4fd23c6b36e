/**
 * The per-observation vectors a plot draws (fitted values, residuals, row numbers...), fetched from
 * model.vectors in pieces when a plot asks for them: model.get never carries them, so opening a
 * 1M-row fit costs what its tables cost.
 */
import type { QuadratApi } from '../../src-main/api/client';
import type { DiagnosticsOutline, FitVectorName, StoredFitReport } from '../../src-main/api/contract';
import type { FitDiagnostics } from '../../src-engine/shared';

/** Values per request (128 KB of float64: each answer is short, so other calls are answered in between). */
export const VECTOR_PIECE = 16_384;

/** Little-endian float64 values from base64 (exact; NaN kept). */
export function decodeFloat64(base64: string): Float64Array {
  const bin = atob(base64);
  const view = new DataView(new ArrayBuffer(bin.length));
  for (let i = 0; i < bin.length; i++) view.setUint8(i, bin.charCodeAt(i));
  const out = new Float64Array(bin.length >> 3);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat64(i * 8, true);
  return out;
}

export async function fetchVector(api: Pick<QuadratApi, 'model'>, fitId: number, name: FitVectorName, length: number): Promise<number[]> {
  const out = new Array<number>(length);
  for (let offset = 0; offset < length; offset += VECTOR_PIECE) {
    const piece = await api.model.vectors({ fitId, name, offset, limit: Math.min(VECTOR_PIECE, length - offset) });
    const values = decodeFloat64(piece.float64Base64);
    for (let i = 0; i < values.length; i++) out[offset + i] = values[i];
  }
  return out;
}

/** Levels per model.ranef call: a few hundred KB of JSON, so other calls are answered in between. */
export const RANEF_PIECE = 5000;

type RanefRows = DiagnosticsOutline['ranef'];

/** Every level of every grouping factor: model.get carried the first ones; the rest come in pages. */
export async function fetchRanef(api: Pick<QuadratApi, 'model'>, fitId: number, ranef: RanefRows): Promise<FitDiagnostics['ranef']> {
  return Promise.all(
    ranef.map(async ({ nLevels, ...g }) => {
      if (nLevels === undefined || nLevels <= g.levels.length) return g;
      const levels = [...g.levels];
      const values = [...g.values];
      const condSd = [...g.condSd];
      for (let offset = levels.length; offset < nLevels; offset += RANEF_PIECE) {
        const page = await api.model.ranef({ fitId, group: g.group, offset, limit: RANEF_PIECE });
        levels.push(...page.levels);
        values.push(...page.values);
        condSd.push(...page.condSd);
      }
      return { ...g, levels, values, condSd };
    }),
  );
}

/** Whole ranef tables already fetched, per opened report. */
const fetchedRanef = new WeakMap<DiagnosticsOutline, Promise<FitDiagnostics['ranef']>>();

/** Vectors already fetched, per opened report (a new model.get starts afresh; old ones are collected). */
const fetched = new WeakMap<DiagnosticsOutline, Map<FitVectorName, Promise<number[]>>>();

/** The vectors a plot needs, for the plotting functions: only those asked for are fetched (the rest are empty). */
export async function diagnosticsFor(api: Pick<QuadratApi, 'model'>, fitId: number, report: StoredFitReport, names: readonly FitVectorName[]): Promise<FitDiagnostics | null> {
  const outline = report.diagnostics;
  if (!outline) return null;
  let cache = fetched.get(outline);
  if (!cache) fetched.set(outline, (cache = new Map()));
  let ranef = fetchedRanef.get(outline);
  if (!ranef) {
    ranef = fetchRanef(api, fitId, outline.ranef);
    fetchedRanef.set(outline, ranef);
    ranef.catch(() => fetchedRanef.delete(outline));
  }
  const d: FitDiagnostics = { fitted: [], residuals: [], rows: [], ranef: await ranef, vcov: outline.vcov };
  const wanted = names.filter((n) => outline.vectors.includes(n));
  const values = await Promise.all(
    wanted.map((name) => {
      let p = cache.get(name);
      if (!p) {
        p = fetchVector(api, fitId, name, outline.n);
        p.catch(() => cache.delete(name));
        cache.set(name, p);
      }
      return p;
    }),
  );
  wanted.forEach((name, k) => (d[name] = values[k]));
  return d;
}
