/**
 * The engine's cancel signal, backed by a shared Int32 flag that another thread sets to 1. A class: its
 * getter lives on the prototype, so every fit's signal has the same map (a getter in an object literal
 * gives each object a map of its own, and the optimizer's `signal.aborted` checks would see a new one per
 * fit; src-engine/report/lazyProperties.ts).
 */
class FlagSignal {
  private readonly view: Int32Array;

  constructor(flag: SharedArrayBuffer) {
    this.view = new Int32Array(flag);
  }

  get aborted(): boolean {
    return Atomics.load(this.view, 0) === 1;
  }
}

export function signalFromFlag(flag: SharedArrayBuffer | undefined): { readonly aborted: boolean } {
  return flag ? new FlagSignal(flag) : { aborted: false };
}

export function raiseFlag(flag: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(flag), 0, 1);
}
