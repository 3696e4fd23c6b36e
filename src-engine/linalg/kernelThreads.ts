/**
 * Helper threads for the inverse kernel's large jobs (wasmInverse.ts: L⁻¹, L⁻ᵀL⁻¹, the level loop and
 * the Ψ products of the exact θ Hessian). The engine imports nothing from its host: a host that has threads (the CLI, the
 * app's engine worker; src-main/host/kernelHelpers.ts) installs a spawner that starts a thread running the
 * module's `work` on the shared memory. Without one (browsers, batch workers, most tests) a job runs on
 * the calling thread alone: the same items, so the same bits.
 */
import { type WasmMemory } from './wasmApi';

/**
 * Start a thread that instantiates `module` on `memory` and runs work(ctl, tid) whenever a job is posted
 * (word 0 of the control block at ctl changes), sleeping in Atomics.wait in between. The helper with
 * tid 1 first runs the module's warmUp() in a private shared memory of `warmUpPages` pages.
 */
export type SpawnHelper = (module: object, memory: WasmMemory, ctl: number, tid: number, warmUpPages: number) => void;

/** Pages warmUp()'s small problem needs (its 106,088 bytes: wasm/build-inverse-kernel.mjs). */
const WARM_UP_PAGES = 2;

/** The most threads (caller included) a job's scratch is laid out for. */
export const MAX_THREADS = 4;

let spawner: SpawnHelper | undefined;
let helpers = 0;
let helperItems = 0;

/** Items of the jobs posted in this thread that helper threads ran (tests: the helpers took part). */
export function kernelHelperItems(): number {
  return helperItems;
}

/** Let jobs use `count` helper threads (capped so that at most MAX_THREADS run a job), started by `spawn`. */
export function installKernelHelpers(count: number, spawn: SpawnHelper): void {
  helpers = Math.max(0, Math.min(MAX_THREADS - 1, Math.floor(count)));
  spawner = helpers > 0 ? spawn : undefined;
}

/** Job kinds of the module's `work` (wasm/build-inverse-kernel.mjs). */
export const JOB = { trtri: 1, gram: 2, levelQ: 3, levelDots: 4, sigmaTimes: 5, kScatter: 6, kGather: 7, zeros: 8 } as const;
export type JobKind = (typeof JOB)[keyof typeof JOB];

/** Bytes at the start of the shared memory that hold the control block (4 words and 12 parameters). */
export const CONTROL_BYTES = 64;
const OPEN_ITEMS = 0xffff;

/**
 * Posts jobs to the module's `work` on its shared memory and takes part in each: items are claimed one at
 * a time by whichever thread is free (so a helper still starting up costs nothing), and run() returns when
 * every item is done.
 */
export class JobPoster {
  private gen = 0;

  /** Threads, the caller included. */
  private threads = 1;

  /** The poster for a fresh instance of `module` on `memory`; its helpers start with enlist(). */
  constructor(
    private readonly module: object,
    private readonly memory: WasmMemory,
    private readonly work: (ctl: number, tid: number) => number,
  ) {}

  /** Start the installed helpers on this instance (once; they then take part in every job). */
  enlist(): void {
    if (this.threads > 1 || !spawner) return;
    for (let tid = 1; tid <= helpers; tid++) spawner(this.module, this.memory, 0, tid, WARM_UP_PAGES);
    this.threads = 1 + helpers;
  }

  /** Whether helper threads take part in this instance's jobs (enlist() started them). */
  get helped(): boolean {
    return this.threads > 1;
  }

  /** Items of the job posted and not yet joined (0: none). */
  private pending = 0;

  /** Post a job and take part in it: returns when every item is done. */
  run(kind: JobKind, items: number, params: readonly number[]): void {
    this.post(kind, items, params);
    this.join();
  }

  /**
   * Post a job for the helpers to start on, and return: the caller may do other work (none of it in this
   * memory's job regions) before join(). Without helpers nothing runs until join().
   */
  post(kind: JobKind, items: number, params: readonly number[]): void {
    if (this.pending > 0) throw new Error('JobPoster: a job is posted and not joined');
    if (items <= 0) return;
    if (items >= OPEN_ITEMS || params.length > 12) throw new Error('JobPoster: too many items or parameters');
    const ctl = new Int32Array(this.memory.buffer, 0, CONTROL_BYTES / 4);
    this.gen = (this.gen + 1) & 0x7fff;
    // closed while the parameters change: a thread that read the last job's count cannot claim from this one
    Atomics.store(ctl, 0, (this.gen << 16) | OPEN_ITEMS);
    for (let k = 0; k < params.length; k++) ctl[4 + k] = params[k];
    ctl[3] = kind;
    ctl[2] = items;
    Atomics.store(ctl, 1, 0);
    Atomics.store(ctl, 0, this.gen << 16);
    if (this.threads > 1) Atomics.notify(ctl, 0);
    this.pending = items;
  }

  /** Take part in the posted job until every item is done (nothing when none is posted). */
  join(): void {
    const items = this.pending;
    if (items === 0) return;
    const ctl = new Int32Array(this.memory.buffer, 0, CONTROL_BYTES / 4);
    helperItems += items - this.work(0, 0);
    // items a helper claimed may still be running
    for (let done = Atomics.load(ctl, 1); done < items; done = Atomics.load(ctl, 1)) Atomics.wait(ctl, 1, done);
    this.pending = 0;
  }
}
