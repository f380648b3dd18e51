#!/usr/bin/env node
// Web mode entry: TypeScript through tsx, like the CLI, so there is no separate server build.
import { register } from 'tsx/esm/api';

register();
await import('./main.ts');
