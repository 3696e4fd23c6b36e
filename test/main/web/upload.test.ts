/**
 * A large uploaded file is streamed to disk and imported from there (issue 16: the JSON/base64 route
 * needed ~29× the file in memory). Memory is measured in a child process, so this test's own heap
 * does not blur it; the bound is on growth, never on time.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type ApiApp } from '../../../src-main/api/apiApp';
import { startHttpTransport } from '../../../src-main/web/httpTransport';

const SIZE = 64 * 1024 * 1024;

describe('dataset.upload', () => {
  it('streams a 64 MB CSV to the importer with memory growth well under the file size', () => {
    const dir = mkdtempSync(join(tmpdir(), 'quadrat-upload-test-'));
    try {
      const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', 'test/main/web/uploadMemory.child.ts', dir, String(SIZE)], { encoding: 'utf8' });
      expect(r.stderr).toBe('');
      const out = JSON.parse(r.stdout) as { bytes: number; body: { result?: { importedBytes: number } }; rssGrowth: number; arrayBuffersGrowth: number };
      // the importer got the whole file, from disk
      expect(out.body.result?.importedBytes).toBe(out.bytes);
      // the JSON route held the base64 text, its string, the decoded bytes and their copies (≫ 1×)
      expect(out.rssGrowth).toBeLessThan(out.bytes);
      expect(out.arrayBuffersGrowth).toBeLessThan(out.bytes);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);

  it('keeps the 413 limit, the token check and the Origin check', async () => {
    let calls = 0;
    const app = { call: () => Promise.resolve({ ok: true, result: ++calls }), subscribe: () => () => undefined } as unknown as ApiApp;
    const server = await startHttpTransport({ app, maxBodyBytes: 1024 });
    const url = `${server.url}api/dataset.upload?fileName=a.csv`;
    const auth = { authorization: `Bearer ${server.token}` };
    try {
      expect((await fetch(url, { method: 'POST', body: 'x'.repeat(4096), headers: auth })).status).toBe(413);
      expect((await fetch(url, { method: 'POST', body: 'a,b\n1,2\n' })).status).toBe(401);
      expect((await fetch(url, { method: 'POST', body: 'a,b\n1,2\n', headers: { ...auth, origin: 'http://evil.example' } })).status).toBe(403);
      expect((await fetch(`${server.url}api/dataset.upload`, { method: 'POST', body: 'a', headers: auth })).status).toBe(400);
      expect(calls).toBe(0);
      const ok = await fetch(url, { method: 'POST', body: 'a,b\n1,2\n', headers: auth });
      expect(ok.status).toBe(200);
      expect(calls).toBe(1);
    } finally {
      await server.close();
    }
  });
});
