// Generates the WebAssembly (SIMD128) kernel for the inverse of a Cholesky factor:
//   inverse.wat       — readable text, committed for review
//   inverseKernel.ts  — the binary as base64, so the engine loads it with no file I/O
// Run after editing this file:  node src-engine/linalg/wasm/build-inverse-kernel.mjs  (KERNEL_OUT=dir writes elsewhere)
//
// Two functions on column-major n×n matrices (leading dimension n) in the module's memory, the same
// arithmetic as ../blockedInverse.ts with f64x2 along the rows (no FMA: each product is rounded before
// the add, as in JS):
//   trtri4(L, J, n, from, nc)  J = L⁻¹ for columns from..nc−1 (both multiples of 4), J zeroed by the
//                        caller; four columns of J at a time, so each entry of L loaded serves four columns,
//                        and two columns of L per pass over J's four (substitute4x2)
//   gram4(J, S, n, from, nc)   S[a, b] = S[b, a] = Σ_i J[i, a] J[i, b] for from ≤ b < nc, a ≤ b; four b and,
//                        below the diagonal block, two a per pass (each column of J loaded serves eight sums)
// The caller runs both over a few columns per call: V8 runs a call in the baseline tier (Liftoff) until
// it returns, so one call over all columns never reached the optimised code (≈ 5× slower in a fresh process).
// The caller finishes the last n − nc (< 4) columns in JS.
//   trsm4(L, B, n, ldb, count)  B ← L⁻¹B for `count` (a multiple of 4) columns of n rows, column stride ldb:
//                        forward substitution four columns at a time, in the order of the JS solve it replaces
//                        (nlme's whitening of a correlation group, lowRankBlocks.ts), so the result is the same
//   levelQ8, levelDots8  the block-0 level loop of scalarThetaHessian.ts, eight levels per pass (below).
//   sigmaTimes           Σ times a few vectors (below).
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { emitKernel } from './emitKernel.mjs';

const here = process.env.KERNEL_OUT ?? dirname(fileURLToPath(import.meta.url));
const C = [0, 1, 2, 3];

/**
 * The rows from k + `skip` to n − 1 of the columns being substituted, two at a time (byte offset $pi from
 * a column's start): `pair` for each f64x2 of rows, then `single` for a last odd row.
 */
const overRowsBelow = (skip, pair, single) => `;; rows i = k+${skip} .. n−1, two at a time (byte offset pi from the column start)
        (local.set $pi (i32.mul (i32.add (local.get $k) (i32.const ${skip})) (i32.const 8)))
        (local.set $end (local.get $colBytes))
        (block $idone (loop $is
          (br_if $idone (i32.gt_s (i32.add (local.get $pi) (i32.const 16)) (local.get $end)))
          ${pair}
          (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
          (br $is)))
        (if (i32.lt_s (local.get $pi) (local.get $end)) (then
          ${single}))`;

/**
 * Forward substitution down the four columns at $c0…$c3 from row k0 (a WAT expression): each x_k = B[k]/L[k, k],
 * then B[i] −= L[i, k] x_k for i > k, f64x2 along the rows (L's columns $colBytes apart, from $L).
 */
const substitute4 = (k0) => `(local.set $k ${k0})
      (block $kdone (loop $ks
        (br_if $kdone (i32.ge_s (local.get $k) (local.get $n)))
        (local.set $ck (i32.add (local.get $L) (i32.mul (local.get $k) (local.get $colBytes))))
        (local.set $d (f64.load (i32.add (local.get $ck) (i32.mul (local.get $k) (i32.const 8)))))
        ${C.map(
          (c) => `(local.set $x${c} (f64.div (f64.load (i32.add (local.get $c${c}) (i32.mul (local.get $k) (i32.const 8)))) (local.get $d)))
        (f64.store (i32.add (local.get $c${c}) (i32.mul (local.get $k) (i32.const 8))) (local.get $x${c}))
        (local.set $v${c} (f64x2.splat (local.get $x${c})))`,
        ).join('\n        ')}
        ${overRowsBelow(
          1,
          `(local.set $l (v128.load (i32.add (local.get $ck) (local.get $pi))))
          ${C.map(
            (c) => `(v128.store (i32.add (local.get $c${c}) (local.get $pi))
            (f64x2.sub (v128.load (i32.add (local.get $c${c}) (local.get $pi))) (f64x2.mul (local.get $l) (local.get $v${c}))))`,
          ).join('\n          ')}`,
          `(local.set $ls (f64.load (i32.add (local.get $ck) (local.get $pi))))
          ${C.map(
            (c) => `(f64.store (i32.add (local.get $c${c}) (local.get $pi))
            (f64.sub (f64.load (i32.add (local.get $c${c}) (local.get $pi))) (f64.mul (local.get $ls) (local.get $x${c}))))`,
          ).join('\n          ')}`,
        )}
        (local.set $k (i32.add (local.get $k) (i32.const 1)))
        (br $ks)))`;

