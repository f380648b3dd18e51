import { DEFAULT_SETTINGS, type Handlers, type Settings } from '../../api/handlers';
import { metaRepository } from '../../db';
import type { HandlerContext } from './handlerContext';
import { HandlerInputError } from './HandlerInputError';

const SETTINGS_KEY = 'ui.settings';

/** Checks one partial update; unknown keys and out-of-range values are refused, not dropped. */
export function checkSettings(patch: Partial<Settings>): Partial<Settings> {
  const out: Partial<Settings> = {};
  for (const [key, value] of Object.entries(patch ?? {})) {
    switch (key) {
      case 'language':
        if (value !== 'en' && value !== 'zh-CN') throw new HandlerInputError(`language must be en or zh-CN, not ${String(value)}`);
        out.language = value;
        break;
      case 'minScore':
      case 'strongScore':
        if (typeof value !== 'number' || !(value >= 0 && value <= 1)) throw new HandlerInputError(`${key} must be a number from 0 to 1`);
        out[key] = value;
        break;
      case 'top':
        if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > 100) throw new HandlerInputError('top must be an integer from 1 to 100');
        out.top = value as number;
        break;
      default:
        throw new HandlerInputError(`unknown setting ${key}`);
    }
  }
  return out;
}

export function readSettings(engine: HandlerContext['engine']): Settings {
  return { ...DEFAULT_SETTINGS, ...metaRepository(engine.db).get<Partial<Settings>>(SETTINGS_KEY) };
}

export function settingsHandlers({ engine }: HandlerContext) {
  return {
    async 'settings-get'() {
      return readSettings(engine);
    },
    async 'settings-set'(patch) {
      const next = { ...readSettings(engine), ...checkSettings(patch) };
      metaRepository(engine.db).put(SETTINGS_KEY, next);
      return next;
    },
  } satisfies Pick<Handlers, 'settings-get' | 'settings-set'>;
}
