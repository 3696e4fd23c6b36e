/**
 * GLMMs of a batch's units that share a design pattern share what depends on the pattern alone
 * (glmm/plsSetups.ts): the random-effects blocks and θ's layout, the crossproduct plan and symbolic
 * factorisation, and PIRLS's working arrays. A model built on a set-up another unit has used gives
 * the objective and its gradient of a model built afresh, to the bit; a unit whose rows differ gets
 * its own.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { type Table, subsetRows } from '../../../src-engine/data/table';
import { importDelimited } from '../../../src-engine/data/importDelimited';
import { buildDesign } from '../../../src-engine/design/buildDesign';
import { DesignPatterns } from '../../../src-engine/design/designPattern';
import { unitsByColumn } from '../../../src-engine/batch/units';
import { makeFamily } from '../../../src-engine/glmm/family';
import { GlmmModel } from '../../../src-engine/glmm/glmmModel';
import { glmStart } from '../../../src-engine/glmm/glmStart';
import { PlsSetups } from '../../../src-engine/glmm/plsSetups';
import { glmResponse } from '../../../src-engine/glmm/response';

const FORMULA = 'cbind(methylated, unmethylated) ~ treatment * population + (1 | tank)';
const family = makeFamily('binomial');

const { table } = importDelimited(new Uint8Array(readFileSync('test/data/oyster_methylation.csv')), {
  columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' },
});
const units = unitsByColumn(table, 'locus');
const locus = (name: string): Table => subsetRows(table, units.find((u) => u.name === name)!.rows);

function modelOf(t: Table, patterns?: DesignPatterns, setups?: PlsSetups): GlmmModel {
  const design = buildDesign(t, FORMULA, { family: 'binomial', patterns });
  const resp = glmResponse(design);
  return new GlmmModel(design, family, resp, glmStart(design, family, resp), setups);
}

/** The same evaluations on any model: the Laplace objective at three points, the gradient at the last. */
function evaluations(model: GlmmModel): number[] {
  const start = glmStart(model.design, family, model.resp);
  const at = (theta: number, shift: number) => Float64Array.from([theta, ...start.map((b) => b + shift)]);
  const values = [model.objective(at(1, 0), 1), model.objective(at(0.4, 0.1), 1), model.objective(at(0.7, -0.05), 1)];
  return [...values, ...model.laplaceGradient(at(0.7, -0.05))!];
}

describe('GLMM set-ups shared by units with one design pattern', () => {
  it('shares the blocks and θ layout exactly where the design pattern is shared', () => {
    const patterns = new DesignPatterns();
    const setups = new PlsSetups();
    const first = modelOf(locus('L0001'), patterns, setups);
    const second = modelOf(locus('L0002'), patterns, setups);
    expect(patterns.hits).toBe(1);
    expect(second.blocks).toBe(first.blocks);
    expect(second.thetaLayout).toBe(first.thetaLayout);
    // L0003's first sample moved from tank T1 to T2: another Z, so another pattern and other blocks
    const lines = readFileSync('test/data/oyster_methylation.csv', 'utf8').trimEnd().split('\n');
    const edited = lines.filter((l, i) => i === 0 || l.includes('L0003')).map((l, i) => (i === 1 ? l.replace('"T1"', '"T2"') : l));
    const other = importDelimited(new TextEncoder().encode(edited.join('\n') + '\n'), {
      columnTypes: { locus: 'factor', tank: 'factor', treatment: 'factor', population: 'factor' },
    }).table;
    const third = modelOf(other, patterns, setups);
    expect(patterns.hits).toBe(1);
    expect(third.blocks).not.toBe(first.blocks);
    const tanks = (m: GlmmModel) => Array.from(m.blocks[0].refs.slice(0, 2), (r) => m.blocks[0].levels[r]);
    expect([tanks(first), tanks(third)]).toEqual([['T1', 'T1'], ['T2', 'T1']]);
  });

  it('gives a model on a used set-up the objective and gradient of a fresh model, to the bit', () => {
    const patterns = new DesignPatterns();
    const setups = new PlsSetups();
    // L0001 leaves its working arrays, factorisation and crossproducts at its own last evaluation
    evaluations(modelOf(locus('L0001'), patterns, setups));
    for (const name of ['L0002', 'L0017']) {
      const shared = evaluations(modelOf(locus(name), patterns, setups));
      expect(shared).toEqual(evaluations(modelOf(locus(name))));
    }
    expect(patterns.hits).toBe(2);
    expect(setups.hits).toBe(2);
  });
});
