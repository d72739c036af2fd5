import { METHODOLOGY_V1, type Methodology } from '@most/domain';

/** Public description of a methodology version: what is measured, how it is weighted, where it passes. */
export function publicMethodology(m: Methodology) {
  return {
    version: m.version,
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
      applicability: c.applicability,
    })),
  };
}

/** Versions known to this build; the scoring store adds later versions when they are published. */
export const methodologyVersions = (): Methodology[] => [METHODOLOGY_V1];
