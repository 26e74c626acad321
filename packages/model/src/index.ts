export type * from './types.js';
export { boolType, intType, realType } from './types.js';
export { collectProgram, type Program } from './program.js';
export { buildModel, buildModelFromBlocks, selectInstance, type BuildModelOptions, type BuildModelResult } from './build-model.js';
export { checkProgram } from './check-program.js';
export { resolveDomain, type ResolvedDomain } from './resolve-domain.js';
export { groundingCount, groundingIndex, groundingValues, groundName } from './ground-index.js';
export { allowedDependencies, type DependencyKind, type DependentKind } from './dependencies.js';
