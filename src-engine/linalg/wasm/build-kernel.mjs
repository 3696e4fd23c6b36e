// Generates the WebAssembly (SIMD128) dense Cholesky kernel:
//   cholesky.wat       — readable text, committed for review
//   choleskyKernel.ts  — the binary as base64, so the engine loads it with no file I/O
// Run after editing this file:  node src-engine/linalg/wasm/build-kernel.mjs
// (KERNEL_OUT=dir MR=.. NR=.. write a variant elsewhere, for tuning experiments.)
//
// Algorithm (the JS kernel ../choleskyJs.ts is the same, in scalar form): blocked right-looking
// Cholesky, column-major, lower triangle only, strict upper triangle never touched. For each panel of
// nb columns: factor the panel, copy its rows below the panel into a packed buffer of MR-row strips,
// then subtract P Pᵀ from the trailing lower triangle with an MR×NR register-blocked micro-kernel
// (4×4 = 8 f64x2 accumulators measured fastest; the plain SIMD128 set has no FMA, so each product is
// rounded before the add, as in the JS kernels). The panel itself is factored the same way with
// narrower inner panels (nb2), whose columns are done one at a time with f64x2 along the rows.
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitKernel } from './emitKernel.mjs';

const here = process.env.KERNEL_OUT ?? dirname(fileURLToPath(import.meta.url));
// micro-tile: MR rows (even: MR/2 f64x2 vectors) × NR columns; MR/2·NR accumulators + MR/2 + 1 ≤ 16 registers
const MR = Number(process.env.MR || 4);
const NR = Number(process.env.NR || 4);

// ---- tiny WAT helpers (folded s-expressions) -------------------------------------------------------
const get = (x) => `(local.get $${x})`;
const set = (x, v) => `(local.set $${x} ${v})`;
const i32 = (n) => `(i32.const ${n})`;
const add = (a, b) => `(i32.add ${a} ${b})`;
const mul = (a, b) => `(i32.mul ${a} ${b})`;
const inc = (x, by) => set(x, add(get(x), typeof by === 'number' ? i32(by) : by));
/** `while (cond) body` with a fresh label pair. */
let labels = 0;
function whileLoop(cond, ...body) {
  const l = labels++;
  return `(block $done${l} (loop $loop${l}
    (br_if $done${l} (i32.eqz ${cond}))
    ${body.join('\n    ')}
    (br $loop${l})))`;
}
const locals = (type, names) => names.map((n) => `(local $${n} ${type})`).join(' ');
/** byte address of element (row, col) of the matrix based at $a with leading dimension $ld */
const elem = (row, col) => add(get('a'), mul(add(mul(col, get('ld')), row), i32(8)));

// ---- panel: factor columns j0..j1-1, rows j..m-1; returns LAPACK info (0 or j+1) ----------------------
const panel = `
  (func $panel (param $a i32) (param $m i32) (param $ld i32) (param $j0 i32) (param $j1 i32) (result i32)
    ${locals('i32', ['j', 'k', 'p', 'q', 'end', 'cj'])} ${locals('f64', ['d', 'inv', 'l'])} (local $v v128)
    ${set('j', get('j0'))}
    ${whileLoop(`(i32.lt_s ${get('j')} ${get('j1')})`,
      set('cj', elem(i32(0), get('j'))),
      set('d', `(f64.load ${add(get('cj'), mul(get('j'), i32(8)))})`),
      // !(d > 0) also catches NaN
      `(if (i32.eqz (f64.gt ${get('d')} (f64.const 0))) (then (return ${add(get('j'), i32(1))})))`,
      set('l', `(f64.sqrt ${get('d')})`),
      `(f64.store ${add(get('cj'), mul(get('j'), i32(8)))} ${get('l')})`,
      set('inv', `(f64.div (f64.const 1) ${get('l')})`),
      // column j below the diagonal *= 1 / L[j, j]
      set('p', add(get('cj'), mul(add(get('j'), i32(1)), i32(8)))),
      set('end', add(get('cj'), mul(get('m'), i32(8)))),
      set('v', `(f64x2.splat ${get('inv')})`),
      whileLoop(`(i32.le_u ${add(get('p'), i32(16))} ${get('end')})`,
        `(v128.store ${get('p')} (f64x2.mul (v128.load ${get('p')}) ${get('v')}))`,
        inc('p', 16)),
      `(if (i32.lt_u ${get('p')} ${get('end')}) (then (f64.store ${get('p')} (f64.mul (f64.load ${get('p')}) ${get('inv')}))))`,
      // columns k = j+1..j1-1 of the panel, rows k..m-1: -= L[k, j] * L[:, j]
      set('k', add(get('j'), i32(1))),
      whileLoop(`(i32.lt_s ${get('k')} ${get('j1')})`,
        set('l', `(f64.load ${add(get('cj'), mul(get('k'), i32(8)))})`),
        `(if (f64.ne ${get('l')} (f64.const 0)) (then
          ${set('p', elem(get('k'), get('k')))}
          ${set('q', add(get('cj'), mul(get('k'), i32(8))))}
          ${set('end', elem(get('m'), get('k')))}
          ${set('v', `(f64x2.splat ${get('l')})`)}
          ${whileLoop(`(i32.le_u ${add(get('p'), i32(16))} ${get('end')})`,
            `(v128.store ${get('p')} (f64x2.sub (v128.load ${get('p')}) (f64x2.mul ${get('v')} (v128.load ${get('q')}))))`,
            inc('p', 16),
            inc('q', 16))}
          (if (i32.lt_u ${get('p')} ${get('end')}) (then
            (f64.store ${get('p')} (f64.sub (f64.load ${get('p')}) (f64.mul ${get('l')} (f64.load ${get('q')}))))))))`,
        inc('k', 1)),
      inc('j', 1))}
    (i32.const 0))`;

// ---- pack: rows r0..m-1 of columns j0..j1-1 into strips of w rows, [strip][col][w], zero padded ----------
// (r0 = j1 in the factorization: the rows below the panel; schur packs the rows below the bordered block)
const packFn = (w) => `
  (func $pack${w} (param $a i32) (param $m i32) (param $ld i32) (param $j0 i32) (param $j1 i32) (param $r0 i32) (param $pk i32)
    ${locals('i32', ['kc', 'n', 't0', 'c', 'r', 'src', 'dst'])}
    ${set('kc', `(i32.sub ${get('j1')} ${get('j0')})`)}
    ${set('n', `(i32.sub ${get('m')} ${get('r0')})`)}
    ${set('dst', get('pk'))}
    ${set('t0', i32(0))}
    ${whileLoop(`(i32.lt_s ${get('t0')} ${get('n')})`,
      set('c', i32(0)),
      whileLoop(`(i32.lt_s ${get('c')} ${get('kc')})`,
        set('src', elem(add(get('r0'), get('t0')), add(get('j0'), get('c')))),
        `(if (i32.le_s ${add(get('t0'), i32(w))} ${get('n')})
          (then ${Array.from({ length: w }, (_, r) => `(f64.store offset=${8 * r} ${get('dst')} (f64.load offset=${8 * r} ${get('src')}))`).join(' ')})
          (else
            ${set('r', i32(0))}
            ${whileLoop(`(i32.lt_s ${get('r')} (i32.const ${w}))`,
              `(f64.store ${add(get('dst'), mul(get('r'), i32(8)))}
                (select (f64.load ${add(get('src'), mul(get('r'), i32(8)))}) (f64.const 0) (i32.lt_s ${add(get('t0'), get('r'))} ${get('n')})))`,
              inc('r', 1))}))`,
        inc('dst', 8 * w),
        inc('c', 1)),
      inc('t0', w))})`;

