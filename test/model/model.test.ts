import test from 'ava';
import { diagnosticCatalogue, type Diagnostic, type DiagnosticCode } from '@rddl/core';
import { allowedDependencies, checkProgram, type DependencyKind, type DependentKind } from '@rddl/model';
import { buildText, lineContaining, lineOf, miniDomain, modelOf, parseTexts, render, type MiniDomain } from '../support/sim-helpers.js';

// buildModel on good and bad inline domains: every 2xxx and 3xxx code of the
// catalogue is produced by at least one case below, at the expected line with
// the expected message; CPF levels; cycles; pyRDDLGym's dependency table;
// instance validation; several files read together.

const types = '        obj : object;\n        level : {@low, @high};';
const objects = '        obj : { o1, o2 };';
const pvariables = [
  '        N : { non-fluent, real, default = 1.0 };',
  '        v(obj) : { state-fluent, real, default = 0.0 };',
  '        x : { state-fluent, real, default = 0.0 };',
  '        n : { state-fluent, int, default = 0 };',
  '        lv : { state-fluent, level, default = @low };',
  '        a : { action-fluent, bool, default = false };',
].join('\n');
const cpfs = ["        v'(?o) = v(?o);", "        x' = x;", "        n' = n;", "        lv' = lv;"].join('\n');

/** The base domain, with text replacements and section overrides. */
function base(replace: Partial<Record<'pvariables' | 'cpfs', [string, string]>> = {}, over: Partial<MiniDomain> = {}): string {
  const p = replace.pvariables ? pvariables.replace(replace.pvariables[0], replace.pvariables[1]) : pvariables;
  const c = replace.cpfs ? cpfs.replace(replace.cpfs[0], replace.cpfs[1]) : cpfs;
  if (replace.pvariables && p === pvariables) throw new Error(`'${replace.pvariables[0]}' is not in the base pvariables`);
  if (replace.cpfs && c === cpfs) throw new Error(`'${replace.cpfs[0]}' is not in the base cpfs`);
  return miniDomain({ types, objects, pvariables: p, cpfs: c, ...over });
}

interface Case {
  readonly title: string;
  readonly code: DiagnosticCode;
  /** One file, or several (path, text). */
  readonly text: string | { path: string; text: string }[];
  /** Text on the line the diagnostic must point at (occurrence, default 1), or undefined for no span. */
  readonly at: [string, number?] | undefined;
  /** For several files: the file the line is in. */
  readonly file?: string;
  readonly message: RegExp;
  readonly instance?: string;
  /** collectProgram's problems (a block defined twice) are reported beside the model, which buildModel still builds from the first block. */
  readonly fromCollect?: true;
}

