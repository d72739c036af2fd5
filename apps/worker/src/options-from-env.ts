import type { Sql } from '@most/db';
import type { QueueBackend } from '@most/queue';
import { parseConfig } from '@most/shared';

/** What a group of processors needs: the database, the queue, and its options under `key` (absent in hosts that pass none). */
export type ProcessorDeps<K extends string, O> = { sql: Sql; queue: QueueBackend } & { [key in K]?: O };

/**
 * The options the process's configuration gave; hosts that pass none (tests) get the environment
 * parsed by the config schema, once.
 */
export function optionsOrEnv<O>(fromConfig: (config: ReturnType<typeof parseConfig>) => O): (given: O | undefined) => O {
  let fromEnv: O | undefined;
  return (given) => given ?? (fromEnv ??= fromConfig(parseConfig(process.env)));
}
