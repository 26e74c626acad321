import { builders, printer, type builders as B } from 'prettier/doc';
import type * as A from '../ast.js';
import { danglingDoc, leadingDoc, ownLines, withComments } from './comments-doc.js';
import { printExpression, type ExpressionPrintOptions } from './expressions.js';

type Doc = B.Doc;
const { group, indent, line, hardline, join, fill } = builders;

export interface PrintOptions {
  /** Parenthesise every compound sub-expression, to show how it was read. Default false. */
  readonly explicit?: boolean;
  /** Preferred maximum line width. Default 100. */
  readonly printWidth?: number;
  /** Spaces per indentation level. Default 4. */
  readonly indentWidth?: number;
}

/** Canonical RDDL text for a parsed file, comments included. */
export function printRddl(file: A.RddlFile, options: PrintOptions = {}): string {
  const p = new BlockPrinter({ explicit: options.explicit ?? false });
  const docs = file.blocks.map((b) => p.block(b));
  const dangling = file.danglingComments ?? [];
  const all: Doc[] = [join([hardline, hardline], docs)];
  if (dangling.length > 0) all.push(docs.length > 0 ? [hardline, hardline] : '', danglingDoc(dangling));
  return render([...leadingDoc(file), all, hardline], options);
}

/** One expression as text (for messages and `--explicit` output of single expressions). */
export function printExpressionText(e: A.Expression, options: PrintOptions = {}): string {
  return render(printExpression(e, { explicit: options.explicit ?? false }), options);
}

function render(doc: Doc, options: PrintOptions): string {
  const width = options.indentWidth ?? 4;
  return printer.printDocToString(doc, { printWidth: options.printWidth ?? 100, tabWidth: width, useTabs: false }).formatted;
}

/** Whether the source has an empty line before this node (kept, at most one). */
function blankLineBefore(node: A.Commentable & { span: A.Identifier['span'] }, previousEnd: number | undefined): boolean {
  if (previousEnd === undefined) return false;
  const start = node.leadingComments?.[0]?.span.start ?? node.span.start;
  if (start <= previousEnd) return false;
  return /\n[ \t\r]*\n/.test(node.span.source.text.slice(previousEnd, start));
}

function endOf(node: A.Commentable & { span: A.Identifier['span'] }): number {
  const trailing = node.trailingComments;
  return trailing && trailing.length > 0 ? trailing[trailing.length - 1]!.span.end : node.span.end;
}

class BlockPrinter {
  constructor(private readonly exprOptions: ExpressionPrintOptions) {}

  private expr(e: A.Expression): Doc {
    return printExpression(e, this.exprOptions);
  }

  /** Statements one per line, with the author's blank lines between groups kept. */
  private statements<T extends A.Commentable & { span: A.Identifier['span'] }>(items: readonly T[], print: (x: T) => Doc): Doc[] {
    const out: Doc[] = [];
    let previous: number | undefined;
    for (const item of items) {
      if (out.length > 0) out.push(hardline);
      if (blankLineBefore(item, previous)) out.push(hardline);
      out.push(withComments(item, print(item)));
      previous = endOf(item);
    }
    return out;
  }

