import { AppError } from '@most/shared';
import { METHODOLOGY_V1, methodologySchema, type Methodology } from '@most/domain';
import { appendAudit } from '../audit';
import type { Queryable } from '../client';
import type { ScoringActor } from './actor';

/** A methodology version as stored; `locked` when a published ranking (or an explicit lock) froze it. */
export interface StoredMethodology {
  methodology: Methodology;
  locked: boolean;
}

/** The given version, or the newest one. */
export async function loadMethodology(sql: Queryable, version?: number): Promise<StoredMethodology> {
  const rows = await sql<{ definition: unknown; locked: boolean }[]>`
    SELECT definition, (locked_at IS NOT NULL OR methodology_version_in_published_ranking(version)) AS locked
    FROM methodology_versions
    ${version === undefined ? sql`ORDER BY version DESC LIMIT 1` : sql`WHERE version = ${version}`}`;
  const row = rows[0];
  if (!row) throw new AppError('NOT_FOUND', `Методика версии ${version ?? ''} не найдена`.trim());
  return { methodology: methodologySchema.parse(row.definition), locked: row.locked };
}

/**
 * Stores a new version, or replaces an unlocked one. A version used by a published ranking is
 * refused by the database trigger; the caller must save it under a new number.
 */
export async function saveMethodology(sql: Queryable, input: unknown, actor: ScoringActor): Promise<Methodology> {
  const methodology = methodologySchema.parse(input);
  try {
    await sql`
      INSERT INTO methodology_versions (version, title, definition, created_by)
      VALUES (${methodology.version}, ${methodology.title.ru}, ${sql.json(methodology as never)}, ${actor.id})
      ON CONFLICT (version) DO UPDATE SET title = EXCLUDED.title, definition = EXCLUDED.definition
      WHERE methodology_versions.definition IS DISTINCT FROM EXCLUDED.definition`;
  } catch (error) {
    if ((error as { code?: string }).code === '23514') {
      throw new AppError('CONFLICT', `Версия ${methodology.version} методики уже использована в опубликованном рейтинге; создайте новую версию`);
    }
    throw error;
  }
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'methodology.save', entityType: 'methodology_version', entityId: String(methodology.version) });
  return methodology;
}

/** Freezes a version (e.g. when results computed with it are published). */
export async function lockMethodology(sql: Queryable, version: number, reason: string, actor: ScoringActor): Promise<void> {
  await sql`UPDATE methodology_versions SET locked_at = now(), locked_reason = ${reason} WHERE version = ${version} AND locked_at IS NULL`;
  await appendAudit(sql, { actorId: actor.id, actorLabel: actor.label, action: 'methodology.lock', entityType: 'methodology_version', entityId: String(version), details: { reason } });
}

/** The versions defined in code: the source of truth; the database keeps a copy for joins, history and new versions drafted in the dashboard. */
export const CODE_METHODOLOGIES: readonly Methodology[] = [METHODOLOGY_V1];

const CODE_ACTOR: ScoringActor = { id: null, label: 'methodology-in-code' };

/**
 * Saves each version defined in code (run with the migrations at start-up). A stored version that
 * differs from its code definition is replaced while unused; once a published ranking uses it, the
 * difference is an error naming the version, so an edit to code never silently changes nothing.
 * Returns the versions written.
 */
export async function saveCodeMethodologies(sql: Queryable, definitions: readonly Methodology[] = CODE_METHODOLOGIES): Promise<number[]> {
  const written: number[] = [];
  for (const methodology of definitions) {
    const [same] = await sql`SELECT 1 FROM methodology_versions WHERE version = ${methodology.version} AND definition = ${sql.json(methodology as never)}`;
    if (same) continue;
    try {
      await saveMethodology(sql, methodology, CODE_ACTOR);
    } catch (error) {
      if (error instanceof AppError && error.code === 'CONFLICT') {
        throw new AppError(
          'CONFLICT',
          `Methodology version ${methodology.version} in the database differs from its definition in code and is used by a published ranking; restore the code definition or define the change as a new version`,
          { cause: error },
        );
      }
      throw error;
    }
    written.push(methodology.version);
  }
  return written;
}
