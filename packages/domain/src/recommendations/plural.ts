import { numberRu, pluralRu } from '../locale/russian';

export { numberRu, pluralRu };

/** A share 0–1 as a whole percentage: «45 %». */
export const percentRu = (share: number) => `${numberRu(share * 100, 0)}\u00a0%`;
