// Runs one command's action: builds the context from the global options, and turns whatever it
// throws into a message and an exit code (0 ok, 1 user or validation error, 2 server unreachable).
import type { Command } from 'commander';
import { CliError, EXIT } from './errors.ts';
import { createCli, createOutput, type Cli, type GlobalOptions } from './context.ts';

/** Commander calls an action with the arguments, the command's options, then the command itself. */
export function withCli<A extends unknown[]>(fn: (cli: Cli, ...args: A) => Promise<void>): (...args: unknown[]) => Promise<void> {
  return async (...args: unknown[]) => {
    const command = args[args.length - 1] as Command;
    const opts = command.optsWithGlobals<GlobalOptions>();
    const out = createOutput(opts);
    try {
      await fn(createCli(opts, out), ...(args.slice(0, -1) as A));
    } catch (err) {
      const error = err instanceof CliError ? err : unexpected(err);
      out.error(error);
      process.exitCode = error.exitCode;
      return;
    }
    process.exitCode ??= EXIT.ok;
  };
}

/** A bug or something we did not foresee: said once, with the stack, so it can be reported. */
function unexpected(err: unknown): CliError {
  const error = err instanceof Error ? err : new Error(String(err));
  return new CliError({
    code: 'TODOKU_CLI_UNEXPECTED',
    ja: `予期しないエラーが発生しました: ${error.message}`,
    en: `unexpected error: ${error.message}`,
    lines: (error.stack ?? '').split('\n').slice(1, 6).map((l) => l.trim()),
  });
}
