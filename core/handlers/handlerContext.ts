import type { Engine } from '../engine';

/** What every feature's handlers get: the engine and where its database lives. */
export interface HandlerContext {
  engine: Engine;
  dbPath: string;
}
