import { describe, expect, it } from 'vitest';
import { fixed, formatCorr, formatDf, formatP, formatSettings, PLAIN } from '../../../src-engine/report/format';

describe('report number formats', () => {
  const apa = formatSettings();
  it('writes p-values in APA style: no leading zero, < .001, never 1.000', () => {
    expect(formatP(0.0234, apa)).toBe('.023');
    expect(formatP(0.0004, apa)).toBe('< .001');
    expect(formatP(0.001, apa)).toBe('.001');
    expect(formatP(0.00049, apa)).toBe('< .001');
    expect(formatP(0.9996, apa)).toBe('> .999');
    expect(formatP(0.5, apa)).toBe('.500');
  });
  it('offers leading-zero and R-like scientific p-values', () => {
    expect(formatP(0.0004, formatSettings({ pStyle: 'decimal' }))).toBe('< 0.001');
    expect(formatP(0.0234, formatSettings({ pStyle: 'decimal', pDigits: 4 }))).toBe('0.0234');
    expect(formatP(3.26382e-6, formatSettings({ pStyle: 'scientific' }))).toBe('3.26e-06');
    expect(formatP(0.0123, formatSettings({ pStyle: 'scientific' }))).toBe('0.0123');
    expect(formatP(1e-20, formatSettings({ pStyle: 'scientific' }))).toBe('< 2.2e-16');
  });
  it('uses the decimal comma and a true minus sign where typeset', () => {
    const comma = formatSettings({ decimalComma: true });
    expect(fixed(-1.234, 2, comma)).toBe('\u22121,23');
    expect(fixed(-1.234, 2, comma, PLAIN)).toBe('-1,23');
    expect(formatP(0.0234, comma)).toBe(',023');
    expect(fixed(-0.001, 2, apa)).toBe('0.00');
  });
  it('writes whole df without decimals, fractional with dfDigits; correlations without leading zero', () => {
    expect(formatDf(3, apa)).toBe('3');
    expect(formatDf(16.9997, apa)).toBe('17.0');
    expect(formatDf(334.38, formatSettings({ dfDigits: 2 }))).toBe('334.38');
    expect(formatCorr(-0.6662, apa)).toBe('\u2212.67');
    expect(formatCorr(0.066, apa)).toBe('.07');
  });
  it('refuses nonsense digit settings', () => {
    expect(() => formatSettings({ digits: -1 })).toThrow(RangeError);
    expect(() => formatSettings({ pDigits: 1.5 })).toThrow(RangeError);
  });
});
