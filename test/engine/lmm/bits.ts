/** Shared by the tests that hold a kernel to the JS bit for bit: a seeded generator, the comparison, a nested design. */
import { expect } from 'vitest';

/** A reproducible uniform generator on [0, 1) (a 32-bit LCG). */
export function seeded(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** Every element the same number (Object.is: NaN equals NaN, +0 and −0 differ). */
export function expectSameBits(a: ArrayLike<number>, b: ArrayLike<number>, what: string): void {
  expect(a.length, what).toBe(b.length);
  let bad = -1;
  for (let i = 0; i < a.length && bad < 0; i++) if (!Object.is(a[i], b[i])) bad = i;
  expect(bad, `${what}: first difference at ${bad}: ${a[bad]} vs ${b[bad]}`).toBe(-1);
}

/**
 * CSV text: 150 sites × 4 plots with 2–4 visits per plot (so nested levels fall into several classes and
 * groups), a treatment and a crossed rater of `raters` levels (drawn at random, or by visit with 3).
 */
export function unbalancedSitePlots(raters = 3, randomRaters = false): string {
  let s = 11;
  const rnd = () => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const lines = ['y,x,trt,site,plot,rater'];
  for (let site = 0; site < 150; site++)
    for (let plot = 0; plot < 4; plot++) {
      const visits = 2 + ((site + plot) % 3);
      for (let v = 0; v < visits; v++) {
        const x = rnd();
        const y = (1 + 2 * x + (site % 7) * 0.3 + plot * 0.2 + rnd()).toFixed(4);
        const rater = randomRaters ? Math.floor(rnd() * raters) : v % raters;
        lines.push(`${y},${x.toFixed(3)},${['a', 'b'][(site + v) % 2]},s${site},p${plot},r${rater}`);
      }
    }
  return lines.join('\n');
}
