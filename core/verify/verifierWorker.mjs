// Worker thread entry: TypeScript through tsx, as for the CLI (the Electron build bundles verifierWorker.ts here instead).
import { register } from 'tsx/esm/api';

register();
await import('./verifierWorker.ts');
