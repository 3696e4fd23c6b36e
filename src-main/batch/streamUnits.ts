/**
 * `quadrat batch --stream`: a delimited file read a few units at a time, so memory stays flat in the
 * number of units (10⁶ loci). The file must be grouped by the unit column — each unit's rows
 * together, as a methylation caller writes them. Records are gathered line by line (a quoted field may
 * span lines) until a block holds enough whole units; each block is parsed by the importer with the
 * header, with the separator, decimal mark and column types the first block decided, so every unit
 * sees the same column types as a whole-file read would give (declare them with --factor, --numeric…
 * where the first units could mislead). A unit name that comes back after another unit is an error.
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type BatchUnit, unitsByColumn } from '../../src-engine/batch/units';
import { importDelimited } from '../../src-engine/data/importDelimited';
import { type ImportOptions } from '../../src-engine/data/importOptions';
import { type ColumnType, type Table } from '../../src-engine/data/table';
import { QuadratError } from '../../src-engine/errors/quadratError';

export interface UnitBlock {
  table: Table;
  units: BatchUnit[];
}

export interface StreamOptions {
  /** Whole units per block (the last unit of a block is never split). */
  unitsPerBlock?: number;
  /** Also end a block at this many rows, at the next unit boundary. */
  rowsPerBlock?: number;
}

/** The fields of one record split at `sep` outside double quotes, unquoted. */
export function splitRecord(line: string, sep: string): string[] {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === sep) {
      out.push(field);
      field = '';
    } else field += c;
  }
  out.push(field);
  return out;
}

/** The separator the importer would detect on the header: the commonest of tab, ;, | and , outside quotes. */
function headerSeparator(header: string): string {
  const unquoted = header.replace(/"(?:[^"]|"")*"/g, '');
  let best = ',';
  let count = 0;
  for (const sep of [',', '\t', ';', '|']) {
    const n = unquoted.split(sep).length - 1;
    if (n > count) {
      best = sep;
      count = n;
    }
  }
  return best;
}

interface UnitRecord {
  header: string;
  /** The unit's name (the by column's field). */
  name: string;
  record: string;
}

/**
 * The file's records with their unit names, checking that units come grouped. `header` is the header
 * line; records are whole (a quoted field may span lines).
 */
async function* unitRecords(path: string, by: string, options: ImportOptions, checkGrouping: boolean): AsyncGenerator<UnitRecord> {
  const lines = createInterface({ input: createReadStream(path, { encoding: 'utf8' }), crlfDelay: Infinity });
  let header: string | null = null;
  let sep: string = options.sep ?? ',';
  let byIndex = -1;
  let record = '';
  let lineNo = 0;
  let recordLine = 0;
  let current: string | null = null;
  const finished = new Set<string>();
  for await (const line of lines) {
    lineNo++;
    if (record === '') recordLine = lineNo;
    record = record === '' ? line : `${record}\n${line}`;
    // a quoted field that spans lines leaves an odd number of quotes: read on
    if ((record.split('"').length - 1) % 2 === 1) continue;
    const rec = record;
    record = '';
    if (header === null) {
      if (rec.replace(/^\uFEFF/, '').trim() === '') continue;
      header = rec.replace(/^\uFEFF/, '');
      sep = options.sep ?? headerSeparator(header);
      byIndex = splitRecord(header, sep).map((h) => h.trim()).indexOf(by);
      if (byIndex < 0) throw new QuadratError('input', `There is no column "${by}" to split the batch by. Columns: ${splitRecord(header, sep).join(', ')}.`, { columnName: by });
      continue;
    }
    if (rec.trim() === '') continue;
    const name = (splitRecord(rec, sep)[byIndex] ?? '').trim();
    if (name !== current) {
      if (checkGrouping && current !== null) finished.add(current);
      if (checkGrouping && finished.has(name)) {
        throw new QuadratError(
          'input',
          `${path} is not grouped by ${by}: "${name}" comes back at line ${recordLine} after other units. --stream reads the file a unit at a time and needs each unit's rows together: sort the file by ${by}, or run without --stream.`,
          { line: recordLine, columnName: by },
        );
      }
      current = name;
    }
    yield { header, name, record: rec };
  }
  if (record !== '') throw new QuadratError('data', `${path} ends inside a quoted field that starts at line ${recordLine}.`, { line: recordLine });
}

/**
 * One pass that reads nothing but the unit column: how many units there are (and how many `keep`
 * accepts: a shard's), and the file checked to be grouped by unit before anything is fitted.
 */
export async function countStreamUnits(path: string, by: string, options: ImportOptions, keep: (name: string) => boolean): Promise<{ units: number; kept: number }> {
  let units = 0;
  let kept = 0;
  let last: string | null = null;
  for await (const r of unitRecords(path, by, options, true)) {
    if (r.name !== last && r.name !== '') {
      units++;
      if (keep(r.name)) kept++;
    }
    last = r.name;
  }
  return { units, kept };
}

export async function* streamUnitBlocks(path: string, by: string, options: ImportOptions, stream: StreamOptions = {}): AsyncGenerator<UnitBlock> {
  const unitsPerBlock = stream.unitsPerBlock ?? 256;
  const rowsPerBlock = stream.rowsPerBlock ?? 50_000;
  let fixed: ImportOptions | null = null;
  let header = '';
  let block: string[] = [];
  let blockUnits = 0;
  let current: string | null = null;

  const parse = (): UnitBlock => {
    const result = importDelimited(`${header}\n${block.join('\n')}\n`, fixed ?? options);
    if (!fixed) {
      // the first block decides the dialect and the column types for the whole file
      const columnTypes: Record<string, ColumnType> = {};
      for (const c of result.table.columns) columnTypes[c.name] = c.type;
      const format = result.format.kind === 'delimited' ? result.format : undefined;
      fixed = { ...options, ...(format ? { sep: format.sep, decimal: format.decimal } : {}), columnTypes };
    }
    block = [];
    blockUnits = 0;
    return { table: result.table, units: unitsByColumn(result.table, by) };
  };

  // countStreamUnits has checked the grouping: this pass keeps no names
  for await (const r of unitRecords(path, by, options, false)) {
    header = r.header;
    if (r.name !== current) {
      if (current !== null && ++blockUnits >= unitsPerBlock) yield parse();
      else if (current !== null && block.length >= rowsPerBlock) yield parse();
      current = r.name;
    }
    block.push(r.record);
  }
  if (block.length > 0) yield parse();
}
