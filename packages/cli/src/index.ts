export { runCli } from './program.js';
export { CliError, type CliIo } from './io.js';
