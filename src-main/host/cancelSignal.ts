/** The engine's cancel signal, backed by a shared Int32 flag that another thread sets to 1. */
export function signalFromFlag(flag: SharedArrayBuffer | undefined): { readonly aborted: boolean } {
  if (!flag) return { aborted: false };
  const view = new Int32Array(flag);
  return {
    get aborted() {
      return Atomics.load(view, 0) === 1;
    },
  };
}

export function raiseFlag(flag: SharedArrayBuffer): void {
  Atomics.store(new Int32Array(flag), 0, 1);
}
