import { BULLETIN_FIXTURE, type BulletinDataset } from '@most/domain';
import type { Sql } from '../client';

/**
 * Puts the fixture's organizations into the registry and returns the fixture with their real ids,
 * so that contacts (which reference the registry) can be attached to its agency sections.
 */
export async function registerFixtureOrganizations(sql: Sql, dataset: BulletinDataset = BULLETIN_FIXTURE): Promise<BulletinDataset> {
  const ids = new Map<number, number>();
  for (const organization of dataset.organizations) {
    const [row] = await sql<{ id: number }[]>`
      INSERT INTO organizations (code, full_name, short_name, kind, sector)
      VALUES (${`bulletin-fixture-${organization.id}-${Math.random().toString(36).slice(2, 8)}`}, ${organization.name}, ${organization.name.slice(0, 300)},
              ${organization.municipality ? 'local_government' : 'regional_executive'}, 'other')
      RETURNING id`;
    ids.set(organization.id, row!.id);
  }
  const map = (id: number) => ids.get(id) ?? id;
  return {
    ...dataset,
    organizations: dataset.organizations.map((o) => ({ ...o, id: map(o.id) })),
    criterionResults: dataset.criterionResults.map((r) => ({ ...r, organizationId: map(r.organizationId) })),
    recommendations: dataset.recommendations.map((r) => ({ ...r, organizationId: map(r.organizationId) })),
    resolved: dataset.resolved.map((r) => ({ ...r, organizationId: map(r.organizationId) })),
    sla: { ...dataset.sla, organizations: dataset.sla.organizations.map((s) => ({ ...s, organizationId: map(s.organizationId) })) },
    disputes: dataset.disputes.map((d) => ({ ...d, organizationId: map(d.organizationId) })),
  };
}
