/**
 * The Saratov region's municipalities as a tile grid: one tile per district or urban district,
 * [column, row] placed roughly as on the map (north up; the Volga between columns 5 and 7). An honest
 * substitute for boundary data, which we do not ship: the page says so.
 */
export const DISTRICT_TILES: Record<string, readonly [number, number]> = {
  rtishchevo: [1, 0],
  petrovsk: [2, 0],
  novye_burasy: [3, 0],
  b_karabulak: [4, 0],
  baltay: [5, 0],
  khvalynsk: [6, 0],
  dukhovnitskoe: [7, 0],
  ivanteevka: [8, 0],
  perelyub: [9, 0],
  turki: [0, 1],
  arkadak: [1, 1],
  ekaterinovka: [2, 1],
  atkarsk: [3, 1],
  tatishchevo: [4, 1],
  shikhany: [5, 1],
  volsk: [6, 1],
  balakovo: [7, 1],
  pugachev: [8, 1],
  ozinki: [9, 1],
  samoylovka: [0, 2],
  balashov: [1, 2],
  kalininsk: [2, 2],
  lysye_gory: [3, 2],
  svetly: [4, 2],
  saratovsky: [5, 2],
  voskresenskoe: [6, 2],
  marks: [7, 2],
  krasny_partizan: [8, 2],
  ershov: [9, 2],
  romanovka: [1, 3],
  krasnoarmeysk: [3, 3],
  mikhaylovsky: [4, 3],
  saratov: [5, 3],
  engels: [6, 3],
  sovetskoe: [7, 3],
  fedorovka: [8, 3],
  dergachi: [9, 3],
  rovnoe: [5, 4],
  krasny_kut: [6, 4],
  piterka: [7, 4],
  novouzensk: [8, 4],
  a_gay: [9, 4],
};

export const TILE_COLUMNS = 10;
export const TILE_ROWS = 5;

/** Score bands of the map legend, lowest first; each colour keeps dark text readable. */
export const SCORE_BANDS = [
  { from: 0, to: 40, color: '#f6c9c3' },
  { from: 40, to: 60, color: '#fbdcae' },
  { from: 60, to: 75, color: '#fff0a8' },
  { from: 75, to: 90, color: '#cfe8c4' },
  { from: 90, to: 100, color: '#93cf8e' },
] as const;
export const NO_DATA_COLOR = '#eceff1';

export const bandOf = (score: number | null) => (score === null ? null : (SCORE_BANDS.find((b) => score < b.to) ?? SCORE_BANDS[SCORE_BANDS.length - 1]!));
