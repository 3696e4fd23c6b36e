/** The cross-check problems, defined identically in problems.R (R's 1-based x[i] is x[i−1] here). */
export interface CrossCheckProblem {
  f: (x: Float64Array) => number;
  x0: number[];
  lower: number[];
  upper: number[];
  rhobeg: number;
}

const rosen = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length - 1; i++) s += 100 * (x[i + 1] - x[i] ** 2) ** 2 + (1 - x[i]) ** 2;
  return s;
};
const beale = (x: Float64Array) =>
  (1.5 - x[0] + x[0] * x[1]) ** 2 + (2.25 - x[0] + x[0] * x[1] ** 2) ** 2 + (2.625 - x[0] + x[0] * x[1] ** 3) ** 2;
const wood = (x: Float64Array) =>
  100 * (x[0] ** 2 - x[1]) ** 2 + (x[0] - 1) ** 2 + (x[2] - 1) ** 2 + 90 * (x[2] ** 2 - x[3]) ** 2 +
  10.1 * ((x[1] - 1) ** 2 + (x[3] - 1) ** 2) + 19.8 * (x[1] - 1) * (x[3] - 1);
const quad3 = (x: Float64Array) => (x[0] - 1) ** 2 + 2 * (x[1] + 2) ** 2 + 3 * (x[2] - 0.5) ** 2 + 0.5 * x[0] * x[1];
const bound2 = (x: Float64Array) => (x[0] + 1) ** 2 + (x[1] - 2) ** 2;
const mixed3 = (x: Float64Array) => (x[0] + 1) ** 2 + (x[1] - 1) ** 2 + 10 * (x[2] - 3) ** 2 + 0.5 * (x[0] - x[1]) ** 2;
const illscaled4 = (x: Float64Array) => {
  const c = Math.cos(Math.PI / 6);
  const s = Math.sin(Math.PI / 6);
  const w = [1e-2, 1, 1e2, 1e4];
  const y = [c * (x[0] - 1) - s * (x[1] - 2), s * (x[0] - 1) + c * (x[1] - 2), c * (x[2] + 1) - s * (x[3] - 0.5), s * (x[2] + 1) + c * (x[3] - 0.5)];
  return y.reduce((a, v, i) => a + w[i] * v * v, 0);
};
const box10 = (x: Float64Array) => {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += (i + 1) * (x[i] - (-1) ** (i + 1)) ** 2;
  for (let i = 0; i < x.length - 1; i++) s += 0.5 * (x[i + 1] - x[i]) ** 2;
  return s;
};

const inf = (n: number, v: number) => new Array<number>(n).fill(v);

export const problems: Record<string, CrossCheckProblem> = {
  rosen2: { f: rosen, x0: [-1.2, 1], lower: inf(2, -Infinity), upper: inf(2, Infinity), rhobeg: 0.5 },
  rosen5: { f: rosen, x0: [-1.2, 1, -1.2, 1, -1.2], lower: inf(5, -Infinity), upper: inf(5, Infinity), rhobeg: 0.5 },
  beale2: { f: beale, x0: [1, 1], lower: inf(2, -Infinity), upper: inf(2, Infinity), rhobeg: 0.5 },
  wood4: { f: wood, x0: [-3, -1, -3, -1], lower: inf(4, -Infinity), upper: inf(4, Infinity), rhobeg: 0.5 },
  quad3: { f: quad3, x0: [0, 0, 0], lower: inf(3, -Infinity), upper: inf(3, Infinity), rhobeg: 0.5 },
  bound2: { f: bound2, x0: [1, 1], lower: [0, -Infinity], upper: [Infinity, Infinity], rhobeg: 0.5 },
  mixed3: { f: mixed3, x0: [1, 0, 1.5], lower: [0, -Infinity, 1], upper: [Infinity, Infinity, 2], rhobeg: 0.2 },
  illscaled4: { f: illscaled4, x0: [0, 0, 0, 0], lower: inf(4, -Infinity), upper: inf(4, Infinity), rhobeg: 0.5 },
  box10: { f: box10, x0: inf(10, 0), lower: inf(10, -0.5), upper: inf(10, 0.5), rhobeg: 0.2 },
};
