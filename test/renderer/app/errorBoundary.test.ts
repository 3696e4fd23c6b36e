/** A pane that throws while drawing shows its message and a way back, instead of blanking the app (issue 16). */
import { isValidElement, type ReactElement } from 'react';
import { describe, expect, it } from 'vitest';
import { ErrorBoundary } from '../../../src-renderer/app/ErrorBoundary';

function text(node: unknown): string {
  if (node === null || node === undefined || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(text).join('');
  if (isValidElement(node)) return text((node as ReactElement<{ children?: unknown }>).props.children);
  return '';
}

describe('ErrorBoundary', () => {
  it('renders its children until something throws', () => {
    const b = new ErrorBoundary({ what: 'the results', children: 'table' });
    expect(b.render()).toBe('table');
  });

  it('catches a render error into its state and shows the message, the reassurance and a retry', () => {
    const b = new ErrorBoundary({ what: 'the results', children: 'table' });
    b.state = ErrorBoundary.getDerivedStateFromError(new Error('x is undefined'));
    const out = b.render();
    expect(isValidElement(out)).toBe(true);
    const shown = text(out);
    expect(shown).toContain('Something went wrong showing the results: x is undefined');
    expect(shown).toContain('Your data, fits and project are safe');
    expect(shown).toContain('Try again');
  });
});
