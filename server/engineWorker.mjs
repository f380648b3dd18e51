// Worker thread entry: TypeScript through tsx, as for the server itself.
import { register } from 'tsx/esm/api';

register();
await import('./engineWorker.ts');
