/** Reading user-chosen files in the browser. */

/** "45%" of an upload (whole percent, never 100% before the last byte). */
export function uploadPercent(loaded: number, total: number): string {
  if (total <= 0) return '0%';
  return `${Math.min(99, Math.floor((100 * loaded) / total))}%`;
}

/** A size as people read it: 512 B, 8.9 MB. */
export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  const units = ['kB', 'MB', 'GB'];
  let v = n / 1024;
  let u = 0;
  for (; v >= 1024 && u < units.length - 1; u++) v /= 1024;
  return `${v.toFixed(v < 10 ? 1 : 0)} ${units[u]}`;
}

/** Saves text as a download (browser build; Electron uses native dialogs instead). */
export function downloadText(fileName: string, mimeType: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** Saves an export result inline (browser): text as is, base64 (docx, PNG, PDF) decoded to bytes. */
export function downloadResult(r: { fileName: string; mimeType: string; content: string | null; encoding?: 'utf8' | 'base64' }): void {
  if (r.content == null) return;
  if (r.encoding !== 'base64') return downloadText(r.fileName, r.mimeType, r.content);
  const bin = atob(r.content);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  const url = URL.createObjectURL(new Blob([bytes], { type: r.mimeType }));
  const a = document.createElement('a');
  a.href = url;
  a.download = r.fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
