import { useEffect, useState } from 'react';
import { markImageUrl } from './catalogueCache';

/** The mark's thumbnail URL once loaded, null before (or if it failed). */
export function useMarkImage(markId: string | undefined, size = 256): string | null {
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    setUrl(null);
    if (markId) markImageUrl(markId, size).then((u) => live && setUrl(u), () => live && setUrl(null));
    return () => {
      live = false;
    };
  }, [markId, size]);
  return url;
}
