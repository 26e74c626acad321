import type { IToken } from 'chevrotain';
import type { Comment, RddlFile } from './ast.js';

export function attachComments(file: RddlFile, comments: Comment[], tokens: IToken[]): RddlFile {
  void comments;
  void tokens;
  return file;
}
