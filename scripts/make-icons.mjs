// Draws the extension's icon, a green shield with a white check mark, and writes it as PNG files
// in public/icons/ at the sizes manifest.json names. Run with `node scripts/make-icons.mjs`.
// The output is deterministic, so the committed PNGs change only when this script does.

import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { deflateSync } from 'node:zlib';

const SIZES = [16, 32, 48, 128];
/** Samples per pixel along each axis; 4 × 4 samples smooth the edges. */
const SUPERSAMPLING = 4;

const SHIELD = [0x1a, 0x7f, 0x37];
const SHIELD_EDGE = [0x11, 0x5a, 0x26];
const CHECK_MARK = [0xff, 0xff, 0xff];

const outputDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'public', 'icons');

/**
 * Reports whether the point (x, y), in units of the icon's side, lies inside a shield shrunk by
 * `inset`: a flat top, straight sides down to the middle, then curves meeting at a bottom point.
 */
function insideShield(x, y, inset) {
  const top = 0.06 + inset;
  const middle = 0.5;
  const bottom = 0.96 - inset * 1.6;
  const halfWidth = 0.4 - inset;
  if (y < top || y > bottom) {
    return false;
  }
  let width = halfWidth;
  if (y > middle) {
    const t = (y - middle) / (bottom - middle);
    width = halfWidth * Math.pow(1 - t * t, 0.7);
  }
  // Rounded top corners: cut the corner squares outside a quarter circle.
  const radius = 0.08;
  const dx = Math.abs(x - 0.5) - (halfWidth - radius);
  const dy = top + radius - y;
  if (dx > 0 && dy > 0 && dx * dx + dy * dy > radius * radius) {
    return false;
  }
  return Math.abs(x - 0.5) <= width;
}

function distanceToSegment(px, py, [ax, ay], [bx, by]) {
  const vx = bx - ax;
  const vy = by - ay;
  const t = Math.max(0, Math.min(1, ((px - ax) * vx + (py - ay) * vy) / (vx * vx + vy * vy)));
  return Math.hypot(px - (ax + t * vx), py - (ay + t * vy));
}

/** Reports whether (x, y) lies on the check mark, drawn thicker at small sizes to stay visible. */
function onCheckMark(x, y, size) {
  let halfStroke = 0.055;
  if (size <= 16) {
    halfStroke = 0.075;
  } else if (size <= 32) {
    halfStroke = 0.065;
  }
  const points = [
    [0.3, 0.5],
    [0.45, 0.65],
    [0.71, 0.35],
  ];
  return (
    distanceToSegment(x, y, points[0], points[1]) <= halfStroke ||
    distanceToSegment(x, y, points[1], points[2]) <= halfStroke
  );
}

/** Returns the colour of one sample, or null where the icon is transparent. */
function sampleColour(x, y, size) {
  if (!insideShield(x, y, 0)) {
    return null;
  }
  if (onCheckMark(x, y, size)) {
    return CHECK_MARK;
  }
  const edge = size <= 16 ? 0 : 0.035;
  return insideShield(x, y, edge) ? SHIELD : SHIELD_EDGE;
}

/** Renders the icon as rows of RGBA bytes, averaging the samples of each pixel. */
function renderIcon(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = SUPERSAMPLING * SUPERSAMPLING;
  for (let row = 0; row < size; row += 1) {
    for (let column = 0; column < size; column += 1) {
      const sum = [0, 0, 0];
      let covered = 0;
      for (let sy = 0; sy < SUPERSAMPLING; sy += 1) {
        for (let sx = 0; sx < SUPERSAMPLING; sx += 1) {
          const x = (column + (sx + 0.5) / SUPERSAMPLING) / size;
          const y = (row + (sy + 0.5) / SUPERSAMPLING) / size;
          const colour = sampleColour(x, y, size);
          if (colour !== null) {
            covered += 1;
            colour.forEach((channel, index) => (sum[index] += channel));
          }
        }
      }
      const offset = (row * size + column) * 4;
      if (covered > 0) {
        pixels[offset] = Math.round(sum[0] / covered);
        pixels[offset + 1] = Math.round(sum[1] / covered);
        pixels[offset + 2] = Math.round(sum[2] / covered);
        pixels[offset + 3] = Math.round((255 * covered) / samples);
      }
    }
  }
  return pixels;
}

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) {
    c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  }
  return c >>> 0;
});

/** Computes the CRC-32 that every PNG chunk ends with (PNG specification, section 5.5). */
function crc32(bytes) {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc = CRC_TABLE[(crc ^ byte) & 0xff] ^ (crc >>> 8);
  }
  return (crc ^ 0xffffffff) >>> 0;
}

function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typeAndData = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typeAndData));
  return Buffer.concat([length, typeAndData, crc]);
}

/** Encodes RGBA pixels as a PNG: 8 bits per channel, no interlacing, no row filters. */
function encodePng(size, pixels) {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header[8] = 8; // bit depth
  header[9] = 6; // colour type: RGBA
  // Bytes 10 to 12 stay 0: deflate compression, adaptive filtering, no interlace.

  const rowLength = size * 4;
  const raw = Buffer.alloc((rowLength + 1) * size);
  for (let row = 0; row < size; row += 1) {
    // Each row starts with its filter type, 0 (None).
    pixels.copy(raw, row * (rowLength + 1) + 1, row * rowLength, (row + 1) * rowLength);
  }

  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

mkdirSync(outputDir, { recursive: true });
for (const size of SIZES) {
  const path = join(outputDir, `icon-${size}.png`);
  writeFileSync(path, encodePng(size, renderIcon(size)));
  console.log(`wrote ${path}`);
}
