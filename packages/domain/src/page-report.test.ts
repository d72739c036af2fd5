import { describe, expect, it } from 'vitest';
import { isHoneypotFilled, PAGE_REPORT_LIMITS, pageReportDecisionSchema, pageReportInputSchema } from './page-report';

describe("a visitor's report of a suspicious page", () => {
  it('trims the link and the reason, and refuses them empty, too short or too long with a reason in Russian', () => {
    expect(pageReportInputSchema.parse({ url: '  https://vk.com/fake  ', reason: '  Просит деньги  ' })).toEqual({ url: 'https://vk.com/fake', reason: 'Просит деньги' });
    const problems = (input: unknown) => pageReportInputSchema.safeParse(input).error?.issues.map((i) => `${i.path.join('.')}: ${i.message}`) ?? [];
    expect(problems({ url: ' ', reason: 'ой' })).toEqual(['url: укажите ссылку на страницу', `reason: опишите причину хотя бы в ${PAGE_REPORT_LIMITS.reasonMinChars} символах`]);
    expect(problems({ url: `https://vk.com/${'a'.repeat(PAGE_REPORT_LIMITS.urlMaxChars)}`, reason: 'x'.repeat(PAGE_REPORT_LIMITS.reasonMaxChars + 1) })).toHaveLength(2);
  });

  it('tells a robot by the hidden field it filled in', () => {
    expect(isHoneypotFilled({})).toBe(false);
    expect(isHoneypotFilled({ website: '   ' })).toBe(false);
    expect(isHoneypotFilled({ website: 'https://spam.example' })).toBe(true);
  });

  it('accepts only the three decisions a monitor can make', () => {
    expect(pageReportDecisionSchema.parse({ id: 1, decision: 'not_official' })).toEqual({ id: 1, decision: 'not_official', note: '' });
    expect(pageReportDecisionSchema.safeParse({ id: 1, decision: 'new' }).success).toBe(false);
  });
});
