import sharp from 'sharp';

/** A label with a badge and a word on a carton: enough for regions, OCR and verification to run. */
export function warmUpPhoto(): Promise<Buffer> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="480">
    <rect width="640" height="480" fill="#b59a74"/><rect x="160" y="120" width="320" height="220" rx="12" fill="#f4f1ea"/>
    <circle cx="250" cy="230" r="60" fill="#c8102e"/><path d="M215 230 l25 30 l50 -70" stroke="#fff" stroke-width="14" fill="none"/>
    <text x="330" y="245" font-family="sans-serif" font-size="44" font-weight="bold" fill="#1a1a1a">MARK</text></svg>`;
  return sharp(Buffer.from(svg)).jpeg().toBuffer();
}
