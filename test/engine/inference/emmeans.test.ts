import { describe, expect, it } from 'vitest';
import { LmmInference } from '../../../src-engine/inference/lmmInference';
import { emmeans } from '../../../src-engine/inference/emmeans';
import { type InferenceExpected, inferenceCaseNames, loadInferenceFixture, loadLmmFixture } from '../reference/fixtures';
import { close, fitAtR } from './fitCase';

type Entry = NonNullable<InferenceExpected['emmeans']> & { by?: string };
const entries: [string, Entry][] = inferenceCaseNames().flatMap((c) => {
  const x = loadInferenceFixture(c).expected;
  return [...(x.emmeans ? [[c, x.emmeans] as [string, Entry]] : []), ...(x.emmeansBy ? [[c, x.emmeansBy] as [string, Entry]] : [])];
});

describe('emmeans against R (emmeans, pairwise ~ factor [| by], Tukey)', () => {
  for (const [name, e] of entries) {
    const fx = loadInferenceFixture(name);
    const inf = new LmmInference(fitAtR(fx, loadLmmFixture(name).expected.theta));
    for (const [key, ddf] of [['satterthwaite', 'satterthwaite'], ['kr', 'kenward-roger']] as const) {
      it(`${name} ${e.factor}${e.by ? ` | ${e.by}` : ''} ${key}`, () => {
        const got = emmeans(inf, e.factor, { ddf, by: e.by ?? null });
        const want = e[key];
        const bad: string[] = [];
        expect(got.emmeans.length).toBe(want.emmeans.length);
        got.emmeans.forEach((g, i) => {
          const w = want.emmeans[i];
          if (g.level !== w.level || g.by !== w.by) bad.push(`level ${g.level}|${g.by} vs ${w.level}|${w.by}`);
          if (!close(g.emmean, w.emmean, 1e-8)) bad.push(`${w.level} emmean ${g.emmean} vs ${w.emmean}`);
          if (!close(g.SE, w.SE, 1e-6)) bad.push(`${w.level} SE ${g.SE} vs ${w.SE}`);
          if (!close(g.df, w.df, 1e-3)) bad.push(`${w.level} df ${g.df} vs ${w.df}`);
          if (!close(g.lowerCL, w.lowerCL, 1e-4)) bad.push(`${w.level} lower ${g.lowerCL} vs ${w.lowerCL}`);
          if (!close(g.upperCL, w.upperCL, 1e-4)) bad.push(`${w.level} upper ${g.upperCL} vs ${w.upperCL}`);
        });
        expect(got.contrasts.length).toBe(want.contrasts.length);
        got.contrasts.forEach((g, i) => {
          const w = want.contrasts[i];
          if (g.contrast !== w.contrast || g.by !== w.by) bad.push(`contrast ${g.contrast}|${g.by} vs ${w.contrast}|${w.by}`);
          if (!close(g.estimate, w.estimate, 1e-6, 1e-10)) bad.push(`${w.contrast} estimate ${g.estimate} vs ${w.estimate}`);
          if (!close(g.SE, w.SE, 1e-6)) bad.push(`${w.contrast} SE ${g.SE} vs ${w.SE}`);
          if (!close(g.df, w.df, 1e-3)) bad.push(`${w.contrast} df ${g.df} vs ${w.df}`);
          if (!close(g.tRatio, w.tRatio, 1e-4)) bad.push(`${w.contrast} t ${g.tRatio} vs ${w.tRatio}`);
          if (!close(g.pValue, w.pValue, 1e-4, 1e-10)) bad.push(`${w.contrast} p ${g.pValue} vs ${w.pValue}`);
        });
        expect(bad).toEqual([]);
        // emmeans' own NOTE lines, word for word (the one on interactions is the one that matters)
        const notes = ((want as { messages?: string[] }).messages ?? []).filter((m) => m.startsWith('NOTE: '));
        expect(got.notes.map((n) => `NOTE: ${n}`)).toEqual(notes);
      });
    }
  }
});