/**
 * substitute4 two rows at a time (trtri4): x_k and x_{k+1} first (row k+1 updated by x_k alone, as
 * before), then each row i > k + 1 takes both updates in one pass, (B[i] − L[i, k] x_k) − L[i, k+1] x_{k+1}:
 * the same roundings in the same order (the same bits), with B's columns loaded and stored once per two
 * columns of L instead of once per column.
 */
const substitute4x2 = (k0) => `(local.set $k ${k0})
      (block $kdone (loop $ks
        (br_if $kdone (i32.ge_s (i32.add (local.get $k) (i32.const 1)) (local.get $n)))
        (local.set $ck (i32.add (local.get $L) (i32.mul (local.get $k) (local.get $colBytes))))
        (local.set $ck1 (i32.add (local.get $ck) (local.get $colBytes)))
        (local.set $d (f64.load (i32.add (local.get $ck) (i32.mul (local.get $k) (i32.const 8)))))
        (local.set $lk1 (f64.load (i32.add (local.get $ck) (i32.mul (i32.add (local.get $k) (i32.const 1)) (i32.const 8)))))
        (local.set $d1 (f64.load (i32.add (local.get $ck1) (i32.mul (i32.add (local.get $k) (i32.const 1)) (i32.const 8)))))
        ${C.map(
          (c) => `(local.set $x${c} (f64.div (f64.load (i32.add (local.get $c${c}) (i32.mul (local.get $k) (i32.const 8)))) (local.get $d)))
        (f64.store (i32.add (local.get $c${c}) (i32.mul (local.get $k) (i32.const 8))) (local.get $x${c}))
        (local.set $v${c} (f64x2.splat (local.get $x${c})))
        (local.set $y${c} (f64.div (f64.sub (f64.load (i32.add (local.get $c${c}) (i32.mul (i32.add (local.get $k) (i32.const 1)) (i32.const 8)))) (f64.mul (local.get $lk1) (local.get $x${c}))) (local.get $d1)))
        (f64.store (i32.add (local.get $c${c}) (i32.mul (i32.add (local.get $k) (i32.const 1)) (i32.const 8))) (local.get $y${c}))
        (local.set $w${c} (f64x2.splat (local.get $y${c})))`,
        ).join('\n        ')}
        ${overRowsBelow(
          2,
          `(local.set $l (v128.load (i32.add (local.get $ck) (local.get $pi))))
          (local.set $l1 (v128.load (i32.add (local.get $ck1) (local.get $pi))))
          ${C.map(
            (c) => `(v128.store (i32.add (local.get $c${c}) (local.get $pi))
            (f64x2.sub (f64x2.sub (v128.load (i32.add (local.get $c${c}) (local.get $pi))) (f64x2.mul (local.get $l) (local.get $v${c}))) (f64x2.mul (local.get $l1) (local.get $w${c}))))`,
          ).join('\n          ')}`,
          `(local.set $ls (f64.load (i32.add (local.get $ck) (local.get $pi))))
          (local.set $ls1 (f64.load (i32.add (local.get $ck1) (local.get $pi))))
          ${C.map(
            (c) => `(f64.store (i32.add (local.get $c${c}) (local.get $pi))
            (f64.sub (f64.sub (f64.load (i32.add (local.get $c${c}) (local.get $pi))) (f64.mul (local.get $ls) (local.get $x${c}))) (f64.mul (local.get $ls1) (local.get $y${c}))))`,
          ).join('\n          ')}`,
        )}
        (local.set $k (i32.add (local.get $k) (i32.const 2)))
        (br $ks)))
      ;; the last row when n − k0 is odd: x = B[n−1]/L[n−1, n−1], nothing below it
      (if (i32.lt_s (local.get $k) (local.get $n)) (then
        (local.set $d (f64.load (i32.add (i32.add (local.get $L) (i32.mul (local.get $k) (local.get $colBytes))) (i32.mul (local.get $k) (i32.const 8)))))
        ${C.map(
          (c) => `(f64.store (i32.add (local.get $c${c}) (i32.mul (local.get $k) (i32.const 8)))
          (f64.div (f64.load (i32.add (local.get $c${c}) (i32.mul (local.get $k) (i32.const 8)))) (local.get $d)))`,
        ).join('\n        ')}))`;

