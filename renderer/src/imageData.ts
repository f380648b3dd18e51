import { call } from './apiClient';

/** File bytes as base64 without the data: prefix, the form the API takes photos in. */
export function blobToBase64(blob: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => {
      const url = String(reader.result);
      resolve(url.slice(url.indexOf(',') + 1));
    };
    reader.onerror = () => reject(reader.error ?? new Error('could not read the file'));
    reader.readAsDataURL(blob);
  });
}

const markImages = new Map<string, Promise<string>>();

/** A recorded mark's thumbnail as a data: URL; fetched once per mark and size. */
export function markImageUrl(markId: string, size = 256): Promise<string> {
  const key = `${markId}@${size}`;
  let p = markImages.get(key);
  if (!p) {
    p = call('mark-image', { markId, size }).then((v) => `data:image/png;base64,${v.pngBase64}`);
    p.catch(() => markImages.delete(key));
    markImages.set(key, p);
  }
  return p;
}
