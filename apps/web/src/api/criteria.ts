import { useQuery } from '@tanstack/solid-query';
import { createMemo } from 'solid-js';
import { locale } from '../i18n';
import { fetchMethodology, type MethodologyCriterion } from './public';

/** Criterion titles and plain-language descriptions by code, from the published methodology. */
export function useCriteria() {
  const methodology = useQuery(() => ({ queryKey: ['public', 'methodology'], queryFn: fetchMethodology, staleTime: Infinity }));
  const byCode = createMemo(() => new Map<string, MethodologyCriterion>((methodology.data ?? []).flatMap((v) => v.criteria.map((c) => [c.code, c] as const))));
  return {
    title: (code: string) => {
      const criterion = byCode().get(code);
      return criterion ? (locale() === 'ru' ? criterion.title : criterion.titleEn) : code;
    },
    description: (code: string) => byCode().get(code)?.description ?? '',
  };
}