const trtri4 = `
  (func (export "trtri4") (param $L i32) (param $J i32) (param $n i32) (param $from i32) (param $nc i32)
    (local $j0 i32) (local $k i32) (local $i i32) (local $colBytes i32) (local $ck i32) (local $pi i32) (local $end i32)
    ${C.map((c) => `(local $c${c} i32) (local $x${c} f64) (local $v${c} v128)`).join(' ')}
    (local $d f64) (local $l v128) (local $ls f64)
    (local $ck1 i32) (local $d1 f64) (local $lk1 f64) (local $l1 v128) (local $ls1 f64)
    ${C.map((c) => `(local $y${c} f64) (local $w${c} v128)`).join(' ')}
    (local.set $colBytes (i32.mul (local.get $n) (i32.const 8)))
    (local.set $j0 (local.get $from))
    (block $done (loop $cols
      (br_if $done (i32.ge_s (local.get $j0) (local.get $nc)))
      (local.set $c0 (i32.add (local.get $J) (i32.mul (local.get $j0) (local.get $colBytes))))
      ${C.slice(1).map((c) => `(local.set $c${c} (i32.add (local.get $c${c - 1}) (local.get $colBytes)))`).join('\n      ')}
      ${C.map((c) => `(f64.store (i32.add (local.get $c${c}) (i32.mul (i32.add (local.get $j0) (i32.const ${c})) (i32.const 8))) (f64.const 1))`).join('\n      ')}
      ${substitute4x2('(local.get $j0)')}
      (local.set $j0 (i32.add (local.get $j0) (i32.const 4)))
      (br $cols))))`;

