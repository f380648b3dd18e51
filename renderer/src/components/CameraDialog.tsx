import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

/** The browser's reason as an i18n key when it is a common one, else its own words. */
function cameraProblem(err: unknown): string {
  const name = (err as { name?: string } | null)?.name;
  if (name === 'NotAllowedError' || name === 'SecurityError') return 'camera.denied';
  if (name === 'NotFoundError' || name === 'OverconstrainedError') return 'camera.missing';
  if (name === 'NotReadableError' || name === 'AbortError') return 'camera.inUse';
  return err instanceof Error ? err.message : String(err);
}

export const cameraAvailable = () => typeof navigator !== 'undefined' && Boolean(navigator.mediaDevices?.getUserMedia);

/** Live camera preview; Capture hands back one JPEG frame. */
export function CameraDialog({ onCapture, onClose }: { onCapture(blob: Blob): void; onClose(): void }) {
  const { t } = useTranslation();
  const video = useRef<HTMLVideoElement>(null);
  const [state, setState] = useState<'starting' | 'live' | string>('starting');
  const close = useRef(onClose); // the camera starts once per dialog, not again when the parent re-renders
  close.current = onClose;

  useEffect(() => {
    let stream: MediaStream | null = null;
    let closed = false;
    navigator.mediaDevices
      .getUserMedia({ video: { facingMode: 'environment', width: { ideal: 1920 } }, audio: false })
      .then((s) => {
        // closed while the permission prompt was up: stop the camera that just started
        if (closed) return s.getTracks().forEach((tr) => tr.stop());
        stream = s;
        if (video.current) {
          video.current.srcObject = s;
          video.current.play().catch(() => undefined); // interrupted when the dialog closes early
        }
      })
      .catch((err: unknown) => !closed && setState(cameraProblem(err)));
    // Escape closes the dialog wherever the focus is
    const onKey = (e: KeyboardEvent) => e.key === 'Escape' && close.current();
    window.addEventListener('keydown', onKey);
    return () => {
      closed = true;
      window.removeEventListener('keydown', onKey);
      stream?.getTracks().forEach((tr) => tr.stop());
    };
  }, []);

  const capture = () => {
    const v = video.current;
    if (!v || !v.videoWidth) return;
    const canvas = document.createElement('canvas');
    canvas.width = v.videoWidth;
    canvas.height = v.videoHeight;
    canvas.getContext('2d')!.drawImage(v, 0, 0);
    canvas.toBlob((b) => b && onCapture(b), 'image/jpeg', 0.92);
  };

  return (
    <div className="modal-backdrop">
      <div className="modal" role="dialog" aria-modal="true" aria-label={t('camera.title')}>
        <h2>{t('camera.title')}</h2>
        {/* Capture is enabled once frames arrive, not when the stream opens: a frame-less capture is empty */}
        <video ref={video} className="camera-video" muted playsInline onLoadedData={() => setState('live')} />
        {state === 'starting' && <p className="muted">{t('camera.starting')}</p>}
        {state !== 'starting' && state !== 'live' && (
          <p className="notice notice-error">{state.startsWith('camera.') ? t(state) : t('camera.failed', { reason: state })}</p>
        )}
        <div className="modal-actions">
          <button type="button" className="btn" onClick={onClose} autoFocus>
            {t('camera.cancel')}
          </button>
          <button type="button" className="btn btn-primary" onClick={capture} disabled={state !== 'live'}>
            {t('camera.capture')}
          </button>
        </div>
      </div>
    </div>
  );
}
