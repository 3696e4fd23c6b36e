/**
 * "Report": the fit written up for a paper (methods paragraph, results sentences, APA tables,
 * references, optionally the R code) as Word, HTML, Markdown or LaTeX; or the R code alone.
 */
import { useState } from 'react';
import { useWorkbench } from '../app/context';
import { Dropdown } from '../app/Dropdown';
import type { ReportSettings } from '../app/workbench';

const FORMATS = [
  { format: 'docx', label: 'Word document (.docx)' },
  { format: 'html', label: 'Web page (.html)' },
  { format: 'md', label: 'Markdown (.md)' },
  { format: 'tex', label: 'LaTeX (.tex)' },
] as const;

export function ReportMenu({ fitId }: { fitId: number }) {
  const wb = useWorkbench();
  const [settings, setSettings] = useState<ReportSettings>({ digits: 2, pStyle: 'apa', decimalComma: false });
  const [rCode, setRCode] = useState(true);
  return (
    <Dropdown label="Report ▾" testId="report-menu">
      {(close) => (
        <>
          {FORMATS.map((f) => (
            <button
              key={f.format}
              type="button"
              role="menuitem"
              onClick={() => {
                close();
                void wb.exportFile('Writing the report', (destination) =>
                  wb.api.export.report({ fitId, format: f.format, settings, includeRCode: rCode, destination }),
                );
              }}
            >
              {f.label}
            </button>
          ))}
          <button
            type="button"
            role="menuitem"
            onClick={() => {
              close();
              void wb.exportFile('Writing the R code', (destination) => wb.api.export.rCode({ fitId, destination }));
            }}
          >
            R code only (.R)
            <span className="muted small">lme4/lmerTest code that reproduces this fit</span>
          </button>
          <div className="menu-form report-options">
            <label>
              Decimals{' '}
              <select value={settings.digits} onChange={(e) => setSettings({ ...settings, digits: Number(e.target.value) })}>
                {[1, 2, 3, 4].map((d) => (
                  <option key={d}>{d}</option>
                ))}
              </select>
            </label>
            <label>
              p-values{' '}
              <select value={settings.pStyle} onChange={(e) => setSettings({ ...settings, pStyle: e.target.value as ReportSettings['pStyle'] })}>
                <option value="apa">APA (.023, &lt; .001)</option>
                <option value="decimal">0.023</option>
                <option value="scientific">2.3e-02</option>
              </select>
            </label>
            <label className="check">
              <input type="checkbox" checked={settings.decimalComma} onChange={(e) => setSettings({ ...settings, decimalComma: e.target.checked })} />
              Decimal comma
            </label>
            <label className="check">
              <input type="checkbox" checked={settings.readableTerms === true} data-testid="report-readable-terms" onChange={(e) => setSettings({ ...settings, readableTerms: e.target.checked })} />
              Readable term names beside R&apos;s (Sex: male)
            </label>
            <label className="check">
              <input type="checkbox" checked={rCode} onChange={(e) => setRCode(e.target.checked)} />
              Include the R code
            </label>
          </div>
        </>
      )}
    </Dropdown>
  );
}
