import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { tempDir } from '../helpers/tmp';

vi.mock('electron', () => ({ protocol: {} }));
const { appResponse } = await import('../../../src-main/electron/appProtocol');
const { CONTENT_SECURITY_POLICY } = await import('../../../src-main/web/staticFiles');

const { dir, cleanup } = tempDir();
afterAll(cleanup);
const root = join(dir, 'dist-web');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<!doctype html><title>Q</title>');
writeFileSync(join(root, 'assets', 'a.js'), 'export {}');
writeFileSync(join(dir, 'secret.txt'), 'no');

describe('app:// protocol', () => {
  it('serves the renderer with the strict CSP', async () => {
    const res = await appResponse(root, 'app://quadrat/index.html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await res.text()).toContain('<title>Q</title>');
    expect((await appResponse(root, 'app://quadrat/assets/a.js')).headers.get('content-type')).toMatch(/javascript/);
  });

  it('never serves outside its folder or for another host', async () => {
    expect((await appResponse(root, 'app://quadrat/..%2fsecret.txt')).status).toBe(404);
    expect((await appResponse(root, 'app://quadrat/%2e%2e/secret.txt')).status).toBe(404);
    expect((await appResponse(root, 'app://other/index.html')).status).toBe(404);
    expect((await appResponse(root, 'app://quadrat/missing.js')).status).toBe(404);
  });
});