// ---- syrk: trailing lower triangle (rows/cols j1..m-1) -= P Pᵀ with an MR×NR micro-tile ------------------
// A side: P packed in strips of MR rows at $pka; B side: the same rows packed in strips of NR at $pkb.
const VA = MR / 2;
const acc = [];
for (let c = 0; c < NR; c++) for (let v = 0; v < VA; v++) acc.push(`c${c}_${v}`);
const avec = Array.from({ length: VA }, (_, v) => `a${v}`);
const microStep = () => [
  ...avec.map((x, v) => set(x, `(v128.load offset=${16 * v} ${get('pa')})`)),
  ...Array.from({ length: NR }, (_, c) => [
    set('b', `(v128.load64_splat offset=${8 * c} ${get('pb')})`),
    ...avec.map((x, v) => set(`c${c}_${v}`, `(f64x2.add ${get(`c${c}_${v}`)} (f64x2.mul ${get(x)} ${get('b')}))`)),
  ]).flat(),
];
const syrk = `
  (func $syrk (param $a i32) (param $m i32) (param $ld i32) (param $j1 i32) (param $kc i32) (param $nc i32) (param $pka i32) (param $pkb i32) (param $scr i32)
    ${locals('i32', ['n', 'nba', 'nbb', 'kb', 'ib', 'row0', 'col0', 'pa', 'pb', 'pend', 'tilea', 'tileb', 'col', 'ldb', 'r', 'c', 'row', 'kcol'])}
    ${locals('v128', [...acc, ...avec, 'b'])}
    ${set('n', `(i32.sub ${get('m')} ${get('j1')})`)}
    ${set('nba', `(i32.div_u ${add(get('n'), i32(MR - 1))} (i32.const ${MR}))`)}
    ${set('nbb', `(i32.div_u ${add(get('nc'), i32(NR - 1))} (i32.const ${NR}))`)}
    ${set('tilea', mul(get('kc'), i32(8 * MR)))}
    ${set('tileb', mul(get('kc'), i32(8 * NR)))}
    ${set('ldb', mul(get('ld'), i32(8)))}
    ${set('kb', i32(0))}
    ${whileLoop(`(i32.lt_s ${get('kb')} ${get('nbb')})`,
      set('col0', mul(get('kb'), i32(NR))),
      set('ib', `(i32.div_u ${get('col0')} (i32.const ${MR}))`),
      whileLoop(`(i32.lt_s ${get('ib')} ${get('nba')})`,
        set('row0', mul(get('ib'), i32(MR))),
        set('pa', add(get('pka'), mul(get('ib'), get('tilea')))),
        set('pb', add(get('pkb'), mul(get('kb'), get('tileb')))),
        set('pend', add(get('pa'), get('tilea'))),
        ...acc.map((x) => set(x, '(v128.const i64x2 0 0)')),
        whileLoop(`(i32.lt_u ${get('pa')} ${get('pend')})`, ...microStep(), inc('pa', 8 * MR), inc('pb', 8 * NR)),
        `(if (i32.and (i32.and (i32.ge_s ${get('row0')} ${add(get('col0'), i32(NR - 1))}) (i32.le_s ${add(get('row0'), i32(MR))} ${get('n')}))
            (i32.le_s ${add(get('col0'), i32(NR))} ${get('nc')}))
          (then
            ${set('col', elem(add(get('j1'), get('row0')), add(get('j1'), get('col0'))))}
            ${Array.from({ length: NR }, (_, c) => `
            ${avec.map((_, v) => `(v128.store offset=${16 * v} ${get('col')} (f64x2.sub (v128.load offset=${16 * v} ${get('col')}) ${get(`c${c}_${v}`)}))`).join(' ')}
            ${c < NR - 1 ? inc('col', get('ldb')) : ''}`).join('')})
          (else
            ;; diagonal or bottom-edge tile: spill to scratch, then subtract the in-range lower entries
            ${acc.map((x, t) => `(v128.store offset=${16 * t} ${get('scr')} ${get(x)})`).join(' ')}
            ${set('c', i32(0))}
            ${whileLoop(`(i32.lt_s ${get('c')} (i32.const ${NR}))`,
              set('kcol', add(get('col0'), get('c'))),
              set('r', i32(0)),
              whileLoop(`(i32.lt_s ${get('r')} (i32.const ${MR}))`,
                set('row', add(get('row0'), get('r'))),
                `(if (i32.and (i32.and (i32.lt_s ${get('row')} ${get('n')}) (i32.ge_s ${get('row')} ${get('kcol')}))
                    (i32.lt_s ${get('kcol')} ${get('nc')})) (then
                  ${set('col', elem(add(get('j1'), get('row')), add(get('j1'), get('kcol'))))}
                  (f64.store ${get('col')} (f64.sub (f64.load ${get('col')})
                    (f64.load ${add(get('scr'), mul(add(mul(get('c'), i32(MR)), get('r')), i32(8)))})))))`,
                inc('r', 1)),
              inc('c', 1))}))`,
        inc('ib', 1)),
      inc('kb', 1))})`;

// ---- blocked: factor columns j0..jend-1 (rows to m) in panels of nb; updates only columns < jend -------------
// potrf runs it twice nested: outer panels of nb columns, each factored by inner panels of nb2 columns, so
// most panel work also goes through the micro-kernel instead of column-at-a-time updates.
const blocked = (name, inner) => `
  (func ${name} (param $a i32) (param $m i32) (param $ld i32) (param $j0 i32) (param $jend i32) (param $nb i32) (param $nb2 i32)
      (param $pka i32) (param $pkb i32) (param $scr i32) (result i32)
    ${locals('i32', ['jj', 'jj1', 'info'])}
    ${set('jj', get('j0'))}
    ${whileLoop(`(i32.lt_s ${get('jj')} ${get('jend')})`,
      set('jj1', `(select ${get('jend')} ${add(get('jj'), get('nb'))} (i32.gt_s ${add(get('jj'), get('nb'))} ${get('jend')}))`),
      set('info', inner),
      `(if ${get('info')} (then (return ${get('info')})))`,
      `(if (i32.lt_s ${get('jj1')} ${get('jend')}) (then
        (call $pack${MR} ${get('a')} ${get('m')} ${get('ld')} ${get('jj')} ${get('jj1')} ${get('jj1')} ${get('pka')})
        ${MR === NR ? '' : `(call $pack${NR} ${get('a')} ${get('m')} ${get('ld')} ${get('jj')} ${get('jj1')} ${get('jj1')} ${get('pkb')})`}
        (call $syrk ${get('a')} ${get('m')} ${get('ld')} ${get('jj1')} (i32.sub ${get('jj1')} ${get('jj')})
          (i32.sub ${get('jend')} ${get('jj1')}) ${get('pka')} ${MR === NR ? get('pka') : get('pkb')} ${get('scr')})))`,
      set('jj', get('jj1')))}
    (i32.const 0))`;
const potrf = `
  ;; A at byte address $a (column-major, leading dimension $ld), order $m; panel widths $nb (outer) and $nb2
  ;; (inner); pack buffers at $pka (MR-row strips) and $pkb (NR-row strips), each >= (m + 7) * nb doubles;
  ;; scratch of MR*NR doubles at $scr. Returns LAPACK info.
  ${blocked('$inner', `(call $panel ${get('a')} ${get('m')} ${get('ld')} ${get('jj')} ${get('jj1')})`)}
  ${blocked('$outer', `(call $inner ${get('a')} ${get('m')} ${get('ld')} ${get('jj')} ${get('jj1')} ${get('nb2')} ${get('nb2')} ${get('pka')} ${get('pkb')} ${get('scr')})`)}
  (func (export "potrf") (param $a i32) (param $m i32) (param $ld i32) (param $nb i32) (param $nb2 i32)
      (param $pka i32) (param $pkb i32) (param $scr i32) (result i32)
    (call $outer ${get('a')} ${get('m')} ${get('ld')} (i32.const 0) ${get('m')} ${get('nb')} ${get('nb2')} ${get('pka')} ${get('pkb')} ${get('scr')}))`;

