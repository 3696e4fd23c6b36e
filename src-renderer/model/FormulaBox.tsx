/**
 * The editable lme4 formula. A mirror layer behind the transparent textarea draws a wavy underline
 * under the character an error points at; the message sits right below.
 */
import { useRef } from 'react';
import type { FormulaIssue } from './formulaTerms';

interface Props {
  value: string;
  issue: FormulaIssue | null;
  message: string | null;
  warnings: string[];
  onChange: (text: string) => void;
}

export function FormulaBox({ value, issue, message, warnings, onChange }: Props) {
  const mirror = useRef<HTMLDivElement>(null);
  const start = issue ? Math.min(issue.start, value.length) : 0;
  const end = issue ? Math.min(Math.max(issue.end, start + 1), value.length + 1) : 0;
  return (
    <div className="formula">
      <label htmlFor="formula-input" className="section-label">
        Formula <span className="muted small">(lme4 syntax; edit freely)</span>
      </label>
      <div className={`formula-box${message ? ' has-error' : ''}`}>
        <div className="formula-mirror" ref={mirror} aria-hidden="true">
          {issue ? (
            <>
              {value.slice(0, start)}
              <mark className="formula-err">{value.slice(start, end) || ' '}</mark>
              {value.slice(end)}
            </>
          ) : (
            value
          )}
          {'\u200b'}
        </div>
        <textarea
          id="formula-input"
          data-testid="formula-input"
          value={value}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          rows={3}
          placeholder="Type a formula, e.g.  response ~ predictor + (1 | group)  — or build it above"
          aria-invalid={message ? true : undefined}
          aria-describedby={message ? 'formula-error' : undefined}
          onChange={(e) => onChange(e.target.value)}
          onScroll={(e) => {
            if (mirror.current) mirror.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      {message && (
        <p id="formula-error" className="formula-msg" role="alert" data-testid="formula-error">
          {issue && <span className="formula-col">at character {issue.start + 1}: </span>}
          {message}
        </p>
      )}
      {!message && warnings.map((w) => (
        <p key={w} className="formula-warn">
          {w}
        </p>
      ))}
    </div>
  );
}
