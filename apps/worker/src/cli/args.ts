import { parseArgs } from 'node:util';

/** Stops a command-line tool with its usage line (exit code 64, EX_USAGE). */
export function exitWithUsage(usage: string, problem?: string): never {
  console.error(problem ? `${problem}\n${usage}` : usage);
  process.exit(64);
}

/** Reads the named `--option value` arguments; anything else stops the tool with its usage line. */
export function parseStringOptions<Name extends string>(usage: string, names: readonly Name[]): Partial<Record<Name, string>> {
  try {
    const options = Object.fromEntries(names.map((name) => [name, { type: 'string' as const }]));
    return parseArgs({ options }).values as Partial<Record<Name, string>>;
  } catch (error) {
    return exitWithUsage(usage, (error as Error).message);
  }
}
