import { describe, expect, it } from 'vitest';
import { ACCESS, mayUse } from './access';

describe('access areas', () => {
  it('keeps user administration to admins and monitoring to NGO staff', () => {
    expect(mayUse('admin', 'administration')).toBe(true);
    expect(mayUse('monitor', 'administration')).toBe(false);
    expect(mayUse('monitor', 'monitoring')).toBe(true);
    expect(mayUse('agency', 'monitoring')).toBe(false);
  });

  it('lets nobody signed out in, and every role into at least one area', () => {
    expect(mayUse(null, 'learning')).toBe(false);
    for (const role of ['admin', 'monitor', 'agency', 'instructor', 'trainee'] as const) expect(Object.values(ACCESS).some((roles) => (roles as readonly string[]).includes(role))).toBe(true);
  });
});
