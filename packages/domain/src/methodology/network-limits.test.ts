import { describe, expect, it } from 'vitest';
import { criterionReasonRu } from '../criteria/reasons';
import { applicableNetworks, networkLimitReasons } from './network-limits';
import { METHODOLOGY_V1 } from './v1';

const criterion = (code: string) => METHODOLOGY_V1.criteria.find((c) => c.code === code)!;

describe('network limits', () => {
  it('leave out of a criterion the networks that cannot show what it reads, with the reason', () => {
    expect(applicableNetworks(criterion('PROFILE_WORKING_HOURS'))).toEqual(['vk', 'ok']);
    expect(networkLimitReasons(criterion('PROFILE_WORKING_HOURS'))).toEqual([{ network: 'telegram', reason: 'network_has_no_field' }]);
    expect(applicableNetworks(criterion('PROFILE_PHONE'))).toEqual(['vk', 'ok', 'telegram']);
    expect(networkLimitReasons(criterion('PROFILE_PHONE'))).toEqual([]);
    // The methodology's own list is kept: VK only stays VK only.
    expect(applicableNetworks(criterion('POS_WIDGET'))).toEqual(['vk']);
  });

  it('give every reason in Russian', () => {
    for (const c of METHODOLOGY_V1.criteria) for (const { reason } of networkLimitReasons(c)) expect(criterionReasonRu(reason)).toMatch(/^в этой сети [а-яё «»]+$/);
  });
});