  /** `keyword {` statements `};` */
  private braced(head: Doc, body: Doc[], dangling: readonly A.Comment[] | undefined, close = '};'): Doc {
    const inner = [...body];
    if (dangling && dangling.length > 0) inner.push(body.length > 0 ? hardline : '', danglingDoc(dangling));
    if (inner.length === 0) return [head, ' {', close.replace(/^}/, ' }')];
    return [head, ' {', indent([hardline, inner]), hardline, close];
  }

  private section(node: (A.Commentable & { span: A.Identifier['span'] }) | undefined, doc: () => Doc): Doc | undefined {
    return node ? withComments(node, doc()) : undefined;
  }

  block(b: A.Block): Doc {
    const body = b.kind === 'Domain' ? this.domain(b) : b.kind === 'NonFluents' ? this.nonFluents(b) : this.instance(b);
    const keyword = b.kind === 'Domain' ? 'domain' : b.kind === 'NonFluents' ? 'non-fluents' : 'instance';
    return withComments(b, this.braced(`${keyword} ${b.name.name}`, body, b.danglingComments, '}'));
  }

  private domain(d: A.DomainBlock): Doc[] {
    const sections: (Doc | undefined)[] = [
      this.section(d.requirements, () => {
        const r = d.requirements!;
        const names = r.list.map((x) => ({ ...x, text: x.name }));
        return group([`requirements${r.assign ? ' =' : ''} {`, indentList(commaList(names)), '};']);
      }),
      this.section(d.types, () => this.braced('types', this.statements(d.types!.list, (t) => this.typeDeclaration(t)), d.types!.danglingComments)),
      this.section(d.pvariables, () =>
        this.braced('pvariables', this.statements(d.pvariables!.list, (p) => this.pvariable(p)), d.pvariables!.danglingComments),
      ),
      this.section(d.cpfs, () => this.braced(d.cpfs!.keyword, this.statements(d.cpfs!.list, (c) => this.cpf(c)), d.cpfs!.danglingComments)),
      this.section(d.reward, () => this.assignmentOf('reward', d.reward!.expression)),
      ...[d.stateInvariants, d.actionPreconditions, d.stateActionConstraints, d.termination].map((c) =>
        this.section(c, () => this.braced(c!.keyword, this.statements(c!.list, (e) => [this.expr({ ...e, leadingComments: undefined, trailingComments: undefined } as A.Expression), ';']), c!.danglingComments)),
      ),
    ];
    return join([hardline, hardline], sections.filter((s): s is Doc => s !== undefined)) as Doc[];
  }

  private typeDeclaration(t: A.TypeDeclaration): Doc {
    const def = t.definition;
    if (def.kind === 'object') return `${t.name.name} : object;`;
    if (def.kind === 'parent') return `${t.name.name} : ${def.parent.name};`;
    return group([`${t.name.name} : {`, indentList(commaList(def.values.map((v) => ({ ...v, text: v.name })))), '};']);
  }

  private pvariable(p: A.PVariableDeclaration): Doc {
    const params = p.parenthesized || p.parameters.length > 0 ? `(${p.parameters.map((x) => x.name).join(', ')})` : '';
    const attrs = [p.fluentKind, p.range.name];
    if (p.defaultValue) attrs.push(`default = ${constantText(p.defaultValue)}`);
    if (p.level) attrs.push(`level = ${p.level.text}`);
    return `${p.name.name}${params} : { ${attrs.join(', ')} };`;
  }

  private cpf(c: A.CpfDefinition): Doc {
    const params = c.parenthesized || c.parameters.length > 0 ? `(${c.parameters.map((x) => x.name).join(', ')})` : '';
    return this.assignmentOf(`${c.name.name}${c.primed ? "'" : ''}${params}`, c.expression);
  }

  /** `head = expression;`, with comments before the expression on their own lines under the head. */
  private assignmentOf(head: string, e: A.Expression): Doc {
    if (!e.leadingComments) return [head, ' = ', this.expr(e), ';'];
    const expr = this.expr({ ...e, leadingComments: undefined } as A.Expression);
    return [head, ' =', indent([hardline, ...ownLines(e.leadingComments), expr]), ';'];
  }

  private nonFluents(b: A.NonFluentsBlock): Doc[] {
    const parts: (Doc | undefined)[] = [
      this.section(b.domain, () => `domain = ${b.domain!.name.name};`),
      this.section(b.objects, () => this.objects(b.objects!)),
      this.section(b.nonFluents, () => this.assignments('non-fluents', b.nonFluents!)),
    ];
    return join(hardline, parts.filter((s): s is Doc => s !== undefined)) as Doc[];
  }

  private instance(b: A.InstanceBlock): Doc[] {
    const h = b.horizon;
    const parts: (Doc | undefined)[] = [
      this.section(b.domain, () => `domain = ${b.domain!.name.name};`),
      this.section(b.nonFluentsRef, () => `non-fluents = ${b.nonFluentsRef!.name.name};`),
      this.section(b.objects, () => this.objects(b.objects!)),
      this.section(b.nonFluents, () => this.assignments('non-fluents', b.nonFluents!)),
      this.section(b.initState, () => this.assignments('init-state', b.initState!)),
      this.section(b.maxNondefActions, () => `max-nondef-actions = ${b.maxNondefActions!.value};`),
      this.section(h, () => ('terminateWhen' in h! ? ['horizon = terminate-when (', this.expr(h.terminateWhen), ');'] : `horizon = ${h!.value};`)),
      this.section(b.discount, () => `discount = ${realText(b.discount!.value)};`),
    ];
    return join(hardline, parts.filter((s): s is Doc => s !== undefined)) as Doc[];
  }

  private objects(o: A.ListSection<A.ObjectsDeclaration>): Doc {
    const decls = this.statements(o.list, (d) =>
      group([`${d.type.name} : {`, indentList(commaList(d.objects.map((x) => ({ ...x, text: x.name })))), '};']),
    );
    return this.braced('objects', decls, o.danglingComments);
  }

  private assignments(keyword: string, list: A.AssignmentList): Doc {
    return this.braced(keyword, this.statements(list.list, (a) => assignmentText(a)), list.danglingComments);
  }
}

/**
 * A comma-separated list that fills lines up to the width, or one item per
 * line when an item carries a comment (a line comment must end its line).
 */
function commaList(items: readonly (A.Commentable & { readonly text: string })[]): Doc {
  const docs = items.map((x) => withComments(x, x.text));
  if (items.some((x) => x.leadingComments || x.trailingComments)) {
    return [hardline, join([',', hardline], docs), hardline];
  }
  const parts: Doc[] = [];
  docs.forEach((item, i) => {
    if (i > 0) parts.push(line);
    parts.push(i < docs.length - 1 ? [item, ','] : item);
  });
  return [line, fill(parts), line];
}

/** Indent a `commaList` body; its final line break closes at the outer level. */
function indentList(list: Doc): Doc {
  const parts = list as Doc[];
  return [indent(parts.slice(0, -1)), parts[parts.length - 1]!];
}

function assignmentText(a: A.Assignment): string {
  const args = a.args ? `(${a.args.map(termText).join(', ')})` : '';
  if (a.form === 'bare') return `${a.name.name}${args};`;
  if (a.form === 'negated') return `~${a.name.name}${args};`;
  return `${a.name.name}${args} = ${constantText(a.value)};`;
}

function termText(e: A.Expression): string {
  if (e.kind === 'PVariable') return e.name.name;
  if (e.kind === 'EnumLiteral' || e.kind === 'Variable') return e.name;
  if (e.kind === 'ObjectLiteral') return `$${e.name}`;
  return '<error>';
}

function constantText(c: A.Constant): string {
  switch (c.kind) {
    case 'Number':
      return c.text;
    case 'Boolean':
      return c.value ? 'true' : 'false';
    case 'Infinity':
      return c.negative ? 'neg-inf' : 'pos-inf';
    case 'Unary':
      return `-${constantText(c.operand as A.Constant)}`;
    default:
      return termText(c);
  }
}

/** A discount is real-valued: print `1.0`, not `1`. */
function realText(v: number): string {
  return Number.isInteger(v) ? v.toFixed(1) : String(v);
}
