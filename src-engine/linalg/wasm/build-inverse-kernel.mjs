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
// work() runs both four columns per item: V8 runs a call in the baseline tier (Liftoff) until it returns,
// so one call over all columns never reached the optimised code (≈ 5× slower in a fresh process). The
// caller finishes the last n − nc (< 4) columns in JS. Exported: trsm4, kColumns, warmUp and work.
//   trsm4(L, B, n, ldb, count)  B ← L⁻¹B for `count` (a multiple of 4) columns of n rows, column stride ldb:
//                        forward substitution four columns at a time, in the order of the JS solve it replaces
//                        (nlme's whitening of a correlation group, lowRankBlocks.ts), so the result is the same
//   levelQ8, levelDots8  the block-0 level loop of scalarThetaHessian.ts, eight levels per pass (below).
//   sigmaTimes           Σ times a few vectors (below).
//   kScatter, kGather    the K products at either end of Ψ_C x (below).
//   kColumns             K's columns from the block-0 pattern (below).
//   warmUp               every kernel on a small problem, so V8 optimises them ahead of a job (below).
//   work                 a thread's share of a job of many calls of the above (below; kernelThreads.ts).
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
  (func $trtri4 (param $L i32) (param $J i32) (param $n i32) (param $from i32) (param $nc i32)
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
  (func $gram4 (param $J i32) (param $S i32) (param $n i32) (param $from i32) (param $nc i32)
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
  (func $levelQ8 (param $S i32) (param $Qc i32) (param $Qi i32) (param $start i32) (param $rows i32) (param $vals i32)
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
  (func $levelDots8 (param $Qi i32) (param $start i32) (param $rows i32) (param $vals i32)
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

// sigmaTimes(S, Z, W, n, nv, r0, r1): W_v[a] += Σ[a, b] Z_v[b] for the rows r0 ≤ a < r1 over every column b
// and the nv vectors (each n long, one after another at Z and W), skipping Z_v[b] = 0: the loop order of the
// JS it replaced (b, then v, then the rows), so each W_v[a] sums its products in the same order (the same
// bits) whichever thread ran its band, with each band of Σ's columns read once for all the vectors.
const sigmaTimes = `
  (func $sigmaTimes (param $S i32) (param $Z i32) (param $W i32) (param $n i32) (param $nv i32) (param $r0 i32) (param $r1 i32)
    (local $b i32) (local $vi i32) (local $pi i32) (local $end i32) (local $col i32) (local $w i32) (local $v f64) (local $vv v128) (local $colBytes i32)
    (local.set $colBytes (i32.mul (local.get $n) (i32.const 8)))
    (local.set $end (i32.mul (i32.sub (local.get $r1) (local.get $r0)) (i32.const 8)))
    (local.set $b (i32.const 0))
    (block $bdone (loop $bs
      (br_if $bdone (i32.ge_s (local.get $b) (local.get $n)))
      (local.set $col (i32.add (local.get $S) (i32.add (i32.mul (local.get $b) (local.get $colBytes)) (i32.mul (local.get $r0) (i32.const 8)))))
      (local.set $vi (i32.const 0))
      (block $vdone (loop $vs
        (br_if $vdone (i32.ge_s (local.get $vi) (local.get $nv)))
        (local.set $v (f64.load (i32.add (local.get $Z) (i32.mul (i32.add (i32.mul (local.get $vi) (local.get $n)) (local.get $b)) (i32.const 8)))))
        (if (f64.ne (local.get $v) (f64.const 0)) (then
          (local.set $w (i32.add (local.get $W) (i32.add (i32.mul (local.get $vi) (local.get $colBytes)) (i32.mul (local.get $r0) (i32.const 8)))))
          (local.set $vv (f64x2.splat (local.get $v)))
          ${axpy('(local.get $w)', '(local.get $col)')}))
        (local.set $vi (i32.add (local.get $vi) (i32.const 1)))
        (br $vs)))
      (local.set $b (i32.add (local.get $b) (i32.const 1)))
      (br $bs))))`;

// kScatter(start, rows, vals, nl, x0, z) and kGather(start, rows, vals, nl, x0, l11, w, out): the two ends of
// Ψ_C x in scalarThetaHessian.ts, with K's columns as levels() has them: z[rows[t]] −= vals[t] · x0[l] over the
// levels with x0[l] ≠ 0 and their entries in order; out[l] = x0[l] / (l11[l] · l11[l]) − Σ_t vals[t] · w[rows[t]]
// summed in t order: the JS loops' operations in their order (the same bits).
const kScatter = `
  (func $kScatter (param $start i32) (param $rows i32) (param $vals i32) (param $nl i32) (param $x0 i32) (param $z i32)
    (local $l i32) (local $t i32) (local $t1 i32) (local $x f64) (local $at i32)
    (local.set $l (i32.const 0))
    (block $ldone (loop $ls
      (br_if $ldone (i32.ge_s (local.get $l) (local.get $nl)))
      (local.set $x (f64.load (i32.add (local.get $x0) (i32.mul (local.get $l) (i32.const 8)))))
      (if (f64.ne (local.get $x) (f64.const 0)) (then
        (local.set $t (i32.load (i32.add (local.get $start) (i32.mul (local.get $l) (i32.const 4)))))
        (local.set $t1 (i32.load (i32.add (local.get $start) (i32.mul (i32.add (local.get $l) (i32.const 1)) (i32.const 4)))))
        (block $tdone (loop $ts
          (br_if $tdone (i32.ge_s (local.get $t) (local.get $t1)))
          (local.set $at (i32.add (local.get $z) (i32.mul (i32.load (i32.add (local.get $rows) (i32.mul (local.get $t) (i32.const 4)))) (i32.const 8))))
          (f64.store (local.get $at) (f64.sub (f64.load (local.get $at))
            (f64.mul (f64.load (i32.add (local.get $vals) (i32.mul (local.get $t) (i32.const 8)))) (local.get $x))))
          (local.set $t (i32.add (local.get $t) (i32.const 1)))
          (br $ts)))))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br $ls))))`;
const kGather = `
  (func $kGather (param $start i32) (param $rows i32) (param $vals i32) (param $nl i32) (param $x0 i32) (param $l11 i32) (param $w i32) (param $out i32)
    (local $l i32) (local $t i32) (local $t1 i32) (local $s f64) (local $d f64)
    (local.set $l (i32.const 0))
    (block $ldone (loop $ls
      (br_if $ldone (i32.ge_s (local.get $l) (local.get $nl)))
      (local.set $d (f64.load (i32.add (local.get $l11) (i32.mul (local.get $l) (i32.const 8)))))
      (local.set $s (f64.div (f64.load (i32.add (local.get $x0) (i32.mul (local.get $l) (i32.const 8)))) (f64.mul (local.get $d) (local.get $d))))
      (local.set $t (i32.load (i32.add (local.get $start) (i32.mul (local.get $l) (i32.const 4)))))
      (local.set $t1 (i32.load (i32.add (local.get $start) (i32.mul (i32.add (local.get $l) (i32.const 1)) (i32.const 4)))))
      (block $tdone (loop $ts
        (br_if $tdone (i32.ge_s (local.get $t) (local.get $t1)))
        (local.set $s (f64.sub (local.get $s) (f64.mul (f64.load (i32.add (local.get $vals) (i32.mul (local.get $t) (i32.const 8))))
          (f64.load (i32.add (local.get $w) (i32.mul (i32.load (i32.add (local.get $rows) (i32.mul (local.get $t) (i32.const 4)))) (i32.const 8)))))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $ts)))
      (f64.store (i32.add (local.get $out) (i32.mul (local.get $l) (i32.const 8))) (local.get $s))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (br $ls))))`;

// kColumns(patStart, patRows, B, d, nl, n, start, rows, vals): K's columns from the block-0 pattern (scalar
// block 0): per level l, its pattern rows below n in order, with B[t] / d[l] (scalarThetaHessian.ts's
// levelColumns in JS, the same division); start[l + 1] = the entries so far.
const kColumns = `
  (func (export "kColumns") (param $patStart i32) (param $patRows i32) (param $B i32) (param $d i32) (param $nl i32) (param $n i32)
      (param $start i32) (param $rows i32) (param $vals i32)
    (local $l i32) (local $t i32) (local $t1 i32) (local $e i32) (local $r i32) (local $dl f64)
    (i32.store (local.get $start) (i32.const 0))
    (local.set $l (i32.const 0))
    (block $ldone (loop $ls
      (br_if $ldone (i32.ge_s (local.get $l) (local.get $nl)))
      (local.set $dl (f64.load (i32.add (local.get $d) (i32.mul (local.get $l) (i32.const 8)))))
      (local.set $t (i32.load (i32.add (local.get $patStart) (i32.mul (local.get $l) (i32.const 4)))))
      (local.set $t1 (i32.load (i32.add (local.get $patStart) (i32.mul (i32.add (local.get $l) (i32.const 1)) (i32.const 4)))))
      (block $tdone (loop $ts
        (br_if $tdone (i32.ge_s (local.get $t) (local.get $t1)))
        (local.set $r (i32.load (i32.add (local.get $patRows) (i32.mul (local.get $t) (i32.const 4)))))
        (if (i32.lt_s (local.get $r) (local.get $n)) (then
          (i32.store (i32.add (local.get $rows) (i32.mul (local.get $e) (i32.const 4))) (local.get $r))
          (f64.store (i32.add (local.get $vals) (i32.mul (local.get $e) (i32.const 8)))
            (f64.div (f64.load (i32.add (local.get $B) (i32.mul (local.get $t) (i32.const 8)))) (local.get $dl)))
          (local.set $e (i32.add (local.get $e) (i32.const 1)))))
        (local.set $t (i32.add (local.get $t) (i32.const 1)))
        (br $ts)))
      (local.set $l (i32.add (local.get $l) (i32.const 1)))
      (i32.store (i32.add (local.get $start) (i32.mul (local.get $l) (i32.const 4))) (local.get $e))
      (br $ls))))`;

// warmUp(): each kernel run on a small problem of its own (an identity factor of order 64, eight levels of
// two entries) 24 times, in the memory of a private instance (its first 106,088 bytes): V8 compiles a wasm
// function with its baseline compiler first (≈ 20× slower for these loops) and recompiles it once it has run
// enough, for every instance of the module in the process. A helper thread runs this when it starts, during
// the fit, so the df's first jobs run optimised code on every thread (kernelHelpers.ts).
const WARM = { n: 64, L: 64, J: 32832, S: 65600, Qc: 98368, Qi: 98880, start: 102976, rows: 103016, vals: 103080, qsq: 103208, W: 103720, Pd: 104296, acc: 104808, Z: 104872, Wv: 105384, x0: 105896, d: 105960, out: 106024 };
const c = (v) => `(i32.const ${v})`;
const warmUp = `
  (func (export "warmUp")
    (local $i i32) (local $rep i32)
    (local.set $i (i32.const 0))
    (block $idone (loop $is
      (br_if $idone (i32.ge_s (local.get $i) ${c(WARM.n)}))
      (f64.store (i32.add ${c(WARM.L)} (i32.mul (i32.mul (local.get $i) ${c(WARM.n + 1)}) (i32.const 8))) (f64.const 1))
      (f64.store (i32.add ${c(WARM.Z)} (i32.mul (local.get $i) (i32.const 8))) (f64.const 1))
      (if (i32.lt_s (local.get $i) (i32.const 16)) (then
        (i32.store (i32.add ${c(WARM.rows)} (i32.mul (local.get $i) (i32.const 4))) (local.get $i))
        (f64.store (i32.add ${c(WARM.vals)} (i32.mul (local.get $i) (i32.const 8))) (f64.const 1))))
      (if (i32.le_s (local.get $i) (i32.const 8)) (then
        (i32.store (i32.add ${c(WARM.start)} (i32.mul (local.get $i) (i32.const 4))) (i32.mul (local.get $i) (i32.const 2)))
        (f64.store (i32.add ${c(WARM.x0)} (i32.mul (local.get $i) (i32.const 8))) (f64.const 1))
        (f64.store (i32.add ${c(WARM.d)} (i32.mul (local.get $i) (i32.const 8))) (f64.const 1))))
      (if (i32.lt_s (local.get $i) (i32.const 72)) (then
        (f64.store (i32.add ${c(WARM.W)} (i32.mul (local.get $i) (i32.const 8))) (f64.const 1))))
      (local.set $i (i32.add (local.get $i) (i32.const 1)))
      (br $is)))
    (local.set $rep (i32.const 0))
    (block $rdone (loop $rs
      (br_if $rdone (i32.ge_s (local.get $rep) (i32.const 24)))
      (memory.fill ${c(WARM.J)} (i32.const 0) ${c(8 * WARM.n * WARM.n)})
      (call $trtri4 ${c(WARM.L)} ${c(WARM.J)} ${c(WARM.n)} (i32.const 0) ${c(WARM.n)})
      (call $gram4 ${c(WARM.J)} ${c(WARM.S)} ${c(WARM.n)} (i32.const 0) ${c(WARM.n)})
      (memory.fill ${c(WARM.qsq)} (i32.const 0) ${c(8 * WARM.n)})
      (call $levelQ8 ${c(WARM.S)} ${c(WARM.Qc)} ${c(WARM.Qi)} ${c(WARM.start)} ${c(WARM.rows)} ${c(WARM.vals)} (i32.const 8) ${c(WARM.n)} (i32.const 0) (i32.const 0) ${c(WARM.n)} ${c(WARM.qsq)})
      (memory.fill ${c(WARM.acc)} (i32.const 0) (i32.const 64))
      (call $levelDots8 ${c(WARM.Qi)} ${c(WARM.start)} ${c(WARM.rows)} ${c(WARM.vals)} (i32.const 8) (i32.const 0) ${c(WARM.W)} ${c(WARM.Pd)} ${c(WARM.acc)})
      (memory.fill ${c(WARM.Wv)} (i32.const 0) ${c(8 * WARM.n)})
      (call $sigmaTimes ${c(WARM.S)} ${c(WARM.Z)} ${c(WARM.Wv)} ${c(WARM.n)} (i32.const 1) (i32.const 0) ${c(WARM.n)})
      (call $kScatter ${c(WARM.start)} ${c(WARM.rows)} ${c(WARM.vals)} (i32.const 8) ${c(WARM.x0)} ${c(WARM.Z)})
      (call $kGather ${c(WARM.start)} ${c(WARM.rows)} ${c(WARM.vals)} (i32.const 8) ${c(WARM.x0)} ${c(WARM.d)} ${c(WARM.Wv)} ${c(WARM.out)})
      (local.set $rep (i32.add (local.get $rep) (i32.const 1)))
      (br $rs))))`;

// work(ctl, tid): the kernels' share of one thread in a job that several threads run at once (the memory
// is shared; linalg/kernelThreads.ts starts the helpers and posts the jobs). The job's items are claimed
// one at a time from the control block at $ctl (i32 words):
//   0  gen << 16 | next item (next = 0xFFFF: the job is being posted)   1  items done   2  items   3  kind
//   4… the kind's parameters
// by a compare-and-swap on word 0, so each item runs once, whichever thread takes it. Items write disjoint
// parts of memory (columns of J or Σ, rows of Q, qsq and Σz, one chunk's dots and sums), so the result
// does not depend on which thread ran what. Kinds (item i):
//   1 trtri4(L, J, n, 4i, 4i + 4)            params L, J, n (the four columns of J zeroed first from row 4i)
//   2 gram4(J, S, n, 4i, 4i + 4)             params J, S, n
//   3 levelQ8 over rows i·R … min(n, (i + 1)·R) − 1 for the pass's c < chunks, Q band at Qc + tid · 8R
//                                            params S, Qc, Qi, start, rows, vals, nl, n, first level, chunks, R, qsq
//   4 levelDots8 for chunk i of the pass, its dots at Pd + 512i and its sums at acc + 64i
//                                            params Qi, start, rows, vals, nl, first level, W, Pd, acc, n
//   5 sigmaTimes over rows i·R … min(n, (i + 1)·R) − 1
//                                            params S, Z, W, n, nv, R
//   6 kScatter for vector i: x0 at X0 + 8·nl·i, z at Z + 8n·i
//                                            params start, rows, vals, nl, X0, Z, n
//   7 kGather for vector i: x0 at X0 + 8·nl·i, w at W + 8n·i, out at OUT + 8·nl·i
//                                            params start, rows, vals, nl, X0, l11, W, OUT, n
//   8 zeros over bytes i·B … min((i + 1)·B, T) − 1 from P (fresh pages, written once so that the
//     faulting-in happens on a helper's core, not in the job that first uses them)
//                                            params P, B, T
// The thread that completes the last item wakes the threads waiting on word 1. Returns how many items this
// thread ran.
const P = (k) => `(i32.load offset=${16 + 4 * k} (local.get $ctl))`;
const work = `
  (func (export "work") (param $ctl i32) (param $tid i32) (result i32)
    (local $w i32) (local $i i32) (local $kind i32) (local $c i32) (local $r0 i32) (local $n i32) (local $j0 i32) (local $ran i32)
    (block $out (loop $claim
      (local.set $w (i32.atomic.load (local.get $ctl)))
      (br_if $out (i32.ge_u (i32.and (local.get $w) (i32.const 0xFFFF)) (i32.atomic.load offset=8 (local.get $ctl))))
      (br_if $claim (i32.ne (i32.atomic.rmw.cmpxchg (local.get $ctl) (local.get $w) (i32.add (local.get $w) (i32.const 1))) (local.get $w)))
      (local.set $i (i32.and (local.get $w) (i32.const 0xFFFF)))
      (local.set $kind (i32.load offset=12 (local.get $ctl)))
      (if (i32.eq (local.get $kind) (i32.const 1)) (then
        ;; zero the four columns from row 4i down (the substitution reads them; the rows above stay unread)
        (local.set $c (i32.mul (local.get $i) (i32.const 4)))
        (block $zdone (loop $zs
          (br_if $zdone (i32.ge_s (local.get $c) (i32.add (i32.mul (local.get $i) (i32.const 4)) (i32.const 4))))
          (memory.fill (i32.add ${P(1)} (i32.mul (i32.add (i32.mul (local.get $c) ${P(2)}) (i32.mul (local.get $i) (i32.const 4))) (i32.const 8)))
            (i32.const 0) (i32.mul (i32.sub ${P(2)} (i32.mul (local.get $i) (i32.const 4))) (i32.const 8)))
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $zs)))
        (call $trtri4 ${P(0)} ${P(1)} ${P(2)} (i32.mul (local.get $i) (i32.const 4)) (i32.add (i32.mul (local.get $i) (i32.const 4)) (i32.const 4)))))
      (if (i32.eq (local.get $kind) (i32.const 2)) (then
        (call $gram4 ${P(0)} ${P(1)} ${P(2)} (i32.mul (local.get $i) (i32.const 4)) (i32.add (i32.mul (local.get $i) (i32.const 4)) (i32.const 4)))))
      (if (i32.eq (local.get $kind) (i32.const 3)) (then
        (local.set $n ${P(7)})
        (local.set $r0 (i32.mul (local.get $i) ${P(10)}))
        (local.set $c (i32.const 0))
        (block $qdone (loop $qs
          (br_if $qdone (i32.ge_s (local.get $c) ${P(9)}))
          (call $levelQ8 ${P(0)} (i32.add ${P(1)} (i32.mul (local.get $tid) (i32.mul ${P(10)} (i32.const 8))))
            (i32.add ${P(2)} (i32.mul (local.get $c) (i32.mul (local.get $n) (i32.const 64))))
            ${P(3)} ${P(4)} ${P(5)} ${P(6)} (local.get $n) (i32.add ${P(8)} (i32.mul (local.get $c) (i32.const 8)))
            (local.get $r0) (select (local.get $n) (i32.add (local.get $r0) ${P(10)}) (i32.gt_s (i32.add (local.get $r0) ${P(10)}) (local.get $n))) ${P(11)})
          (local.set $c (i32.add (local.get $c) (i32.const 1)))
          (br $qs)))))
      (if (i32.eq (local.get $kind) (i32.const 4)) (then
        (local.set $j0 (i32.add ${P(5)} (i32.mul (local.get $i) (i32.const 8))))
        (call $levelDots8 (i32.add ${P(0)} (i32.mul (local.get $i) (i32.mul ${P(9)} (i32.const 64)))) ${P(1)} ${P(2)} ${P(3)}
          (select ${P(4)} (i32.add (local.get $j0) (i32.const 8)) (i32.gt_s (i32.add (local.get $j0) (i32.const 8)) ${P(4)}))
          (local.get $j0) ${P(6)} (i32.add ${P(7)} (i32.mul (local.get $i) (i32.const 512))) (i32.add ${P(8)} (i32.mul (local.get $i) (i32.const 64))))))
      (if (i32.eq (local.get $kind) (i32.const 5)) (then
        (local.set $r0 (i32.mul (local.get $i) ${P(5)}))
        (call $sigmaTimes ${P(0)} ${P(1)} ${P(2)} ${P(3)} ${P(4)} (local.get $r0)
          (select ${P(3)} (i32.add (local.get $r0) ${P(5)}) (i32.gt_s (i32.add (local.get $r0) ${P(5)}) ${P(3)})))))
      (if (i32.eq (local.get $kind) (i32.const 6)) (then
        (call $kScatter ${P(0)} ${P(1)} ${P(2)} ${P(3)} (i32.add ${P(4)} (i32.mul (local.get $i) (i32.mul ${P(3)} (i32.const 8))))
          (i32.add ${P(5)} (i32.mul (local.get $i) (i32.mul ${P(6)} (i32.const 8)))))))
      (if (i32.eq (local.get $kind) (i32.const 7)) (then
        (call $kGather ${P(0)} ${P(1)} ${P(2)} ${P(3)} (i32.add ${P(4)} (i32.mul (local.get $i) (i32.mul ${P(3)} (i32.const 8)))) ${P(5)}
          (i32.add ${P(6)} (i32.mul (local.get $i) (i32.mul ${P(8)} (i32.const 8))))
          (i32.add ${P(7)} (i32.mul (local.get $i) (i32.mul ${P(3)} (i32.const 8)))))))
      (if (i32.eq (local.get $kind) (i32.const 8)) (then
        (local.set $r0 (i32.mul (local.get $i) ${P(1)}))
        (memory.fill (i32.add ${P(0)} (local.get $r0)) (i32.const 0)
          (select (i32.sub ${P(2)} (local.get $r0)) ${P(1)} (i32.gt_s (i32.add (local.get $r0) ${P(1)}) ${P(2)})))))
      (if (i32.eq (i32.add (i32.atomic.rmw.add offset=4 (local.get $ctl) (i32.const 1)) (i32.const 1)) (i32.atomic.load offset=8 (local.get $ctl))) (then
        (drop (memory.atomic.notify offset=4 (local.get $ctl) (i32.const -1)))))
      (local.set $ran (i32.add (local.get $ran) (i32.const 1)))
      (br $claim)))
    (local.get $ran))`;

/** Pages the shared memory may grow to (4 GiB): wasmInverse.ts creates the memory with this maximum. */
const MAX_PAGES = 65536;

const wat = `;; GENERATED by build-inverse-kernel.mjs — edit the generator, not this file.
(module
  (import "env" "memory" (memory 1 ${MAX_PAGES} shared))
${trtri4}
${gram4}
${trsm4}
${levelQ8}
${levelDots8}
${sigmaTimes}
${kScatter}
${kGather}
${kColumns}
${warmUp}
${work})
`;

const bytes = await emitKernel(here, 'inverse', wat, (size, base64) => `// GENERATED by build-inverse-kernel.mjs (text form: inverse.wat). Do not edit.
/** The Cholesky-factor inverse WebAssembly (SIMD128) module, ${size} bytes, base64. */
export const inverseKernelBase64 =
  '${base64}';
`);
console.log(`inverse kernel: ${bytes} bytes`);
