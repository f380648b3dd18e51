// SVG -> RGBA pixels at a chosen size. simple-icons draw on a 24x24 viewBox and logos on ~256:
// rendering at sharp's default 72 dpi and upscaling would give blurry marks, so we pick the
// density that makes librsvg draw at the target size directly.
import sharp from 'sharp';

export interface Rgba {
  data: Buffer;
  width: number;
  height: number;
}

/** Intrinsic size of an SVG in user units: width/height attributes, else the viewBox. */
export function svgIntrinsicSize(svg: string): { width: number; height: number } {
  const open = /<svg\b[^>]*>/i.exec(svg)?.[0] ?? '';
  const attr = (name: string): number | undefined => {
    const m = new RegExp(`\\s${name}="([0-9.]+)(px)?"`).exec(open);
    return m ? Number(m[1]) : undefined;
  };
  const w = attr('width');
  const h = attr('height');
  if (w && h) return { width: w, height: h };
  const vb = /viewBox="([^"]+)"/.exec(open)?.[1]?.trim().split(/[\s,]+/).map(Number);
  if (vb && vb.length === 4 && vb[2]! > 0 && vb[3]! > 0) return { width: vb[2]!, height: vb[3]! };
  return { width: 256, height: 256 };
}

/** Render so the longer side is `longSide` pixels; aspect ratio is kept. */
export async function rasteriseSvg(svg: string, longSide: number): Promise<Rgba> {
  const size = svgIntrinsicSize(svg);
  const scale = longSide / Math.max(size.width, size.height);
  const density = Math.min(72 * scale, 50_000);
  const width = Math.max(1, Math.round(size.width * scale));
  const height = Math.max(1, Math.round(size.height * scale));
  const { data, info } = await sharp(Buffer.from(svg), { density })
    .resize(width, height, { fit: 'fill' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { data, width: info.width, height: info.height };
}
