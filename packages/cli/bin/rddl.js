#!/usr/bin/env node
// Runs the TypeScript sources directly (no build step): install the
// TypeScript module hooks, then load the CLI.
import { register } from 'node:module';

register('../../../scripts/ts-hooks.mjs', import.meta.url);
await import('../src/main.ts');
