import { describe, expect, it } from 'vitest';
import { camelKeys } from './camel-keys';

describe('camelKeys', () => {
  it('renames keys deeply through objects and arrays', () => {
    const at = new Date('2026-01-02T03:04:05Z');
    const result = camelKeys({ cohort_title: 'A', state_since: at, modules: [{ size_bytes: 3, files: [{ file_name: 'x' }] }], ok: true });
    expect(result).toEqual({ cohortTitle: 'A', stateSince: at, modules: [{ sizeBytes: 3, files: [{ fileName: 'x' }] }], ok: true });
    expect(result.stateSince).toBe(at);
  });

  it('leaves values, camelCase keys, dates and buffers untouched', () => {
    const bytes = new Uint8Array([1, 2]);
    expect(camelKeys({ kind: 'attendance_at_least', alreadyCamel: 1, bytes })).toEqual({ kind: 'attendance_at_least', alreadyCamel: 1, bytes });
    expect(camelKeys([null, 'a_b', 2])).toEqual([null, 'a_b', 2]);
  });
});
