import { createHash } from 'node:crypto';
import { crc32, deflateSync } from 'node:zlib';

/**
 * The sample stories' pictures, drawn here (no photo is copied into the project): a landscape at a
 * time of day — sky, sun, hills and water — in colours taken from the story's slug, so each story
 * has its own picture and the same one every time. PNG, 600 × 338 (16:9, the shape news sites share).
 */

export const SAMPLE_IMAGE = { width: 600, height: 338 } as const;

type Rgb = [number, number, number];

const hsl = (h: number, s: number, l: number): Rgb => {
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => {
    const k = (n + h / 30) % 12;
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))));
  };
  return [f(0), f(8), f(4)];
};
const mix = (a: Rgb, b: Rgb, t: number): Rgb => [
  Math.round(a[0] + (b[0] - a[0]) * t),
  Math.round(a[1] + (b[1] - a[1]) * t),
  Math.round(a[2] + (b[2] - a[2]) * t),
];

/** The picture for `slug`, as PNG bytes. */
export function sampleImage(slug: string, { width, height } = SAMPLE_IMAGE): Buffer {
  const digest = createHash('sha256').update(slug).digest();
  const seed = (i: number) => digest.readUInt8(i);
  // Skies of a morning: blues, dawn pinks and golds.
  const hue = [205, 220, 15, 335, 260, 30][seed(0) % 6] ?? 205;
  const skyTop = hsl(hue, 0.55, 0.45);
  const skyLow = hsl((hue + 40) % 360, 0.7, 0.78);
  const sun = hsl((hue + 50) % 360, 0.9, 0.85);
  const far = hsl((hue + 180) % 360, 0.25, 0.42);
  const near = hsl((hue + 160) % 360, 0.35, 0.26);
  const water = hsl((hue + 200) % 360, 0.45, 0.35);
  const sunX = width * (0.2 + (seed(1) / 255) * 0.6);
  const sunY = height * (0.25 + (seed(2) / 255) * 0.2);
  const sunR = height * 0.11;
  const phase = (seed(3) / 255) * Math.PI * 2;
  const waterLine = height * 0.78;

  const row = width * 3 + 1;
  const raw = Buffer.alloc(row * height);
  for (let y = 0; y < height; y++) {
    raw[y * row] = 0;
    for (let x = 0; x < width; x++) {
      const farRidge = height * 0.55 + Math.sin(x / 70 + phase) * 18 + Math.sin(x / 23) * 5;
      const nearRidge = height * 0.68 + Math.sin(x / 110 + phase * 2) * 22;
      let colour: Rgb;
      if (y >= waterLine)
        colour = mix(water, skyLow, Math.max(0, 0.35 - (y - waterLine) / height) + (y % 6 < 1 ? 0.1 : 0));
      else if (y >= nearRidge) colour = near;
      else if (y >= farRidge) colour = far;
      else if (Math.hypot(x - sunX, y - sunY) <= sunR) colour = sun;
      else colour = mix(skyTop, skyLow, y / farRidge);
      raw.set(colour, y * row + 1 + x * 3);
    }
  }
  return png(width, height, raw);
}

function chunk(type: string, data: Buffer): Buffer {
  const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}

/** An 8-bit RGB PNG of rows that each start with their filter byte. */
function png(width: number, height: number, rows: Buffer): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(rows, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