// ---- schur: the bordered factorization [[C, B], [Bᵀ, D]] → C = L Lᵀ, B ← L⁻¹B (stored as Bᵀ below C),
// D ← D − (L⁻¹B)ᵀ(L⁻¹B): potrf's first k columns, then the trailing block's update by every panel of them.
// With D = 0 the trailing block is −BᵀC⁻¹B: nlme's whitened Gram [X y]ᵀV⁻¹[X y] through the micro-kernel
// instead of a triangular solve per column and a Gram in JS (lowRankBlocks.ts). Returns LAPACK info for C.
const schur = `
  (func (export "schur") (param $a i32) (param $m i32) (param $ld i32) (param $k i32) (param $nb i32) (param $nb2 i32)
      (param $pka i32) (param $pkb i32) (param $scr i32) (result i32)
    ${locals('i32', ['jj', 'jj1', 'info'])}
    ${set('info', `(call $outer ${get('a')} ${get('m')} ${get('ld')} (i32.const 0) ${get('k')} ${get('nb')} ${get('nb2')} ${get('pka')} ${get('pkb')} ${get('scr')})`)}
    (if ${get('info')} (then (return ${get('info')})))
    ${set('jj', i32(0))}
    ${whileLoop(`(i32.lt_s ${get('jj')} ${get('k')})`,
      set('jj1', `(select ${get('k')} ${add(get('jj'), get('nb'))} (i32.gt_s ${add(get('jj'), get('nb'))} ${get('k')}))`),
      `(call $pack${MR} ${get('a')} ${get('m')} ${get('ld')} ${get('jj')} ${get('jj1')} ${get('k')} ${get('pka')})`,
      MR === NR ? '' : `(call $pack${NR} ${get('a')} ${get('m')} ${get('ld')} ${get('jj')} ${get('jj1')} ${get('k')} ${get('pkb')})`,
      `(call $syrk ${get('a')} ${get('m')} ${get('ld')} ${get('k')} (i32.sub ${get('jj1')} ${get('jj')}) (i32.sub ${get('m')} ${get('k')})
        ${get('pka')} ${MR === NR ? get('pka') : get('pkb')} ${get('scr')})`,
      set('jj', get('jj1')))}
    (i32.const 0))`;

// ---- gramForm: the rest before its factorization from the grouped Gram (../groupedGram.ts, form) ---------
// For the lower triangle, column by column: out[i, j] = (A[i, j] − Σ_e c[group_e] w_e) (s_i s_j), with A
// packed (lower triangle, column-major), per position a one-byte count of its entries, per entry a one-byte
// group and its weight. Scalar f64 in GroupedGram.form's order of operations, so the result is the same to
// the bit; the streams (≈ 22 MB for InstEval against ≈ 28 MB as Int32 offsets and groups) are read once.
// $gramCols does it from column j0 on, the streams' pointers given at that column's first position.
const gramForm = `
  (func (export "gramForm") (param $out i32) (param $m i32) (param $ap i32) (param $cnt i32) (param $grp i32)
      (param $w i32) (param $c i32) (param $s i32)
    (call $gramCols ${['out', 'm', 'ap', 'cnt', 'grp', 'w', 'c', 's'].map(get).join(' ')} (i32.const 0)))
  (func $gramCols (param $out i32) (param $m i32) (param $ap i32) (param $cnt i32) (param $grp i32)
      (param $w i32) (param $c i32) (param $s i32) (param $j0 i32)
    ${locals('i32', ['j', 'i', 'o', 'n'])} ${locals('f64', ['t', 'sj'])}
    ${set('j', get('j0'))}
    ${whileLoop(`(i32.lt_s ${get('j')} ${get('m')})`,
      set('sj', `(f64.load ${add(get('s'), mul(get('j'), i32(8)))})`),
      set('o', add(get('out'), mul(add(mul(get('j'), get('m')), get('j')), i32(8)))),
      set('i', get('j')),
      whileLoop(`(i32.lt_s ${get('i')} ${get('m')})`,
        set('t', `(f64.load ${get('ap')})`),
        inc('ap', 8),
        set('n', `(i32.load8_u ${get('cnt')})`),
        inc('cnt', 1),
        whileLoop(get('n'),
          set('t', `(f64.sub ${get('t')} (f64.mul (f64.load ${add(get('c'), mul(`(i32.load8_u ${get('grp')})`, i32(8)))}) (f64.load ${get('w')})))`),
          inc('grp', 1),
          inc('w', 8),
          set('n', `(i32.sub ${get('n')} ${i32(1)})`)),
        `(f64.store ${get('o')} (f64.mul ${get('t')} (f64.mul (f64.load ${add(get('s'), mul(get('i'), i32(8)))}) ${get('sj')})))`,
        inc('o', 8),
        inc('i', 1)),
      inc('j', 1))})`;

// ---- panelFactor: choleskyJs.ts for an order below its panel width (48): one panel, column by column ----
// The factorization of a matrix too small for potrf's blocking, with the JS kernel's bits (potrf's inner
// panels of nb2 = 16 columns would round differently from order 17 on).
const panelFactor = `
  (func (export "panelFactor") (param $a i32) (param $m i32) (result i32)
    (call $panel ${get('a')} ${get('m')} ${get('m')} (i32.const 0) ${get('m')}))`;

// ---- levelForm: updateL.ts' Factorizer.factor up to the rest's factorization, for one vector-valued
// term (S₀ ≥ 2, no other term: every level of block 0 couples all m rows of [X y]). Element addresses:
// A₁₁ and L₁₁ S₀×S₀ per level, A_r1 and B m×S₀ per level, all column-major; T₀ S₀×S₀ lower; tmp S₀×S₀.
//   1. per level: L₁₁[l] = chol(T₀ᵀ A₁₁[l] T₀ + I), factorBlock0's sums in its order ($panel is choleskyJs'
//      factorPanel); a pivot that is not positive stops here and returns 0, leaving out untouched
//   2. out's lower triangle ← A_rr
//   3. per level: B = A_r1[l] T₀, then B ← B L₁₁[l]⁻ᵀ row by row (formLevelRows)
//   4. out[b, a] −= Σ_j B[a, j] B[b, j] over the nl·S₀ columns of all B, four partial sums as rowGram.ts'
//      subtractRowGram (B stored column-major is the row-major gather that function is given)
// Returns 1. Scalar f64, no FMA: every product is rounded before its add, as in JS.
const at = (base, idx) => add(get(base), mul(idx, i32(8)));
const ld = (base, idx) => `(f64.load ${at(base, idx)})`;
const forRange = (v, from, to, ...body) => [set(v, from), whileLoop(`(i32.lt_s ${get(v)} ${to})`, ...body, inc(v, 1))].join('\n    ');
const levelForm = `
  (func (export "levelForm") (param $m i32) (param $s i32) (param $nl i32) (param $a11 i32) (param $a1r i32)
      (param $arr i32) (param $t0 i32) (param $tmp i32) (param $l11 i32) (param $b i32) (param $out i32) (result i32)
    ${locals('i32', ['l', 'o', 'base', 'c', 'r', 'k', 'i', 'j', 'a', 'nc', 'ss', 'ms'])} ${locals('f64', ['x', 'd', 's0', 's1', 's2', 's3'])}
    ${set('ss', mul(get('s'), get('s')))}
    ${set('ms', mul(get('m'), get('s')))}
    ${forRange('l', i32(0), get('nl'),
      set('o', mul(get('l'), get('ss'))),
      // tmp = A₁₁[l] T₀
      forRange('c', i32(0), get('s'),
        forRange('r', i32(0), get('s'),
          set('x', '(f64.const 0)'),
          forRange('k', get('c'), get('s'),
            set('x', `(f64.add ${get('x')} (f64.mul ${ld('a11', add(get('o'), add(mul(get('k'), get('s')), get('r'))))} ${ld('t0', add(mul(get('c'), get('s')), get('k')))}))`)),
          `(f64.store ${at('tmp', add(mul(get('c'), get('s')), get('r')))} ${get('x')})`)),
      // L₁₁[l] = T₀ᵀ tmp + I (lower triangle; + 0 off the diagonal, as the JS)
      forRange('c', i32(0), get('s'),
        forRange('r', get('c'), get('s'),
          set('x', '(f64.const 0)'),
          forRange('k', get('r'), get('s'),
            set('x', `(f64.add ${get('x')} (f64.mul ${ld('t0', add(mul(get('r'), get('s')), get('k')))} ${ld('tmp', add(mul(get('c'), get('s')), get('k')))}))`)),
          `(f64.store ${at('l11', add(get('o'), add(mul(get('c'), get('s')), get('r'))))}
            (f64.add ${get('x')} (select (f64.const 1) (f64.const 0) (i32.eq ${get('r')} ${get('c')}))))`)),
      `(if (call $panel ${at('l11', get('o'))} ${get('s')} ${get('s')} (i32.const 0) ${get('s')}) (then (return (i32.const 0))))`)}
    ${forRange('j', i32(0), get('m'),
      forRange('i', get('j'), get('m'),
        `(f64.store ${at('out', add(mul(get('j'), get('m')), get('i')))} ${ld('arr', add(mul(get('j'), get('m')), get('i')))})`))}
    ${forRange('l', i32(0), get('nl'),
      set('o', mul(get('l'), get('ss'))),
      set('base', mul(get('l'), get('ms'))),
      // B = A_r1[l] T₀
      forRange('c', i32(0), get('s'),
        forRange('r', i32(0), get('m'),
          set('x', '(f64.const 0)'),
          forRange('k', get('c'), get('s'),
            set('x', `(f64.add ${get('x')} (f64.mul ${ld('a1r', add(get('base'), add(mul(get('k'), get('m')), get('r'))))} ${ld('t0', add(mul(get('c'), get('s')), get('k')))}))`)),
          `(f64.store ${at('b', add(get('base'), add(mul(get('c'), get('m')), get('r'))))} ${get('x')})`)),
      // B ← B L₁₁[l]⁻ᵀ
      forRange('c', i32(0), get('s'),
        set('d', ld('l11', add(get('o'), add(mul(get('c'), get('s')), get('c'))))),
        forRange('r', i32(0), get('m'),
          set('x', ld('b', add(get('base'), add(mul(get('c'), get('m')), get('r'))))),
          forRange('k', i32(0), get('c'),
            set('x', `(f64.sub ${get('x')} (f64.mul ${ld('b', add(get('base'), add(mul(get('k'), get('m')), get('r'))))} ${ld('l11', add(get('o'), add(mul(get('k'), get('s')), get('c'))))}))`)),
          `(f64.store ${at('b', add(get('base'), add(mul(get('c'), get('m')), get('r'))))} (f64.div ${get('x')} ${get('d')}))`)))}
    ${set('nc', mul(get('nl'), get('s')))}
    ${forRange('a', i32(0), get('m'),
      forRange('r', get('a'), get('m'),
        set('s0', '(f64.const 0)'), set('s1', '(f64.const 0)'), set('s2', '(f64.const 0)'), set('s3', '(f64.const 0)'),
        set('j', i32(0)),
        whileLoop(`(i32.lt_s ${add(get('j'), i32(3))} ${get('nc')})`,
          ...[0, 1, 2, 3].map((u) => set(`s${u}`, `(f64.add ${get(`s${u}`)} (f64.mul ${ld('b', add(mul(add(get('j'), i32(u)), get('m')), get('a')))} ${ld('b', add(mul(add(get('j'), i32(u)), get('m')), get('r')))}))`)),
          inc('j', 4)),
        whileLoop(`(i32.lt_s ${get('j')} ${get('nc')})`,
          set('s0', `(f64.add ${get('s0')} (f64.mul ${ld('b', add(mul(get('j'), get('m')), get('a')))} ${ld('b', add(mul(get('j'), get('m')), get('r')))}))`),
          inc('j', 1)),
        `(f64.store ${at('out', add(mul(get('a'), get('m')), get('r')))}
          (f64.sub ${ld('out', add(mul(get('a'), get('m')), get('r')))} (f64.add (f64.add ${get('s0')} ${get('s1')}) (f64.add ${get('s2')} ${get('s3')}))))`))}
    (i32.const 1))`;