const gram4 = `
  (func (export "gram4") (param $J i32) (param $S i32) (param $n i32) (param $from i32) (param $nc i32)
    (local $b0 i32) (local $a i32) (local $start i32) (local $pi i32) (local $end i32) (local $colBytes i32) (local $ca i32)
    ${C.map((c) => `(local $c${c} i32) (local $t${c} v128) (local $s${c} f64)`).join(' ')}
    (local $va v128) (local $vs f64)
    (local $cb i32) (local $vb v128) (local $ws f64) (local $l v128)
    ${C.map((c) => `(local $u${c} v128) (local $r${c} f64)`).join(' ')}
    (local.set $colBytes (i32.mul (local.get $n) (i32.const 8)))
    (local.set $end (local.get $colBytes))
    (local.set $b0 (local.get $from))
    (block $done (loop $bs
      (br_if $done (i32.ge_s (local.get $b0) (local.get $nc)))
      (local.set $c0 (i32.add (local.get $J) (i32.mul (local.get $b0) (local.get $colBytes))))
      ${C.slice(1).map((c) => `(local.set $c${c} (i32.add (local.get $c${c - 1}) (local.get $colBytes)))`).join('\n      ')}
      ;; columns a, a + 1 < b0 in pairs (both start at row b0; each sum in the same order as alone)
      (local.set $a (i32.const 0))
      (block $pdone (loop $ps
        (br_if $pdone (i32.ge_s (local.get $a) (local.get $b0)))
        (local.set $ca (i32.add (local.get $J) (i32.mul (local.get $a) (local.get $colBytes))))
        (local.set $cb (i32.add (local.get $ca) (local.get $colBytes)))
        ${C.map((c) => `(local.set $t${c} (v128.const i64x2 0 0)) (local.set $u${c} (v128.const i64x2 0 0))`).join(' ')}
        (local.set $pi (i32.mul (local.get $b0) (i32.const 8)))
        (block $pidone (loop $pis
          (br_if $pidone (i32.gt_s (i32.add (local.get $pi) (i32.const 16)) (local.get $end)))
          (local.set $va (v128.load (i32.add (local.get $ca) (local.get $pi))))
          (local.set $vb (v128.load (i32.add (local.get $cb) (local.get $pi))))
          ${C.map((c) => `(local.set $l (v128.load (i32.add (local.get $c${c}) (local.get $pi))))
          (local.set $t${c} (f64x2.add (local.get $t${c}) (f64x2.mul (local.get $va) (local.get $l))))
          (local.set $u${c} (f64x2.add (local.get $u${c}) (f64x2.mul (local.get $vb) (local.get $l))))`).join('\n          ')}
          (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
          (br $pis)))
        ${C.map((c) => `(local.set $s${c} (f64.add (f64x2.extract_lane 0 (local.get $t${c})) (f64x2.extract_lane 1 (local.get $t${c}))))
        (local.set $r${c} (f64.add (f64x2.extract_lane 0 (local.get $u${c})) (f64x2.extract_lane 1 (local.get $u${c}))))`).join('\n        ')}
        (if (i32.lt_s (local.get $pi) (local.get $end)) (then
          (local.set $vs (f64.load (i32.add (local.get $ca) (local.get $pi))))
          (local.set $ws (f64.load (i32.add (local.get $cb) (local.get $pi))))
          ${C.map((c) => `(local.set $s${c} (f64.add (local.get $s${c}) (f64.mul (local.get $vs) (f64.load (i32.add (local.get $c${c}) (local.get $pi))))))
          (local.set $r${c} (f64.add (local.get $r${c}) (f64.mul (local.get $ws) (f64.load (i32.add (local.get $c${c}) (local.get $pi))))))`).join('\n          ')}))
        ${C.map(
          (c) => `(f64.store (i32.add (local.get $S) (i32.mul (i32.add (i32.mul (i32.add (local.get $b0) (i32.const ${c})) (local.get $n)) (local.get $a)) (i32.const 8))) (local.get $s${c}))
        (f64.store (i32.add (local.get $S) (i32.mul (i32.add (i32.mul (local.get $a) (local.get $n)) (i32.add (local.get $b0) (i32.const ${c}))) (i32.const 8))) (local.get $s${c}))
        (f64.store (i32.add (local.get $S) (i32.mul (i32.add (i32.mul (i32.add (local.get $b0) (i32.const ${c})) (local.get $n)) (i32.add (local.get $a) (i32.const 1))) (i32.const 8))) (local.get $r${c}))
        (f64.store (i32.add (local.get $S) (i32.mul (i32.add (i32.mul (i32.add (local.get $a) (i32.const 1)) (local.get $n)) (i32.add (local.get $b0) (i32.const ${c}))) (i32.const 8))) (local.get $r${c}))`,
        ).join('\n        ')}
        (local.set $a (i32.add (local.get $a) (i32.const 2)))
        (br $ps)))
      ;; columns b0 … b0 + 3 one at a time
      (block $adone (loop $as
        (br_if $adone (i32.ge_s (local.get $a) (i32.add (local.get $b0) (i32.const 4))))
        (local.set $ca (i32.add (local.get $J) (i32.mul (local.get $a) (local.get $colBytes))))
        ;; J[i, b] = 0 above b's diagonal: start at max(a, b0)
        (local.set $start (select (local.get $a) (local.get $b0) (i32.gt_s (local.get $a) (local.get $b0))))
        ${C.map((c) => `(local.set $t${c} (v128.const i64x2 0 0))`).join(' ')}
        (local.set $pi (i32.mul (local.get $start) (i32.const 8)))
        (block $idone (loop $is
          (br_if $idone (i32.gt_s (i32.add (local.get $pi) (i32.const 16)) (local.get $end)))
          (local.set $va (v128.load (i32.add (local.get $ca) (local.get $pi))))
          ${C.map((c) => `(local.set $t${c} (f64x2.add (local.get $t${c}) (f64x2.mul (local.get $va) (v128.load (i32.add (local.get $c${c}) (local.get $pi))))))`).join('\n          ')}
          (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
          (br $is)))
        ${C.map((c) => `(local.set $s${c} (f64.add (f64x2.extract_lane 0 (local.get $t${c})) (f64x2.extract_lane 1 (local.get $t${c}))))`).join('\n        ')}
        (if (i32.lt_s (local.get $pi) (local.get $end)) (then
          (local.set $vs (f64.load (i32.add (local.get $ca) (local.get $pi))))
          ${C.map((c) => `(local.set $s${c} (f64.add (local.get $s${c}) (f64.mul (local.get $vs) (f64.load (i32.add (local.get $c${c}) (local.get $pi))))))`).join('\n          ')}))
        ${C.map(
          (c) => `(if (i32.le_s (local.get $a) (i32.add (local.get $b0) (i32.const ${c}))) (then
          (f64.store (i32.add (local.get $S) (i32.mul (i32.add (i32.mul (i32.add (local.get $b0) (i32.const ${c})) (local.get $n)) (local.get $a)) (i32.const 8))) (local.get $s${c}))
          (f64.store (i32.add (local.get $S) (i32.mul (i32.add (i32.mul (local.get $a) (local.get $n)) (i32.add (local.get $b0) (i32.const ${c}))) (i32.const 8))) (local.get $s${c}))))`,
        ).join('\n        ')}
        (local.set $a (i32.add (local.get $a) (i32.const 1)))
        (br $as)))
      (local.set $b0 (i32.add (local.get $b0) (i32.const 4)))
      (br $bs))))`;

