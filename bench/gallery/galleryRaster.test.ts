import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { galleryPng } from './galleryRaster';

const square = (fill: string) =>
  `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path fill="${fill}" d="M4 4h16v16H4z"/></svg>`;

async function pixels(png: Buffer) {
  const { data, info } = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  return { info, at: (x: number, y: number) => [...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + info.channels)] };
}

describe('bench gallery raster', () => {
  it('is opaque to the edge, margin included: dark ink on white, light ink on near-black', async () => {
    const dark = await pixels(await galleryPng(square('#d00000')));
    expect(dark.info.channels).toBe(3);
    expect(dark.at(0, 0)).toEqual([255, 255, 255]);
    expect(dark.at(160, 160)).toEqual([208, 0, 0]);
    const light = await pixels(await galleryPng(square('#ffffff')));
    expect(light.info.channels).toBe(3);
    expect(light.at(0, 0)).toEqual([26, 26, 26]);
  });
});