// ---- gramSums: the grouped Gram's entries (../groupedGram.ts, sumByColumn), built once per model --------
// First the pattern transposed (for row j its entries and their levels, levels ascending: tPtr, tEntry,
// tLevel, as the JS builds them). Then column j of the packed lower triangle at a time: every level holding
// row j adds its products with column j into a G × m table, each touched key linked into its
// group's list; the table is then read off into each position's slots, groups ascending, and cleared;
// exact zeros are dropped. The same sums in the same order as the JS, so the same bits. Int32 arrays:
// start (nl + 1), rows, levelGroup, tPtr (m + 1, zero), tEntry, tLevel (nnz), next (m), groupHead (G, all −1),
// link (G m), rowCount and slot (m, zero); acc (f64, G m, zero) and seen (u8, G m, zero); out: ptr (npos + 1),
// group (u8) and weight (f64). Returns the number of entries.
const i32at = (base, idx) => add(get(base), mul(idx, i32(4)));
const ldi = (base, idx) => `(i32.load ${i32at(base, idx)})`;
const sti = (base, idx, v) => `(i32.store ${i32at(base, idx)} ${v})`;
const gramSums = `
  (func (export "gramSums") (param $m i32) (param $G i32) (param $nl i32) (param $start i32) (param $rows i32) (param $values i32)
      (param $levelGroup i32) (param $tPtr i32) (param $tEntry i32) (param $tLevel i32) (param $next i32) (param $acc i32) (param $seen i32)
      (param $groupHead i32) (param $link i32) (param $rowCount i32) (param $slot i32) (param $ptr i32) (param $group i32)
      (param $weight i32) (result i32)
    ${locals('i32', ['j', 'k', 'b', 'lev', 'g', 'base', 'end', 'a', 'key', 'row', 'p0', 'first', 'E', 'i', 'e', 'zeros', 'w', 'from', 'to'])}
    ${locals('f64', ['vj', 'x'])}
    ;; the pattern transposed: counts per row, their prefix sums, then each entry in its row's next slot
    ${forRange('b', i32(0), ldi('start', get('nl')),
      set('row', add(ldi('rows', get('b')), i32(1))),
      sti('tPtr', get('row'), add(ldi('tPtr', get('row')), i32(1))))}
    ${forRange('j', i32(0), get('m'),
      sti('tPtr', add(get('j'), i32(1)), add(ldi('tPtr', add(get('j'), i32(1))), ldi('tPtr', get('j')))),
      sti('next', get('j'), ldi('tPtr', get('j'))))}
    ${forRange('lev', i32(0), get('nl'),
      forRange('b', ldi('start', get('lev')), ldi('start', add(get('lev'), i32(1))),
        set('row', ldi('rows', get('b'))),
        set('k', ldi('next', get('row'))),
        sti('next', get('row'), add(get('k'), i32(1))),
        sti('tEntry', get('k'), get('b')),
        sti('tLevel', get('k'), get('lev'))))}
    ${forRange('j', i32(0), get('m'),
      forRange('k', ldi('tPtr', get('j')), ldi('tPtr', add(get('j'), i32(1))),
        set('b', ldi('tEntry', get('k'))),
        set('lev', ldi('tLevel', get('k'))),
        set('g', ldi('levelGroup', get('lev'))),
        set('base', mul(get('g'), get('m'))),
        set('vj', ld('values', get('b'))),
        set('end', ldi('start', add(get('lev'), i32(1)))),
        forRange('a', get('b'), get('end'),
          set('row', ldi('rows', get('a'))),
          set('key', add(get('base'), get('row'))),
          `(if (i32.eqz (i32.load8_u ${add(get('seen'), get('key'))})) (then
            (i32.store8 ${add(get('seen'), get('key'))} (i32.const 1))
            ${sti('link', get('key'), ldi('groupHead', get('g')))}
            ${sti('groupHead', get('g'), get('key'))}
            ${sti('rowCount', get('row'), add(ldi('rowCount', get('row')), i32(1)))}))`,
          `(f64.store ${at('acc', get('key'))} (f64.add ${ld('acc', get('key'))} (f64.mul ${ld('values', get('a'))} ${get('vj')})))`)),
      // p0 + j: the packed position of (j, j), colStart[j] = j m − j (j − 1) / 2
      set('p0', `(i32.sub ${mul(get('j'), get('m'))} (i32.shr_u ${mul(get('j'), `(i32.sub ${get('j')} (i32.const 1))`)} (i32.const 1)))`),
      set('p0', `(i32.sub ${get('p0')} ${get('j')})`),
      set('first', get('E')),
      forRange('i', get('j'), get('m'),
        sti('ptr', add(get('p0'), get('i')), get('E')),
        sti('slot', get('i'), get('E')),
        set('E', add(get('E'), ldi('rowCount', get('i')))),
        sti('rowCount', get('i'), i32(0))),
      set('zeros', i32(0)),
      forRange('g', i32(0), get('G'),
        set('base', mul(get('g'), get('m'))),
        set('key', ldi('groupHead', get('g'))),
        whileLoop(`(i32.ge_s ${get('key')} (i32.const 0))`,
          set('row', `(i32.sub ${get('key')} ${get('base')})`),
          set('e', ldi('slot', get('row'))),
          sti('slot', get('row'), add(get('e'), i32(1))),
          `(i32.store8 ${add(get('group'), get('e'))} ${get('g')})`,
          set('x', ld('acc', get('key'))),
          `(f64.store ${at('weight', get('e'))} ${get('x')})`,
          `(if (f64.eq ${get('x')} (f64.const 0)) (then ${set('zeros', i32(1))}))`,
          `(f64.store ${at('acc', get('key'))} (f64.const 0))`,
          `(i32.store8 ${add(get('seen'), get('key'))} (i32.const 0))`,
          set('key', ldi('link', get('key')))),
        sti('groupHead', get('g'), i32(-1))),
      // dropZeros: column j's entries again without exact zeros
      `(if ${get('zeros')} (then
        ${set('w', get('first'))}
        ${forRange('i', get('j'), get('m'),
          set('from', ldi('ptr', add(get('p0'), get('i')))),
          set('to', `(select ${ldi('ptr', add(add(get('p0'), get('i')), i32(1)))} ${get('E')} (i32.lt_s ${add(get('i'), i32(1))} ${get('m')}))`),
          sti('ptr', add(get('p0'), get('i')), get('w')),
          forRange('e', get('from'), get('to'),
            `(if (f64.ne ${ld('weight', get('e'))} (f64.const 0)) (then
              (i32.store8 ${add(get('group'), get('w'))} (i32.load8_u ${add(get('group'), get('e'))}))
              (f64.store ${at('weight', get('w'))} ${ld('weight', get('e'))})
              ${inc('w', 1)}))`))}
        ${set('E', get('w'))}))`)}
    ${sti('ptr', `(i32.shr_u ${mul(get('m'), add(get('m'), i32(1)))} (i32.const 1))`, get('E'))}
    ${get('E')})`;

