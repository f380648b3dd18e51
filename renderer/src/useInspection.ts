import { useCallback, useEffect, useRef, useState } from 'react';
import type { Decision } from '../../api/decisions';
import type { ErrorData } from '../../api/errors';
import { MAX_PHOTO_BYTES, type QueryContext, type QueryView } from '../../api/handlers';
import type { BoxXYWH } from '../../api/query';
import { call, errorData } from './apiClient';
import { blobToBase64 } from './imageData';

export interface Photo {
  blob: Blob;
  name: string | null;
  url: string;
  /** Pixel size of the displayed image, once it has loaded. */
  natural: { width: number; height: number } | null;
}

function base64ToBlob(b64: string, type: string): Blob {
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  return new Blob([bytes], { type });
}

export const queryIdFromHash = () => Number(/^#q=(\d+)$/.exec(location.hash)?.[1] ?? 0) || null;

/**
 * One inspection: the photo, the query sent for it, its answer, errors, and the decisions recorded.
 * The URL hash keeps the query id, so a reload reopens the same query with its decisions.
 */
export function useInspection({ top }: { top: number }) {
  const [photo, setPhoto] = useState<Photo | null>(null);
  const [query, setQuery] = useState<QueryView | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorData | null>(null);
  const [errorFile, setErrorFile] = useState<string | null>(null);
  const [crop, setCrop] = useState<BoxXYWH | null>(null);
  const [context, setContext] = useState<QueryContext>({});
  const [lastQueryMs, setLastQueryMs] = useState<number | null>(null);
  const startedAt = useRef<number | null>(null);
  const requestSeq = useRef(0);

  const replacePhoto = (next: Photo | null) => {
    setPhoto((old) => {
      if (old && old.url !== next?.url) URL.revokeObjectURL(old.url);
      return next;
    });
  };

  /** Sends the photo (whole, or the crop in its pixels); a newer request makes an older answer moot. */
  const runQuery = useCallback(
    async (blob: Blob, name: string | null, cropBox: BoxXYWH | null) => {
      const seq = ++requestSeq.current;
      setError(null);
      setErrorFile(name);
      if (blob.size > MAX_PHOTO_BYTES) {
        setError({ name: 'ImageTooLargeError', code: 'IMAGE_TOO_LARGE', message: `${blob.size} bytes` });
        setBusy(false); // this request replaced a running one, whose answer is now moot
        return;
      }
      startedAt.current ??= performance.now();
      setBusy(true);
      try {
        const photoBase64 = await blobToBase64(blob);
        const result = await call('query-photo', { photoBase64, fileName: name ?? undefined, crop: cropBox ?? undefined, context, top });
        if (seq !== requestSeq.current) return;
        setQuery(result);
        history.replaceState(null, '', `#q=${result.queryId}`);
      } catch (err) {
        if (seq !== requestSeq.current) return;
        const e = errorData(err);
        setError(e);
        setQuery(null);
        // an unreadable photo goes; a search that failed for another reason (engine restarting) keeps the photo and crop to retry
        if (e.code === 'IMAGE_UNREADABLE' || e.code === 'IMAGE_TOO_LARGE') replacePhoto(null);
        startedAt.current = null;
      } finally {
        if (seq === requestSeq.current) setBusy(false);
      }
    },
    [context, top],
  );

  /** A new photo (dropped, pasted, opened, captured): show it at once and search it whole. */
  const givePhoto = useCallback(
    (blob: Blob, name: string | null) => {
      startedAt.current = performance.now();
      setCrop(null);
      setQuery(null);
      replacePhoto({ blob, name, url: URL.createObjectURL(blob), natural: null });
      void runQuery(blob, name, null);
    },
    [runQuery],
  );

  // photo given -> results painted, shown in the status bar
  useEffect(() => {
    if (!query || startedAt.current === null) return;
    const t0 = startedAt.current;
    startedAt.current = null;
    requestAnimationFrame(() => setLastQueryMs(performance.now() - t0));
  }, [query]);

  const openQuery = useCallback(async (queryId: number) => {
    // a search still running for another photo must not paint its answer over this one
    const seq = ++requestSeq.current;
    setError(null);
    setErrorFile(null);
    setBusy(true);
    try {
      const [v, img] = await Promise.all([call('query-get', { queryId }), call('query-photo-image', { queryId })]);
      if (seq !== requestSeq.current) return;
      const blob = base64ToBlob(img.jpegBase64, 'image/jpeg');
      replacePhoto({ blob, name: v.fileName ?? null, url: URL.createObjectURL(blob), natural: null });
      setQuery(v);
      setContext(v.context ?? {});
      setCrop(null);
      history.replaceState(null, '', `#q=${queryId}`);
    } catch (err) {
      if (seq === requestSeq.current) setError(errorData(err));
    } finally {
      if (seq === requestSeq.current) setBusy(false);
    }
  }, []);

  const clear = () => {
    replacePhoto(null);
    setQuery(null);
    setCrop(null);
    history.replaceState(null, '', '#');
  };

  const recordDecision = useCallback(
    async (markId: string, decision: Decision, note?: string) => {
      if (!query) return;
      try {
        await call('decision-record', { queryId: query.queryId, markId, decision, note: note || undefined });
        setQuery((q) => q && { ...q, results: q.results.map((m) => (m.markId === markId ? { ...m, decision } : m)) });
      } catch (err) {
        setErrorFile(null);
        setError(errorData(err));
      }
    },
    [query],
  );

  /** Search again with a new crop (in displayed pixels; `scale` = displayed / query pixels) or none. */
  const searchRegion = (box: BoxXYWH | null, scale: number) => {
    setCrop(box);
    if (!photo) return;
    startedAt.current = performance.now();
    void runQuery(photo.blob, photo.name, box ? (box.map((v) => Math.round(v / scale)) as BoxXYWH) : null);
  };

  const reportError = (e: ErrorData | null) => {
    setErrorFile(null);
    setError(e);
  };

  return {
    photo,
    setPhotoNatural: (natural: { width: number; height: number }) => setPhoto((p) => p && { ...p, natural }),
    query,
    busy,
    error,
    errorFile,
    reportError,
    crop,
    context,
    setContext,
    lastQueryMs,
    givePhoto,
    openQuery,
    clear,
    recordDecision,
    searchRegion,
  };
}
