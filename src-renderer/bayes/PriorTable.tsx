/** brms's prior table (get_prior() before a fit, prior_summary() after it): its columns, the rows given. */
import type { ReactNode } from 'react';
import { HeadCells } from '../results/HeadCells';

const COLUMNS = ['prior', 'class', 'coef', 'group', 'lb', 'ub', 'source'];

export function PriorTable({ testId, children }: { testId: string; children: ReactNode }) {
  return (
    <table className="result-table prior-table" data-testid={testId}>
      <thead>
        <tr>
          <HeadCells heads={COLUMNS} left={COLUMNS} />
        </tr>
      </thead>
      <tbody>{children}</tbody>
    </table>
  );
}