// ---- snFactor: lmm/supernodal.ts' SupernodalFactorizer.factor up to the dense rest's factorization ----------
// Per supernode s (in order) its numbers at θ — D = Tᵀ A_ss T + I, O = A_Ps T, then Λᵀ on O's rows
// (scaleNode, lambdaRows) — and then, again in order, the right-looking elimination: D = chol(D)
// ($panel, choleskyJs' factorPanel), B = O D⁻ᵀ in place, B Bᵀ subtracted from the later supernodes it
// reaches (their D or O) and from the dense rest M. The JS loops in their order, so the same bits.
// Per node (i32 arrays): S, col0, block, pattern offset and length, offsets of D/A_ss (S²) and O/A_Ps (R S);
// per block: S_k and T_k's offset; per global index: rowBlock, rowFirst; pos: scratch. Element addresses.
// Returns 0, 1 when a pivot is not positive, 2 when a level is split in a pattern (a bug upstream).
const snFactor = `
  (func (export "snFactor") (param $nodes i32) (param $qE i32) (param $m i32) (param $nS i32) (param $nCol0 i32)
      (param $nBlock i32) (param $pOff i32) (param $pLen i32) (param $dOff i32) (param $oOff i32) (param $pats i32)
      (param $owner i32) (param $Add i32) (param $Aps i32) (param $D i32) (param $O i32) (param $bS i32) (param $tOff i32)
      (param $T i32) (param $rowBlock i32) (param $rowFirst i32) (param $pos i32) (param $M i32) (result i32)
    ${locals('i32', ['s', 'S', 'R', 'po', 'd', 'o', 'to', 'c', 'r', 'a', 'b', 'k', 'g', 'Sk', 'tk', 'c0', 'base', 'q',
      'jb', 'colIdx', 'u', 'tS', 'tR', 'tpo', 'tcol0', 'tEnd', 'du', 'ou', 't', 'runEnd', 'j', 'i', 'cb', 'ra', 'cj', 'x_i'])}
    ${locals('f64', ['v', 'x', 'dd', 'bj'])}
    ;; ---- scale every supernode
    ${forRange('s', i32(0), get('nodes'),
      set('S', ldi('nS', get('s'))),
      set('to', ldi('tOff', ldi('nBlock', get('s')))),
      set('R', ldi('pLen', get('s'))),
      set('po', ldi('pOff', get('s'))),
      set('d', ldi('dOff', get('s'))),
      set('o', ldi('oOff', get('s'))),
      `(if (i32.eq ${get('S')} (i32.const 1)) (then
        ${set('x', ld('T', get('to')))}
        (f64.store ${at('D', get('d'))} (f64.add (f64.mul (f64.mul ${get('x')} ${ld('Add', get('d'))}) ${get('x')}) (f64.const 1)))
        ${forRange('r', i32(0), get('R'), `(f64.store ${at('O', add(get('o'), get('r')))} (f64.mul ${ld('Aps', add(get('o'), get('r')))} ${get('x')}))`)})
      (else
        ${forRange('c', i32(0), get('S'),
          forRange('r', get('c'), get('S'),
            set('v', '(f64.const 0)'),
            forRange('a', get('r'), get('S'),
              forRange('b', get('c'), get('S'),
                set('v', `(f64.add ${get('v')} (f64.mul (f64.mul ${ld('T', add(get('to'), add(mul(get('r'), get('S')), get('a'))))}
                  (select ${ld('Add', add(get('d'), add(mul(get('b'), get('S')), get('a'))))} ${ld('Add', add(get('d'), add(mul(get('a'), get('S')), get('b'))))}
                    (i32.ge_s ${get('a')} ${get('b')})))
                  ${ld('T', add(get('to'), add(mul(get('c'), get('S')), get('b'))))}))`))),
            `(f64.store ${at('D', add(get('d'), add(mul(get('c'), get('S')), get('r'))))}
              (f64.add ${get('v')} (select (f64.const 1) (f64.const 0) (i32.eq ${get('r')} ${get('c')}))))`))}
        ${forRange('c', i32(0), get('S'),
          forRange('r', i32(0), get('R'),
            set('v', '(f64.const 0)'),
            forRange('k', get('c'), get('S'),
              set('v', `(f64.add ${get('v')} (f64.mul ${ld('Aps', add(get('o'), add(mul(get('k'), get('R')), get('r'))))} ${ld('T', add(get('to'), add(mul(get('c'), get('S')), get('k'))))}))`)),
            `(f64.store ${at('O', add(get('o'), add(mul(get('c'), get('R')), get('r'))))} ${get('v')})`))}))`,
      // lambdaRows(O, pattern, S, T)
      set('r', i32(0)),
      `(block $lamDone (loop $lam
        (br_if $lamDone (i32.ge_s ${get('r')} ${get('R')}))
        ${set('g', ldi('pats', add(get('po'), get('r'))))}
        ${set('k', ldi('rowBlock', get('g')))}
        (br_if $lamDone (i32.lt_s ${get('k')} (i32.const 0)))
        ${set('Sk', ldi('bS', get('k')))}
        ${set('tk', ldi('tOff', get('k')))}
        (if (i32.eq ${get('Sk')} (i32.const 1)) (then
          ${set('x', ld('T', get('tk')))}
          ${forRange('c', i32(0), get('S'), `(f64.store ${at('O', add(get('o'), add(mul(get('c'), get('R')), get('r'))))} (f64.mul ${ld('O', add(get('o'), add(mul(get('c'), get('R')), get('r'))))} ${get('x')}))`)}
          ${inc('r', 1)}
          (br $lam)))
        (if (i32.ne ${get('g')} ${ldi('rowFirst', get('g'))}) (then (return (i32.const 2))))
        ${forRange('c0', i32(0), get('S'),
          set('base', add(get('o'), add(mul(get('c0'), get('R')), get('r')))),
          forRange('c', i32(0), get('Sk'),
            set('v', '(f64.const 0)'),
            forRange('q', get('c'), get('Sk'),
              set('v', `(f64.add ${get('v')} (f64.mul ${ld('T', add(get('tk'), add(mul(get('c'), get('Sk')), get('q'))))} ${ld('O', add(get('base'), get('q')))}))`)),
            `(f64.store ${at('O', add(get('base'), get('c')))} ${get('v')})`))}
        ${set('r', add(get('r'), get('Sk')))}
        (br $lam)))`)}
    ;; ---- the elimination
    ${forRange('s', i32(0), get('nodes'),
      set('S', ldi('nS', get('s'))),
      set('R', ldi('pLen', get('s'))),
      set('po', ldi('pOff', get('s'))),
      set('d', ldi('dOff', get('s'))),
      set('o', ldi('oOff', get('s'))),
      `(if (i32.eq ${get('S')} (i32.const 1)) (then
        ${set('x', ld('D', get('d')))}
        (if (i32.eqz (f64.gt ${get('x')} (f64.const 0))) (then (return (i32.const 1))))
        (f64.store ${at('D', get('d'))} (f64.sqrt ${get('x')})))
      (else
        (if (call $panel ${at('D', get('d'))} ${get('S')} ${get('S')} (i32.const 0) ${get('S')}) (then (return (i32.const 1))))))`,
      // B ← O D⁻ᵀ
      forRange('c', i32(0), get('S'),
        set('dd', ld('D', add(get('d'), add(mul(get('c'), get('S')), get('c'))))),
        forRange('r', i32(0), get('R'),
          set('v', ld('O', add(get('o'), add(mul(get('c'), get('R')), get('r'))))),
          forRange('k', i32(0), get('c'),
            set('v', `(f64.sub ${get('v')} (f64.mul ${ld('O', add(get('o'), add(mul(get('k'), get('R')), get('r'))))} ${ld('D', add(get('d'), add(mul(get('k'), get('S')), get('c'))))}))`)),
          `(f64.store ${at('O', add(get('o'), add(mul(get('c'), get('R')), get('r'))))} (f64.div ${get('v')} ${get('dd')}))`)),
      // B Bᵀ from the later supernodes
      set('jb', i32(0)),
      `(block $tgtDone (loop $tgt
        (br_if $tgtDone (i32.ge_s ${get('jb')} ${get('R')}))
        ${set('colIdx', ldi('pats', add(get('po'), get('jb'))))}
        (br_if $tgtDone (i32.ge_s ${get('colIdx')} ${get('qE')}))
        ${set('u', ldi('owner', get('colIdx')))}
        ${set('tS', ldi('nS', get('u')))}
        ${set('tR', ldi('pLen', get('u')))}
        ${set('tpo', ldi('pOff', get('u')))}
        ${set('tcol0', ldi('nCol0', get('u')))}
        ${set('tEnd', add(get('tcol0'), get('tS')))}
        ${set('du', ldi('dOff', get('u')))}
        ${set('ou', ldi('oOff', get('u')))}
        ${forRange('t', i32(0), get('tR'), sti('pos', ldi('pats', add(get('tpo'), get('t'))), get('t')))}
        ${set('runEnd', add(get('jb'), get('tS')))}
        ${set('j', get('jb'))}
        ${whileLoop(`(i32.and (i32.lt_s ${get('j')} ${get('runEnd')}) (i32.lt_s ${get('j')} ${get('R')}))`,
          set('cb', `(i32.sub ${ldi('pats', add(get('po'), get('j')))} ${get('tcol0')})`),
          forRange('i', get('j'), get('R'),
            set('v', '(f64.const 0)'),
            forRange('c', i32(0), get('S'),
              set('v', `(f64.add ${get('v')} (f64.mul ${ld('O', add(get('o'), add(mul(get('c'), get('R')), get('i'))))} ${ld('O', add(get('o'), add(mul(get('c'), get('R')), get('j'))))}))`)),
            `(if (f64.ne ${get('v')} (f64.const 0)) (then
              ${set('ra', ldi('pats', add(get('po'), get('i'))))}
              (if (i32.lt_s ${get('ra')} ${get('tEnd')})
                (then ${set('x_i', add(get('du'), add(mul(get('cb'), get('tS')), `(i32.sub ${get('ra')} ${get('tcol0')})`)))}
                  (f64.store ${at('D', get('x_i'))} (f64.sub ${ld('D', get('x_i'))} ${get('v')})))
                (else ${set('x_i', add(get('ou'), add(mul(get('cb'), get('tR')), ldi('pos', get('ra')))))}
                  (f64.store ${at('O', get('x_i'))} (f64.sub ${ld('O', get('x_i'))} ${get('v')}))))))`),
          inc('j', 1))}
        ${set('jb', get('runEnd'))}
        (br $tgt)))`,
      // B Bᵀ from the dense rest
      `(if (i32.eq ${get('S')} (i32.const 1)) (then
        ${forRange('j', get('jb'), get('R'),
          set('cj', `(i32.sub ${mul(`(i32.sub ${ldi('pats', add(get('po'), get('j')))} ${get('qE')})`, get('m'))} ${get('qE')})`),
          set('bj', ld('O', add(get('o'), get('j')))),
          forRange('i', get('j'), get('R'),
            set('cb', add(get('cj'), ldi('pats', add(get('po'), get('i'))))),
            `(f64.store ${at('M', get('cb'))} (f64.sub ${ld('M', get('cb'))} (f64.mul ${ld('O', add(get('o'), get('i')))} ${get('bj')})))`))})
      (else
        ${forRange('j', get('jb'), get('R'),
          set('cj', `(i32.sub ${mul(`(i32.sub ${ldi('pats', add(get('po'), get('j')))} ${get('qE')})`, get('m'))} ${get('qE')})`),
          forRange('i', get('j'), get('R'),
            set('v', '(f64.const 0)'),
            forRange('c', i32(0), get('S'),
              set('v', `(f64.add ${get('v')} (f64.mul ${ld('O', add(get('o'), add(mul(get('c'), get('R')), get('i'))))} ${ld('O', add(get('o'), add(mul(get('c'), get('R')), get('j'))))}))`)),
            set('cb', add(get('cj'), ldi('pats', add(get('po'), get('i'))))),
            `(f64.store ${at('M', get('cb'))} (f64.sub ${ld('M', get('cb'))} ${get('v')}))`))}))`)}
    (i32.const 0))`;

