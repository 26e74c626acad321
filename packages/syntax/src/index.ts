export type * from './ast.js';
export { parseRddl, type ParseOptions, type ParseResult } from './parse.js';
export { defaultParseLimits, type ParseLimits } from './limits.js';
export { childExpressions, mapExpression, expressionDepth } from './walk.js';
export {
  binaryPrecedence,
  builtinFunctions,
  distributionParameters,
  vectorDistributionParameters,
  aggregationOperators,
  knownRequirements,
} from './operators.js';
export { printRddl, printExpressionText, type PrintOptions } from './printer/blocks.js';
