import type { IParserErrorMessageProvider, IRecognitionException, IToken, TokenType } from 'chevrotain';
import { EOF, tokenLabel } from 'chevrotain';
import { createDiagnostic, spanOf, type Diagnostic, type DiagnosticCode, type SourceFile } from '@rddl/core';

/** What a rule is, in words, for "expected ..." messages. */
const ruleDescriptions: Record<string, string> = {
  file: 'a domain, non-fluents or instance block',
  topItem: 'a domain, non-fluents or instance block',
  domainSection: 'a domain section (types, pvariables, cpfs, reward, ...)',
  nonFluentsSection: 'a non-fluents section (domain, objects, non-fluents)',
  instanceSection: 'an instance section (domain, non-fluents, objects, init-state, horizon, discount, ...)',
  expression: 'an expression',
  unary: 'an expression',
  primary: 'an expression',
  constant: 'a constant (number, true, false, @value or object name)',
  typeDefinition: "'object', a parent type or an enum list { @a, @b }",
  caseItem: "'case' or 'default'",
  discreteCase: 'a case (@value : probability)',
  pvarAttribute: "'default = ...' or 'level = ...'",
  assignmentArg: 'an object or @value',
  countValue: "a whole number or 'pos-inf'",
  horizonSetting: "a whole number, 'pos-inf' or 'terminate-when (...)'",
};

function describe(tokType: TokenType): string {
  return tokType === EOF ? 'end of file' : tokenLabel(tokType);
}

function found(token: IToken): string {
  return token.tokenType === EOF ? 'the end of the file' : `'${token.image}'`;
}

function alternatives(paths: TokenType[][][]): string {
  const firsts = new Set<string>();
  for (const alt of paths) for (const path of alt) if (path[0]) firsts.add(describe(path[0]));
  const list = [...firsts];
  if (list.length === 0) return 'something else';
  if (list.length <= 6) return list.length === 1 ? list[0]! : `${list.slice(0, -1).join(', ')} or ${list[list.length - 1]}`;
  return `one of ${list.slice(0, 6).join(', ')}, ...`;
}

export const errorMessageProvider: IParserErrorMessageProvider = {
  buildMismatchTokenMessage({ expected, actual }) {
    return `expected ${describe(expected)} but found ${found(actual)}`;
  },
  buildNotAllInputParsedMessage({ firstRedundant }) {
    return `expected the end of the file but found ${found(firstRedundant)}`;
  },
  buildNoViableAltMessage({ expectedPathsPerAlt, actual, ruleName }) {
    const what = ruleDescriptions[ruleName] ?? alternatives(expectedPathsPerAlt);
    return `expected ${what} but found ${found(actual[0]!)}`;
  },
  buildEarlyExitMessage({ expectedIterationPaths, actual, ruleName }) {
    const what = ruleDescriptions[ruleName] ?? alternatives([expectedIterationPaths]);
    return `expected ${what} but found ${found(actual[0]!)}`;
  },
};



/** Turn a chevrotain recognition error into a numbered diagnostic with a useful caret. */
export function recognitionErrorToDiagnostic(source: SourceFile, error: IRecognitionException): Diagnostic {
  const token = error.token;
  const atEof = token.tokenType === EOF || Number.isNaN(token.startOffset);
  const ruleStack = error.context?.ruleStack ?? [];
  const innermost = ruleStack[ruleStack.length - 1] ?? '';
  let code: DiagnosticCode = 'RDDL1010';
  let start = atEof ? source.text.length : token.startOffset;
  let end = atEof ? source.text.length : token.startOffset + token.image.length;
  let message = error.message;

  const previous = (error as { previousToken?: IToken }).previousToken;
  const expectedMatch = /^expected ('[^']*'|"[^"]*") but found/.exec(message);
  if (atEof) {
    code = 'RDDL1012';
    message = `unexpected end of file: ${message.replace(/ but found the end of the file$/, '')}`;
  } else if (
    error.name === 'MismatchedTokenException' &&
    expectedMatch?.[1] === "';'" &&
    previous &&
    !Number.isNaN(previous.startOffset) &&
    /[\r\n]/.test(source.text.slice(previous.startOffset + previous.image.length, token.startOffset))
  ) {
    // A `;` forgotten at the end of a line is best shown right after the token it should follow.
    code = 'RDDL1011';
    message = `missing ${expectedMatch[1]} after '${previous.image}'`;
    start = previous.startOffset + previous.image.length;
    end = start + 1;
  } else if (innermost === 'primary' || innermost === 'unary') {
    code = 'RDDL1013';
  } else if (innermost === 'file' || innermost === 'topItem') {
    code = 'RDDL1014';
  }
  return createDiagnostic(code, spanOf(source, start, Math.max(end, start)), message);
}
