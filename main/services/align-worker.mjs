// Worker-thread entry of an alignment run. Workers do not inherit the parent's TypeScript loader,
// so register tsx here before loading the TypeScript worker module.
import { register } from 'tsx/esm/api';

register();
await import('./align-worker.ts');
