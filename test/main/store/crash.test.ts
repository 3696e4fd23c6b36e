/**
 * Durability: a process storing fits is killed with SIGKILL at random moments, 50 times. After each
 * kill the project must open, pass an integrity check, and hold exactly the fits whose commit had
 * finished (plus at most the one being committed at the kill), each complete.
 */
import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Project } from '../../../src-main/store/project';
import { buildWorker } from '../helpers/buildWorker';
import { tempDir } from '../helpers/tmp';
import { reportFor } from './fixtures/fitContent';

const KILLS = 50;
const { dir, cleanup } = tempDir('quadrat-crash-');
let writer: string;

beforeAll(async () => {
  writer = await buildWorker('test/main/store/fixtures/fitWriter.ts', 'fitWriter');
});
afterAll(() => {
  rmSync(writer, { force: true });
  cleanup();
});

/** A rollback journal still holding a transaction starts with SQLite's journal magic (a finished one is zeroed). */
function isHotJournal(file: string): boolean {
  if (!existsSync(file)) return false;
  const fd = openSync(file, 'r');
  const head = Buffer.alloc(8);
  readSync(fd, head, 0, 8, 0);
  closeSync(fd);
  return head.equals(Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]));
}

/** Runs the writer until a random moment after its first commit, kills it, returns what it reported. */
function runAndKill(path: string, start: number, delayMs: number): Promise<{ done: number[]; begun: number[] }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [writer, path, String(start)], { stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (!timer && out.includes('\ndone ')) timer = setTimeout(() => child.kill('SIGKILL'), delayMs);
    });
    child.stderr.on('data', (d: Buffer) => (err += d.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => {
      if (signal !== 'SIGKILL') return reject(new Error(`writer ended on its own (code ${code}): ${err}`));
      const lines = out.split('\n');
      const nums = (tag: string) => lines.filter((l) => l.startsWith(tag + ' ')).map((l) => Number(l.slice(tag.length + 1)));
      resolve({ done: nums('done'), begun: nums('begin') });
    });
  });
}

describe('crash safety', () => {
  it(`keeps exactly the committed fits through ${KILLS} SIGKILLs at random moments`, async () => {
    const path = join(dir, 'crash.quadrat');
    const p = Project.create(path, 'crash-test');
    p.datasets.add('d', { nrow: 50, columns: [{ name: 'y', type: 'numeric', values: new Float64Array(50) }] }, null);
    p.close();

    let expected = new Set<number>();
    let next = 1;
    let totalCommitted = 0;
    let hotJournals = 0;
    for (let round = 0; round < KILLS; round++) {
      const delay = Math.floor(Math.random() * 60);
      const { done, begun } = await runAndKill(path, next, delay);
      const inFlight = begun.filter((k) => !done.includes(k));
      if (isHotJournal(`${path}-journal`)) hotJournals++; // killed inside a transaction
      const q = Project.open(path); // must open: never a damaged file
      expect(String(q.db.pragma('integrity_check', { simple: true }))).toBe('ok');
      const stored = q.fits.list();
      const ids = new Set(stored.map((f) => Number(f.name.slice(4))));
      for (const k of done) expect(ids.has(k), `fit ${k} was committed before the kill`).toBe(true);
      for (const k of ids) expect(expected.has(k) || done.includes(k) || inFlight.includes(k), `fit ${k} appeared from nowhere`).toBe(true);
      for (const k of expected) expect(ids.has(k), `fit ${k} from an earlier round is gone`).toBe(true);
      // Every stored fit is whole.
      for (const f of stored) {
        const k = Number(f.name.slice(4));
        if (done.includes(k) || inFlight.includes(k)) expect(q.fits.get(f.id).report).toEqual(reportFor(k));
      }
      expect(q.datasets.table(q.datasets.list()[0].id).nrow).toBe(50);
      q.close();
      totalCommitted += done.length;
      expected = ids;
      next = Math.max(next, ...begun) + 1;
    }
    expect(totalCommitted).toBeGreaterThanOrEqual(KILLS); // each kill came after at least one commit of its round
    expect(hotJournals).toBeGreaterThan(0); // and some inside a transaction, which reopening rolled back
    console.log(`crash test: ${totalCommitted} fits committed, ${hotJournals} of ${KILLS} kills inside a transaction`);
    // 50 process starts: a generous limit that only catches a hang (a loaded 2-core machine took > 120 s)
  }, 600_000);
});