// ---- rowGram: ../rowGram.ts' subtractRowGram — M[b, a] −= Σ_j R[a, j] R[b, j] (b ≥ a), R row-major rows × n,
// M's block column-major with leading dimension ld. The JS's four partial sums s0…s3 (j mod 4) are the
// lanes of two f64x2 accumulators, the remainder goes to s0, and M loses (s0 + s1) + (s2 + s3): the same bits.
const rowGram = `
  (func (export "rowGram") (param $r i32) (param $rows i32) (param $n i32) (param $mp i32) (param $ld i32)
    ${locals('i32', ['a', 'b', 'j', 'pa', 'pb', 'n4'])} ${locals('f64', ['s0', 'x'])} ${locals('v128', ['v01', 'v23'])}
    ${set('n4', `(i32.and ${get('n')} (i32.const -4))`)}
    ${forRange('a', i32(0), get('rows'),
      forRange('b', get('a'), get('rows'),
        set('pa', at('r', mul(get('a'), get('n')))),
        set('pb', at('r', mul(get('b'), get('n')))),
        set('v01', '(v128.const i64x2 0 0)'),
        set('v23', '(v128.const i64x2 0 0)'),
        set('j', i32(0)),
        whileLoop(`(i32.lt_s ${get('j')} ${get('n4')})`,
          set('v01', `(f64x2.add ${get('v01')} (f64x2.mul (v128.load ${get('pa')}) (v128.load ${get('pb')})))`),
          set('v23', `(f64x2.add ${get('v23')} (f64x2.mul (v128.load offset=16 ${get('pa')}) (v128.load offset=16 ${get('pb')})))`),
          inc('pa', 32),
          inc('pb', 32),
          inc('j', 4)),
        set('s0', `(f64x2.extract_lane 0 ${get('v01')})`),
        whileLoop(`(i32.lt_s ${get('j')} ${get('n')})`,
          set('s0', `(f64.add ${get('s0')} (f64.mul (f64.load ${get('pa')}) (f64.load ${get('pb')})))`),
          inc('pa', 8),
          inc('pb', 8),
          inc('j', 1)),
        set('x', `(f64.add (f64.add ${get('s0')} (f64x2.extract_lane 1 ${get('v01')})) (f64.add (f64x2.extract_lane 0 ${get('v23')}) (f64x2.extract_lane 1 ${get('v23')})))`),
        `(f64.store ${at('mp', add(mul(get('a'), get('ld')), get('b')))} (f64.sub ${ld('mp', add(mul(get('a'), get('ld')), get('b')))} ${get('x')}))`))})`;

