import { expect } from 'vitest';
import type { TestBrowser } from './http-client';

type Data<T> = { result: { data: T } };

/** A tRPC answer's data, after checking it is a 200 (the body is the failure message otherwise). */
export const data = <T>(response: { status: number; body: unknown }): T => {
  expect(response.status, JSON.stringify(response.body)).toBe(200);
  return (response.body as Data<T>).result.data;
};

/**
 * Creates, as the signed-in monitor, a 16-hour qualification-upgrade course of one module with one
 * lesson and one assignment (10 points, 6 to pass); returns its id.
 */
export async function createTestCourse(monitor: TestBrowser, titles: { course: string; assignment: string }): Promise<number> {
  const course = data<{ id: number }>(
    await monitor.mutate('training.monitor.createCourse', {
      title: titles.course,
      kind: 'qualification_upgrade',
      totalHours: 16,
      modules: [{ title: 'Основы', hours: 16, lessons: [{ title: 'Закон', contentMd: 'Текст' }] }],
      assignments: [{ title: titles.assignment, maxScore: 10, passScore: 6 }],
    }),
  );
  return course.id;
}
