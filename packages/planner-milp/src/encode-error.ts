import { formatLocation, type Span } from '@rddl/core';

/**
 * A construct the MILP encoding cannot express (or cannot bound): carries the
 * RDDL span so that the message names the construct and its source line.
 */
export class EncodingError extends Error {
  constructor(
    readonly construct: string,
    readonly span: Span | undefined,
    readonly reason: string,
  ) {
    super(`${construct}${span ? ` at ${formatLocation(span)}` : ''}: ${reason}`);
    this.name = 'EncodingError';
  }
}
