/**
 * Bytes → text. UTF-8 (with or without BOM) when the bytes are valid UTF-8; UTF-16 when a UTF-16 BOM
 * says so (Excel's "Unicode text"); otherwise Latin-1 as Windows writes it (code page 1252), the
 * usual encoding of CSV files saved by older Excel versions. NUL bytes mean the file is not text.
 * Takes bytes, not a path, so the engine stays free of file I/O.
 */
import { QuadratError } from '../errors/quadratError';
import { type TextEncoding } from './importOptions';

interface Decoder {
  decode(bytes: Uint8Array): string;
}
// TextDecoder exists in Node, workers and browsers alike; the engine's type library (ES only) lacks it.
const TextDecoderCtor = (globalThis as unknown as { TextDecoder: new (label: string, opts?: { fatal: boolean }) => Decoder })
  .TextDecoder;

export interface DecodedText {
  text: string;
  encoding: TextEncoding;
}

export function decodeText(bytes: Uint8Array, fileName?: string): DecodedText {
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, 'utf-16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, 'utf-16be');
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    throw new QuadratError(
      'data',
      `This file is not a text table: it contains binary data (a zero byte at position ${nul + 1}). ` +
        'Save your data as CSV (text) or as an Excel .xlsx workbook and open that.',
      { file: fileName },
    );
  }
  const body = hasUtf8Bom(bytes) ? bytes.subarray(3) : bytes;
  try {
    return { text: new TextDecoderCtor('utf-8', { fatal: true }).decode(body), encoding: 'utf-8' };
  } catch {
    return { text: decodeWindows1252(body), encoding: 'latin1' };
  }
}

function hasUtf8Bom(b: Uint8Array): boolean {
  return b.length >= 3 && b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf;
}

function utf16(bytes: Uint8Array, encoding: 'utf-16le' | 'utf-16be'): DecodedText {
  // The decoder drops the BOM itself; unpaired surrogates become U+FFFD rather than failing.
  return { text: new TextDecoderCtor(encoding).decode(bytes), encoding };
}

// Code page 1252 differs from ISO-8859-1 only in 0x80–0x9F (€, curly quotes, dashes, …).
const CP1252_HIGH =
  '\u20ac\u0081\u201a\u0192\u201e\u2026\u2020\u2021\u02c6\u2030\u0160\u2039\u0152\u008d\u017d\u008f' +
  '\u0090\u2018\u2019\u201c\u201d\u2022\u2013\u2014\u02dc\u2122\u0161\u203a\u0153\u009d\u017e\u0178';

export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const end = Math.min(bytes.length, start + CHUNK);
    const codes = new Array<number>(end - start);
    for (let i = start; i < end; i++) {
      const b = bytes[i];
      codes[i - start] = b >= 0x80 && b <= 0x9f ? CP1252_HIGH.charCodeAt(b - 0x80) : b;
    }
    parts.push(String.fromCharCode(...codes));
  }
  return parts.join('');
}
