/** "Import data…": a file input for CSV / TSV / TXT / XLSX (drag-and-drop onto the window works too). */
import { useRef } from 'react';
import { useWorkbench } from '../app/context';

export const IMPORT_ACCEPT = '.csv,.tsv,.txt,.tab,.xlsx,text/csv,text/tab-separated-values,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function ImportButton({ primary = false, label = 'Import data…' }: { primary?: boolean; label?: string }) {
  const wb = useWorkbench();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <button type="button" className={`btn${primary ? ' primary' : ''}`} onClick={() => input.current?.click()}>
        {label}
      </button>
      <input
        ref={input}
        type="file"
        hidden
        multiple
        accept={IMPORT_ACCEPT}
        data-testid="import-input"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          void wb.importFiles(files);
        }}
      />
    </>
  );
}
