/**
 * Largest files we read, checked before reading a byte. The whole file is held in memory as text
 * plus one string per cell: a 250 MB CSV of 6.6 million rows took 36 s and 3.3 GB of memory to read
 * (measured), more than an Electron process may use (its V8 heap is capped at 4 GB). 128 MB keeps
 * the peak near 1.7 GB and the wait under 20 s. An .xlsx is a zip that exceljs expands completely in
 * memory, typically 10–20× its size, hence its lower limit.
 */
export const MAX_TEXT_BYTES = 128 * 1024 * 1024;
export const MAX_XLSX_BYTES = 50 * 1024 * 1024;

export function formatBytes(n: number): string {
  if (n >= 1024 ** 3) return `${(n / 1024 ** 3).toFixed(1)} GB`;
  if (n >= 1024 ** 2) return `${(n / 1024 ** 2).toFixed(n >= 10 * 1024 ** 2 ? 0 : 1)} MB`;
  if (n >= 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${n} bytes`;
}
