import { describe, expect, it } from 'vitest';
import { courseHoursProblem, courseKindSchema } from './course-kind';

describe('course kinds', () => {
  it('needs at least 16 hours for повышение квалификации', () => {
    expect(courseHoursProblem('qualification_upgrade', 16)).toBeNull();
    expect(courseHoursProblem('qualification_upgrade', 72)).toBeNull();
    expect(courseHoursProblem('qualification_upgrade', 15)).toMatch(/не менее 16 ч/);
  });

  it('needs at least 250 hours for профессиональная переподготовка', () => {
    expect(courseHoursProblem('professional_retraining', 250)).toBeNull();
    expect(courseHoursProblem('professional_retraining', 249)).toMatch(/не менее 250 ч \(указано 249 ч\)/);
    expect(courseHoursProblem('professional_retraining', 72)).not.toBeNull();
  });

  it('refuses non-positive or non-numeric hours and unknown kinds', () => {
    expect(courseHoursProblem('qualification_upgrade', 0)).toMatch(/положительным/);
    expect(courseHoursProblem('qualification_upgrade', Number.NaN)).toMatch(/положительным/);
    expect(courseKindSchema.safeParse('webinar').success).toBe(false);
  });
});
