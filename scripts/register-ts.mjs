// Lets Node run the TypeScript sources directly: `node --import ./scripts/register-ts.mjs file.ts`.
// We use our own two hooks instead of tsx because tsx always compiles with
// esbuild's keepNames, which wraps every closure creation in a defineProperty
// call; on the parser that doubled the run time (docs/architecture.md).
import { register } from 'node:module';

register('./ts-hooks.mjs', import.meta.url);
