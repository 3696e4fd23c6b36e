/**
 * The stylesheet closes every rule it opens: one unclosed `.bayes-history {` once nested every later
 * rule under it (CSS nesting), so the nlme builder, the settings panel and the design check were
 * silently unstyled. Braces inside comments and strings are not counted.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

describe('src-renderer/styles.css', () => {
  it('closes every rule it opens, at the top level', () => {
    const css = readFileSync('src-renderer/styles.css', 'utf8').replace(/\/\*[\s\S]*?\*\//g, '').replace(/"[^"]*"|'[^']*'/g, '""');
    let depth = 0;
    let line = 1;
    const open: number[] = [];
    for (const ch of css) {
      if (ch === '\n') line++;
      if (ch === '{') open.push(line);
      if (ch === '}') open.pop();
      depth = open.length;
    }
    expect(depth, `unclosed rule opened at line(s) ${open.join(', ')} (lines counted without comments)`).toBe(0);
  });
});