// axpy over a whole column: dst[0..n) += v · src[0..n), f64x2 then a scalar tail
const axpy = (dst, src) => `
      (local.set $pi (i32.const 0))
      (block $adone (loop $as
        (br_if $adone (i32.gt_s (i32.add (local.get $pi) (i32.const 16)) (local.get $end)))
        (v128.store (i32.add ${dst} (local.get $pi))
          (f64x2.add (v128.load (i32.add ${dst} (local.get $pi))) (f64x2.mul (local.get $vv) (v128.load (i32.add ${src} (local.get $pi))))))
        (local.set $pi (i32.add (local.get $pi) (i32.const 16)))
        (br $as)))
      (if (i32.lt_s (local.get $pi) (local.get $end)) (then
        (f64.store (i32.add ${dst} (local.get $pi))
          (f64.add (f64.load (i32.add ${dst} (local.get $pi))) (f64.mul (local.get $v) (f64.load (i32.add ${src} (local.get $pi))))))))`;

const trsm4 = `
  (func (export "trsm4") (param $L i32) (param $B i32) (param $n i32) (param $ldb i32) (param $count i32)
    (local $j0 i32) (local $k i32) (local $colBytes i32) (local $bBytes i32) (local $ck i32) (local $pi i32) (local $end i32)
    ${C.map((c) => `(local $c${c} i32) (local $x${c} f64) (local $v${c} v128)`).join(' ')}
    (local $d f64) (local $l v128) (local $ls f64)
    (local.set $colBytes (i32.mul (local.get $n) (i32.const 8)))
    (local.set $bBytes (i32.mul (local.get $ldb) (i32.const 8)))
    (local.set $j0 (i32.const 0))
    (block $done (loop $cols
      (br_if $done (i32.ge_s (local.get $j0) (local.get $count)))
      (local.set $c0 (i32.add (local.get $B) (i32.mul (local.get $j0) (local.get $bBytes))))
      ${C.slice(1).map((c) => `(local.set $c${c} (i32.add (local.get $c${c - 1}) (local.get $bBytes)))`).join('\n      ')}
      ${substitute4('(i32.const 0)')}
      (local.set $j0 (i32.add (local.get $j0) (i32.const 4)))
      (br $cols))))`;

