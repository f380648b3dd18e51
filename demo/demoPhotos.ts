// A few demo photos: a recorded logo printed on a goods-like surface (woven fabric, cardboard),
// slightly turned and softened, so the demo query has something real-looking to find.
import sharp from 'sharp';
import type { Rng } from '../bench/lib/prng';
import { rasteriseSvg } from '../bench/lib/rasteriseSvg';

async function fabric(rng: Rng, width: number, height: number, tint: [number, number, number]): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const weave = ((x >> 2) + (y >> 2)) % 2 ? 10 : -10;
      const grain = (rng.next() - 0.5) * 30;
      const shade = 1 - 0.25 * (y / height);
      for (let c = 0; c < 3; c++) data[(y * width + x) * 3 + c] = Math.max(0, Math.min(255, (tint[c] + weave + grain) * shade));
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).blur(0.6).png().toBuffer();
}

export async function demoPhoto(rng: Rng, svg: string, tint: [number, number, number]): Promise<Buffer> {
  const width = 800;
  const height = 600;
  const side = rng.int(200, 320);
  const mark = await rasteriseSvg(svg, side);
  const turned = await sharp(mark.data, { raw: { width: mark.width, height: mark.height, channels: 4 } })
    .rotate(rng.range(-12, 12), { background: { r: 0, g: 0, b: 0, alpha: 0 } })
    .png()
    .toBuffer();
  const meta = await sharp(turned).metadata();
  const left = rng.int(20, width - (meta.width ?? side) - 20);
  const top = rng.int(20, height - (meta.height ?? side) - 20);
  return sharp(await fabric(rng, width, height, tint))
    .composite([{ input: turned, left, top }])
    .blur(0.8)
    .jpeg({ quality: 82 })
    .toBuffer();
}