// ---- headTail: updateL.ts' formTailByClasses for a diagonal head eliminated by classes (../../lmm/headSchur.ts):
// the tail columns d… of the rest from the grouped Gram ($gramCols, the streams given at column d), + I on
// the tail's random-effects part, each class's update of the tail (HeadSchur.update: D_κ written to dOut,
// whose logarithms the JS sums), then the tail's Cholesky where it lies — choleskyJs' one panel below
// order 24, potrf's blocking from 24 on (as choleskyLowerInPlace on a copy): the same bits.
// Returns 0, 1 when a head pivot D_κ is not positive (the tail then half updated, as the JS leaves it),
// 2 when the tail's factorization fails.
const headTail = `
  (func (export "headTail") (param $out i32) (param $m i32) (param $d i32) (param $qRest i32) (param $ap i32)
      (param $cnt i32) (param $grp i32) (param $w i32) (param $c i32) (param $s i32) (param $K i32) (param $G i32)
      (param $gamma i32) (param $keyA i32) (param $keyW i32) (param $gam i32) (param $t1 f64) (param $dOut i32)
      (param $nb i32) (param $nb2 i32) (param $pka i32) (param $pkb i32) (param $scr i32) (result i32)
    ${locals('i32', ['t', 'L', 'a', 'b', 'k', 'g', 'h', 'o', 'col', 'base', 'tail'])}
    ${locals('f64', ['inner', 'D', 'wt', 'sa', 'v', 'inner2', 't11'])}
    (call $gramCols ${['out', 'm', 'ap', 'cnt', 'grp', 'w', 'c', 's', 'd'].map(get).join(' ')})
    ${forRange('a', get('d'), get('qRest'),
      `(f64.store ${at('out', add(mul(get('a'), get('m')), get('a')))} (f64.add ${ld('out', add(mul(get('a'), get('m')), get('a')))} (f64.const 1)))`)}
    ${set('t', `(i32.sub ${get('m')} ${get('d')})`)}
    ${set('L', mul(get('t'), add(get('G'), i32(1))))}
    (f64.store ${get('gam')} (f64.const 1))
    ${forRange('g', i32(0), get('G'), `(f64.store ${at('gam', add(get('g'), i32(1)))} (f64.neg ${ld('c', get('g'))}))`)}
    ${set('t11', `(f64.mul ${get('t1')} ${get('t1')})`)}
    ${forRange('k', i32(0), get('K'),
      set('inner', ld('keyA', get('k'))),
      forRange('g', i32(0), get('G'),
        set('inner', `(f64.sub ${get('inner')} (f64.mul ${ld('c', get('g'))} ${ld('keyW', add(mul(get('k'), get('G')), get('g')))}))`)),
      set('D', `(f64.add (f64.mul ${get('t11')} ${get('inner')}) (f64.const 1))`),
      `(if (i32.eqz (f64.gt ${get('D')} (f64.const 0))) (then (return (i32.const 1))))`,
      `(f64.store ${at('dOut', get('k'))} ${get('D')})`,
      set('wt', `(f64.div ${get('t11')} ${get('D')})`),
      set('o', mul(mul(get('k'), get('L')), get('L'))),
      forRange('a', i32(0), get('t'),
        set('col', add(mul(add(get('d'), get('a')), get('m')), get('d'))),
        set('sa', `(f64.mul ${ld('s', add(get('d'), get('a')))} ${get('wt')})`),
        forRange('b', get('a'), get('t'),
          set('v', '(f64.const 0)'),
          `(local.set $h (i32.const 0))
          (block $hDone (loop $hLoop
            (br_if $hDone (i32.gt_s ${get('h')} ${get('G')}))
            ${set('base', add(get('o'), add(mul(add(mul(get('h'), get('t')), get('b')), get('L')), get('a'))))}
            ${set('inner2', '(f64.const 0)')}
            (local.set $g (i32.const 0))
            (block $gDone (loop $gLoop
              (br_if $gDone (i32.gt_s ${get('g')} ${get('G')}))
              ${set('inner2', `(f64.add ${get('inner2')} (f64.mul ${ld('gam', get('g'))} ${ld('gamma', add(get('base'), mul(get('g'), get('t'))))}))`)}
              ${inc('g', 1)}
              (br $gLoop)))
            ${set('v', `(f64.add ${get('v')} (f64.mul ${ld('gam', get('h'))} ${get('inner2')}))`)}
            ${inc('h', 1)}
            (br $hLoop)))`,
          `(f64.store ${at('out', add(get('col'), get('b')))}
            (f64.sub ${ld('out', add(get('col'), get('b')))} (f64.mul (f64.mul ${get('sa')} ${ld('s', add(get('d'), get('b')))}) ${get('v')})))`)))}
    ${set('tail', at('out', add(mul(get('d'), get('m')), get('d'))))}
    (if (i32.lt_s ${get('t')} (i32.const 24))
      (then (if (call $panel ${get('tail')} ${get('t')} ${get('m')} (i32.const 0) ${get('t')}) (then (return (i32.const 2)))))
      (else (if (call $outer ${get('tail')} ${get('t')} ${get('m')} (i32.const 0) ${get('t')} ${['nb', 'nb2', 'pka', 'pkb', 'scr'].map(get).join(' ')})
        (then (return (i32.const 2))))))
    (i32.const 0))`;

// ---- syrLower: g[c·L + r] += u[r] u[c] for r ≥ c, skipping u[c] = 0 (../../lmm/headSchur.ts, Γ_κ's sums);
// rows two at a time in f64x2 lanes, each lane the scalar sum: the same bits.
const syrLower = `
  (func (export "syrLower") (param $g i32) (param $u i32) (param $L i32)
    ${locals('i32', ['c', 'r', 'pg', 'pu'])} ${locals('f64', ['uc'])} (local $v v128)
    ${forRange('c', i32(0), get('L'),
      set('uc', ld('u', get('c'))),
      `(if (f64.ne ${get('uc')} (f64.const 0)) (then
        ${set('v', `(f64x2.splat ${get('uc')})`)}
        ${set('r', get('c'))}
        ${set('pg', at('g', add(mul(get('c'), get('L')), get('c'))))}
        ${set('pu', at('u', get('c')))}
        ${whileLoop(`(i32.lt_s ${add(get('r'), i32(1))} ${get('L')})`,
          `(v128.store ${get('pg')} (f64x2.add (v128.load ${get('pg')}) (f64x2.mul (v128.load ${get('pu')}) ${get('v')})))`,
          inc('pg', 16),
          inc('pu', 16),
          inc('r', 2))}
        (if (i32.lt_s ${get('r')} ${get('L')}) (then
          (f64.store ${get('pg')} (f64.add (f64.load ${get('pg')}) (f64.mul (f64.load ${get('pu')}) ${get('uc')})))))))`)})`;

// ---- backfit: ../../lmm/initialTheta.ts' backfitTerm — term q's effects ← per level, the mean of r net of the
// other terms' effects (subtracted in term order). effs and refs: T byte addresses each (i32 tables);
// count: term q's level counts; sum: scratch of G_q. The JS's sums in its order.
const backfit = `
  (func (export "backfit") (param $n i32) (param $T i32) (param $r i32) (param $effs i32) (param $refs i32) (param $q i32)
      (param $count i32) (param $sum i32) (param $G i32)
    ${locals('i32', ['i', 'o', 'g', 'eo', 'ro', 'own', 'eq'])} ${locals('f64', ['v', 'cnt'])}
    ${forRange('g', i32(0), get('G'), `(f64.store ${at('sum', get('g'))} (f64.const 0))`)}
    ${set('own', ldi('refs', get('q')))}
    ${forRange('i', i32(0), get('n'),
      set('v', ld('r', get('i'))),
      forRange('o', i32(0), get('T'),
        `(if (i32.ne ${get('o')} ${get('q')}) (then
          ${set('eo', ldi('effs', get('o')))}
          ${set('ro', ldi('refs', get('o')))}
          ${set('v', `(f64.sub ${get('v')} ${ld('eo', ldi('ro', get('i')))})`)}))`),
      set('g', ldi('own', get('i'))),
      `(f64.store ${at('sum', get('g'))} (f64.add ${ld('sum', get('g'))} ${get('v')}))`)}
    ${set('eq', ldi('effs', get('q')))}
    ${forRange('g', i32(0), get('G'),
      set('cnt', ld('count', get('g'))),
      `(f64.store ${at('eq', get('g'))} (select (f64.div ${ld('sum', get('g'))} ${get('cnt')}) (f64.const 0) (f64.gt ${get('cnt')} (f64.const 0))))`)})`;

