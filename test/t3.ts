import { readFileSync } from 'node:fs';
import { SourceFile } from '@rddl/core';
import { parseRddl, printRddl } from '@rddl/syntax';
const f = process.argv[2]!;
const a = parseRddl(new SourceFile(f, readFileSync(f, 'utf8')));
console.log(printRddl(a.file, { explicit: process.argv[3] === 'x' }));
