import type { Migration } from './migration';
import { migration0010 } from './0010-recordals';
import { migration0020 } from './0020-embeddings';
import { migration0030 } from './0030-decisions';
import { migration0040 } from './0040-sync';
import { migration0050 } from './0050-local-features';

/**
 * Every migration, in the order applied. A test checks the versions only go up. Version 60 was taken by a
 * development build (mark silhouettes, removed unreleased): never reuse it; the next migration is 70.
 */
export const migrations: readonly Migration[] = [migration0010, migration0020, migration0030, migration0040, migration0050];
export type { Migration };
