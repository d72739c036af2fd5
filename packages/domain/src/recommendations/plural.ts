export { numberRu, pluralRu } from '../locale/russian';

export const percentRu = (share: number) => `${Math.round(share * 100)}%`;
