/**
 * A data expression being typed (a computed column's definition, a row filter), with the character an
 * error points at underlined as in the formula box, and the message below it.
 */
import { useRef } from 'react';
import { type ExpressionIssue } from './expressionIssue';

interface Props {
  id: string;
  label: string;
  value: string;
  issue: ExpressionIssue | null;
  placeholder: string;
  testId: string;
  onChange: (text: string) => void;
  onSubmit?: () => void;
}

export function ExpressionField({ id, label, value, issue, placeholder, testId, onChange, onSubmit }: Props) {
  const mirror = useRef<HTMLDivElement>(null);
  const start = issue?.start != null ? Math.min(issue.start, value.length) : null;
  return (
    <div className="formula expression-field">
      <label htmlFor={id} className="section-label">
        {label}
      </label>
      <div className={`formula-box${issue ? ' has-error' : ''}`}>
        <div className="formula-mirror" ref={mirror} aria-hidden="true">
          {start != null ? (
            <>
              {value.slice(0, start)}
              <mark className="formula-err">{value.slice(start, start + 1) || ' '}</mark>
              {value.slice(start + 1)}
            </>
          ) : (
            value
          )}
          {'\u200b'}
        </div>
        <textarea
          id={id}
          data-testid={testId}
          value={value}
          rows={2}
          spellCheck={false}
          autoCapitalize="off"
          autoComplete="off"
          placeholder={placeholder}
          aria-invalid={issue ? true : undefined}
          aria-describedby={issue ? `${id}-error` : undefined}
          onChange={(e) => onChange(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && onSubmit) {
              e.preventDefault();
              onSubmit();
            }
          }}
          onScroll={(e) => {
            if (mirror.current) mirror.current.scrollTop = e.currentTarget.scrollTop;
          }}
        />
      </div>
      {issue && (
        <p id={`${id}-error`} className="formula-msg" role="alert" data-testid={`${testId}-error`}>
          {issue.start != null && <span className="formula-col">at character {issue.start + 1}: </span>}
          {issue.message}
        </p>
      )}
    </div>
  );
}
