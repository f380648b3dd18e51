import { createHash } from 'node:crypto';
import { isCalendarDate, isNiceClass, isPixelBox } from '../../api/inputChecks';
import type { Handlers, QueryContext, QueryPhotoRequest, QueryView } from '../../api/handlers';
import { MAX_PHOTO_BYTES } from '../../api/handlers';
import type { BoxXYWH, QueryOptions } from '../../api/query';
import type { Recordal } from '../../api/recordal';
import { decisionRepository, queryHistoryRepository, recordalRepository } from '../../db';
import { ImageTooLargeError } from '../image';
import { thumbnailJpeg } from '../image/thumbnails';
import type { HandlerContext } from './handlerContext';
import { HandlerInputError } from './HandlerInputError';
import { applyFilters, hasFilters, toMatchViews } from './matchView';
import { NotFoundError } from './NotFoundError';
import { readSettings } from './settingsHandlers';

/** The photo kept with a query is a display copy: enough to see the mark and its box, not the evidence file. */
const STORED_PHOTO_SIDE = 1024;
/** With filters on, fetch this many times `top` so filtering still leaves a full page. */
const FILTER_HEADROOM = 5;

function photoBytes(req: QueryPhotoRequest): Buffer {
  if (!req || typeof req.photoBase64 !== 'string' || req.photoBase64.length === 0) {
    throw new HandlerInputError('no photo was given');
  }
  if ((req.photoBase64.length * 3) / 4 > MAX_PHOTO_BYTES * 1.01) {
    throw new ImageTooLargeError(req.fileName ?? 'photo', `over the ${MAX_PHOTO_BYTES / 2 ** 20} MB upload limit`);
  }
  return Buffer.from(req.photoBase64, 'base64');
}

/** The parts of the inspector's context the infringement flag reads, checked as the CLI checks them. */
function flagContext(context: QueryContext | undefined): Pick<QueryOptions, 'importer' | 'exporter' | 'niceClass' | 'date'> {
  if (!context) return {};
  const { importer, exporter, niceClass } = context;
  const date = context.date || undefined; // an emptied date field means today
  for (const [name, v] of Object.entries({ importer, exporter })) {
    if (v !== undefined && typeof v !== 'string') throw new HandlerInputError(`${name} must be text`);
  }
  if (niceClass !== undefined && !isNiceClass(niceClass)) throw new HandlerInputError(`Nice class must be 1..45, got ${String(niceClass)}`);
  if (date !== undefined && (typeof date !== 'string' || !isCalendarDate(date))) throw new HandlerInputError(`date must be a real YYYY-MM-DD date, got ${String(date)}`);
  return { importer: importer || undefined, exporter: exporter || undefined, niceClass, date };
}

function checkedCrop(crop: unknown): BoxXYWH | undefined {
  if (crop === undefined || crop === null) return undefined;
  if (!isPixelBox(crop)) throw new HandlerInputError('crop must be [x, y, width, height] in pixels');
  return crop;
}

export function queryHandlers({ engine }: HandlerContext) {
  const history = queryHistoryRepository(engine.db);
  const decisions = decisionRepository(engine.db);
  const recordals = recordalRepository(engine.db);

  function withDecisions(view: QueryView): QueryView {
    const current = new Map(decisions.currentForQuery(view.queryId).map((d) => [d.markId, d.decision]));
    return { ...view, results: view.results.map((m) => ({ ...m, decision: current.get(m.markId) })) };
  }

  return {
    async 'query-photo'(req) {
      const bytes = photoBytes(req);
      const settings = readSettings(engine);
      const top = Math.min(Math.max(Math.round(req.top ?? settings.top), 1), 100);
      const fetchTop = hasFilters(req.filters) ? Math.min(top * FILTER_HEADROOM, 200) : top;
      const options: QueryOptions = { top: fetchTop, crop: checkedCrop(req.crop), ...flagContext(req.context) };
      const result = await engine.query(bytes, options);
      const thumbnail = await thumbnailJpeg(bytes, STORED_PHOTO_SIDE);

      const cache = new Map<string, Recordal | undefined>();
      const recordalOf = (id: string) => (cache.has(id) ? cache.get(id) : cache.set(id, recordals.get(id)).get(id));
      const createdAt = new Date().toISOString();
      const view: QueryView = {
        ...result,
        queryId: 0,
        createdAt,
        fileName: req.fileName ?? null,
        results: applyFilters(toMatchViews(result.results, recordalOf), req.filters, top),
        context: req.context ?? {},
        crop: req.crop ?? null,
      };
      const stored = { top, crop: req.crop ?? null, context: req.context ?? {}, filters: req.filters ?? {} };
      engine.db.transaction(() => {
        view.queryId = history.insert({
          createdAt,
          photoSha256: createHash('sha256').update(bytes).digest('hex'),
          photoThumbnail: thumbnail,
          fileName: req.fileName ?? null,
          options: JSON.stringify(stored),
          result: '{}',
        });
        history.updateResult(view.queryId, JSON.stringify(view));
      })();
      return view;
    },

    async 'query-get'({ queryId }) {
      const row = history.get(Number(queryId));
      if (!row) throw new NotFoundError('query', queryId);
      return withDecisions(JSON.parse(row.result) as QueryView);
    },

    async 'query-photo-image'({ queryId }) {
      const jpeg = history.thumbnail(Number(queryId));
      if (!jpeg) throw new NotFoundError('query photo', queryId);
      return { jpegBase64: jpeg.toString('base64') };
    },
  } satisfies Pick<Handlers, 'query-photo' | 'query-get' | 'query-photo-image'>;
}
