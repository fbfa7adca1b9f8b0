// Draws build/icon.png (256×256), the app and installer icon: a blue rounded tile with a white
// record card and a car's two wheels — "the vehicle's file". Generated rather than downloaded (this
// machine reaches no design assets), committed, and only re-run when the drawing changes:
//   node build/icon.mjs
// electron-builder makes the Windows .ico (all sizes) from this PNG at packaging time.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const SIZE = 256;

/** Coverage of a pixel by a shape, 4×4 supersampled so edges are smooth. */
const coverage = (x, y, inside) => {
  let n = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (inside(x + (i + 0.5) / 4, y + (j + 0.5) / 4)) n++;
  return n / 16;
};

const roundedRect = (x0, y0, x1, y1, r) => (x, y) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};
const circle = (cx, cy, r) => (x, y) => (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
const ring = (cx, cy, r0, r1) => (x, y) => {
  const d = (x - cx) ** 2 + (y - cy) ** 2;
  return d <= r1 * r1 && d >= r0 * r0;
};

// Painted in order, later layers over earlier ones: [shape, [r, g, b]].
const BLUE = [22, 104, 227];
const WHITE = [255, 255, 255];
const layers = [
  [roundedRect(8, 8, 248, 248, 48), BLUE],
  // The record card, with three text lines cut out of it.
  [roundedRect(56, 44, 200, 176, 14), WHITE],
  [roundedRect(78, 72, 178, 84, 6), BLUE],
  [roundedRect(78, 102, 178, 114, 6), BLUE],
  [roundedRect(78, 132, 148, 144, 6), BLUE],
  // The wheels under the card.
  [circle(90, 196, 26), BLUE],
  [circle(166, 196, 26), BLUE],
  [ring(90, 196, 10, 22), WHITE],
  [ring(166, 196, 10, 22), WHITE],
];

const rgba = Buffer.alloc(SIZE * SIZE * 4);
for (let y = 0; y < SIZE; y++) {
  for (let x = 0; x < SIZE; x++) {
    let [r, g, b, a] = [0, 0, 0, 0];
    for (const [inside, [lr, lg, lb]] of layers) {
      const c = coverage(x, y, inside);
      if (c === 0) continue;
      // "over" compositing, straight alpha.
      const outA = c + a * (1 - c);
      r = (lr * c + r * a * (1 - c)) / outA;
      g = (lg * c + g * a * (1 - c)) / outA;
      b = (lb * c + b * a * (1 - c)) / outA;
      a = outA;
    }
    rgba.set([Math.round(r), Math.round(g), Math.round(b), Math.round(a * 255)], (y * SIZE + x) * 4);
  }
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};

const header = Buffer.alloc(13);
header.writeUInt32BE(SIZE, 0);
header.writeUInt32BE(SIZE, 4);
header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
const raw = Buffer.alloc(SIZE * (SIZE * 4 + 1));
for (let y = 0; y < SIZE; y++) rgba.copy(raw, y * (SIZE * 4 + 1) + 1, y * SIZE * 4, (y + 1) * SIZE * 4);
const png = Buffer.concat([
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  chunk('IHDR', header),
  chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
  chunk('IEND', Buffer.alloc(0)),
]);

const out = path.join(path.dirname(fileURLToPath(import.meta.url)), 'icon.png');
fs.writeFileSync(out, png);
console.log(`${out} (${png.length} bytes)`);
