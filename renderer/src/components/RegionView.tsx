import type { BoxXYWH } from '../../../api/query';

const SIDE = 220;

/** One region of an image, scaled to fill a square frame, then zoomed about its centre. */
export function RegionView({ src, natural, region, zoom, label, overlay }: {
  src: string;
  natural: { width: number; height: number };
  region: BoxXYWH;
  zoom: number;
  label: string;
  overlay?: string | null;
}) {
  const [x, y, w, h] = region;
  const scale = Math.min(SIDE / Math.max(w, 1), SIDE / Math.max(h, 1)) * zoom;
  const left = SIDE / 2 - (x + w / 2) * scale;
  const top = SIDE / 2 - (y + h / 2) * scale;
  return (
    <div className="region-frame" role="img" aria-label={label}>
      <img
        src={src}
        alt=""
        draggable={false}
        style={{ width: `${natural.width * scale}px`, height: `${natural.height * scale}px`, left: `${left}px`, top: `${top}px` }}
      />
      {overlay && <img className="region-overlay" src={overlay} alt="" style={{ transform: `scale(${zoom})` }} />}
    </div>
  );
}

/** The recorded mark, fitted to the same frame and zoom. */
export function MarkFrame({ src, zoom, label }: { src: string | null; zoom: number; label: string }) {
  return (
    <div className="region-frame mark-frame" role="img" aria-label={label}>
      {src && <img className="mark-fit" src={src} alt="" draggable={false} style={{ transform: `scale(${zoom})` }} />}
    </div>
  );
}
