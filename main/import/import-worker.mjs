// Worker-thread entry of an import. Workers do not inherit the parent's TypeScript loader, so
// register tsx here before loading the TypeScript pipeline.
import { register } from 'tsx/esm/api';

register();
await import('./import-worker.ts');
