import { describe, expect, it } from 'vitest';
import { formatCell, parseCell, parseClipboardBlock, parseNumberLoose } from '../../../src-renderer/data/cellValues';

describe('parseNumberLoose', () => {
  it.each([
    ['1.5', 1.5],
    ['1,5', 1.5],
    ['-3e2', -300],
    ['1,234.5', 1234.5],
    ['1.234,5', 1234.5],
    [' 42 ', 42],
    ['.5', 0.5],
    ['12 345', 12345],
  ])('%s → %s', (t, x) => expect(parseNumberLoose(t)).toBe(x));
  it.each(['abc', '1.2.3', '--1', '1e', ''])('%s is not a number', (t) => expect(parseNumberLoose(t)).toBeNull());
});

describe('parseCell', () => {
  it('reads missing values in every type', () => {
    for (const type of ['numeric', 'factor', 'logical', 'text'] as const) {
      expect(parseCell('NA', type)).toEqual({ ok: true, value: null });
      expect(parseCell('  ', type)).toEqual({ ok: true, value: null });
    }
  });
  it('refuses a word in a numeric column with a reason', () => {
    const r = parseCell('ten', 'numeric');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(/not a number/);
  });
  it('reads logicals as R does', () => {
    expect(parseCell('TRUE', 'logical')).toEqual({ ok: true, value: true });
    expect(parseCell('f', 'logical')).toEqual({ ok: true, value: false });
    expect(parseCell('maybe', 'logical').ok).toBe(false);
  });
  it('keeps factor labels as text', () => {
    expect(parseCell(' 308 ', 'factor')).toEqual({ ok: true, value: '308' });
  });
});

describe('formatCell', () => {
  it('shows NA, TRUE/FALSE and trims float noise', () => {
    expect(formatCell(null)).toBe('NA');
    expect(formatCell(true)).toBe('TRUE');
    expect(formatCell(0.1 + 0.2)).toBe('0.3');
    expect(formatCell('a')).toBe('a');
  });
});

describe('parseClipboardBlock', () => {
  it('reads an Excel block with CRLF and a trailing newline', () => {
    expect(parseClipboardBlock('1\t2\r\n3\t4\r\n')).toEqual([
      ['1', '2'],
      ['3', '4'],
    ]);
  });
  it('keeps quoted cells with tabs and newlines together', () => {
    expect(parseClipboardBlock('"a\tb"\tc\n"line1\nline2"\td\n')).toEqual([
      ['a\tb', 'c'],
      ['line1\nline2', 'd'],
    ]);
  });
  it('reads a single column and empty cells', () => {
    expect(parseClipboardBlock('1\n\n3')).toEqual([['1'], [''], ['3']]);
    expect(parseClipboardBlock('1\t\t3')).toEqual([['1', '', '3']]);
  });
});
