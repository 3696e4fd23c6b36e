/** Table + NlmeSpec → NlmeModel: the frame, the random levels, nlme's processing order, the structures. */
import { type Table } from '../data/table';
import { QuadratError } from '../errors/quadratError';
import { buildDesign } from '../design/buildDesign';
import { buildCorStruct } from './corStruct/buildCorStruct';
import { type Grouping, NlmeFrame } from './frame';
import { NlmeModel } from './model';
import { type ReLevel } from './reStruct';
import { parseGroupedForm } from './spec/groupedForm';
import { parsePdList } from './spec/pdList';
import { type NlmeSpec } from './spec/nlmeSpec';
import { buildVarFunc } from './varFunc/buildVarFunc';

function randomLevels(table: Table, frame: NlmeFrame, random: string, factors: readonly string[]): ReLevel[] {
  const pd = parsePdList(random);
  if (pd) {
    const levels = randomLevels(table, frame, `${pd.form} | ${pd.group}`, factors);
    return pd.pdClass === 'pdDiag' ? levels.map((l) => ({ ...l, diagonal: true })) : levels;
  }
  const s = random.trim();
  const bar = s.lastIndexOf('|');
  if (!s.startsWith('~') || bar < 0) throw new QuadratError('input', `random = "${random}": write it as in nlme, e.g. ~ 1 | Subject, ~ age | Subject, ~ 1 | Block/Variety or list(Subject = pdDiag(~ age)).`);
  const left = s.slice(1, bar).trim() || '1';
  const form = parseGroupedForm(`~ 1 | ${s.slice(bar + 1)}`, 'random');
  const zDesign = buildDesign(table, `${frame.design.responseName} ~ ${left}`, { factors });
  if (zDesign.n !== frame.n || zDesign.rows.some((r, i) => r !== frame.design.rows[i])) {
    throw new QuadratError('data', 'The random-effects variables have missing values in rows the fixed part uses; nlme refuses missing values (na.fail). Remove those rows first.');
  }
  const k = zDesign.p;
  const z = new Float64Array(frame.n * k);
  for (let j = 0; j < k; j++) for (let i = 0; i < frame.n; i++) z[i * k + j] = zDesign.X[j * frame.n + i];
  const groups = frame.nested(form.groups, 'random');
  return groups.map((g, q) => ({ name: form.groups[q], codes: g.codes, labels: g.labels, terms: zDesign.fixedNames, z }));
}

/** nlme sorts the data by the groups (stably); the order matters for varIdent's reference stratum. */
function processingOrder(n: number, g: Grouping | undefined): Int32Array {
  const order = new Int32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  if (!g) return order;
  // by group, rows in data order within each
  return order.sort((a, b) => g.codes[a] - g.codes[b] || a - b);
}

export function buildModel(table: Table, spec: NlmeSpec): NlmeModel {
  const method = spec.method ?? 'REML';
  if (method !== 'REML' && method !== 'ML') throw new QuadratError('input', `method must be "REML" or "ML" (got "${String(method)}").`);
  const factors = spec.factors ?? [];
  const frame = NlmeFrame.build(table, spec.fixed, factors);
  const reLevels = spec.random ? randomLevels(table, frame, spec.random, factors) : [];
  const inner = reLevels.length ? reLevels[reLevels.length - 1] : undefined;
  const innerGroups = inner ? { codes: inner.codes, labels: inner.labels } : undefined;
  const cor = spec.correlation ? buildCorStruct(spec.correlation, frame, innerGroups) : undefined;
  const order = processingOrder(frame.n, innerGroups ?? (cor && cor.groups.labels.length > 1 ? cor.groups : undefined));
  const varFunc = spec.weights ? buildVarFunc(spec.weights, frame, order) : undefined;
  const reml = method === 'REML';
  const nPar = (varFunc?.nPar ?? 0) + (cor?.cor.nPar ?? 0);
  if ((reml ? frame.n - frame.p : frame.n) <= nPar + 1) throw new QuadratError('model', `Too few observations (${frame.n}) for ${frame.p} coefficients and ${nPar} variance/correlation parameters.`);
  return new NlmeModel(frame, reml, varFunc, cor?.cor, reLevels);
}
