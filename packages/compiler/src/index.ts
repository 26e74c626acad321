export type * from './ir.js';
export { irChildren } from './ir.js';
export { compileModel, type CompiledModel, type CompileOptions, type GroundCpf, type GroundCondition } from './compile-model.js';
export { buildLayout, type Layout, type SpaceLayout, type GroundFluent } from './layout.js';
export { createKernel, sourceOf, type Kernel } from './js/kernel.js';
export { DomainError, roundHalfEven } from './js/runtime.js';
export type { CheckInfo, Owner, GeneratedSource } from './js/codegen.js';
export { interpret, referencesOf, type Environment } from './interpret.js';
export { extractActionBounds, dependsOnActions, conjuncts, type ActionBounds } from './analysis/action-bounds.js';