const cases: Case[] = [
  // ------------------------------------------------------------ 2xxx names and types
  { title: 'a pvariable declared twice', code: 'RDDL2001', text: base({ pvariables: ['        n : {', '        x : { state-fluent, real, default = 1.0 };\n        n : {'] }), at: ['x : { state-fluent', 2], message: /^pvariable 'x' is declared twice$/ },
  { title: 'a type declared twice', code: 'RDDL2001', text: base({}, { types: `${types}\n        obj : object;` }), at: ['obj : object;', 2], message: /^type 'obj' is declared twice$/ },
  { title: 'an enum value listed twice', code: 'RDDL2001', text: base({}, { types: '        obj : object;\n        level : {@low, @high, @low};' }), at: ['level : {'], message: /^enum value '@low' is listed twice in 'level'$/ },
  {
    title: 'a domain defined twice in one file',
    code: 'RDDL2001',
    text: `${base()}\ndomain mini { pvariables { q : { state-fluent, real, default = 0.0 }; }; cpfs { q' = q; }; reward = 0; }\n`,
    at: ['domain mini {', 2],
    message: /^domain 'mini' is defined twice$/,
    fromCollect: true,
  },
  { title: 'an undefined parameter type', code: 'RDDL2002', text: base({ pvariables: ['v(obj)', 'v(thing)'] }), at: ['v(thing)'], message: /^undefined type 'thing'$/ },
  { title: 'an undefined range', code: 'RDDL2002', text: base({ pvariables: ['lv : { state-fluent, level,', 'lv : { state-fluent, levl,'] }), at: ['levl'], message: /^undefined type 'levl'$/ },
  { title: 'an undefined pvariable', code: 'RDDL2003', text: base({ cpfs: ["x' = x;", "x' = y + 1;"] }), at: ["x' = y + 1;"], message: /^undefined pvariable 'y'$/ },
  { title: 'an unbound variable', code: 'RDDL2004', text: base({ cpfs: ["x' = x;", "x' = sum_{?o : obj} v(?p);"] }), at: ['v(?p)'], message: /^variable '\?p' is not bound here$/ },
  { title: 'an undefined enum value', code: 'RDDL2005', text: base({ cpfs: ["lv' = lv;", "lv' = @nope;"] }), at: ["lv' = @nope;"], message: /^'@nope' is not a value of any enum or object type$/ },
  { title: 'a pvariable with the wrong number of arguments', code: 'RDDL2006', text: base({ cpfs: ["x' = x;", "x' = v(o1, o2);"] }), at: ['v(o1, o2)'], message: /^'v' takes 1 argument \(obj\) but is given 2$/ },
  { title: 'a distribution with the wrong number of arguments', code: 'RDDL2006', text: base({ cpfs: ["x' = x;", "x' = Normal(1.0);"] }), at: ['Normal(1.0)'], message: /^Normal takes 2 arguments \(mean, variance\) but is given 1$/ },
  { title: 'an argument of the wrong type', code: 'RDDL2007', text: base({ cpfs: ["x' = x;", "x' = v(@low);"] }), at: ['v(@low)'], message: /^argument 1 of 'v' must be of type 'obj', not 'level'$/ },
  { title: 'an enum in arithmetic', code: 'RDDL2008', text: base({ cpfs: ["x' = x;", "x' = lv + 1;"] }), at: ['lv + 1'], message: /^the left operand of '\+' must be a number, not a value of type 'level'$/ },
  { title: 'if branches of incompatible types', code: 'RDDL2008', text: base({ cpfs: ["x' = x;", "x' = if (x > 0) then @low else 1.0;"] }), at: ['if (x > 0)'], message: /^the branches of this if have incompatible types: 'level' and real$/ },
  { title: 'a real CPF for an int fluent', code: 'RDDL2009', text: base({ cpfs: ["n' = n;", "n' = n + 0.5;"] }), at: ["n' = n + 0.5;"], message: /^the CPF of 'n' computes a value of type real, but 'n' is int$/ },
  { title: 'a real default for an int', code: 'RDDL2010', text: base({ pvariables: ['n : { state-fluent, int, default = 0 }', 'n : { state-fluent, int, default = 0.5 }'] }), at: ['default = 0.5'], message: /^default of 'n': expected a whole number for an int, found '0.5'$/ },
  { title: 'an init-state value of another enum', code: 'RDDL2010', text: base({}, { initState: '        lv = 3;' }), at: ['lv = 3;'], message: /^value of 'lv': expected a value of type 'level', found '3'$/ },
  { title: 'an unprimed CPF for a state fluent', code: 'RDDL2012', text: base({ cpfs: ["x' = x;", 'x = x;'] }), at: ['x = x;'], message: /^'x' is a state fluent: its CPF defines the next value, written 'x''$/ },
  { title: 'a primed non-state fluent', code: 'RDDL2012', text: base({ cpfs: ["x' = x;", "x' = N';"] }), at: ["N';"], message: /^'N' is a non-fluent; only state fluents have a next value 'N''$/ },
  { title: 'a variable bound twice', code: 'RDDL2015', text: base({ cpfs: ["x' = x;", "x' = sum_{?o : obj, ?o : obj} v(?o);"] }), at: ['?o : obj, ?o : obj'], message: /^variable '\?o' is already bound$/ },
  { title: 'a switch that does not cover its type', code: 'RDDL2016', text: base({ cpfs: ["x' = x;", "x' = switch (lv) { case @low : 1.0 };"] }), at: ['switch (lv)'], message: /^switch has no default and does not cover high$/ },
  { title: 'a switch case listed twice', code: 'RDDL2016', text: base({ cpfs: ["x' = x;", "x' = switch (lv) { case @low : 1.0, case @low : 2.0, default : 0.0 };"] }), at: ['switch (lv)'], message: /^this case is listed twice$/ },
  { title: 'a Discrete value listed twice', code: 'RDDL2017', text: base({ cpfs: ["lv' = lv;", "lv' = Discrete(level, @low : 0.5, @low : 0.5);"] }), at: ['Discrete(level'], message: /^this value is listed twice$/ },
  { title: "'otherwise' used twice", code: 'RDDL2017', text: base({ cpfs: ["lv' = lv;", "lv' = Discrete(level, @low : otherwise, @high : otherwise);"] }), at: ['Discrete(level'], message: /^'otherwise' is used twice$/ },
  { title: "'_' outside a vector distribution", code: 'RDDL2019', text: base({ cpfs: ["x' = x;", "x' = v(_);"] }), at: ["x' = v(_);"], message: /^'_' may appear only in the parameters of a vector distribution$/ },
  { title: 'a vector distribution over a variable that is not a CPF parameter', code: 'RDDL2019', text: base({ cpfs: ["v'(?o) = v(?o);", "v'(?o) = Dirichlet[?q](v(_));"] }), at: ['Dirichlet[?q]'], message: /^'\?q' must be a parameter of the CPF$/ },

  // ------------------------------------------------------------ 3xxx model structure
  { title: 'a state fluent without a CPF', code: 'RDDL3001', text: base({ cpfs: ["        x' = x;\n", ''] }), at: ['x : { state-fluent'], message: /^state-fluent 'x' has no CPF \(expected 'x' = \.\.\.;' in cpfs\)$/ },
  { title: 'an interm fluent without a CPF', code: 'RDDL3001', text: base({ pvariables: ['        a : {', '        i(obj) : { interm-fluent, real };\n        a : {'] }), at: ['i(obj) : {'], message: /^interm-fluent 'i' has no CPF \(expected 'i\(\.\.\.\) = \.\.\.;' in cpfs\)$/ },
  { title: 'a CPF defined twice', code: 'RDDL3002', text: base({ cpfs: ["x' = x;", "x' = x;\n        x' = x + 1;"] }), at: ["x' = x + 1;"], message: /^'x' already has a CPF$/ },
  { title: 'a CPF for a non-fluent', code: 'RDDL3003', text: base({ cpfs: ["x' = x;", "x' = x;\n        N = 2.0;"] }), at: ['N = 2.0;'], message: /^'N' is a non-fluent; it cannot have a CPF$/ },
  { title: 'a CPF for an action fluent', code: 'RDDL3003', text: base({ cpfs: ["x' = x;", "x' = x;\n        a = true;"] }), at: ['a = true;'], message: /^'a' is an action-fluent; it cannot have a CPF$/ },
  {
    title: 'an interm fluent reading a next-state value',
    code: 'RDDL3004',
    text: base({ pvariables: ['        a : {', '        i : { interm-fluent, real };\n        a : {'], cpfs: ["x' = x;", "x' = x;\n        i = x' + 1;"] }),
    at: ["i = x' + 1;"],
    message: /^the CPF of 'i' \(an interm-fluent\) cannot depend on the next-state value 'x''$/,
  },
  { title: 'a state invariant reading an action', code: 'RDDL3004', text: base({}, { invariants: '        a | x >= 0;' }), at: ['a | x >= 0;'], message: /^a state invariant \(a state-invariant\) cannot depend on the action-fluent 'a'$/ },
  {
    title: 'a cycle of interm fluents',
    code: 'RDDL3005',
    text: base({ pvariables: ['        a : {', '        i : { interm-fluent, real };\n        j : { interm-fluent, real };\n        a : {'], cpfs: ["x' = x;", "x' = x;\n        i = j + 1;\n        j = i * 2;"] }),
    at: ['i = j + 1;'],
    message: /^cyclic dependency: i -> j -> i$/,
  },
  { title: 'an instance whose domain is missing', code: 'RDDL3006', text: base().replace('    domain = mini;', '    domain = elsewhere;'), at: ['domain = elsewhere;'], message: /^domain 'elsewhere' is not in the files given$/ },
  {
    title: 'an instance whose non-fluents block is missing',
    code: 'RDDL3006',
    text: base().replace('    domain = mini;', '    domain = mini;\n    non-fluents = nf_missing;'),
    at: ['non-fluents = nf_missing;'],
    message: /^non-fluents block 'nf_missing' is not in the files given$/,
  },
  {
    title: 'non-fluents for another domain',
    code: 'RDDL3006',
    text: `${base().replace('    domain = mini;', '    domain = mini;\n    non-fluents = nf_other;')}\nnon-fluents nf_other { domain = other; }\n`,
    at: ['domain = other;'],
    message: /^non-fluents 'nf_other' is for domain 'other', but instance 'mini_inst' is for 'mini'$/,
  },
  { title: 'no instance in the files', code: 'RDDL3007', text: base().slice(0, base().indexOf('instance mini_inst')), at: undefined, message: /^no instance block in the given files$/ },
  { title: 'an instance name that does not exist', code: 'RDDL3007', text: base(), instance: 'nope', at: undefined, message: /^no instance named 'nope' \(instances: mini_inst\)$/ },
  { title: 'several instances and none chosen', code: 'RDDL3007', text: `${base()}\n${base().slice(base().indexOf('instance mini_inst')).replace('mini_inst', 'mini_inst2')}`, at: undefined, message: /^several instances \(mini_inst, mini_inst2\); choose one with --instance NAME$/ },
  { title: 'an init-state atom naming an unknown object', code: 'RDDL3010', text: base({}, { initState: '        v(o9) = 1.0;' }), at: ['v(o9) = 1.0;'], message: /^'o9' is not an object of type 'obj'$/ },
  { title: 'an init-state atom with the wrong number of arguments', code: 'RDDL3010', text: base({}, { initState: '        v = 1.0;' }), at: ['v = 1.0;'], message: /^'v' takes 1 argument but is given 0$/ },
  { title: 'init-state setting a non-fluent', code: 'RDDL3011', text: base({}, { initState: '        N = 2.0;' }), at: ['N = 2.0;'], message: /^init-state cannot set 'N': it is a non-fluent, not a state-fluent$/ },
  { title: 'non-fluents setting a state fluent', code: 'RDDL3011', text: base({}, { nonFluents: '        x = 2.0;' }), at: ['x = 2.0;'], message: /^the non-fluents cannot set 'x': it is a state-fluent, not a non-fluent$/ },
  { title: 'a horizon of 0', code: 'RDDL3012', text: base({}, { horizon: 0 }), at: ['horizon = 0;'], message: /^the horizon must be a whole number of at least 1, not 0$/ },
  { title: 'a discount of 0', code: 'RDDL3013', text: base({}, { discount: 0 }), at: ['discount = 0.0;'], message: /^the discount must be in \(0, 1\], not 0$/ },
  { title: 'a discount above 1', code: 'RDDL3013', text: base({}, { discount: 1.5 }), at: ['discount = 1.5;'], message: /^the discount must be in \(0, 1\], not 1.5$/ },
  { title: 'max-nondef-actions above the number of ground actions (a warning)', code: 'RDDL3014', text: base({}, { maxNondefActions: '5' }), at: ['max-nondef-actions = 5;'], message: /^max-nondef-actions is 5 but there is only 1 ground action$/ },
  { title: 'objects declared for an enum type', code: 'RDDL3015', text: base({}, { objects: `${objects}\n        level : { l1 };` }), at: ['level : { l1 };'], message: /^'level' is an enum type; its values are fixed in the domain, not declared as objects$/ },
  { title: 'objects declared for an undeclared type', code: 'RDDL3015', text: base({}, { objects: `${objects}\n        thing : { t1 };` }), at: ['thing : { t1 };'], message: /^objects declared for undeclared type 'thing'$/ },
  { title: 'an object declared twice', code: 'RDDL3015', text: base({}, { objects: '        obj : { o1, o2, o1 };' }), at: ['obj : { o1, o2, o1 };'], message: /^object 'o1' is declared twice$/ },
  {
    title: 'a non-fluent with no default and no value',
    code: 'RDDL3016',
    text: base({ pvariables: ['N : { non-fluent, real, default = 1.0 }', 'N(obj) : { non-fluent, real }'] }),
    at: ['N(obj) : { non-fluent, real }'],
    message: /^'N' has no default and the non-fluents does not set 'N___o1' \(nor 1 other grounding\)$/,
  },
  { title: 'an atom assigned twice (a warning)', code: 'RDDL3017', text: base({}, { initState: '        x = 1.0;\n        x = 2.0;' }), at: ['x = 2.0;'], message: /^'x' is assigned twice; this value wins$/ },
];

function diagnosticsOf(c: Case): Diagnostic[] {
  return buildText(c.text, c.instance).diagnostics;
}

test('every 2xxx and 3xxx code of the catalogue has a case', (t) => {
  const codes = Object.keys(diagnosticCatalogue).filter((c) => /^RDDL[23]\d{3}$/.test(c));
  t.true(codes.length >= 30);
  t.deepEqual(
    codes.filter((code) => !cases.some((c) => c.code === code)),
    [],
  );
});

for (const c of cases) {
  test(`${c.code}: ${c.title}`, (t) => {
    const all = diagnosticsOf(c);
    const found = all.filter((d) => d.code === c.code && c.message.test(d.message));
    t.is(found.length, 1, `expected one ${c.code} matching ${c.message}; got:\n${render(all)}`);
    const d = found[0];
    if (!d) return;
    t.is(d.severity, diagnosticCatalogue[c.code].severity);
    if (c.at === undefined) t.is(d.span, undefined);
    else {
      const text = typeof c.text === 'string' ? c.text : c.text.find((f) => f.path === c.file)!.text;
      t.is(lineOf(d), lineContaining(text, c.at[0], c.at[1]), render([d]));
    }
    // Errors stop the model; warnings do not.
    const built = buildText(c.text, c.instance);
    t.is(built.model === undefined, d.severity === 'error' && !c.fromCollect, render(built.diagnostics));
  });
}

// ---------------------------------------------------------------- levels and cycles

test('CPFs are sorted by dependency level, stable in the order they are written', (t) => {
  const model = modelOf(
    miniDomain({
      pvariables: [
        '        x : { state-fluent, real, default = 0.0 };',
        '        z : { state-fluent, real, default = 0.0 };',
        '        b : { interm-fluent, real };',
        '        a : { interm-fluent, real };',
        '        c : { interm-fluent, real };',
        '        d : { derived-fluent, real };',
        '        o : { observ-fluent, real };',
        '        act : { action-fluent, real, default = 0.0 };',
      ].join('\n'),
      cpfs: ["        z' = x';", '        o = z\' + b;', "        x' = b + x;", '        b = c + 1;', '        a = act;', '        c = d * 2;', '        d = x;'].join('\n'),
    }),
  );
  t.deepEqual(
    model.cpfs.map((c) => [c.pvariable.name, c.level]),
    [
      ['a', 0],
      ['d', 0],
      ['c', 1],
      ['b', 2],
      ['x', 3],
      ['z', 4],
      ['o', 5],
    ],
  );
});

test('a cycle is reported once, listing its members in order', (t) => {
  const text = miniDomain({
    pvariables: [
      '        a : { interm-fluent, real };',
      '        b : { interm-fluent, real };',
      '        c : { interm-fluent, real };',
      '        x : { state-fluent, real, default = 0.0 };',
      '        y : { state-fluent, real, default = 0.0 };',
      '        s : { interm-fluent, real };',
      '        act : { action-fluent, bool, default = false };',
    ].join('\n'),
    cpfs: ['        a = b + 1;', '        b = c + 1;', '        c = a + x;', "        x' = y';", "        y' = x' + 1;", '        s = s + 1;'].join('\n'),
  });
  const cycles = buildText(text).diagnostics.filter((d) => d.code === 'RDDL3005');
  t.deepEqual(
    cycles.map((d) => [d.message, lineOf(d)]),
    [
      ['cyclic dependency: a -> b -> c -> a', lineContaining(text, 'a = b + 1;')],
      ["cyclic dependency: x' -> y' -> x'", lineContaining(text, "x' = y';")],
      ["cyclic dependency: 's' depends on itself", lineContaining(text, 's = s + 1;')],
    ],
  );
});

// ---------------------------------------------------------------- dependency table

const dependents: readonly DependentKind[] = ['derived-fluent', 'interm-fluent', 'next-state-fluent', 'observ-fluent', 'reward', 'state-invariant', 'action-precondition', 'termination'];
const references: Record<DependencyKind, string> = {
  'non-fluent': 'NF',
  'state-fluent': 's',
  'next-state-fluent': "s'",
  'action-fluent': 'act',
  'interm-fluent': 'im',
  'derived-fluent': 'dv',
  'observ-fluent': 'ob',
};

/** A domain where an expression of kind `dependent` reads `ref` (on a line of its own). */
function dependencyDomain(dependent: DependentKind, ref: string): string {
  const probe = `(${ref} + 0.0)`;
  const decl: Partial<Record<DependentKind, string>> = {
    'derived-fluent': '        t_d : { derived-fluent, real };',
    'interm-fluent': '        t_i : { interm-fluent, real };',
    'next-state-fluent': '        t_s : { state-fluent, real, default = 0.0 };',
    'observ-fluent': '        t_o : { observ-fluent, real };',
  };
  const cpf: Partial<Record<DependentKind, string>> = {
    'derived-fluent': `        t_d =\n            ${probe};`,
    'interm-fluent': `        t_i =\n            ${probe};`,
    'next-state-fluent': `        t_s' =\n            ${probe};`,
    'observ-fluent': `        t_o =\n            ${probe};`,
  };
  const condition = `\n            ${probe} >= 0;`;
  return miniDomain({
    pvariables: [
      '        NF : { non-fluent, real, default = 1.0 };',
      '        s : { state-fluent, real, default = 0.0 };',
      '        act : { action-fluent, real, default = 0.0 };',
      '        im : { interm-fluent, real };',
      '        dv : { derived-fluent, real };',
      '        ob : { observ-fluent, real };',
      decl[dependent] ?? '',
    ].join('\n'),
    cpfs: ["        s' = s + act;", '        im = s + act;', '        dv = s;', "        ob = s';", cpf[dependent] ?? ''].join('\n'),
    reward: dependent === 'reward' ? `\n            ${probe}` : '0',
    ...(dependent === 'state-invariant' ? { invariants: condition } : {}),
    ...(dependent === 'action-precondition' ? { preconditions: condition } : {}),
    ...(dependent === 'termination' ? { termination: condition } : {}),
  });
}

test("pyRDDLGym's dependency table is enforced for every kind of expression and every kind of fluent", (t) => {
  const mismatches: string[] = [];
  let checked = 0;
  for (const dependent of dependents) {
    for (const [kind, ref] of Object.entries(references) as [DependencyKind, string][]) {
      const text = dependencyDomain(dependent, ref);
      const diagnostics = buildText(text).diagnostics.filter((d) => d.severity === 'error');
      const illegal = diagnostics.filter((d) => d.code === 'RDDL3004');
      const others = diagnostics.filter((d) => d.code !== 'RDDL3004');
      const allowed = allowedDependencies[dependent].has(kind);
      checked++;
      if (others.length > 0) mismatches.push(`${dependent} reading ${kind}: unexpected errors\n${render(others)}`);
      if (allowed && illegal.length > 0) mismatches.push(`${dependent} may read ${kind}, but:\n${render(illegal)}`);
      if (!allowed) {
        const probeLine = lineContaining(text, `(${ref} + 0.0)`);
        if (illegal.length !== 1 || lineOf(illegal[0]!) !== probeLine || !/cannot depend on/.test(illegal[0]!.message)) {
          mismatches.push(`${dependent} may not read ${kind}: expected one RDDL3004 on line ${probeLine}, got:\n${render(illegal)}`);
        }
      }
    }
  }
  t.is(checked, 56);
  t.deepEqual(mismatches, []);
});

test('the dependency table is the one of pyRDDLGym (levels.py)', (t) => {
  const table = Object.fromEntries(dependents.map((d) => [d, [...allowedDependencies[d]].sort()]));
  t.deepEqual(table, {
    'derived-fluent': ['derived-fluent', 'non-fluent', 'state-fluent'],
    'interm-fluent': ['action-fluent', 'derived-fluent', 'interm-fluent', 'non-fluent', 'state-fluent'],
    'next-state-fluent': ['action-fluent', 'derived-fluent', 'interm-fluent', 'next-state-fluent', 'non-fluent', 'state-fluent'],
    'observ-fluent': ['action-fluent', 'derived-fluent', 'interm-fluent', 'next-state-fluent', 'non-fluent'],
    reward: ['action-fluent', 'derived-fluent', 'interm-fluent', 'next-state-fluent', 'non-fluent', 'state-fluent'],
    'state-invariant': ['non-fluent', 'state-fluent'],
    'action-precondition': ['action-fluent', 'non-fluent', 'state-fluent'],
    termination: ['non-fluent', 'state-fluent'],
  });
});

// ---------------------------------------------------------------- instances

test('instance values are merged: defaults, non-fluents, init-state; settings are read', (t) => {
  const model = modelOf(
    base(
      { pvariables: ['N : { non-fluent, real, default = 1.0 }', 'N(obj) : { non-fluent, real, default = 1.0 }'] },
      { nonFluents: '        N(o2) = 7.5;', initState: '        v(o1) = 3.0;\n        lv = @high;', horizon: 12, discount: 0.9, maxNondefActions: '1' },
    ),
  );
  t.deepEqual([...model.nonFluentValues.get('N')!], [1, 7.5]);
  t.deepEqual([...model.initialState.get('v')!], [3, 0]);
  t.deepEqual([...model.initialState.get('lv')!], [1]);
  t.like(model, { domainName: 'mini', instanceName: 'mini_inst', horizon: 12, discount: 0.9, maxNondefActions: 1 });
  t.deepEqual(model.types.get('obj')!.values, ['o1', 'o2']);
  const unlimited = modelOf(base());
  t.is(unlimited.maxNondefActions, Infinity);
});

test('instance validation reports every problem of one instance at once', (t) => {
  const text = base({}, { objects: `${objects}\n        ghost : { g1 };`, initState: '        v(o3) = 1.0;\n        N = 2.0;', horizon: 0, discount: 1.5, maxNondefActions: '4' });
  const d = buildText(text).diagnostics;
  t.deepEqual(
    d.map((x) => [x.code, x.severity]).sort(),
    [
      ['RDDL3010', 'error'],
      ['RDDL3011', 'error'],
      ['RDDL3012', 'error'],
      ['RDDL3013', 'error'],
      ['RDDL3014', 'warning'],
      ['RDDL3015', 'error'],
    ],
    render(d),
  );
});

// ---------------------------------------------------------------- several files

const domainFile = { path: 'repo/domain.rddl', text: base().slice(0, base().indexOf('instance mini_inst')) };
const instanceFile = (k: number, value: number) => ({
  path: `repo/instance${k}.rddl`,
  text: `non-fluents nf_mini {
    domain = mini;
    objects { obj : { o1, o2 }; };
    non-fluents { N = ${value.toFixed(1)}; };
}
instance mini_${k} {
    domain = mini;
    non-fluents = nf_mini;
    max-nondef-actions = pos-inf;
    horizon = ${k + 1};
    discount = 1.0;
}
`,
});

test('a domain in one file, instances in others; the same non-fluents name in two files of one directory', (t) => {
  const files = [domainFile, instanceFile(1, 10), instanceFile(2, 20)];
  const one = buildText(files, 'mini_1');
  const two = buildText(files, 'mini_2');
  t.deepEqual(one.diagnostics, []);
  t.deepEqual(two.diagnostics, []);
  t.deepEqual([...one.model!.nonFluentValues.get('N')!], [10], 'each instance uses the non-fluents of its own file');
  t.deepEqual([...two.model!.nonFluentValues.get('N')!], [20]);
  t.is(one.model!.horizon, 2);
  t.is(two.model!.nonFluentsName, 'nf_mini');
  // checkProgram reads them all together without complaint.
  t.deepEqual(checkProgram(parseTexts(files)), []);
});

test('an instance whose non-fluents name is in two other files is ambiguous (RDDL3006)', (t) => {
  const lone = {
    path: 'repo/instance3.rddl',
    text: 'instance mini_3 { domain = mini; non-fluents = nf_mini; max-nondef-actions = pos-inf; horizon = 3; discount = 1.0; }\n',
  };
  const built = buildText([domainFile, instanceFile(1, 10), instanceFile(2, 20), lone], 'mini_3');
  t.is(built.model, undefined);
  t.deepEqual(
    built.diagnostics.map((d) => [d.code, d.message, lineOf(d)]),
    [['RDDL3006', "several non-fluents blocks are named 'nf_mini'; give only the one this instance uses", 1]],
  );
  // With a single nf_mini among the files given, the instance finds it.
  t.deepEqual(buildText([domainFile, instanceFile(1, 10), lone], 'mini_3').diagnostics, []);
});

test('domains of the same name in two directories: an instance takes the one beside it', (t) => {
  const other = { path: 'other/domain.rddl', text: domainFile.text.replace('reward = 0;', 'reward = 1;') };
  const inOther = { path: 'other/instance1.rddl', text: instanceFile(1, 30).text.replace('mini_1', 'mini_other') };
  const files = [domainFile, instanceFile(1, 10), other, inOther];
  const a = buildText(files, 'mini_1');
  const b = buildText(files, 'mini_other');
  t.deepEqual([...a.diagnostics, ...b.diagnostics], []);
  t.is(a.model!.reward.span.source.path, 'repo/domain.rddl');
  t.is(b.model!.reward.span.source.path, 'other/domain.rddl');
  // From a third directory the name is ambiguous.
  const far = { path: 'far/instance.rddl', text: 'instance far_1 { domain = mini; max-nondef-actions = pos-inf; horizon = 3; discount = 1.0; }\n' };
  const c = buildText([...files, far], 'far_1');
  t.deepEqual(
    c.diagnostics.map((d) => [d.code, d.message]),
    [['RDDL3006', "several domains are named 'mini' in the files given; give only the one this instance uses"]],
  );
});

test('checkProgram reports each problem once, and checks domains no instance uses', (t) => {
  const broken = base({ cpfs: ["x' = x;", "x' = y;"] });
  const unused = { path: 'b.rddl', text: miniDomain({ name: 'lonely', pvariables: 'q : { state-fluent, real, default = 0.0 };\n a : { action-fluent, bool, default = false };', cpfs: "q' = r;" }).split('instance ')[0]! };
  const d = checkProgram(parseTexts([{ path: 'a.rddl', text: broken }, unused]));
  t.deepEqual(
    d.map((x) => [x.code, x.message, x.span?.source.path]),
    [
      ['RDDL2003', "undefined pvariable 'y'", 'a.rddl'],
      ['RDDL2003', "undefined pvariable 'r'", 'b.rddl'],
    ],
  );
});

test('an object of a subtype is read as a value of the type the context expects (switch cases, Discrete, defaults)', (t) => {
  const text = miniDomain({
    types: '        animal : object;\n        dog : animal;',
    objects: '        animal : { a1 };\n        dog : { d1, d2 };',
    pvariables: [
      '        pet : { state-fluent, dog, default = d2 };',
      '        best : { state-fluent, animal, default = d2 };',
      '        w : { interm-fluent, real };',
      '        a : { action-fluent, bool, default = false };',
    ].join('\n'),
    cpfs: ["        pet' = Discrete(dog, d1 : 0.25, $d2 : otherwise);", "        best' = best;", '        w = switch (pet) { case d1 : 1.0, case $d2 : 2.0 };'].join('\n'),
  });
  const built = buildText(text);
  t.deepEqual(built.diagnostics, [], render(built.diagnostics));
  const model = built.model!;
  t.deepEqual([...model.initialState.get('pet')!], [1], "d2 is dog's value 1");
  t.deepEqual([...model.initialState.get('best')!], [2], "and animal's value 2 (a1, d1, d2)");
  const w = model.cpfs.find((c) => c.pvariable.name === 'w')!.expression;
  t.is(w.kind, 'switch');
  if (w.kind === 'switch') t.deepEqual(w.cases.map((c) => c.value), [0, 1], 'cases index into dog');
});
