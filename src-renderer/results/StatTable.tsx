/**
 * One statistics table: a header row from the column specs, then a row per item whose first cell is
 * the row header. Columns render whole cells (a `<Num>`, a row `<th>`), so each table keeps its own
 * number formats while the table markup (scopes, test ids, significance column) is written once.
 */
import { Fragment, type HTMLAttributes, type ReactNode } from 'react';
import { columnDecimals, stars } from '../../src-engine/shared';
import { Num } from './Num';

export interface StatColumn<R> {
  head: string;
  /** An accessible name for a header with no text (the significance-stars column). */
  label?: string;
  /** The whole cell for a row: a `<td>` (usually `<Num>`) or the row's `<th scope="row">`. */
  cell(row: R): ReactNode;
  /** A text column after the first: its header is left-aligned like its cells. */
  text?: boolean;
}

export function StatTable<R>({
  testId,
  className = 'result-table',
  caption,
  columns,
  rows,
  rowKey,
  rowProps,
}: {
  testId: string;
  className?: string;
  caption?: string;
  // R comes from `rows`; the callbacks are then checked against it
  columns: readonly (StatColumn<NoInfer<R>> | false)[];
  rows: readonly R[];
  rowKey(row: NoInfer<R>): string;
  rowProps?(row: NoInfer<R>): HTMLAttributes<HTMLTableRowElement> & Record<`data-${string}`, string>;
}) {
  const cols = columns.filter((c): c is StatColumn<R> => c !== false);
  return (
    <table className={className} data-testid={testId}>
      {caption && <caption>{caption}</caption>}
      <thead>
        <tr>
          {cols.map((c, i) => (
            <th key={i} scope="col" aria-label={c.label} className={c.text ? 'left' : undefined}>
              {c.head || undefined}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={rowKey(row)} {...rowProps?.(row)}>
            {cols.map((c, i) => (
              <Fragment key={i}>{c.cell(row)}</Fragment>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** The row header of a model term, in code type as lme4 names it. */
export function termHeader(term: string): ReactNode {
  return (
    <th scope="row">
      <code>{term}</code>
    </th>
  );
}

/** The significance-stars column of a table whose rows carry a p-value under `key`. */
export function starsColumn<K extends string>(key: K): StatColumn<Record<K, number | null | undefined>> {
  return { head: '', label: 'significance', cell: (row) => <td className="stars">{stars(row[key])}</td> };
}

/** The fields of a t-test row, whatever they are called (lme4, emmeans and contest name them differently). */
export interface TTestKeys<K extends string> {
  estimate: K;
  se: K;
  df: K;
  t: K;
  p: K;
}

/** Estimate, SE, df, t, p and the stars, as every t-test table prints them. */
export function tTestColumns<K extends string>(
  digits: number,
  keys: TTestKeys<K>,
  seHead = 'SE',
  /** The rows, to print Estimate and SE with shared decimals and t with its own, as printCoefmat does. */
  rows?: readonly Record<K, number | null | undefined>[],
): StatColumn<Record<K, number | null | undefined>>[] {
  const coef = rows ? columnDecimals(rows.flatMap((r) => [r[keys.estimate], r[keys.se]]), digits) : undefined;
  const t = rows ? columnDecimals(rows.map((r) => r[keys.t]), digits) : undefined;
  return [
    { head: 'Estimate', cell: (r) => <Num x={r[keys.estimate]} digits={digits} decimals={coef} /> },
    { head: seHead, cell: (r) => <Num x={r[keys.se]} digits={digits} decimals={coef} /> },
    { head: 'df', cell: (r) => <Num x={r[keys.df]} digits={digits} kind="df" /> },
    { head: 't', cell: (r) => <Num x={r[keys.t]} digits={digits} decimals={t} /> },
    { head: 'p', cell: (r) => <Num x={r[keys.p]} digits={digits} kind="p" /> },
    starsColumn(keys.p),
  ];
}
