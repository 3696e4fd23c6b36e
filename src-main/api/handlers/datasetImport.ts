/** Importing a data file into a project: parsed in an engine worker (big files take a while), stored here. */
import { basename, extname, resolve } from 'node:path';
import { type Project } from '../../store/project';
import { type ImportJobSource } from '../../host/protocol';
import { type LevelOrder } from '../../../src-engine/data/levels';
import { type AppContext } from '../context';
import { type DatasetInfo, type ImportSource } from '../shapes';
import { examplePath } from './examples';

export function toJobSource(ctx: AppContext, source: ImportSource): ImportJobSource {
  switch (source.kind) {
    case 'path':
      return { kind: 'path', path: resolve(source.path) };
    case 'text':
      return { kind: 'bytes', fileName: source.fileName, bytes: new Uint8Array(Buffer.from(source.text, 'utf8')) };
    case 'bytes':
      return { kind: 'bytes', fileName: source.fileName, bytes: new Uint8Array(Buffer.from(source.base64, 'base64')) };
    case 'example': {
      const { path, example } = examplePath(ctx, source.name);
      return { kind: 'path', path, columnTypes: example.columnTypes };
    }
  }
}

function fileNameOf(source: ImportJobSource): string {
  return source.kind === 'path' ? basename(source.path) : source.fileName;
}

export async function importInto(
  ctx: AppContext,
  project: Project,
  source: ImportJobSource,
  name?: string,
  sheet?: string,
  levelOrder?: LevelOrder,
): Promise<{ dataset: DatasetInfo; warnings: string[] }> {
  const fileName = fileNameOf(source);
  let id = '';
  const handle = ctx.host.run({ kind: 'import', source, sheet, levelOrder }, { onProgress: ctx.jobs.progressFor(() => id), onStart: ctx.jobs.startFor(() => id) });
  id = handle.id;
  ctx.jobs.track('import', `Import ${fileName}`, handle, project, () => ({ fitId: null }));
  const result = await handle.result;
  const datasetName = name ?? basename(fileName, extname(fileName));
  const dataset = await project.datasets.addInTurns(datasetName, result.table, fileName);
  return { dataset, warnings: result.notes.map((n) => n.message) };
}
