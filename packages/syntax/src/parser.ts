import { EmbeddedActionsParser, EOF, tokenMatcher, type IToken, type TokenType } from 'chevrotain';
import { createDiagnostic, spanOf, type Diagnostic, type DiagnosticCode, type SourceFile, type Span } from '@rddl/core';
import type * as A from './ast.js';
import * as T from './tokens.js';
import { fluentKindWords } from './tokens.js';
import { errorMessageProvider } from './parser-errors.js';
import { buildBinaryTree } from './binary-tree.js';
import { aggregationAliases, aggregationOperators, builtinFunctions, knownRequirements, matrixFunctions } from './operators.js';
import type { ParseLimits } from './limits.js';
import { resyncCandidates, type RecoveryLevel } from './recovery.js';

/** Thrown (outside chevrotain's recovery) when input nests deeper than the limit. */
export class NestingLimitError extends Error {
  constructor(readonly offset: number) {
    super('nesting limit');
  }
}

type Section<K extends string, V> = { readonly key: K; readonly span: Span; readonly value: V };

/** Rules after whose errors parsing resumes at the end of the statement or section (see `recovery.ts`). */
const recoveryUnits: Readonly<Record<string, RecoveryLevel>> = {
  requirementsSection: 'statement',
  typeDeclaration: 'statement',
  pvariableDeclaration: 'statement',
  cpfDefinition: 'statement',
  rewardSection: 'statement',
  constraint: 'statement',
  domainReference: 'statement',
  nonFluentsReference: 'statement',
  objectsDeclaration: 'statement',
  assignment: 'statement',
  maxNondefActionsSetting: 'statement',
  horizonSetting: 'statement',
  discountSetting: 'statement',
  typesSection: 'section',
  pvariablesSection: 'section',
  cpfsSection: 'section',
  constraintSection: 'section',
  objectsSection: 'section',
  nonFluentsValues: 'section',
  initStateSection: 'section',
};

/**
 * The parts of chevrotain's (11.x) recovery machinery the parser hooks into.
 * They are not in its type declarations; `test/syntax/recovery.test.ts`
 * fails if an upgrade changes them.
 */
interface ChevrotainInternals {
  readonly RULE_STACK: number[];
  readonly currIdx: number;
  shortRuleNameToFullName(shortName: number): string;
  buildFullFollowKeyStack(): unknown[];
  getFollowSetFromFollowKey(key: unknown): TokenType[] | undefined;
  findReSyncTokenType(): TokenType;
  reSyncTo(tokType: TokenType): IToken[];
}
const chevrotainRecovery = EmbeddedActionsParser.prototype as unknown as ChevrotainInternals;

/** Rules directly below a recovery unit that may resume at its `;`: their recovery values are handled. */
const resumingChildren: ReadonlySet<string> = new Set([
  'typeDeclarationBody',
  'pvariableDeclarationBody',
  'cpfDefinitionBody',
  'objectsDeclarationBody',
  'assignmentBody',
  'expression',
]);

/**
 * The RDDL grammar as a chevrotain embedded-actions parser that builds the
 * AST directly. One instance is reused for every file (`reset` per parse).
 */
export class RddlParser extends EmbeddedActionsParser {
  private source!: SourceFile;
  private limits!: ParseLimits;
  private depth = 0;
  /** Problems found while building nodes (duplicate sections, unknown names); recognition errors are in `errors`. */
  semanticDiagnostics: Diagnostic[] = [];
  /** Rule-stack depth → the statement or section being read at that depth and the index of its first token. */
  private units: { level: RecoveryLevel; start: number }[] = [];
  /** Token index chosen by `findReSyncTokenType`, used by `reSyncTo`. */
  private resyncTarget: number | undefined;
  private resyncCache: { from: number; start: number; index: number; type: TokenType } | undefined;

  constructor() {
    super(T.allTokens, { recoveryEnabled: true, maxLookahead: 3, errorMessageProvider, skipValidations: false });
    this.performSelfAnalysis();
  }

  parseFile(source: SourceFile, tokens: IToken[], limits: ParseLimits): A.RddlFile {
    this.source = source;
    this.limits = limits;
    this.depth = 0;
    this.semanticDiagnostics = [];
    this.units = [];
    this.resyncTarget = undefined;
    this.resyncCache = undefined;
    this.input = tokens;
    return this.file();
  }

  // ------------------------------------------------------------ error recovery (see recovery.ts)

  private get internals(): ChevrotainInternals {
    return this as unknown as ChevrotainInternals;
  }

  /** Called first thing in every rule listed in `recoveryUnits`. */
  private beginUnit(level: RecoveryLevel): void {
    this.ACTION(() => {
      const p = this.internals;
      this.units[p.RULE_STACK.length - 1] = { level, start: p.currIdx + 1 };
    });
  }

  /**
   * chevrotain hook: the token type at which the rules on the stack may
   * resume after an error. Inside a statement or section (the innermost
   * `recoveryUnits` rule on the stack) the candidates come from
   * `resyncCandidates`; a candidate is taken only if the rule that would
   * resume there is that unit, one of its ancestors, or one of the rules in
   * `resumingChildren` directly below it, so that no other rule returns its
   * (undefined) recovery value into the tree.
   */
  findReSyncTokenType(): TokenType {
    const p = this.internals;
    this.resyncTarget = undefined;
    const stack = p.RULE_STACK;
    let unitDepth = -1;
    for (let d = stack.length - 1; d >= 0 && unitDepth < 0; d--) {
      if (recoveryUnits[p.shortRuleNameToFullName(stack[d]!)] && this.units[d]) unitDepth = d;
    }
    if (unitDepth < 0) return chevrotainRecovery.findReSyncTokenType.call(this);
    const unit = this.units[unitDepth]!;
    const from = p.currIdx + 1;
    const cached = this.resyncCache;
    if (cached && cached.from === from && cached.start === unit.start) {
      this.resyncTarget = cached.index;
      return cached.type;
    }
    const keys = p.buildFullFollowKeyStack();
    const followsAt = (d: number) => p.getFollowSetFromFollowKey(keys[d]!) ?? [];
    const maxDepth =
      unitDepth + 1 < stack.length && resumingChildren.has(p.shortRuleNameToFullName(stack[unitDepth + 1]!)) ? unitDepth + 1 : unitDepth;
    const tokens = this.input;
    for (const index of resyncCandidates(tokens, unit.start, from, unit.level)) {
      if (index >= tokens.length) return this.resyncAt(from, unit.start, index, EOF);
      const token = tokens[index]!;
      // The rule that resumes is the innermost one whose follow set has the token.
      for (let d = stack.length - 1; d >= 0; d--) {
        const type = followsAt(d).find((f) => tokenMatcher(token, f));
        if (!type) continue;
        if (d <= maxDepth) return this.resyncAt(from, unit.start, index, type);
        break;
      }
    }
    return EOF;
  }

  private resyncAt(from: number, start: number, index: number, type: TokenType): TokenType {
    this.resyncCache = { from, start, index, type };
    this.resyncTarget = index;
    return type;
  }

  /** chevrotain hook: skip to the token chosen by `findReSyncTokenType`. */
  reSyncTo(tokType: TokenType): IToken[] {
    const target = this.resyncTarget;
    this.resyncTarget = undefined;
    const p = this.internals;
    const tokens = this.input;
    if (target === undefined || (target < tokens.length && !tokenMatcher(tokens[target]!, tokType))) {
      return chevrotainRecovery.reSyncTo.call(this, tokType);
    }
    while (p.currIdx + 1 < target && this.LA(1).tokenType !== EOF) this.SKIP_TOKEN();
    return [];
  }