// levelQ8 and levelDots8: the level loop's sums without M (tr(MM) = Σ_{l,j} P_lj², P = KᵀΣK), eight levels j
// at a time. levelQ8 forms rows r0..r1−1 of each Q_j = Σ_t vals[t] Σ[:, rows[t]] in $Qc (the same operations
// per row, in the same order, as the JS loop it replaced: the same bits), adds them squared into qsq and
// writes them as lane j − j0 of the n × 8 row-major $Qi (zeros for j ≥ nl). The caller runs it band by band
// of rows over many passes of eight, so the band of Σ stays in cache while every level of those passes reads
// its columns there (a whole column per level streamed Σ from memory: ≈ 0.9 GB for InstEval).
// levelDots8 takes, for every level l < $lEnd, the eight dots P_lj = Σ_t vals[t] Q_j[rows[t]] (in t order)
// and adds w · P_lj² into eight running sums at $acc, w from the 8 × 8 table at $W for l ≥ j0 (row l − j0:
// 0 below the diagonal, 1 on it, 2 above) and 2 for l < j0; for l ≥ j0 it also stores the eight dots at
// $Pd + (l − j0) · 64 (P_ll is kq[l]).
const V8 = [0, 1, 2, 3, 4, 5, 6, 7];
const levelQ8 = `
  (func (export "levelQ8") (param $S i32) (param $Qc i32) (param $Qi i32) (param $start i32) (param $rows i32) (param $vals i32)
      (param $nl i32) (param $n i32) (param $j0 i32) (param $r0 i32) (param $r1 i32) (param $qsq i32)
    (local $jj i32) (local $j i32) (local $t i32) (local $t0 i32) (local $t1 i32) (local $pi i32) (local $end i32) (local $col i32)
    (local $v f64) (local $vv v128) (local $q f64) (local $a i32) (local $colBytes i32) (local $s0 i32) (local $qt i32)
    ${V8.map((i) => `(local $q${i} v128)`).join(' ')}
    (local.set $colBytes (i32.mul (local.get $n) (i32.const 8)))
    (local.set $jj (i32.const 0))
    (block $jdone (loop $js
      (br_if $jdone (i32.ge_s (local.get $jj) (i32.const 8)))
      (local.set $j (i32.add (local.get $j0) (local.get $jj)))
      (if (i32.lt_s (local.get $j) (local.get $nl)) (then
        (local.set $t0 (i32.load (i32.add (local.get $start) (i32.mul (local.get $j) (i32.const 4)))))
        (local.set $t1 (i32.load (i32.add (local.get $start) (i32.mul (i32.add (local.get $j) (i32.const 1)) (i32.const 4)))))
        ;; sixteen rows at a time with Q in eight f64x2 registers (only Σ is loaded per entry)
        (local.set $s0 (local.get $r0))
        (block $sdone (loop $ss
          (br_if $sdone (i32.gt_s (i32.add (local.get $s0) (i32.const 16)) (local.get $r1)))
          ${V8.map((i) => `(local.set $q${i} (v128.const i64x2 0 0))`).join(' ')}
          (local.set $t (local.get $t0))
          (block $tdone (loop $ts
            (br_if $tdone (i32.ge_s (local.get $t) (local.get $t1)))
            (local.set $col (i32.add (i32.add (local.get $S) (i32.mul (local.get $s0) (i32.const 8)))
              (i32.mul (i32.load (i32.add (local.get $rows) (i32.mul (local.get $t) (i32.const 4)))) (local.get $colBytes))))
            (local.set $vv (f64x2.splat (f64.load (i32.add (local.get $vals) (i32.mul (local.get $t) (i32.const 8))))))
            ${V8.map((i) => `(local.set $q${i} (f64x2.add (local.get $q${i}) (f64x2.mul (local.get $vv) (v128.load offset=${16 * i} (local.get $col)))))`).join('\n            ')}
            (local.set $t (i32.add (local.get $t) (i32.const 1)))
            (br $ts)))
          (local.set $col (i32.add (local.get $Qc) (i32.mul (i32.sub (local.get $s0) (local.get $r0)) (i32.const 8))))
          ${V8.map((i) => `(v128.store offset=${16 * i} (local.get $col) (local.get $q${i}))`).join(' ')}
          (local.set $s0 (i32.add (local.get $s0) (i32.const 16)))
          (br $ss)))
        ;; the last rows (fewer than sixteen) by axpys
        (local.set $end (i32.mul (i32.sub (local.get $r1) (local.get $s0)) (i32.const 8)))
        (local.set $qt (i32.add (local.get $Qc) (i32.mul (i32.sub (local.get $s0) (local.get $r0)) (i32.const 8))))
        (memory.fill (local.get $qt) (i32.const 0) (local.get $end))
        (local.set $t (local.get $t0))
        (block $udone (loop $us
          (br_if $udone (i32.ge_s (local.get $t) (local.get $t1)))
          (local.set $col (i32.add (i32.add (local.get $S) (i32.mul (local.get $s0) (i32.const 8)))
            (i32.mul (i32.load (i32.add (local.get $rows) (i32.mul (local.get $t) (i32.const 4)))) (local.get $colBytes))))
          (local.set $v (f64.load (i32.add (local.get $vals) (i32.mul (local.get $t) (i32.const 8)))))
          (local.set $vv (f64x2.splat (local.get $v)))
          ${axpy('(local.get $qt)', '(local.get $col)')}
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $us)))
        ;; qsq[a] += Q[a]², and Q into lane jj of Qi
        (local.set $a (local.get $r0))
        (local.set $pi (local.get $Qc))
        (block $qdone (loop $qs
          (br_if $qdone (i32.ge_s (local.get $a) (local.get $r1)))
          (local.set $q (f64.load (local.get $pi)))
          (local.set $col (i32.add (local.get $qsq) (i32.mul (local.get $a) (i32.const 8))))
          (f64.store (local.get $col) (f64.add (f64.load (local.get $col)) (f64.mul (local.get $q) (local.get $q))))
          (f64.store (i32.add (local.get $Qi) (i32.mul (i32.add (i32.mul (local.get $a) (i32.const 8)) (local.get $jj)) (i32.const 8))) (local.get $q))
          (local.set $pi (i32.add (local.get $pi) (i32.const 8)))
          (local.set $a (i32.add (local.get $a) (i32.const 1)))
          (br $qs))))
      (else
        (local.set $a (local.get $r0))
        (block $zdone (loop $zs
          (br_if $zdone (i32.ge_s (local.get $a) (local.get $r1)))
          (f64.store (i32.add (local.get $Qi) (i32.mul (i32.add (i32.mul (local.get $a) (i32.const 8)) (local.get $jj)) (i32.const 8))) (f64.const 0))
          (local.set $a (i32.add (local.get $a) (i32.const 1)))
          (br $zs)))))
      (local.set $jj (i32.add (local.get $jj) (i32.const 1)))
      (br $js))))`;

