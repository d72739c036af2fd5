import pg from 'pg';
import postgres from 'postgres';
import { describe, expect, it } from 'vitest';
import { useEmbeddedPostgres } from './testing';

/**
 * PGlite has one backend session for every connection; the wire server must keep each
 * client's extended-protocol sequence (Parse/Bind/Execute/Sync) and transaction together,
 * or concurrent clients read each other's unnamed statements.
 */
describe('embedded PostgreSQL under concurrent clients', () => {
  const embedded = useEmbeddedPostgres('most-wire-', 180_000);

  it('answers every parameterised query of many connections with its own result', async () => {
    const sql = postgres(embedded.url, { max: 8 });
    const pool = new pg.Pool({ connectionString: embedded.url, max: 8 });
    try {
      const fromPostgresJs = Array.from({ length: 200 }, (_, i) => sql<{ n: number; s: string }[]>`SELECT ${i}::int AS n, ${`v${i}`}::text AS s`.then((rows) => rows[0]));
      const fromPg = Array.from({ length: 200 }, (_, i) => pool.query<{ n: number }>('SELECT $1::int + 1000 AS n', [i]).then((r) => r.rows[0]));
      const [a, b] = await Promise.all([Promise.all(fromPostgresJs), Promise.all(fromPg)]);
      expect(a.map((row) => row?.n)).toEqual(Array.from({ length: 200 }, (_, i) => i));
      expect(a.map((row) => row?.s)).toEqual(Array.from({ length: 200 }, (_, i) => `v${i}`));
      expect(b.map((row) => row?.n)).toEqual(Array.from({ length: 200 }, (_, i) => i + 1000));
    } finally {
      await sql.end();
      await pool.end();
    }
  }, 120_000);

  it('keeps a transaction to its own connection while others wait', async () => {
    const sql = postgres(embedded.url, { max: 4 });
    try {
      await sql`CREATE TABLE IF NOT EXISTS wire_probe (id int PRIMARY KEY)`;
      const inside = sql.begin(async (tx) => {
        await tx`INSERT INTO wire_probe VALUES (1)`;
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('roll back');
      });
      const outside = Promise.all(Array.from({ length: 20 }, (_, i) => sql`SELECT ${i}::int AS n`));
      await expect(inside).rejects.toThrow('roll back');
      expect((await outside).map((rows) => rows[0]?.n)).toEqual(Array.from({ length: 20 }, (_, i) => i));
      expect(await sql`SELECT id FROM wire_probe`).toHaveLength(0);
    } finally {
      await sql.end();
    }
  }, 120_000);
});
