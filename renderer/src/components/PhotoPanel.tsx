import { useState, type DragEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { MAX_PHOTO_BYTES } from '../../../api/handlers';
import { CameraDialog, cameraAvailable } from './CameraDialog';

interface Props {
  /** The photo view, or null to show the drop zone. */
  photo: ReactNode | null;
  /** Shown under the photo (errors, context fields). */
  cropActive: boolean;
  onFile(file: Blob, name: string | null): void;
  onOpen(): void;
  onPaste(): void;
  onClearCrop(): void;
  onNewPhoto(): void;
  children: ReactNode;
}

/** The photo column: toolbar, the drop zone (or the photo), then whatever the app puts below. */
export function PhotoPanel({ photo, cropActive, onFile, onOpen, onPaste, onClearCrop, onNewPhoto, children }: Props) {
  const { t } = useTranslation();
  const [over, setOver] = useState(false);
  const [camera, setCamera] = useState(false);

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    e.stopPropagation();
    setOver(false);
    const file = e.dataTransfer.files[0];
    if (file) onFile(file, file.name);
  };

  return (
    <section
      className={`panel photo-panel${over ? ' drop-over' : ''}`}
      aria-labelledby="photo-title"
      onDragOver={(e) => {
        e.preventDefault();
        e.dataTransfer.dropEffect = 'copy';
        setOver(true);
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setOver(false)}
      onDrop={onDrop}
      data-testid="drop-zone"
    >
      <header className="panel-head">
        <h2 id="photo-title">{t('photo.title')}</h2>
        <div className="toolbar">
          <button type="button" className="btn btn-small" onClick={onOpen} title={t('photo.openHint')}>
            {t('photo.open')}
          </button>
          <button type="button" className="btn btn-small" onClick={onPaste} title={t('photo.pasteHint')}>
            {t('photo.paste')}
          </button>
          {cameraAvailable() && (
            <button type="button" className="btn btn-small" onClick={() => setCamera(true)} title={t('photo.cameraHint')}>
              {t('photo.camera')}
            </button>
          )}
        </div>
      </header>
      {photo ?? (
        <button type="button" className="dropzone" onClick={onOpen}>
          <svg viewBox="0 0 48 48" width="48" height="48" aria-hidden="true">
            <rect x="6" y="10" width="36" height="28" rx="3" fill="none" stroke="currentColor" strokeWidth="2" />
            <circle cx="17" cy="20" r="4" fill="none" stroke="currentColor" strokeWidth="2" />
            <path d="M8 34l10-9 7 6 6-5 9 8" fill="none" stroke="currentColor" strokeWidth="2" />
          </svg>
          <strong>{t('photo.dropTitle')}</strong>
          <span>{t('photo.dropHint')}</span>
          <span className="muted">{t('photo.formats', { mb: MAX_PHOTO_BYTES / 2 ** 20 })}</span>
        </button>
      )}
      {photo && (
        <div className="crop-line">
          <span className={cropActive ? 'crop-on' : 'muted'}>{cropActive ? t('photo.cropActive') : t('photo.cropHint')}</span>
          <span className="toolbar">
            {cropActive && (
              <button type="button" className="btn btn-small" onClick={onClearCrop}>
                {t('photo.clearCrop')}
              </button>
            )}
            <button type="button" className="btn btn-small" onClick={onNewPhoto}>
              {t('photo.newPhoto')}
            </button>
          </span>
        </div>
      )}
      {children}
      {camera && (
        <CameraDialog
          onClose={() => setCamera(false)}
          onCapture={(blob) => {
            setCamera(false);
            onFile(blob, null);
          }}
        />
      )}
    </section>
  );
}