const P4 = [0, 1, 2, 3];
const levelDots8 = `
  (func (export "levelDots8") (param $Qi i32) (param $start i32) (param $rows i32) (param $vals i32)
      (param $lEnd i32) (param $j0 i32) (param $W i32) (param $Pd i32) (param $acc i32)
    (local $l i32) (local $t i32) (local $t1 i32) (local $base i32) (local $w i32) (local $vv v128)
    ${P4.map((i) => `(local $p${i} v128) (local $a${i} v128)`).join(' ')}
    ${P4.map((i) => `(local.set $a${i} (v128.load offset=${16 * i} (local.get $acc)))`).join(' ')}
    (local.set $l (i32.const 0))
    (block $ldone (loop $ls
      (br_if $ldone (i32.ge_s (local.get $l) (local.get $lEnd)))
      ${P4.map((i) => `(local.set $p${i} (v128.const i64x2 0 0))`).join(' ')}
      (local.set $t (i32.load (i32.add (local.get $start) (i32.mul (local.get $l) (i32.const 4)))))
      (local.set $t1 (i32.load (i32.add (local.get $start) (i32.mul (i32.add (local.get $l) (i32.const 1)) (i32.const 4)))))
      (block $tdone (loop $ts
        (br_if $tdone (i32.ge_s (local.get $t) (local.get $t1)))
        (local.set $base (i32.add (local.get $Qi) (i32.mul (i32.load (i32.add (local.get $rows) (i32.mul (local.get $t) (i32.const 4)))) (i32.const 64))))
        (local.set $vv (f64x2.splat (f64.load (i32.add (local.get $vals) (i32.mul (local.get $t) (i32.const 8))))))
        ${P4.map((i) => `(local.set $p${i} (f64x2.add (local.get $p${i}) (f64x2.mul (local.get $vv) (v128.load offset=${16 * i} (local.get $base)))))`).join('\n        ')}
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $ts)))
      ;; the weights: row 8 of the table (all 2) below the block, else row l − j0; the dots kept for l ≥ j0
      (local.set $w (i32.add (local.get $W) (i32.const 512)))
      (if (i32.ge_s (local.get $l) (local.get $j0)) (then
        (local.set $w (i32.add (local.get $W) (i32.mul (i32.sub (local.get $l) (local.get $j0)) (i32.const 64))))
        (local.set $base (i32.add (local.get $Pd) (i32.mul (i32.sub (local.get $l) (local.get $j0)) (i32.const 64))))
        ${P4.map((i) => `(v128.store offset=${16 * i} (local.get $base) (local.get $p${i}))`).join(' ')}))
      ${P4.map((i) => `(local.set $a${i} (f64x2.add (local.get $a${i}) (f64x2.mul (f64x2.mul (local.get $p${i}) (local.get $p${i})) (v128.load offset=${16 * i} (local.get $w)))))`).join('\n      ')}
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br $ls)))
    ${P4.map((i) => `(v128.store offset=${16 * i} (local.get $acc) (local.get $a${i}))`).join(' ')})`;