// ---- xBeta: out[i] ± Σ_j X[j n + i] β[j], j ascending, for every row i (../xBeta.ts): the fitted values and
// residuals of a fixed-effects fit (leastSquares.ts, initialTheta.ts, solve.ts). X column-major n × p; out
// holds the start values and is overwritten; subtract ≠ 0: each product subtracted. The JS's sums in its order.
const xBeta = `
  (func (export "xBeta") (param $n i32) (param $p i32) (param $X i32) (param $beta i32) (param $out i32) (param $subtract i32)
    ${locals('i32', ['i', 'j'])} ${locals('f64', ['s'])}
    ${forRange('i', i32(0), get('n'),
      set('s', ld('out', get('i'))),
      `(if ${get('subtract')} (then
        ${forRange('j', i32(0), get('p'), set('s', `(f64.sub ${get('s')} (f64.mul ${ld('X', add(mul(get('j'), get('n')), get('i')))} ${ld('beta', get('j'))}))`))})
      (else
        ${forRange('j', i32(0), get('p'), set('s', `(f64.add ${get('s')} (f64.mul ${ld('X', add(mul(get('j'), get('n')), get('i')))} ${ld('beta', get('j'))}))`))}))`,
      `(f64.store ${at('out', get('i'))} ${get('s')})`)})`;

// ---- crossScatter: ../../lmm/crossproducts.ts' observation loop — per level of block 0 and per observation
// (obs in level order): block 0's diagonal, its coupling with the rest (A_r1 at the level's pattern rows)
// and the rest's pairs except those of two dense columns, from the observation's nonzero rest entries
// (blocks 1.., X, y − offset: restEntries). The JS's sums in its order. Tables (i32, per block k ≥ 1): S_k,
// restOffset_k, refs_k's and z_k's byte addresses. hasW / hasOff: weights and offset given.
const crossScatter = `
  (func (export "crossScatter") (param $n i32) (param $p i32) (param $S0 i32) (param $nl i32) (param $K i32) (param $m i32)
      (param $qRest i32) (param $z0 i32) (param $bS i32) (param $bOff i32) (param $bRefs i32) (param $bZ i32) (param $X i32)
      (param $y i32) (param $off i32) (param $hasOff i32) (param $w i32) (param $hasW i32) (param $obs i32) (param $start i32)
      (param $patStart i32) (param $patRows i32) (param $dense i32) (param $A11 i32) (param $A1r i32) (param $Arr i32)
      (param $pos i32) (param $idx i32) (param $val i32) (param $sparse i32)
    ${locals('i32', ['l', 'pS', 'R', 'r', 'base', 'a11', 't', 'i', 'z0i', 'c', 'e', 'k', 'Sk', 'kb', 'zk', 'j', 'a', 'row', 'col', 'ns', 'u', 'bb', 'ix'])}
    ${locals('f64', ['wi', 'zc', 'v', 'va'])}
    ${forRange('l', i32(0), get('nl'),
      set('pS', ldi('patStart', get('l'))),
      set('R', `(i32.sub ${ldi('patStart', add(get('l'), i32(1)))} ${get('pS')})`),
      forRange('r', i32(0), get('R'), sti('pos', ldi('patRows', add(get('pS'), get('r'))), get('r'))),
      set('base', mul(get('pS'), get('S0'))),
      set('a11', mul(mul(get('l'), get('S0')), get('S0'))),
      forRange('t', ldi('start', get('l')), ldi('start', add(get('l'), i32(1))),
        set('i', ldi('obs', get('t'))),
        set('wi', `(if (result f64) ${get('hasW')} (then ${ld('w', get('i'))}) (else (f64.const 1)))`),
        set('z0i', mul(get('i'), get('S0'))),
        forRange('c', i32(0), get('S0'),
          set('zc', `(f64.mul ${get('wi')} ${ld('z0', add(get('z0i'), get('c')))})`),
          forRange('r', get('c'), get('S0'),
            `(f64.store ${at('A11', add(get('a11'), add(mul(get('c'), get('S0')), get('r'))))}
              (f64.add ${ld('A11', add(get('a11'), add(mul(get('c'), get('S0')), get('r'))))} (f64.mul ${get('zc')} ${ld('z0', add(get('z0i'), get('r')))})))`)),
        // restEntries
        set('e', i32(0)),
        forRange('k', i32(0), get('K'),
          set('Sk', ldi('bS', get('k'))),
          set('zk', ldi('bZ', get('k'))),
          set('kb', add(ldi('bOff', get('k')), mul(`(i32.load ${add(`(i32.load ${i32at('bRefs', get('k'))})`, mul(get('i'), i32(4)))})`, get('Sk')))),
          forRange('c', i32(0), get('Sk'),
            set('v', ld('zk', add(mul(get('i'), get('Sk')), get('c')))),
            `(if (f64.ne ${get('v')} (f64.const 0)) (then
              ${sti('idx', get('e'), add(get('kb'), get('c')))}
              (f64.store ${at('val', get('e'))} ${get('v')})
              ${inc('e', 1)}))`)),
        forRange('j', i32(0), get('p'),
          set('v', ld('X', add(mul(get('j'), get('n')), get('i')))),
          `(if (f64.ne ${get('v')} (f64.const 0)) (then
            ${sti('idx', get('e'), add(get('qRest'), get('j')))}
            (f64.store ${at('val', get('e'))} ${get('v')})
            ${inc('e', 1)}))`),
        set('v', `(if (result f64) ${get('hasOff')} (then (f64.sub ${ld('y', get('i'))} ${ld('off', get('i'))})) (else ${ld('y', get('i'))}))`),
        `(if (f64.ne ${get('v')} (f64.const 0)) (then
          ${sti('idx', get('e'), add(get('qRest'), get('p')))}
          (f64.store ${at('val', get('e'))} ${get('v')})
          ${inc('e', 1)}))`,
        // the entries' products
        set('ns', i32(0)),
        forRange('a', i32(0), get('e'),
          set('va', `(f64.mul ${get('wi')} ${ld('val', get('a'))})`),
          set('ix', ldi('idx', get('a'))),
          set('row', ldi('pos', get('ix'))),
          forRange('c', i32(0), get('S0'),
            set('u', add(get('base'), add(mul(get('c'), get('R')), get('row')))),
            `(f64.store ${at('A1r', get('u'))} (f64.add ${ld('A1r', get('u'))} (f64.mul ${get('va')} ${ld('z0', add(get('z0i'), get('c')))})))`),
          set('col', mul(get('ix'), get('m'))),
          `(if (i32.load8_u ${add(get('dense'), get('ix'))})
            (then ${forRange('u', i32(0), get('ns'),
              set('bb', ldi('sparse', get('u'))),
              set('j', add(get('col'), ldi('idx', get('bb')))),
              `(f64.store ${at('Arr', get('j'))} (f64.add ${ld('Arr', get('j'))} (f64.mul ${get('va')} ${ld('val', get('bb'))})))`)})
            (else
              ${forRange('bb', i32(0), add(get('a'), i32(1)),
                set('j', add(get('col'), ldi('idx', get('bb')))),
                `(f64.store ${at('Arr', get('j'))} (f64.add ${ld('Arr', get('j'))} (f64.mul ${get('va')} ${ld('val', get('bb'))})))`)}
              ${sti('sparse', get('ns'), get('a'))}
              ${inc('ns', 1)}))`)),
      // symmetrise the level's block
      forRange('c', i32(0), get('S0'),
        forRange('r', add(get('c'), i32(1)), get('S0'),
          `(f64.store ${at('A11', add(get('a11'), add(mul(get('r'), get('S0')), get('c'))))} ${ld('A11', add(get('a11'), add(mul(get('c'), get('S0')), get('r'))))})`)))})`;

const wat = `;; GENERATED by build-kernel.mjs — edit the generator, not this file.
(module
  (memory (export "memory") 1)
${panel}
${packFn(MR)}
${MR === NR ? '' : packFn(NR)}
${syrk}
${potrf}
${schur}
${gramForm}
${panelFactor}
${levelForm}
${gramSums}
${snFactor}
${rowGram}
${headTail}
${syrLower}
${backfit}
${xBeta}
${crossScatter})
`;

const bytes = await emitKernel(here, 'cholesky', wat, (size, base64) => `// GENERATED by build-kernel.mjs (text form: cholesky.wat). Do not edit.
/** The dense Cholesky WebAssembly (SIMD128) module, ${size} bytes, base64. */
export const choleskyKernelBase64 =
  '${base64}';
/** Its micro-tile: the pack buffers hold strips of MR (A side) and NR (B side) rows. */
export const choleskyKernelTile = { MR: ${MR}, NR: ${NR} } as const;
`);
console.log(`cholesky kernel: ${bytes} bytes`);
