import { createToken, Lexer, type TokenType } from 'chevrotain';

/**
 * Tokens of RDDL. Words are lexed as one `Identifier` token (RDDL names may
 * contain hyphens: `REALLOCATION-PERIOD`, `non-fluent`) and reserved words
 * are re-typed after lexing by a table lookup (see `lexer.ts`), as
 * pyRDDLGym's lexer does, instead of one regular expression per keyword.
 */

// ---- trivia
export const WhiteSpace = createToken({ name: 'WhiteSpace', pattern: /[ \t\r\n\f\v]+/, group: Lexer.SKIPPED, line_breaks: true });
export const LineComment = createToken({ name: 'LineComment', pattern: /\/\/[^\n\r]*/, group: 'comments' });
export const BlockComment = createToken({ name: 'BlockComment', pattern: /\/\*[\s\S]*?\*\//, group: 'comments', line_breaks: true });
/** An opening `/*` with no end: reported as RDDL1002. */
export const UnterminatedComment = createToken({ name: 'UnterminatedComment', pattern: /\/\*[\s\S]*/, group: 'errors', line_breaks: true });

// ---- names and literals
export const Identifier = createToken({ name: 'Identifier', pattern: /[A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z0-9])?/, label: 'a name' });
export const VariableToken = createToken({ name: 'Variable', pattern: /\?[A-Za-z0-9_-]*[A-Za-z0-9]/, label: 'a ?variable' });
export const EnumToken = createToken({ name: 'EnumValue', pattern: /@[A-Za-z0-9_-]*[A-Za-z0-9]/, label: 'an @value' });
export const ObjectToken = createToken({ name: 'ObjectValue', pattern: /\$[A-Za-z](?:[A-Za-z0-9_-]*[A-Za-z0-9])?/, label: 'a $object' });
export const NumberToken = createToken({ name: 'Number', pattern: /(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?/, label: 'a number' });
/**
 * `1e`, `2.5E+`: an exponent without digits. The lexer reports it (RDDL1003);
 * the parser reads it as a number, so that it causes no second error.
 */
export const MalformedNumber = createToken({
  name: 'MalformedNumber',
  pattern: /(?:\d+\.?\d*|\.\d+)[eE](?![+-]?\d)[+-]?/,
  categories: [NumberToken],
  label: 'a number',
});

// ---- punctuation (longest first where prefixes overlap)
export const Equiv = createToken({ name: 'Equiv', pattern: '<=>', label: "'<=>'" });
export const Imply = createToken({ name: 'Imply', pattern: '=>', label: "'=>'" });
export const CompEqual = createToken({ name: 'CompEqual', pattern: '==', label: "'=='" });
export const NotEqual = createToken({ name: 'NotEqual', pattern: '~=', label: "'~='" });
export const LessEq = createToken({ name: 'LessEq', pattern: '<=', label: "'<='" });
export const GreaterEq = createToken({ name: 'GreaterEq', pattern: '>=', label: "'>='" });
export const Less = createToken({ name: 'Less', pattern: '<', label: "'<'" });
export const Greater = createToken({ name: 'Greater', pattern: '>', label: "'>'" });
export const Assign = createToken({ name: 'Assign', pattern: '=', label: "'='" });
export const And = createToken({ name: 'And', pattern: '^', label: "'^'" });
export const Ampersand = createToken({ name: 'Ampersand', pattern: '&', label: "'&'" });
export const Or = createToken({ name: 'Or', pattern: '|', label: "'|'" });
export const Not = createToken({ name: 'Not', pattern: '~', label: "'~'" });
export const Plus = createToken({ name: 'Plus', pattern: '+', label: "'+'" });
export const Minus = createToken({ name: 'Minus', pattern: '-', label: "'-'" });
export const Times = createToken({ name: 'Times', pattern: '*', label: "'*'" });
export const Divide = createToken({ name: 'Divide', pattern: '/', label: "'/'" });
export const LParen = createToken({ name: 'LParen', pattern: '(', label: "'('" });
export const RParen = createToken({ name: 'RParen', pattern: ')', label: "')'" });
export const LBracket = createToken({ name: 'LBracket', pattern: '[', label: "'['" });
export const RBracket = createToken({ name: 'RBracket', pattern: ']', label: "']'" });
export const LCurly = createToken({ name: 'LCurly', pattern: '{', label: "'{'" });
export const RCurly = createToken({ name: 'RCurly', pattern: '}', label: "'}'" });
export const Comma = createToken({ name: 'Comma', pattern: ',', label: "','" });
export const Semicolon = createToken({ name: 'Semicolon', pattern: ';', label: "';'" });
export const Colon = createToken({ name: 'Colon', pattern: ':', label: "':'" });
export const Prime = createToken({ name: 'Prime', pattern: "'", label: '"\'"' });
export const Underscore = createToken({ name: 'Underscore', pattern: '_', label: "'_'" });

/** Category of every binary operator, so the expression rule consumes any of them in one step. */
export const BinaryOperatorToken = createToken({ name: 'BinaryOperator', pattern: Lexer.NA, label: 'an operator' });
for (const t of [Equiv, Imply, CompEqual, NotEqual, LessEq, GreaterEq, Less, Greater, And, Ampersand, Or, Plus, Minus, Times, Divide]) {
  t.CATEGORIES = [BinaryOperatorToken];
}

// ---- reserved words (no pattern: assigned by table lookup after lexing)
function keyword(word: string, name: string): TokenType {
  return createToken({ name, pattern: Lexer.NA, label: `'${word}'` });
}

export const Kw = {
  domain: keyword('domain', 'KwDomain'),
  instance: keyword('instance', 'KwInstance'),
  nonFluents: keyword('non-fluents', 'KwNonFluents'),
  requirements: keyword('requirements', 'KwRequirements'),
  types: keyword('types', 'KwTypes'),
  object: keyword('object', 'KwObject'),
  pvariables: keyword('pvariables', 'KwPvariables'),
  cpfs: keyword('cpfs', 'KwCpfs'),
  cdfs: keyword('cdfs', 'KwCdfs'),
  reward: keyword('reward', 'KwReward'),
  stateInvariants: keyword('state-invariants', 'KwStateInvariants'),
  actionPreconditions: keyword('action-preconditions', 'KwActionPreconditions'),
  stateActionConstraints: keyword('state-action-constraints', 'KwStateActionConstraints'),
  termination: keyword('termination', 'KwTermination'),
  objects: keyword('objects', 'KwObjects'),
  initState: keyword('init-state', 'KwInitState'),
  maxNondefActions: keyword('max-nondef-actions', 'KwMaxNondefActions'),
  horizon: keyword('horizon', 'KwHorizon'),
  discount: keyword('discount', 'KwDiscount'),
  terminateWhen: keyword('terminate-when', 'KwTerminateWhen'),
  posInf: keyword('pos-inf', 'KwPosInf'),
  negInf: keyword('neg-inf', 'KwNegInf'),
  true: keyword('true', 'KwTrue'),
  false: keyword('false', 'KwFalse'),
  if: keyword('if', 'KwIf'),
  then: keyword('then', 'KwThen'),
  else: keyword('else', 'KwElse'),
  switch: keyword('switch', 'KwSwitch'),
  case: keyword('case', 'KwCase'),
  default: keyword('default', 'KwDefault'),
  policy: keyword('policy', 'KwPolicy'),
} as const;

/** Fluent kinds are reserved words too; one category makes the declaration rule simple. */
export const FluentKindToken = createToken({ name: 'FluentKind', pattern: Lexer.NA, label: 'a fluent kind' });
export const fluentKindWords = [
  'non-fluent',
  'state-fluent',
  'action-fluent',
  'interm-fluent',
  'derived-fluent',
  'observ-fluent',
] as const;
const fluentKindTokens = fluentKindWords.map((w) => {
  const t = keyword(w, `Kw_${w.replace(/-/g, '_')}`);
  t.CATEGORIES = [FluentKindToken];
  return t;
});

/** Scalar distributions share one rule: `Name(args)`. */
export const DistributionToken = createToken({ name: 'DistributionName', pattern: Lexer.NA, label: 'a distribution' });
export const scalarDistributionWords = [
  'KronDelta',
  'DiracDelta',
  'Bernoulli',
  'Normal',
  'Uniform',
  'Exponential',
  'Weibull',
  'Gamma',
  'Poisson',
  'Binomial',
  'NegativeBinomial',
  'Beta',
  'Geometric',
  'Pareto',
  'Student',
  'Gumbel',
  'Laplace',
  'Cauchy',
  'Gompertz',
  'ChiSquare',
  'Kumaraswamy',
] as const;
const scalarDistributionTokens = scalarDistributionWords.map((w) => {
  const t = keyword(w, `Kw_${w}`);
  t.CATEGORIES = [DistributionToken];
  return t;
});

export const DiscreteToken = createToken({ name: 'DiscreteName', pattern: Lexer.NA, label: "'Discrete'" });
const discreteTokens = ['Discrete', 'UnnormDiscrete'].map((w) => {
  const t = keyword(w, `Kw_${w}`);
  t.CATEGORIES = [DiscreteToken];
  return t;
});

export const VectorDistributionToken = createToken({ name: 'VectorDistributionName', pattern: Lexer.NA, label: 'a vector distribution' });
export const vectorDistributionWords = ['MultivariateNormal', 'MultivariateStudent', 'Dirichlet', 'Multinomial'] as const;
const vectorDistributionTokens = vectorDistributionWords.map((w) => {
  const t = keyword(w, `Kw_${w}`);
  t.CATEGORIES = [VectorDistributionToken];
  return t;
});

/** Reserved word → token type, applied to identifiers after lexing. */
export const reservedWords: ReadonlyMap<string, TokenType> = new Map<string, TokenType>([
  ['domain', Kw.domain],
  ['instance', Kw.instance],
  ['non-fluents', Kw.nonFluents],
  ['requirements', Kw.requirements],
  ['types', Kw.types],
  ['object', Kw.object],
  ['pvariables', Kw.pvariables],
  ['cpfs', Kw.cpfs],
  ['cdfs', Kw.cdfs],
  ['reward', Kw.reward],
  ['state-invariants', Kw.stateInvariants],
  ['action-preconditions', Kw.actionPreconditions],
  ['state-action-constraints', Kw.stateActionConstraints],
  ['termination', Kw.termination],
  ['objects', Kw.objects],
  ['init-state', Kw.initState],
  ['max-nondef-actions', Kw.maxNondefActions],
  ['horizon', Kw.horizon],
  ['discount', Kw.discount],
  ['terminate-when', Kw.terminateWhen],
  ['pos-inf', Kw.posInf],
  ['neg-inf', Kw.negInf],
  ['true', Kw.true],
  ['false', Kw.false],
  ['if', Kw.if],
  ['then', Kw.then],
  ['else', Kw.else],
  ['switch', Kw.switch],
  ['case', Kw.case],
  ['default', Kw.default],
  ['policy', Kw.policy],
  ...fluentKindWords.map((w, i) => [w, fluentKindTokens[i]!] as [string, TokenType]),
  ...scalarDistributionWords.map((w, i) => [w, scalarDistributionTokens[i]!] as [string, TokenType]),
  ['Discrete', discreteTokens[0]!],
  ['UnnormDiscrete', discreteTokens[1]!],
  ...vectorDistributionWords.map((w, i) => [w, vectorDistributionTokens[i]!] as [string, TokenType]),
]);

/** Tokens the lexer matches, in priority order. */
export const lexerTokens: TokenType[] = [
  WhiteSpace,
  LineComment,
  BlockComment,
  UnterminatedComment,
  Divide,
  MalformedNumber,
  NumberToken,
  Identifier,
  VariableToken,
  EnumToken,
  ObjectToken,
  Equiv,
  Imply,
  CompEqual,
  NotEqual,
  LessEq,
  GreaterEq,
  Less,
  Greater,
  Assign,
  And,
  Ampersand,
  Or,
  Not,
  Plus,
  Minus,
  Times,
  LParen,
  RParen,
  LBracket,
  RBracket,
  LCurly,
  RCurly,
  Comma,
  Semicolon,
  Colon,
  Prime,
  Underscore,
];

/** Every token type the parser knows (lexed ones, keywords and categories). */
export const allTokens: TokenType[] = [
  ...lexerTokens,
  BinaryOperatorToken,
  FluentKindToken,
  DistributionToken,
  DiscreteToken,
  VectorDistributionToken,
  ...new Set(reservedWords.values()),
];

