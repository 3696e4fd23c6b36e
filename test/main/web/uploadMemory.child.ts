/**
 * Child process of upload.test.ts: a server with a stand-in app (dataset.import reports the size of
 * the file it was given), one upload of a generated CSV of SIZE bytes streamed from disk, and the
 * peak growth of rss and arrayBuffers over the baseline, sampled while the body arrives. Prints JSON.
 */
import { createReadStream, statSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { join } from 'node:path';
import { type ApiApp } from '../../../src-main/api/apiApp';
import { startHttpTransport } from '../../../src-main/web/httpTransport';

const [dir, sizeText] = process.argv.slice(2);
const size = Number(sizeText);
const file = join(dir, 'big.csv');
const row = 'site,plot,12.345678,0.987654,A\n';
writeFileSync(file, 'site,plot,x,y,g\n' + row.repeat(Math.ceil(size / row.length)));
const bytes = statSync(file).size;

const app = {
  call: (method: string, params: { source: { kind: string; path: string } }) =>
    Promise.resolve(method === 'dataset.import' && params.source.kind === 'path'
      ? { ok: true, result: { importedBytes: statSync(params.source.path).size } }
      : { ok: false, status: 400, error: { kind: 'input', message: `unexpected ${method}` } }),
  subscribe: () => () => undefined,
} as unknown as ApiApp;

async function main(): Promise<void> {
  const server = await startHttpTransport({ app });
  global.gc?.();
  const base = process.memoryUsage();
  let peakRss = base.rss;
  let peakBuffers = base.arrayBuffers;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakBuffers = Math.max(peakBuffers, m.arrayBuffers);
  };
  const sampler = setInterval(sample, 1);
  const body = await new Promise<string>((resolve, reject) => {
    const req = request(`${server.url}api/dataset.upload?fileName=big.csv`, { method: 'POST', headers: { authorization: `Bearer ${server.token}`, 'content-type': 'application/octet-stream' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => {
        sample();
        chunks.push(c);
      });
      res.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    });
    req.on('error', reject);
    createReadStream(file).on('data', sample).pipe(req);
  });
  clearInterval(sampler);
  sample();
  await server.close();
  process.stdout.write(JSON.stringify({ bytes, body: JSON.parse(body) as unknown, rssGrowth: peakRss - base.rss, arrayBuffersGrowth: peakBuffers - base.arrayBuffers }) + '\n');
}
void main();
