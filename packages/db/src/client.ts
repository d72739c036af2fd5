import postgres from 'postgres';

export type Sql = postgres.Sql;
export type TransactionSql = postgres.TransactionSql;
/** Anything a query function can run on: the pool or an open transaction. */
export type Queryable = Sql | TransactionSql;

export interface CreateSqlOptions {
  max?: number;
  /** Connection name shown in pg_stat_activity. */
  applicationName?: string;
  /** Called with each query sent (benchmarks trace the queries a use case runs). */
  debug?: (connection: number, query: string, parameters: unknown[]) => void;
}

/** One `sql` per process. bigint ids come back as JS numbers (they stay far below 2^53). */
export function createSql(url: string, options: CreateSqlOptions = {}): Sql {
  return postgres(url, {
    max: options.max ?? 10,
    onnotice: () => {},
    ...(options.debug ? { debug: options.debug } : {}),
    connection: { application_name: options.applicationName ?? 'tsifrovoy-most' },
    types: {
      bigint: { to: 20, from: [20], serialize: (value: number) => String(value), parse: (value: string) => Number(value) },
    },
  });
}