  // ------------------------------------------------------------ helpers

  private span(first: IToken | Span, last: IToken | Span): Span {
    const start = 'source' in first ? first.start : first.startOffset;
    const end = 'source' in last ? last.end : last.startOffset + last.image.length;
    if (Number.isNaN(start) || Number.isNaN(end)) {
      // A token inserted by error recovery has no position: use the end of the last real token.
      const prev = this.LA(0);
      const prevEnd = Number.isNaN(prev.startOffset) ? this.source.text.length : prev.startOffset + prev.image.length;
      const safeEnd = Number.isNaN(end) ? prevEnd : end;
      const safeStart = Number.isNaN(start) ? Math.min(prevEnd, safeEnd) : start;
      return spanOf(this.source, safeStart, Math.max(safeStart, safeEnd));
    }
    return spanOf(this.source, start, Math.max(start, end));
  }

  private tokenSpan(tok: IToken): Span {
    return this.span(tok, tok);
  }

  private ident(tok: IToken): A.Identifier {
    return { kind: 'Identifier', name: tok.image, span: this.tokenSpan(tok) };
  }

  private report(code: DiagnosticCode, span: Span, message: string, hint?: string): void {
    this.semanticDiagnostics.push(createDiagnostic(code, span, message, hint ? { hint } : {}));
  }

  private enter(tok: IToken, amount = 1): void {
    this.depth += amount;
    if (this.depth > this.limits.maxNesting) throw new NestingLimitError(tok.startOffset);
  }

  /**
   * Parse an if condition or an aggregation body, whose outer brackets do not
   * count as a nesting level: the printer always brackets these, and the
   * formatted text must not nest deeper than the original.
   */
  private bracketsFree<R>(parse: () => R): R {
    const refund = this.ACTION(() => (this.LA(1).tokenType === T.LParen || this.LA(1).tokenType === T.LBracket ? 1 : 0)) ?? 0;
    this.ACTION(() => (this.depth -= refund));
    try {
      return parse();
    } finally {
      this.ACTION(() => (this.depth += refund));
    }
  }

  private errorExpression(tok: IToken | undefined): A.ErrorExpression {
    const at = tok && !Number.isNaN(tok.startOffset) ? tok : undefined;
    return { kind: 'ErrorExpression', span: at ? this.tokenSpan(at) : spanOf(this.source, this.source.text.length, this.source.text.length) };
  }

  // ------------------------------------------------------------ file and blocks

  /** Blocks read so far, kept outside the rule so that a file whose parse ends in recovery still has them. */
  private blocks: A.Block[] = [];

  private fileNode(): A.RddlFile {
    return { kind: 'File', blocks: this.blocks, span: spanOf(this.source, 0, this.source.text.length) };
  }

  private file = this.RULE(
    'file',
    (): A.RddlFile => {
      this.ACTION(() => (this.blocks = []));
      this.MANY(() => {
        const item = this.SUBRULE(this.topItem);
        this.ACTION(() => {
          if (item) this.blocks.push(item);
        });
      });
      return this.ACTION(() => this.fileNode());
    },
    { recoveryValueFunc: () => this.fileNode() },
  );

