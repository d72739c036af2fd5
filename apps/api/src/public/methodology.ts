import { applicableNetworks, criterionNormRu, criterionReasonRu, criterionRuleRu, methodologySchema, networkLimitReasons, type Methodology } from '@most/domain';
import { NETWORKS } from '@most/shared';
import { listMethodologyVersions, type Sql } from '@most/db';
import type { z } from 'zod';
import type { publicMethodologySchema } from '@most/domain/public-api';

/** Public description of a methodology version: what is measured, how it is weighted, where it passes. */
export function publicMethodology(m: Methodology, locked: boolean): z.input<typeof publicMethodologySchema> {
  return {
    version: m.version,
    locked,
    title: m.title.ru,
    titleEn: m.title.en,
    effectiveFrom: m.effectiveFrom,
    partialShare: m.partialShare,
    minimumCoverage: m.minimumCoverage,
    criteria: m.criteria.map((c) => ({
      code: c.code,
      title: c.title.ru,
      titleEn: c.title.en,
      description: c.description.ru,
      group: c.group,
      weight: c.weight,
      kind: c.evaluation.kind,
      thresholds: c.thresholds,
      /** The rule and the pass norm in Russian, generated from the thresholds that score the criterion. */
      rule: criterionRuleRu(c),
      norm: criterionNormRu(c),
      /** Networks as scored: the methodology's list (empty = all) less those that cannot show what the criterion reads. */
      applicability: { ...c.applicability, networks: applicableNetworks(c).length === NETWORKS.length ? [] : applicableNetworks(c) },
      /** Why a network is left out by its own limits, in Russian. */
      networkLimits: networkLimitReasons(c).map(({ network, reason }) => ({ network, reason: criterionReasonRu(reason) })),
    })),
  };
}

/** Every stored version, newest first; `locked` once a published ranking uses it. */
export async function methodologyVersions(sql: Sql) {
  const rows = await listMethodologyVersions(sql);
  return rows.map((r) => publicMethodology(methodologySchema.parse(r.definition), r.locked));
}
