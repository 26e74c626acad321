import { Command, CommanderError } from 'commander';
import { registerCheck } from './commands/check.js';
import { registerFmt } from './commands/fmt.js';
import { registerSimulate } from './commands/simulate.js';
import { registerTypes } from './commands/types.js';
import { registerSolve } from './commands/solve.js';
import { registerBench } from './commands/bench.js';
import { CliError, type CliIo } from './io.js';

/**
 * Run the `rddl` command line with the given arguments (without `node` and
 * the script) and return the exit status. Never throws for bad input.
 */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode = 0;
  const setExit = (code: number) => {
    exitCode = code;
  };
  const program = new Command('rddl')
    .description('RDDL planning toolkit: check, format, simulate and solve RDDL domains')
    .configureOutput({ writeOut: io.stdout, writeErr: io.stderr })
    .exitOverride()
    .showHelpAfterError('(run with --help for usage)')
    .version('0.1.0', '-V, --version');
  registerCheck(program, io, setExit);
  registerFmt(program, io, setExit);
  registerSimulate(program, io, setExit);
  registerTypes(program, io, setExit);
  registerSolve(program, io, setExit);
  registerBench(program, io, setExit);
  if (argv.length === 0) {
    // commander would treat a missing command as an error; plain `rddl` shows the help.
    io.stdout(program.helpInformation());
    return 0;
  }
  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (err) {
    if (err instanceof CommanderError) {
      // --help and --version exit with 0; usage mistakes with 2.
      return err.exitCode === 0 ? 0 : 2;
    }
    if (err instanceof CliError) {
      io.stderr(`rddl: ${err.message}\n`);
      return err.exitCode;
    }
    throw err;
  }
  return exitCode;
}