  private topItem = this.RULE('topItem', (): A.Block | undefined =>
    this.OR([
      { ALT: () => this.SUBRULE(this.domainBlock) },
      { ALT: () => this.SUBRULE(this.nonFluentsBlock) },
      { ALT: () => this.SUBRULE(this.instanceBlock) },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Kw.policy);
          this.ACTION(() => this.report('RDDL1044', this.tokenSpan(kw), 'policy blocks are not supported'));
          this.SUBRULE(this.skipBraced);
          return undefined;
        },
      },
    ]),
  );

  /** `name { ... }` skipped with balanced braces (for unsupported blocks). */
  private skipBraced = this.RULE('skipBraced', () => {
    this.CONSUME(T.Identifier);
    this.CONSUME(T.LCurly);
    this.ACTION(() => {
      let depth = 1;
      while (depth > 0 && this.LA(1).tokenType !== EOF) {
        const t = this.LA(1).tokenType;
        if (t === T.LCurly) depth++;
        else if (t === T.RCurly) depth--;
        if (depth > 0) this.SKIP_TOKEN();
      }
    });
    this.CONSUME(T.RCurly);
  });

  private domainBlock = this.RULE('domainBlock', (): A.DomainBlock => {
    const kw = this.CONSUME(T.Kw.domain);
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.LCurly);
    const sections: Section<string, unknown>[] = [];
    this.MANY(() => {
      const s = this.SUBRULE(this.domainSection);
      this.ACTION(() => {
        if (s) sections.push(s);
      });
    });
    const close = this.CONSUME(T.RCurly);
    return this.ACTION(() => {
      const get = this.collectSections(sections, 'domain');
      return {
        kind: 'Domain' as const,
        name: this.ident(name),
        requirements: get('requirements') as A.DomainBlock['requirements'],
        types: get('types') as A.DomainBlock['types'],
        pvariables: get('pvariables') as A.DomainBlock['pvariables'],
        cpfs: get('cpfs') as A.CpfsSection | undefined,
        reward: get('reward') as A.DomainBlock['reward'],
        stateInvariants: get('state-invariants') as A.ConstraintList | undefined,
        actionPreconditions: get('action-preconditions') as A.ConstraintList | undefined,
        stateActionConstraints: get('state-action-constraints') as A.ConstraintList | undefined,
        termination: get('termination') as A.ConstraintList | undefined,
        span: this.span(kw, close),
      };
    });
  });

  /** Report a section given twice (RDDL1040) and return a getter for each section's value. */
  private collectSections(sections: Section<string, unknown>[], block: string): (key: string) => unknown {
    const seen = new Map<string, Section<string, unknown>>();
    for (const s of sections) {
      const first = seen.get(s.key);
      if (first) {
        this.semanticDiagnostics.push(
          createDiagnostic('RDDL1040', s.span, `${block} block has a second '${s.key}' section`, {
            related: [{ message: `first '${s.key}' section`, span: first.span }],
          }),
        );
      } else seen.set(s.key, s);
    }
    return (key) => seen.get(key)?.value;
  }

  private domainSection = this.RULE('domainSection', (): Section<string, unknown> | undefined =>
    this.OR([
      { ALT: () => this.SUBRULE(this.requirementsSection) },
      { ALT: () => this.SUBRULE(this.typesSection) },
      { ALT: () => this.SUBRULE(this.pvariablesSection) },
      { ALT: () => this.SUBRULE(this.cpfsSection) },
      { ALT: () => this.SUBRULE(this.rewardSection) },
      { ALT: () => this.SUBRULE(this.constraintSection) },
    ]),
  );

  private requirementsSection = this.RULE('requirementsSection', (): Section<'requirements', unknown> => {
    this.beginUnit('statement');
    const kw = this.CONSUME(T.Kw.requirements);
    const assign = this.OPTION(() => this.CONSUME(T.Assign));
    this.CONSUME(T.LCurly);
    const list: A.Requirement[] = [];
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const tok = this.CONSUME(T.Identifier);
        this.ACTION(() => {
          list.push({ name: tok.image, span: this.tokenSpan(tok) });
          if (!knownRequirements.has(tok.image)) this.report('RDDL1042', this.tokenSpan(tok), `unknown requirement '${tok.image}'`);
        });
      },
    });
    const close = this.CONSUME(T.RCurly);
    const semi = this.OPTION2(() => this.CONSUME(T.Semicolon));
    return this.ACTION(() => {
      const span = this.span(kw, semi ?? close);
      const value: A.RequirementsSection = { list, span, assign: assign !== undefined };
      return { key: 'requirements' as const, span, value };
    });
  });

  private typesSection = this.RULE('typesSection', (): Section<'types', unknown> => {
    this.beginUnit('section');
    const kw = this.CONSUME(T.Kw.types);
    this.CONSUME(T.LCurly);
    const list: A.TypeDeclaration[] = [];
    this.MANY(() => {
      const d = this.SUBRULE(this.typeDeclaration);
      this.ACTION(() => {
        if (d) list.push(d);
      });
    });
    const close = this.CONSUME(T.RCurly);
    const semi = this.OPTION(() => this.CONSUME(T.Semicolon));
    return this.ACTION(() => {
      const span = this.span(kw, semi ?? close);
      return { key: 'types' as const, span, value: { list, span } };
    });
  });

  // Statements are `body ;` with the body a rule of its own, so that after an
  // error inside a statement the body gives up (it returns undefined) and the
  // statement resumes at its `;` (see recovery.ts and `findReSyncTokenType`).
  private typeDeclaration = this.RULE('typeDeclaration', (): A.TypeDeclaration | undefined => {
    this.beginUnit('statement');
    const body = this.SUBRULE(this.typeDeclarationBody);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => body && { ...body, span: this.span(body.span, semi) });
  });

  private typeDeclarationBody = this.RULE('typeDeclarationBody', (): A.TypeDeclaration | undefined => {
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    const definition = this.SUBRULE(this.typeDefinition);
    return this.ACTION(() => ({ kind: 'TypeDeclaration' as const, name: this.ident(name), definition, span: this.span(name, this.LA(0)) }));
  });

  private typeDefinition = this.RULE('typeDefinition', (): A.TypeDeclaration['definition'] =>
    this.OR([
      {
        ALT: () => {
          const tok = this.CONSUME(T.Kw.object);
          return this.ACTION(() => ({ kind: 'object' as const, span: this.tokenSpan(tok) }));
        },
      },
      {
        ALT: () => {
          const tok = this.CONSUME(T.Identifier);
          return this.ACTION(() => ({ kind: 'parent' as const, parent: this.ident(tok) }));
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.LCurly);
          const values: A.EnumLiteral[] = [];
          this.MANY_SEP({
            SEP: T.Comma,
            DEF: () => {
              const tok = this.CONSUME(T.EnumToken);
              this.ACTION(() => values.push({ kind: 'EnumLiteral', name: tok.image, span: this.tokenSpan(tok) }));
            },
          });
          this.CONSUME(T.RCurly);
          return { kind: 'enum' as const, values };
        },
      },
    ]),
  );

  private pvariablesSection = this.RULE('pvariablesSection', (): Section<'pvariables', unknown> => {
    this.beginUnit('section');
    const kw = this.CONSUME(T.Kw.pvariables);
    this.CONSUME(T.LCurly);
    const list: A.PVariableDeclaration[] = [];
    this.MANY(() => {
      const d = this.SUBRULE(this.pvariableDeclaration);
      this.ACTION(() => {
        if (d) list.push(d);
      });
    });
    const close = this.CONSUME(T.RCurly);
    const semi = this.OPTION(() => this.CONSUME(T.Semicolon));
    return this.ACTION(() => {
      const span = this.span(kw, semi ?? close);
      return { key: 'pvariables' as const, span, value: { list, span } };
    });
  });

  private pvariableDeclaration = this.RULE('pvariableDeclaration', (): A.PVariableDeclaration | undefined => {
    this.beginUnit('statement');
    const body = this.SUBRULE(this.pvariableDeclarationBody);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => body && { ...body, span: this.span(body.span, semi) });
  });

  private pvariableDeclarationBody = this.RULE('pvariableDeclarationBody', (): A.PVariableDeclaration | undefined => {
    const name = this.CONSUME(T.Identifier);
    const parameters: A.Identifier[] = [];
    const paren = this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({
        SEP: T.Comma,
        DEF: () => {
          const p = this.CONSUME2(T.Identifier);
          this.ACTION(() => parameters.push(this.ident(p)));
        },
      });
      return this.CONSUME(T.RParen);
    });
    this.CONSUME(T.Colon);
    this.CONSUME(T.LCurly);
    // Any name is accepted as the kind, so that a misspelt kind is one clear error (RDDL1043).
    const kindTok = this.OR([{ ALT: () => this.CONSUME(T.FluentKindToken) }, { ALT: () => this.CONSUME4(T.Identifier) }]);
    this.CONSUME(T.Comma);
    const range = this.CONSUME3(T.Identifier);
    const attributes: { name: IToken; value: A.Constant }[] = [];
    this.MANY({
      // Another attribute follows (`, name` or, comma forgotten, `name =`); the
      // gate keeps error recovery from taking any name as the start of one.
      GATE: () => this.LA(1).tokenType === T.Comma || this.LA(2).tokenType === T.Assign,
      DEF: () => {
        // A forgotten comma between attributes is reported, not fatal.
        const comma = this.OPTION2(() => this.CONSUME2(T.Comma));
        const attr = this.SUBRULE(this.pvarAttribute);
        this.ACTION(() => {
          if (!attr) return;
          if (!comma) this.report('RDDL1011', this.tokenSpan(attr.name), `missing ',' before '${attr.name.image}'`);
          attributes.push(attr);
        });
      },
    });
    const close = this.CONSUME(T.RCurly);
    return this.ACTION(() => {
      if (!fluentKindWords.includes(kindTok.image as A.FluentKind)) {
        this.report('RDDL1043', this.tokenSpan(kindTok), `unknown fluent kind '${kindTok.image}' (expected ${fluentKindWords.join(', ')})`);
        return undefined;
      }
      const fluentKind = kindTok.image as A.FluentKind;
      let defaultValue: A.Constant | undefined;
      let level: A.NumberLiteral | undefined;
      for (const { name: attrName, value } of attributes) {
        const span = this.tokenSpan(attrName);
        if (attrName.image === 'default') {
          if (defaultValue) this.report('RDDL1043', span, `'${name.image}' has two default values`);
          defaultValue = value;
        } else if (attrName.image === 'level') {
          if (level) this.report('RDDL1043', span, `'${name.image}' has two levels`);
          else if (fluentKind !== 'interm-fluent' && fluentKind !== 'derived-fluent') {
            this.report('RDDL1043', span, `a ${fluentKind} cannot have a level (only interm-fluent and derived-fluent can)`);
          }
          if (value.kind === 'Number' && value.isInteger) level = value;
          else this.report('RDDL1041', value.span, `level must be a positive integer`);
        } else {
          this.report('RDDL1043', span, `unknown pvariable attribute '${attrName.image}' (expected 'default' or 'level')`);
        }
      }
      return {
        kind: 'PVariableDeclaration' as const,
        name: this.ident(name),
        parameters,
        parenthesized: paren !== undefined,
        fluentKind,
        fluentKindSpan: this.tokenSpan(kindTok),
        range: this.ident(range),
        defaultValue,
        level,
        span: this.span(name, close),
      };
    });
  });

  private pvarAttribute = this.RULE('pvarAttribute', (): { name: IToken; value: A.Constant } | undefined => {
    const name = this.OR([{ ALT: () => this.CONSUME(T.Kw.default) }, { ALT: () => this.CONSUME(T.Identifier) }]);
    this.CONSUME(T.Assign);
    const value = this.SUBRULE(this.constantValue);
    return { name, value };
  });

  private cpfsSection = this.RULE('cpfsSection', (): Section<'cpfs', unknown> => {
    this.beginUnit('section');
    const kw = this.OR([{ ALT: () => this.CONSUME(T.Kw.cpfs) }, { ALT: () => this.CONSUME(T.Kw.cdfs) }]);
    this.CONSUME(T.LCurly);
    const definitions: A.CpfDefinition[] = [];
    this.MANY(() => {
      const d = this.SUBRULE(this.cpfDefinition);
      this.ACTION(() => {
        if (d) definitions.push(d);
      });
    });
    const close = this.CONSUME(T.RCurly);
    const semi = this.OPTION(() => this.CONSUME(T.Semicolon));
    return this.ACTION(() => {
      const span = this.span(kw, semi ?? close);
      const value: A.CpfsSection = { keyword: kw.image as 'cpfs' | 'cdfs', list: definitions, span };
      return { key: 'cpfs' as const, span, value };
    });
  });

  private cpfDefinition = this.RULE('cpfDefinition', (): A.CpfDefinition | undefined => {
    this.beginUnit('statement');
    const body = this.SUBRULE(this.cpfDefinitionBody);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => body && { ...body, span: this.span(body.span, semi) });
  });

  private cpfDefinitionBody = this.RULE('cpfDefinitionBody', (): A.CpfDefinition | undefined => {
    const name = this.CONSUME(T.Identifier);
    const prime = this.OPTION(() => this.CONSUME(T.Prime));
    const parameters: A.VariableRef[] = [];
    const paren = this.OPTION2(() => {
      this.CONSUME(T.LParen);
      this.MANY_SEP({
        SEP: T.Comma,
        DEF: () => {
          const v = this.CONSUME(T.VariableToken);
          this.ACTION(() => parameters.push({ kind: 'Variable', name: v.image, span: this.tokenSpan(v) }));
        },
      });
      return this.CONSUME(T.RParen);
    });
    this.CONSUME(T.Assign);
    const expression = this.SUBRULE(this.expression);
    return this.ACTION(() => ({
      kind: 'CpfDefinition' as const,
      name: this.ident(name),
      primed: prime !== undefined,
      parameters,
      parenthesized: paren !== undefined,
      expression,
      span: this.span(name, expression.span),
    }));
  });

  private rewardSection = this.RULE('rewardSection', (): Section<'reward', unknown> => {
    this.beginUnit('statement');
    const kw = this.CONSUME(T.Kw.reward);
    this.CONSUME(T.Assign);
    const expression = this.SUBRULE(this.expression);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => {
      const span = this.span(kw, semi);
      const value: A.RewardSection = { expression, span };
      return { key: 'reward' as const, span, value };
    });
  });

  private constraintSection = this.RULE('constraintSection', (): Section<string, unknown> => {
    this.beginUnit('section');
    const kw = this.OR([
      { ALT: () => this.CONSUME(T.Kw.stateInvariants) },
      { ALT: () => this.CONSUME(T.Kw.actionPreconditions) },
      { ALT: () => this.CONSUME(T.Kw.stateActionConstraints) },
      { ALT: () => this.CONSUME(T.Kw.termination) },
    ]);
    this.CONSUME(T.LCurly);
    const expressions: A.Expression[] = [];
    this.MANY(() => {
      const e = this.SUBRULE(this.constraint);
      this.ACTION(() => {
        if (e) expressions.push(e);
      });
    });
    const close = this.CONSUME(T.RCurly);
    const semi = this.OPTION(() => this.CONSUME2(T.Semicolon));
    return this.ACTION(() => {
      const span = this.span(kw, semi ?? close);
      const value: A.ConstraintList = { keyword: kw.image as A.ConstraintList['keyword'], list: expressions, span };
      return { key: kw.image, span, value };
    });
  });

  /** `expression ;` in a constraint list. */
  private constraint = this.RULE('constraint', (): A.Expression | undefined => {
    this.beginUnit('statement');
    const e = this.SUBRULE(this.expression);
    this.CONSUME(T.Semicolon);
    return e;
  });

  // ------------------------------------------------------------ non-fluents and instance blocks

  private nonFluentsBlock = this.RULE('nonFluentsBlock', (): A.NonFluentsBlock => {
    const kw = this.CONSUME(T.Kw.nonFluents);
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.LCurly);
    const sections: Section<string, unknown>[] = [];
    this.MANY(() => {
      const s = this.SUBRULE(this.nonFluentsSection);
      this.ACTION(() => {
        if (s) sections.push(s);
      });
    });
    const close = this.CONSUME(T.RCurly);
    return this.ACTION(() => {
      const get = this.collectSections(sections, 'non-fluents');
      return {
        kind: 'NonFluents' as const,
        name: this.ident(name),
        domain: get('domain') as A.Reference | undefined,
        objects: get('objects') as A.NonFluentsBlock['objects'],
        nonFluents: get('non-fluents') as A.AssignmentList | undefined,
        span: this.span(kw, close),
      };
    });
  });

  private nonFluentsSection = this.RULE('nonFluentsSection', (): Section<string, unknown> | undefined =>
    this.OR([
      { ALT: () => this.SUBRULE(this.domainReference) },
      { ALT: () => this.SUBRULE(this.objectsSection) },
      { ALT: () => this.SUBRULE(this.nonFluentsValues) },
    ]),
  );

  private domainReference = this.RULE('domainReference', (): Section<'domain', A.Reference> => {
    this.beginUnit('statement');
    const kw = this.CONSUME(T.Kw.domain);
    this.CONSUME(T.Assign);
    const name = this.CONSUME(T.Identifier);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => {
      const span = this.span(kw, semi);
      return { key: 'domain' as const, span, value: { name: this.ident(name), span } };
    });
  });

  private objectsSection = this.RULE('objectsSection', (): Section<'objects', unknown> => {
    this.beginUnit('section');
    const kw = this.CONSUME(T.Kw.objects);
    this.CONSUME(T.LCurly);
    const list: A.ObjectsDeclaration[] = [];
    this.MANY(() => {
      const decl = this.SUBRULE(this.objectsDeclaration);
      this.ACTION(() => {
        if (decl) list.push(decl);
      });
    });
    const close = this.CONSUME(T.RCurly);
    const semi = this.OPTION(() => this.CONSUME2(T.Semicolon));
    return this.ACTION(() => {
      const span = this.span(kw, semi ?? close);
      return { key: 'objects' as const, span, value: { list, span } };
    });
  });

  private objectsDeclaration = this.RULE('objectsDeclaration', (): A.ObjectsDeclaration | undefined => {
    this.beginUnit('statement');
    const body = this.SUBRULE(this.objectsDeclarationBody);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => body && { ...body, span: this.span(body.span, semi) });
  });

  private objectsDeclarationBody = this.RULE('objectsDeclarationBody', (): A.ObjectsDeclaration | undefined => {
    const type = this.CONSUME(T.Identifier);
    this.CONSUME(T.Colon);
    this.CONSUME(T.LCurly);
    const objects: A.Identifier[] = [];
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const o = this.CONSUME2(T.Identifier);
        this.ACTION(() => objects.push(this.ident(o)));
      },
    });
    const close = this.CONSUME(T.RCurly);
    return this.ACTION(() => ({ type: this.ident(type), objects, span: this.span(type, close) }));
  });

  /** `non-fluents { ... };` inside a non-fluents or instance block. */
  private nonFluentsValues = this.RULE('nonFluentsValues', (): Section<'non-fluents', A.AssignmentList> => {
    this.beginUnit('section');
    const kw = this.CONSUME(T.Kw.nonFluents);
    const list = this.SUBRULE(this.assignmentList);
    return this.ACTION(() => ({ key: 'non-fluents' as const, span: this.span(kw, list.span), value: list }));
  });

  private assignmentList = this.RULE('assignmentList', (): A.AssignmentList => {
    const open = this.CONSUME(T.LCurly);
    const list: A.Assignment[] = [];
    this.MANY(() => {
      const a = this.SUBRULE(this.assignment);
      this.ACTION(() => {
        if (a) list.push(a);
      });
    });
    const close = this.CONSUME(T.RCurly);
    const semi = this.OPTION(() => this.CONSUME(T.Semicolon));
    return this.ACTION(() => ({ list, span: this.span(open, semi ?? close) }));
  });

  private assignment = this.RULE('assignment', (): A.Assignment | undefined => {
    this.beginUnit('statement');
    const body = this.SUBRULE(this.assignmentBody);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => body && { ...body, span: this.span(body.span, semi) });
  });

  private assignmentBody = this.RULE('assignmentBody', (): A.Assignment | undefined => {
    const not = this.OPTION(() => this.CONSUME(T.Not));
    const name = this.CONSUME(T.Identifier);
    let args: A.Expression[] | undefined;
    this.OPTION2(() => {
      this.CONSUME(T.LParen);
      args = [];
      this.MANY_SEP({
        SEP: T.Comma,
        DEF: () => {
          const a = this.SUBRULE(this.assignmentArg);
          this.ACTION(() => args!.push(a));
        },
      });
      this.CONSUME(T.RParen);
    });
    const value = this.OPTION3(() => {
      this.CONSUME(T.Assign);
      return this.SUBRULE(this.constantValue);
    });
    return this.ACTION(() => {
      const span = this.span(not ?? name, this.LA(0));
      if (not && value) this.report('RDDL1041', span, `'~${name.image}' cannot also be given a value`);
      const form: A.Assignment['form'] = value ? 'assign' : not ? 'negated' : 'bare';
      const implicit: A.BooleanLiteral = { kind: 'Boolean', value: !not, span: this.tokenSpan(name) };
      return { name: this.ident(name), args, value: value ?? implicit, form, span };
    });
  });

  private assignmentArg = this.RULE('assignmentArg', (): A.Expression =>
    this.OR([
      {
        ALT: () => {
          const t = this.CONSUME(T.Identifier);
          return this.ACTION(() => ({ kind: 'PVariable' as const, name: this.ident(t), primed: false, args: undefined, span: this.tokenSpan(t) }));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.EnumToken);
          return this.ACTION(() => ({ kind: 'EnumLiteral' as const, name: t.image, span: this.tokenSpan(t) }));
        },
      },
      {
        ALT: () => {
          const t = this.CONSUME(T.ObjectToken);
          return this.ACTION(() => ({ kind: 'ObjectLiteral' as const, name: t.image.slice(1), span: this.tokenSpan(t) }));
        },
      },
    ]),
  );

  private instanceBlock = this.RULE('instanceBlock', (): A.InstanceBlock => {
    const kw = this.CONSUME(T.Kw.instance);
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.LCurly);
    const sections: Section<string, unknown>[] = [];
    this.MANY(() => {
      const s = this.SUBRULE(this.instanceSection);
      this.ACTION(() => {
        if (s) sections.push(s);
      });
    });
    const close = this.CONSUME(T.RCurly);
    return this.ACTION(() => {
      const get = this.collectSections(sections, 'instance');
      return {
        kind: 'Instance' as const,
        name: this.ident(name),
        domain: get('domain') as A.Reference | undefined,
        nonFluentsRef: get('non-fluents-ref') as A.Reference | undefined,
        objects: get('objects') as A.InstanceBlock['objects'],
        nonFluents: get('non-fluents') as A.AssignmentList | undefined,
        initState: get('init-state') as A.AssignmentList | undefined,
        maxNondefActions: get('max-nondef-actions') as A.InstanceBlock['maxNondefActions'],
        horizon: get('horizon') as A.InstanceBlock['horizon'],
        discount: get('discount') as A.InstanceBlock['discount'],
        span: this.span(kw, close),
      };
    });
  });

  private instanceSection = this.RULE('instanceSection', (): Section<string, unknown> | undefined =>
    this.OR([
      { ALT: () => this.SUBRULE(this.domainReference) },
      { ALT: () => this.SUBRULE(this.nonFluentsReference) },
      { ALT: () => this.SUBRULE(this.nonFluentsValues) },
      { ALT: () => this.SUBRULE(this.objectsSection) },
      { ALT: () => this.SUBRULE(this.initStateSection) },
      { ALT: () => this.SUBRULE(this.maxNondefActionsSetting) },
      { ALT: () => this.SUBRULE(this.horizonSetting) },
      { ALT: () => this.SUBRULE(this.discountSetting) },
    ]),
  );

  /** `non-fluents = name;` in an instance. */
  private nonFluentsReference = this.RULE('nonFluentsReference', (): Section<string, A.Reference> => {
    this.beginUnit('statement');
    const kw = this.CONSUME(T.Kw.nonFluents);
    this.CONSUME(T.Assign);
    const name = this.CONSUME(T.Identifier);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => {
      const span = this.span(kw, semi);
      return { key: 'non-fluents-ref', span, value: { name: this.ident(name), span } };
    });
  });

  private initStateSection = this.RULE('initStateSection', (): Section<string, A.AssignmentList> => {
    this.beginUnit('section');
    const kw = this.CONSUME(T.Kw.initState);
    const list = this.SUBRULE(this.assignmentList);
    return this.ACTION(() => ({ key: 'init-state', span: this.span(kw, list.span), value: list }));
  });

  private maxNondefActionsSetting = this.RULE('maxNondefActionsSetting', (): Section<string, unknown> => {
    this.beginUnit('statement');
    const kw = this.CONSUME(T.Kw.maxNondefActions);
    this.CONSUME(T.Assign);
    const value = this.SUBRULE(this.countValue);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => {
      const span = this.span(kw, semi);
      return { key: 'max-nondef-actions', span, value: { value, span } };
    });
  });

  private horizonSetting = this.RULE('horizonSetting', (): Section<string, unknown> => {
    this.beginUnit('statement');
    const kw = this.CONSUME(T.Kw.horizon);
    this.CONSUME(T.Assign);
    const value = this.OR([
      { ALT: () => ({ value: this.SUBRULE(this.countValue) }) },
      {
        ALT: () => {
          this.CONSUME(T.Kw.terminateWhen);
          this.CONSUME(T.LParen);
          const e = this.SUBRULE(this.expression);
          this.CONSUME(T.RParen);
          return { terminateWhen: e };
        },
      },
    ]);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => {
      const span = this.span(kw, semi);
      return { key: 'horizon', span, value: { ...value, span } };
    });
  });

  private discountSetting = this.RULE('discountSetting', (): Section<string, unknown> => {
    this.beginUnit('statement');
    const kw = this.CONSUME(T.Kw.discount);
    this.CONSUME(T.Assign);
    const num = this.CONSUME(T.NumberToken);
    const semi = this.CONSUME(T.Semicolon);
    return this.ACTION(() => {
      const span = this.span(kw, semi);
      return { key: 'discount', span, value: { value: Number(num.image), span } };
    });
  });

  /** A non-negative integer or `pos-inf` (horizon, max-nondef-actions). */
  private countValue = this.RULE('countValue', (): number | 'pos-inf' =>
    this.OR([
      {
        ALT: () => {
          const minus = this.OPTION(() => this.CONSUME(T.Minus));
          const t = this.CONSUME(T.NumberToken);
          return this.ACTION(() => {
            const v = Number(t.image);
            if (t.tokenType !== T.MalformedNumber && (minus || !Number.isInteger(v) || !/^\d+$/.test(t.image))) {
              this.report('RDDL1041', this.span(minus ?? t, t), `expected a whole number but found '${minus ? '-' : ''}${t.image}'`);
            }
            return minus ? -v : v;
          });
        },
      },
      {
        ALT: () => {
          this.CONSUME(T.Kw.posInf);
          return 'pos-inf' as const;
        },
      },
    ]),
  );

  /** A constant where one is required; an operator after it means an expression was written (RDDL1041). */
  private constantValue = this.RULE('constantValue', (): A.Constant => {
    const value = this.SUBRULE(this.constant);
    this.OPTION(() => {
      this.CONSUME(T.BinaryOperatorToken);
      const rest = this.SUBRULE(this.expression);
      this.ACTION(() => this.report('RDDL1041', this.span(value.span, rest.span), 'expected a constant but found an expression'));
    });
    return value;
  });

  /** A literal constant: defaults, non-fluent and init-state values. */
  private constant = this.RULE(
    'constant',
    (): A.Constant =>
      this.OR([
        {
          ALT: () => {
            const minus = this.CONSUME(T.Minus);
            const num = this.SUBRULE(this.numberLiteral);
            return this.ACTION(() => ({ kind: 'Unary' as const, operator: '-' as const, operand: num, span: this.span(minus, num.span) }));
          },
        },
        { ALT: () => this.SUBRULE2(this.numberLiteral) },
        { ALT: () => this.SUBRULE(this.booleanLiteral) },
        {
          ALT: () => {
            const t = this.OR2([{ ALT: () => this.CONSUME(T.Kw.posInf) }, { ALT: () => this.CONSUME(T.Kw.negInf) }]);
            return this.ACTION(() => ({ kind: 'Infinity' as const, negative: t.image === 'neg-inf', span: this.tokenSpan(t) }));
          },
        },
        { ALT: () => this.SUBRULE(this.assignmentArg) as A.Constant },
      ]),
    { recoveryValueFunc: () => ({ kind: 'Boolean', value: false, span: spanOf(this.source, 0, 0) }) as A.Constant },
  );

  private numberLiteral = this.RULE('numberLiteral', (): A.NumberLiteral => {
    const t = this.CONSUME(T.NumberToken);
    return this.ACTION(() => {
      const value = Number(t.image);
      const isInteger = /^\d+$/.test(t.image);
      if (t.tokenType === T.MalformedNumber) {
        // Already reported by the lexer (RDDL1003).
      } else if (!Number.isFinite(value)) {
        this.report('RDDL1003', this.tokenSpan(t), `number '${t.image}' is too large`);
      } else if (isInteger && !Number.isSafeInteger(value)) {
        this.report('RDDL1003', this.tokenSpan(t), `integer '${t.image}' is larger than 2^53 and cannot be represented exactly`);
      }
      return { kind: 'Number' as const, value, isInteger, text: t.image, span: this.tokenSpan(t) };
    });
  });

  private booleanLiteral = this.RULE('booleanLiteral', (): A.BooleanLiteral => {
    const t = this.OR([{ ALT: () => this.CONSUME(T.Kw.true) }, { ALT: () => this.CONSUME(T.Kw.false) }]);
    return this.ACTION(() => ({ kind: 'Boolean' as const, value: t.image === 'true', span: this.tokenSpan(t) }));
  });

  // ------------------------------------------------------------ expressions

  /** Operands and binary operators in one flat loop; precedence is applied after (see `binary-tree.ts`). */
  expression = this.RULE(
    'expression',
    (): A.Expression => {
      const first = this.LA(1);
      this.ACTION(() => this.enter(first));
      try {
        const operands: A.Expression[] = [this.SUBRULE(this.unary)];
        const operators: IToken[] = [];
        this.MANY(() => {
          const op = this.CONSUME(T.BinaryOperatorToken);
          const rhs = this.SUBRULE2(this.unary);
          this.ACTION(() => {
            operators.push(op);
            operands.push(rhs);
          });
        });
        return this.ACTION(() => buildBinaryTree(operands, operators, (t) => this.tokenSpan(t), this.semanticDiagnostics));
      } finally {
        this.ACTION(() => this.depth--);
      }
    },
    { recoveryValueFunc: (e) => this.errorExpression(e.token) },
  );

  private unary = this.RULE(
    'unary',
    (): A.Expression => {
      const ops: IToken[] = [];
      this.MANY(() => {
        const op = this.OR([{ ALT: () => this.CONSUME(T.Minus) }, { ALT: () => this.CONSUME(T.Plus) }, { ALT: () => this.CONSUME(T.Not) }]);
        this.ACTION(() => ops.push(op));
      });
      this.ACTION(() => {
        if (ops.length > 0) this.enter(ops[0]!, ops.length);
      });
      let operand: A.Expression;
      try {
        operand = this.SUBRULE(this.primary);
      } finally {
        this.ACTION(() => (this.depth -= ops.length));
      }
      return this.ACTION(() => {
        let result = operand;
        for (let i = ops.length - 1; i >= 0; i--) {
          const op = ops[i]!;
          result = { kind: 'Unary', operator: op.image as A.UnaryOperator, operand: result, span: this.span(op, result.span) };
        }
        return result;
      });
    },
    { recoveryValueFunc: (e) => this.errorExpression(e.token) },
  );

  private primary = this.RULE(
    'primary',
    (): A.Expression =>
      this.OR([
        { ALT: () => this.SUBRULE(this.numberLiteral) },
        { ALT: () => this.SUBRULE(this.booleanLiteral) },
        {
          ALT: () => {
            const t = this.OR2([{ ALT: () => this.CONSUME(T.Kw.posInf) }, { ALT: () => this.CONSUME(T.Kw.negInf) }]);
            return this.ACTION(() => ({ kind: 'Infinity' as const, negative: t.image === 'neg-inf', span: this.tokenSpan(t) }));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.VariableToken);
            return this.ACTION(() => ({ kind: 'Variable' as const, name: t.image, span: this.tokenSpan(t) }));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.EnumToken);
            return this.ACTION(() => ({ kind: 'EnumLiteral' as const, name: t.image, span: this.tokenSpan(t) }));
          },
        },
        { ALT: () => this.SUBRULE(this.externalCall) },
        {
          ALT: () => {
            const t = this.CONSUME(T.ObjectToken);
            return this.ACTION(() => ({ kind: 'ObjectLiteral' as const, name: t.image.slice(1), span: this.tokenSpan(t) }));
          },
        },
        {
          ALT: () => {
            const t = this.CONSUME(T.Underscore);
            return this.ACTION(() => ({ kind: 'Placeholder' as const, span: this.tokenSpan(t) }));
          },
        },
        { ALT: () => this.SUBRULE(this.group) },
        { ALT: () => this.SUBRULE(this.ifExpression) },
        { ALT: () => this.SUBRULE(this.switchExpression) },
        { ALT: () => this.SUBRULE(this.aggregation) },
        { ALT: () => this.SUBRULE(this.discreteAggregation) },
        { ALT: () => this.SUBRULE(this.discrete) },
        { ALT: () => this.SUBRULE(this.distribution) },
        { ALT: () => this.SUBRULE(this.vectorDistribution) },
        { ALT: () => this.SUBRULE(this.bracketCall) },
        { ALT: () => this.SUBRULE(this.pvariableRef) },
      ]),
    { recoveryValueFunc: (e) => this.errorExpression(e.token) },
  );

  /** `$name[args](args)`: pyRDDLGym's external Python functions, read so they can be reported (RDDL1044). */
  private externalCall = this.RULE('externalCall', (): A.Expression => {
    const name = this.CONSUME(T.ObjectToken);
    this.CONSUME(T.LBracket);
    this.SUBRULE(this.expressionList);
    let close = this.CONSUME(T.RBracket);
    this.OPTION(() => {
      this.CONSUME(T.LParen);
      this.SUBRULE2(this.expressionList);
      close = this.CONSUME(T.RParen);
    });
    return this.ACTION(() => {
      const span = this.span(name, close);
      this.report('RDDL1044', span, `external function calls ('${name.image}[...]') are not supported`);
      return { kind: 'ErrorExpression' as const, span };
    });
  });

  /** `( e )` or `[ e ]`. */
  private group = this.RULE('group', (): A.Expression => {
    const open = this.OR([{ ALT: () => this.CONSUME(T.LParen) }, { ALT: () => this.CONSUME(T.LBracket) }]);
    const inner = this.SUBRULE(this.expression);
    const close = this.OR2([{ ALT: () => this.CONSUME(T.RParen) }, { ALT: () => this.CONSUME(T.RBracket) }]);
    return this.ACTION(() => {
      const bracket = open.image as '(' | '[';
      const expected = bracket === '(' ? ')' : ']';
      if (close.image !== expected && !Number.isNaN(close.startOffset)) {
        this.report('RDDL1010', this.tokenSpan(close), `expected '${expected}' to close the '${bracket}' but found '${close.image}'`);
      }
      // Keep the outermost grouping; re-span so that frames point at the brackets.
      return { ...inner, parens: bracket, span: this.span(open, close) } as A.Expression;
    });
  });

  /** `if c then a else if c2 then b ... else z`; else-if chains are read in a loop, not by recursion. */
  private ifExpression = this.RULE('ifExpression', (): A.If => {
    const branches: { kw: IToken; condition: A.Expression; then: A.Expression }[] = [];
    const kw = this.CONSUME(T.Kw.if);
    const condition = this.bracketsFree(() => this.SUBRULE(this.expression));
    this.CONSUME(T.Kw.then);
    const then = this.SUBRULE2(this.expression);
    this.ACTION(() => branches.push({ kw, condition, then }));
    this.MANY(() => {
      this.CONSUME(T.Kw.else);
      const kw2 = this.CONSUME2(T.Kw.if);
      const c = this.bracketsFree(() => this.SUBRULE3(this.expression));
      this.CONSUME2(T.Kw.then);
      const t = this.SUBRULE4(this.expression);
      this.ACTION(() => branches.push({ kw: kw2, condition: c, then: t }));
    });
    this.CONSUME2(T.Kw.else);
    const otherwise = this.SUBRULE5(this.expression);
    return this.ACTION(() => {
      let result: A.Expression = otherwise;
      for (let i = branches.length - 1; i >= 0; i--) {
        const b = branches[i]!;
        result = { kind: 'If', condition: b.condition, then: b.then, else: result, span: this.span(b.kw, otherwise.span) };
      }
      return result as A.If;
    });
  });

  private switchExpression = this.RULE('switchExpression', (): A.Switch => {
    const kw = this.CONSUME(T.Kw.switch);
    this.CONSUME(T.LParen);
    const subject = this.SUBRULE(this.expression);
    this.CONSUME(T.RParen);
    this.CONSUME(T.LCurly);
    const cases: A.SwitchCase[] = [];
    let defaultCase: A.Expression | undefined;
    const addItem = (item: { value: A.Expression | undefined; body: A.Expression; span: Span }) => {
      if (item.value === undefined) {
        if (defaultCase) this.report('RDDL1040', item.span, 'switch has a second default case');
        else defaultCase = item.body;
      } else cases.push({ value: item.value, body: item.body, span: item.span });
    };
    const first = this.SUBRULE(this.caseItem);
    this.ACTION(() => addItem(first));
    this.MANY(() => {
      this.CONSUME(T.Comma);
      const item = this.SUBRULE2(this.caseItem);
      this.ACTION(() => addItem(item));
    });
    this.OPTION(() => this.CONSUME2(T.Comma));
    const close = this.CONSUME(T.RCurly);
    return this.ACTION(() => ({ kind: 'Switch' as const, subject, cases, defaultCase, span: this.span(kw, close) }));
  });

  private caseItem = this.RULE('caseItem', (): { value: A.Expression | undefined; body: A.Expression; span: Span } =>
    this.OR([
      {
        ALT: () => {
          const kw = this.CONSUME(T.Kw.case);
          const value = this.SUBRULE(this.primary);
          this.CONSUME(T.Colon);
          const body = this.SUBRULE(this.expression);
          return this.ACTION(() => ({ value, body, span: this.span(kw, body.span) }));
        },
      },
      {
        ALT: () => {
          const kw = this.CONSUME(T.Kw.default);
          this.CONSUME2(T.Colon);
          const body = this.SUBRULE2(this.expression);
          return this.ACTION(() => ({ value: undefined, body, span: this.span(kw, body.span) }));
        },
      },
    ]),
  );

  private typedVariables = this.RULE('typedVariables', (): A.TypedVariable[] => {
    const list: A.TypedVariable[] = [];
    this.AT_LEAST_ONE_SEP({
      SEP: T.Comma,
      DEF: () => {
        const v = this.CONSUME(T.VariableToken);
        this.CONSUME(T.Colon);
        const type = this.CONSUME(T.Identifier);
        this.ACTION(() => list.push({ name: v.image, type: this.ident(type), span: this.span(v, type) }));
      },
    });
    return list;
  });

  /** `sum_{?x : t} body` and the other aggregations, and `det_{?r : t, ?c : t} body`. */
  private aggregation = this.RULE('aggregation', (): A.Expression => {
    const op = this.CONSUME(T.Identifier);
    this.CONSUME(T.Underscore);
    this.CONSUME(T.LCurly);
    const variables = this.SUBRULE(this.typedVariables);
    this.CONSUME(T.RCurly);
    const body = this.bracketsFree(() => this.SUBRULE(this.expression));
    return this.ACTION((): A.Expression => {
      const span = this.span(op, body.span);
      const operatorSpan = this.tokenSpan(op);
      this.warnIfBodyExtends(body, op.image);
      if (op.image === 'det') {
        if (variables.length !== 2) this.report('RDDL1010', operatorSpan, `det_ needs exactly two variables (row and column), found ${variables.length}`);
        return { kind: 'Determinant', operatorSpan, variables, body, span };
      }
      const operator = aggregationAliases.get(op.image) ?? (op.image as A.AggregationOperator);
      if (!aggregationOperators.has(operator)) {
        this.report(
          'RDDL1010',
          operatorSpan,
          `unknown aggregation '${op.image}_' (expected sum, prod, avg, minimum, maximum, forall, exists, argmin, argmax or det)`,
        );
      }
      return { kind: 'Aggregation', operator, operatorSpan, variables, body, span };
    });
  });

  private warnIfBodyExtends(body: A.Expression, what: string): void {
    // `sum_{?x : t} [f(?x)] + 1` sums `[f(?x)] + 1`: flag a bracketed group that an operator continues.
    if (body.kind !== 'Binary' || body.parens) return;
    let leftmost: A.Expression = body;
    while (leftmost.kind === 'Binary' && !leftmost.parens) leftmost = leftmost.left;
    if (leftmost.parens && leftmost.span.start === body.span.start) {
      this.report(
        'RDDL1033',
        body.span,
        `the body of '${what}_' extends past the bracketed group to the end of the expression`,
        `write '(${what}_{...} [...]) ...' to apply the operator after the aggregation`,
      );
    }
  }

  private discreteAggregation = this.RULE('discreteAggregation', (): A.DiscreteAggregation => {
    const op = this.CONSUME(T.DiscreteToken);
    this.CONSUME(T.Underscore);
    this.CONSUME(T.LCurly);
    const variables = this.SUBRULE(this.typedVariables);
    this.CONSUME(T.RCurly);
    const body = this.bracketsFree(() => this.SUBRULE(this.expression));
    return this.ACTION(() => ({
      kind: 'DiscreteAggregation' as const,
      unnormalized: op.image === 'UnnormDiscrete',
      variables,
      body,
      span: this.span(op, body.span),
    }));
  });

  private discrete = this.RULE('discrete', (): A.DiscreteDistribution => {
    const op = this.CONSUME(T.DiscreteToken);
    this.CONSUME(T.LParen);
    const type = this.CONSUME(T.Identifier);
    const cases: A.DiscreteCase[] = [];
    this.MANY(() => {
      this.CONSUME(T.Comma);
      const c = this.SUBRULE(this.discreteCase);
      this.ACTION(() => cases.push(c));
    });
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({
      kind: 'Discrete' as const,
      unnormalized: op.image === 'UnnormDiscrete',
      type: this.ident(type),
      cases,
      span: this.span(op, close),
    }));
  });

  private discreteCase = this.RULE('discreteCase', (): A.DiscreteCase => {
    const value = this.SUBRULE(this.assignmentArg);
    this.CONSUME(T.Colon);
    const { probability, end } = this.OR([
      {
        GATE: () => this.LA(1).image === 'otherwise' && (this.LA(2).tokenType === T.Comma || this.LA(2).tokenType === T.RParen),
        ALT: () => {
          const tok = this.CONSUME(T.Identifier);
          return { probability: undefined, end: tok as IToken | Span };
        },
      },
      {
        ALT: () => {
          const e = this.SUBRULE(this.expression);
          return { probability: e as A.Expression | undefined, end: this.ACTION(() => e.span) as IToken | Span };
        },
      },
    ]);
    return this.ACTION(() => ({ value, probability, span: this.span(value.span, end) }));
  });

  private distribution = this.RULE('distribution', (): A.Distribution => {
    const name = this.CONSUME(T.DistributionToken);
    this.CONSUME(T.LParen);
    const args = this.SUBRULE(this.expressionList);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({ kind: 'Distribution' as const, name: this.ident(name), args, span: this.span(name, close) }));
  });

  private vectorDistribution = this.RULE('vectorDistribution', (): A.VectorDistribution => {
    const name = this.CONSUME(T.VectorDistributionToken);
    this.CONSUME(T.LBracket);
    const outputs = this.SUBRULE(this.expressionList);
    this.CONSUME(T.RBracket);
    this.CONSUME(T.LParen);
    const args = this.SUBRULE2(this.expressionList);
    const close = this.CONSUME(T.RParen);
    return this.ACTION(() => ({ kind: 'VectorDistribution' as const, name: this.ident(name), outputs, args, span: this.span(name, close) }));
  });

  /** `f[args]` built-in calls and `inverse[row=?r, col=?c][body]` matrix functions. */
  private bracketCall = this.RULE('bracketCall', (): A.Expression => {
    const name = this.CONSUME(T.Identifier);
    this.CONSUME(T.LBracket);
    const result = this.OR([
      {
        GATE: () => this.LA(1).image === 'row' && this.LA(2).tokenType === T.Assign,
        ALT: () => {
          this.CONSUME2(T.Identifier);
          this.CONSUME(T.Assign);
          const row = this.CONSUME(T.VariableToken);
          this.CONSUME(T.Comma);
          const colKw = this.CONSUME3(T.Identifier);
          this.CONSUME2(T.Assign);
          const col = this.CONSUME2(T.VariableToken);
          this.CONSUME(T.RBracket);
          this.CONSUME2(T.LBracket);
          const body = this.SUBRULE(this.expression);
          const close = this.CONSUME2(T.RBracket);
          return this.ACTION((): A.Expression => {
            const operatorSpan = this.tokenSpan(name);
            if (colKw.image !== 'col') this.report('RDDL1010', this.tokenSpan(colKw), `expected 'col' but found '${colKw.image}'`);
            if (!matrixFunctions.has(name.image)) {
              this.report('RDDL1010', operatorSpan, `unknown matrix function '${name.image}' (expected inverse, pinverse or cholesky)`);
            }
            return {
              kind: 'MatrixFunction',
              operator: name.image as A.MatrixOperator,
              operatorSpan,
              row: { kind: 'Variable', name: row.image, span: this.tokenSpan(row) },
              column: { kind: 'Variable', name: col.image, span: this.tokenSpan(col) },
              body: { ...body, parens: '[' } as A.Expression,
              span: this.span(name, close),
            };
          });
        },
      },
      {
        ALT: () => {
          const args = this.SUBRULE(this.expressionList);
          const close = this.CONSUME3(T.RBracket);
          return this.ACTION((): A.Expression => {
            const arity = builtinFunctions.get(name.image);
            const span = this.span(name, close);
            if (arity === undefined) {
              this.report('RDDL1010', this.tokenSpan(name), `unknown function '${name.image}'`, 'built-in functions are listed in docs/language.md');
            } else if (arity !== args.length) {
              this.report('RDDL1010', span, `'${name.image}' takes ${arity} argument${arity === 1 ? '' : 's'} but was given ${args.length}`);
            }
            return { kind: 'FunctionCall', name: this.ident(name), args, span };
          });
        },
      },
    ]);
    return result;
  });

  private pvariableRef = this.RULE('pvariableRef', (): A.PVariableRef => {
    const name = this.CONSUME(T.Identifier);
    const prime = this.OPTION(() => this.CONSUME(T.Prime));
    const call = this.OPTION2(() => {
      this.CONSUME(T.LParen);
      const args = this.SUBRULE(this.expressionList);
      const close = this.CONSUME(T.RParen);
      return { args, close };
    });
    return this.ACTION(() => ({
      kind: 'PVariable' as const,
      name: this.ident(name),
      primed: prime !== undefined,
      args: call?.args,
      span: this.span(name, call?.close ?? prime ?? name),
    }));
  });

  private expressionList = this.RULE('expressionList', (): A.Expression[] => {
    const list: A.Expression[] = [];
    this.MANY_SEP({
      SEP: T.Comma,
      DEF: () => {
        const e = this.SUBRULE(this.expression);
        this.ACTION(() => list.push(e));
      },
    });
    return list;
  });
}

/** Token types that may start a top-level block (where parsing resumes after stray input). */
export const blockStartTokens: ReadonlySet<TokenType> = new Set([T.Kw.domain, T.Kw.nonFluents, T.Kw.instance, T.Kw.policy]);
