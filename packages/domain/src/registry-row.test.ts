import { describe, expect, it } from 'vitest';
import { canonicalHeader, deriveOrganizationCode, parseRegistryRow } from './registry-row';

const valid = {
  code: 'minobr',
  full_name: 'Министерство образования Саратовской области',
  kind: 'regional_executive',
  sector: 'education',
  accounts: 'https://vk.com/minobr64; t.me/s/minobr64',
};

describe('parseRegistryRow', () => {
  it('accepts a complete row and normalizes its accounts', () => {
    const result = parseRegistryRow(valid);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.row.accounts.map((a) => a.canonicalUrl)).toEqual(['https://vk.com/minobr64', 'https://t.me/minobr64']);
    expect(result.row.shortName).toBe(valid.full_name);
  });

  it('understands Russian values for kind and sector', () => {
    const result = parseRegistryRow({ ...valid, kind: 'Орган местного самоуправления', sector: 'ЖКХ' });
    expect(result.ok && [result.row.kind, result.row.sector]).toEqual(['local_government', 'housing_utilities']);
  });

  it('reports every problem of a bad row', () => {
    const result = parseRegistryRow({ ...valid, full_name: '', kind: 'ministry', inn: '123', accounts: 'https://facebook.com/x' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.join('\n')).toMatch(/full_name/);
    expect(result.errors.join('\n')).toMatch(/kind must be one of/);
    expect(result.errors.join('\n')).toMatch(/inn must have 10 or 12 digits/);
    expect(result.errors.join('\n')).toMatch(/facebook.com is not VK/);
  });

  it('derives a stable code when the sheet has none', () => {
    const a = deriveOrganizationCode('МБОУ «СОШ № 1»', undefined);
    expect(deriveOrganizationCode('  мбоу "сош №1" ', undefined)).toBe(a);
    expect(deriveOrganizationCode('МБОУ «СОШ № 2»', undefined)).not.toBe(a);
    expect(deriveOrganizationCode('x', '6450000000')).toBe('inn-6450000000');
    const result = parseRegistryRow({ ...valid, code: '' });
    expect(result.ok && result.row.code).toMatch(/^org-[0-9a-f]{12}$/);
  });

  it('maps Russian headers', () => {
    expect(canonicalHeader('Полное наименование')).toBe('full_name');
    expect(canonicalHeader('ИНН')).toBe('inn');
    expect(canonicalHeader('unknown')).toBeUndefined();
  });
});
