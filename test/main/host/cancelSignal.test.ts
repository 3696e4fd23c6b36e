/**
 * The shared-flag cancel signal (src-main/host/cancelSignal.ts): reads the flag another thread raises,
 * and every signal reads it through one getter on a prototype (one map for all fits' signals).
 */
import { describe, expect, it } from 'vitest';
import { raiseFlag, signalFromFlag } from '../../../src-main/host/cancelSignal';

describe('signalFromFlag', () => {
  it('is aborted once the flag is raised, and never without a flag', () => {
    const flag = new SharedArrayBuffer(4);
    const signal = signalFromFlag(flag);
    expect(signal.aborted).toBe(false);
    raiseFlag(flag);
    expect(signal.aborted).toBe(true);
    expect(signalFromFlag(undefined).aborted).toBe(false);
  });

  it('keeps its getter on the prototype, shared by every signal', () => {
    const a = signalFromFlag(new SharedArrayBuffer(4));
    const b = signalFromFlag(new SharedArrayBuffer(4));
    expect(Object.getOwnPropertyDescriptor(a, 'aborted')).toBeUndefined();
    expect(Object.getPrototypeOf(a)).toBe(Object.getPrototypeOf(b));
  });
});
