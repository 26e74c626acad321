import { runCli } from './program.js';

const io = {
  stdout: (text: string) => process.stdout.write(text),
  stderr: (text: string) => process.stderr.write(text),
  cwd: process.cwd(),
  color: process.stderr.isTTY === true && !process.env['NO_COLOR'],
  interactive: process.stderr.isTTY === true,
};

try {
  process.exitCode = await runCli(process.argv.slice(2), io);
} catch (err) {
  // A bug, not bad input: say so plainly, with the stack for the report.
  process.stderr.write(`rddl: internal error: ${(err as Error).message}\nPlease report this with the command you ran.\n${(err as Error).stack ?? ''}\n`);
  process.exitCode = 70;
}