// sigmaTimes(S, Z, W, n, nv, b0, b1): W_v += Σ[:, b] Z_v[b] for columns b0 ≤ b < b1 and the nv vectors
// (each n long, one after another at Z and W), skipping Z_v[b] = 0: the loop order of the JS it replaced
// (b, then v, then the rows), so each W_v[a] sums its products in the same order (the same bits), with Σ's
// column read once for all the vectors.
const sigmaTimes = `
  (func (export "sigmaTimes") (param $S i32) (param $Z i32) (param $W i32) (param $n i32) (param $nv i32) (param $b0 i32) (param $b1 i32)
    (local $b i32) (local $vi i32) (local $pi i32) (local $end i32) (local $col i32) (local $w i32) (local $v f64) (local $vv v128)
    (local.set $end (i32.mul (local.get $n) (i32.const 8)))
    (local.set $b (local.get $b0))
    (block $bdone (loop $bs
      (br_if $bdone (i32.ge_s (local.get $b) (local.get $b1)))
      (local.set $col (i32.add (local.get $S) (i32.mul (local.get $b) (local.get $end))))
      (local.set $vi (i32.const 0))
      (block $vdone (loop $vs
        (br_if $vdone (i32.ge_s (local.get $vi) (local.get $nv)))
        (local.set $v (f64.load (i32.add (local.get $Z) (i32.mul (i32.add (i32.mul (local.get $vi) (local.get $n)) (local.get $b)) (i32.const 8)))))
        (if (f64.ne (local.get $v) (f64.const 0)) (then
          (local.set $w (i32.add (local.get $W) (i32.mul (local.get $vi) (local.get $end))))
          (local.set $vv (f64x2.splat (local.get $v)))
          ${axpy('(local.get $w)', '(local.get $col)')}))
        (local.set $vi (i32.add (local.get $vi) (i32.const 1)))
        (br $vs)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bs))))`;

const wat = `;; GENERATED by build-inverse-kernel.mjs — edit the generator, not this file.
(module
  (memory (export "memory") 1)
${trtri4}
${gram4}
${trsm4}
${levelQ8}
${levelDots8}
${sigmaTimes})
`;

const bytes = await emitKernel(here, 'inverse', wat, (size, base64) => `// GENERATED by build-inverse-kernel.mjs (text form: inverse.wat). Do not edit.
/** The Cholesky-factor inverse WebAssembly (SIMD128) module, ${size} bytes, base64. */
export const inverseKernelBase64 =
  '${base64}';
`);
console.log(`inverse kernel: ${bytes} bytes`);
