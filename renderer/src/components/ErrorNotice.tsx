import { useTranslation } from 'react-i18next';
import type { ErrorData } from '../../../api/errors';
import { MAX_PHOTO_BYTES } from '../../../api/handlers';

const KNOWN = ['IMAGE_UNREADABLE', 'IMAGE_TOO_LARGE', 'NOT_FOUND', 'BAD_REQUEST', 'NETWORK'] as const;

/** An engine error in the inspector's words, with the engine's own message under "Details". */
export function ErrorNotice({ error, fileName, onDismiss }: { error: ErrorData; fileName?: string | null; onDismiss(): void }) {
  const { t } = useTranslation();
  const code = (KNOWN as readonly string[]).includes(error.code) ? error.code : null;
  // CLIPBOARD messages are already in the inspector's language
  const text = error.code === 'CLIPBOARD'
    ? error.message
    : code
    ? t(`errors.${code}`, { mb: MAX_PHOTO_BYTES / 2 ** 20, message: error.message })
    : t('errors.generic', { message: error.message });
  return (
    <div className="notice notice-error" role="alert" data-testid="error">
      {fileName && <p className="notice-file">{fileName}</p>}
      <p>{text}</p>
      <details>
        <summary>{t('errors.details')}</summary>
        <code>
          {error.name} · {error.code}: {error.message}
        </code>
      </details>
      <button type="button" className="btn btn-small" onClick={onDismiss}>
        {t('errors.dismiss')}
      </button>
    </div>
  );
}
