/** Reading user-chosen files in the browser. */

/** The file's bytes as base64 (dataset.import's 'bytes' source), in chunks to spare the stack. */
export async function fileToBase64(file: Blob): Promise<string> {
  const bytes = new Uint8Array(await file.arrayBuffer());
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) {
    binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  }
  return btoa(binary);
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
