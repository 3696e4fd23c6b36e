/**
 * Finite-difference derivatives with Richardson extrapolation, with the step rules of R's numDeriv
 * (`hessian()` via genD with d = 0.1, `jacobian()` with d = 1e-4; eps = 1e-4, r = 4, v = 2). lmerTest
 * computes its Satterthwaite ingredients this way, so using the same steps reproduces its numbers.
 */
const ZERO_TOL = Math.sqrt(2.220446049250313e-16 / 7e-7);
const EPS = 1e-4;
const R = 4;

function initialSteps(x: Float64Array, d: number): Float64Array {
  return x.map((xi) => Math.abs(d * xi) + (Math.abs(xi) < ZERO_TOL ? EPS : 0));
}

/** Extrapolate in place: a[k] ← (4^m a[k+1] − a[k]) / (4^m − 1), for m = 1..r−1; the answer is a[0]. */
function extrapolate(a: Float64Array[]): Float64Array {
  for (let m = 1; m < R; m++) {
    const f = 4 ** m;
    for (let k = 0; k < R - m; k++) {
      const ak = a[k];
      const ak1 = a[k + 1];
      for (let i = 0; i < ak.length; i++) ak[i] = (ak1[i] * f - ak[i]) / (f - 1);
    }
  }
  return a[0];
}

/** f at x0 + h e_i, then at x0 − h e_i (x is the workspace the points are written in). */
function atPlusMinus<T>(f: (x: Float64Array) => T, x0: Float64Array, x: Float64Array, i: number, h: number): [T, T] {
  x.set(x0);
  x[i] = x0[i] + h;
  const up = f(x);
  x[i] = x0[i] - h;
  return [up, f(x)];
}

/** Hessian of a scalar function (numDeriv::hessian, method "Richardson"), column-major n×n. */
export function hessian(f: (x: Float64Array) => number, x0: Float64Array, d = 0.1): Float64Array {
  const n = x0.length;
  const f0 = f(x0);
  const h0 = initialSteps(x0, d);
  const hdiag = new Float64Array(n);
  const x = new Float64Array(n);
  const H = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    const a = Array.from({ length: R }, () => new Float64Array(1));
    let h = h0[i];
    for (let k = 0; k < R; k++) {
      const [f1, f2] = atPlusMinus(f, x0, x, i, h);
      a[k][0] = (f1 - 2 * f0 + f2) / (h * h);
      h /= 2;
    }
    hdiag[i] = extrapolate(a)[0];
    H[i * n + i] = hdiag[i];
  }
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < i; j++) {
      const a = Array.from({ length: R }, () => new Float64Array(1));
      let hi = h0[i];
      let hj = h0[j];
      for (let k = 0; k < R; k++) {
        x.set(x0);
        x[i] += hi;
        x[j] += hj;
        const f1 = f(x);
        x.set(x0);
        x[i] -= hi;
        x[j] -= hj;
        const f2 = f(x);
        a[k][0] = (f1 - 2 * f0 + f2 - hdiag[i] * hi * hi - hdiag[j] * hj * hj) / (2 * hi * hj);
        hi /= 2;
        hj /= 2;
      }
      H[j * n + i] = H[i * n + j] = extrapolate(a)[0];
    }
  }
  return H;
}

/**
 * Jacobian of a vector function (numDeriv::jacobian, method "Richardson", central differences).
 * Returns one vector per coordinate: J[k] = ∂f/∂x_k.
 */
export function jacobian(f: (x: Float64Array) => Float64Array, x0: Float64Array, d = 1e-4): Float64Array[] {
  const n = x0.length;
  const h0 = initialSteps(x0, d);
  const x = new Float64Array(n);
  const out: Float64Array[] = [];
  for (let i = 0; i < n; i++) {
    const a: Float64Array[] = [];
    let h = h0[i];
    for (let k = 0; k < R; k++) {
      const [f1, f2] = atPlusMinus(f, x0, x, i, h);
      const step = 2 * h;
      a.push(f1.map((v, j) => (v - f2[j]) / step));
      h /= 2;
    }
    out.push(extrapolate(a));
  }
  return out;
}
