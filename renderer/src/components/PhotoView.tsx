import { useRef, useState, type PointerEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { BoxXYWH } from '../../../api/query';

interface Props {
  src: string;
  /** Natural size of the displayed image, once loaded. */
  natural: { width: number; height: number } | null;
  onLoad(natural: { width: number; height: number }): void;
  onError(): void;
  /** The crop the inspector drew, in the displayed image's pixels. */
  crop: BoxXYWH | null;
  onCrop(box: BoxXYWH): void;
  /** The selected match's box, already in the displayed image's pixels. */
  matchBox: BoxXYWH | null;
}

/** The photo with the drawn crop and the matched box over it; dragging draws a new crop. */
export function PhotoView({ src, natural, onLoad, onError, crop, onCrop, matchBox }: Props) {
  const { t } = useTranslation();
  const imgRef = useRef<HTMLImageElement>(null);
  const [drag, setDrag] = useState<{ x0: number; y0: number; x1: number; y1: number } | null>(null);

  const toImage = (e: PointerEvent) => {
    const img = imgRef.current!;
    const r = img.getBoundingClientRect();
    const sx = (natural?.width ?? r.width) / r.width;
    const sy = (natural?.height ?? r.height) / r.height;
    return {
      x: Math.min(Math.max(e.clientX - r.left, 0), r.width) * sx,
      y: Math.min(Math.max(e.clientY - r.top, 0), r.height) * sy,
    };
  };

  const onDown = (e: PointerEvent) => {
    if (e.button !== 0 || !natural) return;
    (e.target as Element).setPointerCapture(e.pointerId);
    const p = toImage(e);
    setDrag({ x0: p.x, y0: p.y, x1: p.x, y1: p.y });
  };
  const onMove = (e: PointerEvent) => {
    if (!drag) return;
    const p = toImage(e);
    setDrag({ ...drag, x1: p.x, y1: p.y });
  };
  const onUp = () => {
    if (!drag) return;
    const box: BoxXYWH = [Math.min(drag.x0, drag.x1), Math.min(drag.y0, drag.y1), Math.abs(drag.x1 - drag.x0), Math.abs(drag.y1 - drag.y0)];
    setDrag(null);
    if (box[2] >= 8 && box[3] >= 8) onCrop(box.map(Math.round) as BoxXYWH);
  };

  const live: BoxXYWH | null = drag
    ? [Math.min(drag.x0, drag.x1), Math.min(drag.y0, drag.y1), Math.abs(drag.x1 - drag.x0), Math.abs(drag.y1 - drag.y0)]
    : null;
  const vb = natural ? `0 0 ${natural.width} ${natural.height}` : '0 0 1 1';
  const stroke = natural ? Math.max(natural.width, natural.height) / 300 : 1;

  return (
    <div className="photo-view">
      <div className="photo-stack">
        <img
          ref={imgRef}
          src={src}
          alt={t('photo.alt')}
          draggable={false}
          onLoad={(e) => onLoad({ width: e.currentTarget.naturalWidth, height: e.currentTarget.naturalHeight })}
          onError={onError}
          data-testid="photo"
        />
        {natural && (
          <svg
            className="photo-overlay"
            viewBox={vb}
            preserveAspectRatio="none"
            onPointerDown={onDown}
            onPointerMove={onMove}
            onPointerUp={onUp}
            role="presentation"
          >
            {crop && !live && <rect className="box-crop" x={crop[0]} y={crop[1]} width={crop[2]} height={crop[3]} strokeWidth={stroke} />}
            {matchBox && (
              <rect className="box-match" x={matchBox[0]} y={matchBox[1]} width={matchBox[2]} height={matchBox[3]} strokeWidth={stroke * 1.5}>
                <title>{t('photo.matchBox')}</title>
              </rect>
            )}
            {live && <rect className="box-drawing" x={live[0]} y={live[1]} width={live[2]} height={live[3]} strokeWidth={stroke} />}
          </svg>
        )}
      </div>
    </div>
  );
}
