/**
 * Copies rich text (HTML for Word/LibreOffice plus a plain-text version) from a user gesture. Uses a
 * one-off copy event rather than navigator.clipboard, which needs a permission the Electron app
 * refuses to every page.
 */
export function copyRich(html: string, text: string): boolean {
  let done = false;
  const onCopy = (e: ClipboardEvent) => {
    e.preventDefault();
    e.clipboardData?.setData('text/html', html);
    e.clipboardData?.setData('text/plain', text);
    done = true;
  };
  document.addEventListener('copy', onCopy, { once: true });
  try {
    document.execCommand('copy');
  } finally {
    document.removeEventListener('copy', onCopy);
  }
  return done;
}
