/** Copy a results table for Word/LibreOffice, or download it as CSV, Markdown, HTML or LaTeX. */
import type { ReactNode } from 'react';
import { useWorkbench } from '../app/context';
import { Dropdown } from '../app/Dropdown';
import type { TableSource } from '../app/workbench';

const FORMATS = [
  { format: 'csv', label: 'CSV' },
  { format: 'md', label: 'Markdown' },
  { format: 'html', label: 'HTML (Word)' },
  { format: 'tex', label: 'LaTeX (booktabs)' },
] as const;

export function TableActions({ source, name }: { source: TableSource; name: string }) {
  const wb = useWorkbench();
  return (
    <span className="table-actions">
      <button type="button" className="link-btn small" onClick={() => void wb.copyTable(source)} data-testid={`copy-${name}`}>
        Copy
      </button>
      <Dropdown label="Download ▾" className="link-btn small" title={`Download the ${name} table`}>
        {(close) =>
          FORMATS.map((f) => (
            <button
              key={f.format}
              type="button"
              role="menuitem"
              onClick={() => {
                close();
                void wb.exportFile(`Exporting the ${name} table`, (destination) => wb.api.export.table({ source, format: f.format, destination }));
              }}
            >
              {f.label}
            </button>
          ))
        }
      </Dropdown>
    </span>
  );
}

/** A result table's heading with its Copy and Download actions (the Inference panels' tables). */
export function TableHeading({ title, source, name }: { title: ReactNode; source: TableSource; name: string }) {
  return (
    <div className="block-head">
      <h4>{title}</h4>
      <TableActions source={source} name={name} />
    </div>
  );
}
