// Worker-thread entry of road network jobs. Workers do not inherit the parent's TypeScript
// loader, so register tsx here before loading the TypeScript services.
import { register } from 'tsx/esm/api';

register();
await import('./roads-worker.ts');
