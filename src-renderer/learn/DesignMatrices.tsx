/**
 * Learn mode's X and Z of the open fit (issue 20): the first rows of each as numbers, Z's columns named
 * by group, level and term, and a picture of where Z's non-zeros are (each dot a cell of the n × q
 * pattern; darker = more non-zeros) — the block structure the fit exploits.
 */
import { useEffect, useState } from 'react';
import type { DesignPreviewShape } from '../../src-main/api/contract';
import { useWorkbench } from '../app/context';

function ZPicture({ d }: { d: DesignPreviewShape }) {
  const { rows, cols, counts, rowsPerCell, colsPerCell } = d.picture;
  const cell = Math.max(1, Math.floor(240 / Math.max(rows, cols)));
  const area = rowsPerCell * colsPerCell;
  const max = Math.max(...counts.map((c) => c / area), 1e-12);
  return (
    <svg
      className="z-picture"
      data-testid="learn-z-picture"
      width={cols * cell}
      height={rows * cell}
      viewBox={`0 0 ${cols * cell} ${rows * cell}`}
      role="img"
      aria-label={`Non-zeros of Z: ${d.nonZeros} of ${d.n} × ${d.q}`}
    >
      <rect width={cols * cell} height={rows * cell} fill="none" stroke="currentColor" strokeOpacity={0.3} />
      {counts.map((c, k) =>
        c > 0 ? <rect key={k} x={(k % cols) * cell} y={Math.floor(k / cols) * cell} width={cell} height={cell} fill="currentColor" fillOpacity={0.25 + (0.75 * c) / area / max} /> : null,
      )}
    </svg>
  );
}

export function DesignMatrices({ fitId }: { fitId: number }) {
  const wb = useWorkbench();
  const [state, setState] = useState<{ fitId: number; d: DesignPreviewShape | null; error: string | null } | null>(null);
  useEffect(() => {
    let live = true;
    wb.api.model.designMatrices({ fitId }).then(
      (d) => live && setState({ fitId, d, error: null }),
      (e: unknown) => live && setState({ fitId, d: null, error: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [wb, fitId]);
  const current = state?.fitId === fitId ? state : null;
  if (!current) return <p className="muted small">Building X and Z…</p>;
  if (current.error || !current.d) return <p className="muted small">{current.error}</p>;
  const d = current.d;
  const zColumns = [...new Set(d.Z.flatMap((r) => r.map((e) => e.column)))].sort((a, b) => a - b);
  return (
    <div className="learn-note" data-testid="learn-matrices">
      <h4>
        X and Z of this model, first {d.X.length} rows
      </h4>
      <p>
        Each row of the data is one row of X (n × p = {d.n} × {d.p}) and of Z (n × q = {d.n} × {d.q}). X holds the fixed-effect columns as R&apos;s model.matrix
        makes them; Z has a column for each level of each grouping factor and term, and in each row only the columns of that row&apos;s groups are non-zero: {d.nonZeros}{' '}
        of {d.n * d.q} entries ({((100 * d.nonZeros) / Math.max(1, d.n * d.q)).toPrecision(2)} %). That sparsity is what lme4 and Quadrat exploit (Bates et al. 2015,
        sections 2.2 and 3).
      </p>
      <div className="learn-matrices">
        <table className="result-table compact" data-testid="learn-x">
          <caption>X</caption>
          <thead>
            <tr>
              <th scope="col">row</th>
              {d.fixedNames.map((n) => (
                <th key={n} scope="col">
                  {n}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.X.map((row, i) => (
              <tr key={i}>
                <th scope="row">{d.rows[i] + 1}</th>
                {row.map((v, j) => (
                  <td key={j} className="num">
                    {Number(v.toPrecision(6))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <table className="result-table compact" data-testid="learn-z">
          <caption>Z (the columns these rows touch; every other entry is 0)</caption>
          <thead>
            <tr>
              <th scope="col">row</th>
              {zColumns.map((c) => (
                <th key={c} scope="col" title={`column ${c + 1} of ${d.q}`}>
                  {d.zNames[c]}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {d.Z.map((row, i) => (
              <tr key={i}>
                <th scope="row">{d.rows[i] + 1}</th>
                {zColumns.map((c) => (
                  <td key={c} className="num">
                    {Number((row.find((e) => e.column === c)?.value ?? 0).toPrecision(6))}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
        <figure>
          <ZPicture d={d} />
          <figcaption className="muted small">
            Where Z is non-zero: rows down, columns across ({d.terms.map((t) => `${t.group}: ${t.termNames.join(', ')} × ${t.levels} levels`).join('; ')}).
          </figcaption>
        </figure>
      </div>
    </div>
  );
}
