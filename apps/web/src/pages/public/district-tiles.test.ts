import { describe, expect, it } from 'vitest';
import { bandOf, DISTRICT_TILES, SCORE_BANDS, TILE_COLUMNS, TILE_ROWS } from './district-tiles';

describe('district tile grid', () => {
  it('places every tile inside the grid, one municipality a cell', () => {
    const cells = Object.values(DISTRICT_TILES).map(([column, row]) => `${column}:${row}`);
    expect(new Set(cells).size).toBe(cells.length);
    expect(cells).toHaveLength(42);
    for (const [column, row] of Object.values(DISTRICT_TILES)) {
      expect(column).toBeLessThan(TILE_COLUMNS);
      expect(row).toBeLessThan(TILE_ROWS);
    }
  });

  it('puts each score in exactly one band, 100 in the top one, and no score in none', () => {
    expect(bandOf(null)).toBeNull();
    expect(bandOf(0)).toBe(SCORE_BANDS[0]);
    expect(bandOf(39.99)).toBe(SCORE_BANDS[0]);
    expect(bandOf(40)).toBe(SCORE_BANDS[1]);
    expect(bandOf(100)).toBe(SCORE_BANDS[4]);
  });
});
