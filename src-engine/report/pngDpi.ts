/**
 * Record the resolution in a PNG (its pHYs chunk, in pixels per metre), so Word, LibreOffice and
 * journal systems place a 600-dpi image at its intended printed size. Pure bytes in, bytes out.
 */
const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

let table: Uint32Array | undefined;
function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (const b of bytes) c = table[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

const u32 = (v: number) => [(v >>> 24) & 255, (v >>> 16) & 255, (v >>> 8) & 255, v & 255];

function physChunk(dpi: number): Uint8Array {
  const ppm = Math.round(dpi / 0.0254);
  const typeAndData = new Uint8Array([...[0x70, 0x48, 0x59, 0x73], ...u32(ppm), ...u32(ppm), 1]);
  return new Uint8Array([...u32(9), ...typeAndData, ...u32(crc32(typeAndData))]);
}

/** The PNG with one pHYs chunk for `dpi`, placed right after IHDR (any old pHYs is dropped). */
export function setPngDpi(png: Uint8Array, dpi: number): Uint8Array {
  if (!SIGNATURE.every((b, i) => png[i] === b)) throw new Error('setPngDpi: not a PNG');
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  const parts: Uint8Array[] = [png.subarray(0, 8)];
  let pos = 8;
  while (pos < png.length) {
    const len = view.getUint32(pos);
    const type = String.fromCharCode(...png.subarray(pos + 4, pos + 8));
    const end = pos + 12 + len;
    if (type !== 'pHYs') parts.push(png.subarray(pos, end));
    if (type === 'IHDR') parts.push(physChunk(dpi));
    pos = end;
  }
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

/** The resolution a PNG records, or null. */
export function pngDpi(png: Uint8Array): number | null {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  for (let pos = 8; pos + 12 <= png.length; pos += 12 + view.getUint32(pos)) {
    if (String.fromCharCode(...png.subarray(pos + 4, pos + 8)) === 'pHYs' && png[pos + 16] === 1) return view.getUint32(pos + 8) * 0.0254;
  }
  return null;
}
