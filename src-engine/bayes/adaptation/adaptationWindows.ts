/**
 * Stan's windowed_adaptation schedule for the metric: an initial buffer (step size only), slow
 * windows that double from the base window (the last stretched to meet the terminal buffer), and a
 * terminal buffer. With fewer than 20 warm-up iterations there is no metric adaptation, and (as in
 * Stan, see the constructor) none either when init_buffer + window + term_buffer exceeds the warm-up.
 */
export interface WindowSettings {
  numWarmup: number;
  initBuffer: number;
  termBuffer: number;
  baseWindow: number;
}

export class AdaptationWindows {
  private numWarmup = 0;
  private initBuffer = 0;
  private termBuffer = 0;
  private baseWindow = 0;
  private counter = 0;
  private windowSize = 0;
  private nextWindow = -1;
  /** What Stan logs when it changes the buffers (shown to the user as a note). */
  readonly notes: string[] = [];

  constructor(s: WindowSettings) {
    if (s.numWarmup < 20) {
      this.notes.push('No metric adaptation is performed with fewer than 20 warm-up iterations.');
      this.restart();
      return;
    }
    this.numWarmup = s.numWarmup;
    if (s.initBuffer + s.baseWindow + s.termBuffer > s.numWarmup) {
      // Stan logs that it reduces the stages to 15% / 75% / 10%, but this branch of its
      // set_window_params returns before restart(), so the first window's end stays at the
      // constructor's (unsigned) −1 and is never reached: the metric keeps its initial value and
      // only the step size is adapted (rstan 2.21 and Stan's current source; checked with
      // get_adaptation_info at warm-up 100, 149 and 150). Quadrat does what Stan does.
      this.initBuffer = Math.trunc(0.15 * s.numWarmup);
      this.termBuffer = Math.trunc(0.1 * s.numWarmup);
      this.baseWindow = s.numWarmup - (this.initBuffer + this.termBuffer);
      this.counter = 0;
      this.windowSize = 0;
      this.nextWindow = -1;
      this.notes.push(
        `The warm-up (${s.numWarmup} iterations) is shorter than Stan's adaptation windows need ` +
          `(${s.initBuffer} + ${s.baseWindow} + ${s.termBuffer}). As in Stan and brms, only the step size ` +
          'was adapted and the mass matrix stayed the identity; use a warm-up of at least ' +
          `${s.initBuffer + s.baseWindow + s.termBuffer} iterations to adapt it.`,
      );
      return;
    }
    this.initBuffer = s.initBuffer;
    this.termBuffer = s.termBuffer;
    this.baseWindow = s.baseWindow;
    this.restart();
  }

  private restart(): void {
    this.counter = 0;
    this.windowSize = this.baseWindow;
    this.nextWindow = this.initBuffer + this.windowSize - 1;
  }

  /** Whether the current iteration's draw goes into the variance estimate. */
  inWindow(): boolean {
    return this.counter >= this.initBuffer && this.counter < this.numWarmup - this.termBuffer && this.counter !== this.numWarmup;
  }

  /** Whether the current iteration closes a slow window. */
  atWindowEnd(): boolean {
    return this.counter === this.nextWindow && this.counter !== this.numWarmup;
  }

  computeNextWindow(): void {
    const last = this.numWarmup - this.termBuffer - 1;
    if (this.nextWindow === last) return;
    this.windowSize *= 2;
    this.nextWindow = this.counter + this.windowSize;
    if (this.nextWindow === last) return;
    // if the window after this one would not fit, stretch this one to the terminal buffer
    const nextWindowBoundary = this.nextWindow + 2 * this.windowSize;
    if (nextWindowBoundary >= this.numWarmup - this.termBuffer) this.nextWindow = last;
  }

  advance(): void {
    this.counter++;
  }
}
