import type { Handlers } from '../../api/handlers';
import { imageRepository, markRepository } from '../../db';
import { thumbnailPng } from '../image/thumbnails';
import type { HandlerContext } from './handlerContext';
import { HandlerInputError } from './HandlerInputError';
import { NotFoundError } from './NotFoundError';

export function recordalHandlers({ engine }: HandlerContext) {
  return {
    async 'recordal-get'({ id }) {
      if (typeof id !== 'string' || !id) throw new HandlerInputError('recordal id is missing');
      const rec = engine.recordal(id);
      if (!rec) throw new NotFoundError('recordal', id);
      return rec;
    },
    async 'mark-image'({ markId, size = 256 }) {
      if (typeof markId !== 'string' || !markId) throw new HandlerInputError('mark id is missing');
      const side = Math.round(Math.min(Math.max(Number(size) || 256, 32), 1024));
      const mark = markRepository(engine.db).get(markId);
      const image = mark && imageRepository(engine.db).get(mark.imageSha256);
      if (!image) throw new NotFoundError('mark', markId);
      return { pngBase64: (await thumbnailPng(image.bytes, side)).toString('base64') };
    },
  } satisfies Pick<Handlers, 'recordal-get' | 'mark-image'>;
}
