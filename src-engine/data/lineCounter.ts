/** Maps character offsets in a '\n'-terminated text to 1-based line numbers, moving forward only. */
export class LineCounter {
  private pos = 0;
  private line = 1;

  constructor(private readonly text: string) {}

  /** Line of offset `to` (must not be before the previous call's offset). */
  lineAt(to: number): number {
    const { text } = this;
    for (let i = this.pos; i < to; i++) if (text.charCodeAt(i) === 10) this.line++;
    this.pos = Math.max(this.pos, to);
    return this.line;
  }

  /** Offset of the first character at or after `from` that is not a line break (skipped blank lines). */
  skipBlankLines(from: number): number {
    let i = from;
    while (i < this.text.length && this.text.charCodeAt(i) === 10) i++;
    return i;
  }
}
