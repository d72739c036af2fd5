import type { MunicipalityKind } from '@most/shared';

export interface MunicipalitySeed {
  code: string;
  name: string;
  kind: MunicipalityKind;
}

const district = (code: string, name: string): MunicipalitySeed => ({ code, name: `${name} муниципальный район`, kind: 'municipal_district' });
const urban = (code: string, name: string): MunicipalitySeed => ({ code, name, kind: 'urban_district' });

/** Municipalities of the Saratov region used by the demo registry. */
export const SARATOV_MUNICIPALITIES: MunicipalitySeed[] = [
  { code: 'region', name: 'Саратовская область', kind: 'region' },
  urban('saratov', 'городской округ город Саратов'),
  urban('shikhany', 'городской округ ЗАТО Шиханы'),
  urban('mikhaylovsky', 'городской округ ЗАТО Михайловский'),
  urban('svetly', 'городской округ ЗАТО Светлый'),
  district('a_gay', 'Александрово-Гайский'),
  district('arkadak', 'Аркадакский'),
  district('atkarsk', 'Аткарский'),
  district('b_karabulak', 'Базарно-Карабулакский'),
  district('balakovo', 'Балаковский'),
  district('balashov', 'Балашовский'),
  district('baltay', 'Балтайский'),
  district('volsk', 'Вольский'),
  district('voskresenskoe', 'Воскресенский'),
  district('dergachi', 'Дергачёвский'),
  district('dukhovnitskoe', 'Духовницкий'),
  district('ekaterinovka', 'Екатериновский'),
  district('ershov', 'Ершовский'),
  district('ivanteevka', 'Ивантеевский'),
  district('kalininsk', 'Калининский'),
  district('krasnoarmeysk', 'Красноармейский'),
  district('krasny_kut', 'Краснокутский'),
  district('krasny_partizan', 'Краснопартизанский'),
  district('lysye_gory', 'Лысогорский'),
  district('marks', 'Марксовский'),
  district('novye_burasy', 'Новобурасский'),
  district('novouzensk', 'Новоузенский'),
  district('ozinki', 'Озинский'),
  district('perelyub', 'Перелюбский'),
  district('petrovsk', 'Петровский'),
  district('piterka', 'Питерский'),
  district('pugachev', 'Пугачёвский'),
  district('rovnoe', 'Ровенский'),
  district('romanovka', 'Романовский'),
  district('rtishchevo', 'Ртищевский'),
  district('samoylovka', 'Самойловский'),
  district('saratovsky', 'Саратовский'),
  district('sovetskoe', 'Советский'),
  district('tatishchevo', 'Татищевский'),
  district('turki', 'Турковский'),
  district('fedorovka', 'Фёдоровский'),
  district('khvalynsk', 'Хвалынский'),
  district('engels', 'Энгельсский'),
];
