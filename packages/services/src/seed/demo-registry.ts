import type { OrganizationKind, Sector } from '@most/shared';
import { SARATOV_MUNICIPALITIES } from './saratov-municipalities';

export interface DemoOrganization {
  code: string;
  full_name: string;
  short_name: string;
  kind: OrganizationKind;
  sector: Sector;
  municipality: string;
  parent_code: string;
  website: string;
  accounts: string;
}

const REGIONAL_BODIES: [code: string, name: string, short: string, sector: Sector][] = [
  ['gov', 'Правительство Саратовской области', 'Правительство области', 'other'],
  ['minobr', 'Министерство образования Саратовской области', 'Минобр', 'education'],
  ['minzdrav', 'Министерство здравоохранения Саратовской области', 'Минздрав', 'health'],
  ['minsoc', 'Министерство труда и социальной защиты Саратовской области', 'Минтруда и соцзащиты', 'social_protection'],
  ['minkult', 'Министерство культуры Саратовской области', 'Минкультуры', 'culture'],
  ['minsport', 'Министерство молодёжной политики и спорта Саратовской области', 'Минспорт', 'sport'],
  ['mingkh', 'Министерство строительства и жилищно-коммунального хозяйства Саратовской области', 'Минстрой и ЖКХ', 'housing_utilities'],
  ['mintrans', 'Министерство транспорта и дорожного хозяйства Саратовской области', 'Минтранс', 'roads_transport'],
  ['minselhoz', 'Министерство сельского хозяйства Саратовской области', 'Минсельхоз', 'other'],
  ['minecon', 'Министерство экономического развития Саратовской области', 'Минэкономразвития', 'other'],
  ['minfin', 'Министерство финансов Саратовской области', 'Минфин', 'other'],
  ['minpriroda', 'Министерство природных ресурсов и экологии Саратовской области', 'Минприроды', 'other'],
  ['mininform', 'Министерство информации и массовых коммуникаций Саратовской области', 'Мининформ', 'other'],
  ['komtarif', 'Комитет государственного регулирования тарифов Саратовской области', 'Комитет по тарифам', 'housing_utilities'],
  ['gzhi', 'Государственная жилищная инспекция Саратовской области', 'ГЖИ', 'housing_utilities'],
  ['zags', 'Управление по делам ЗАГС Саратовской области', 'Управление ЗАГС', 'other'],
  ['veterinary', 'Управление ветеринарии Саратовской области', 'Управление ветеринарии', 'other'],
  ['okn', 'Управление по охране объектов культурного наследия Саратовской области', 'Управление ОКН', 'culture'],
];

/** Institutions of each municipality: [code suffix, name template, sector, parent regional body]. */
const INSTITUTIONS: [suffix: string, name: (place: string) => string, sector: Sector, parent: string][] = [
  ['school1', (place) => `МОУ «Средняя общеобразовательная школа № 1» ${place}`, 'education', 'minobr'],
  ['crb', (place) => `ГУЗ СО «${place} районная больница»`, 'health', 'minzdrav'],
  ['kcson', (place) => `ГАУ СО «Комплексный центр социального обслуживания населения ${place}»`, 'social_protection', 'minsoc'],
  ['dk', (place) => `МУК «Районный дом культуры» ${place}`, 'culture', 'minkult'],
];

/** "Энгельсский муниципальный район" → "Энгельсского района"-like tag used inside institution names. */
const placeOf = (name: string) => name.replace(' муниципальный район', ' район').replace(/^городской округ /, '');

/**
 * A deterministic demo registry of the Saratov region: regional bodies, every municipality's
 * administration, and a sample of institutions in each. Screen names are stable so the VK
 * simulator and the demo always agree.
 */
export function demoRegistry(): DemoOrganization[] {
  const rows: DemoOrganization[] = REGIONAL_BODIES.map(([code, name, short, sector], index) => ({
    code,
    full_name: name,
    short_name: short,
    kind: 'regional_executive',
    sector,
    municipality: 'region',
    parent_code: code === 'gov' ? '' : 'gov',
    website: `https://${code}.saratov.gov.ru`,
    accounts: [`https://vk.com/${code}64`, index % 2 === 0 ? `https://ok.ru/${code}64` : '', index % 3 === 0 ? `https://t.me/${code}_64` : ''].filter(Boolean).join(' '),
  }));
  SARATOV_MUNICIPALITIES.filter((m) => m.kind !== 'region').forEach((municipality, index) => {
    const adminCode = `adm_${municipality.code}`;
    rows.push({
      code: adminCode,
      full_name: `Администрация ${municipality.kind === 'urban_district' ? '' : 'муниципального образования '}${municipality.name}`.replace(/\s+/g, ' '),
      short_name: `Администрация: ${placeOf(municipality.name)}`,
      kind: 'local_government',
      sector: 'other',
      municipality: municipality.code,
      parent_code: '',
      website: `https://${municipality.code.replace(/_/g, '-')}.sarmo.ru`,
      accounts: [`https://vk.com/${adminCode}`, index % 2 === 1 ? `https://ok.ru/${adminCode}` : ''].filter(Boolean).join(' '),
    });
    INSTITUTIONS.forEach(([suffix, name, sector, parent], institutionIndex) => {
      // Not every municipality has every kind of institution in the sample; keep it varied.
      if ((index + institutionIndex) % 5 === 4) return;
      const code = `${suffix}_${municipality.code}`;
      rows.push({
        code,
        full_name: name(placeOf(municipality.name)),
        short_name: name(placeOf(municipality.name)).slice(0, 120),
        kind: 'subordinate_institution',
        sector,
        municipality: municipality.code,
        parent_code: parent,
        website: '',
        accounts: `https://vk.com/${code}`,
      });
    });
  });
  return rows;
}

const CSV_COLUMNS: (keyof DemoOrganization)[] = ['code', 'full_name', 'short_name', 'kind', 'sector', 'municipality', 'parent_code', 'website', 'accounts'];

const csvCell = (value: string) => (/[",\n;]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

export function toCsv(rows: DemoOrganization[]): string {
  return `${[CSV_COLUMNS.join(','), ...rows.map((row) => CSV_COLUMNS.map((c) => csvCell(row[c])).join(','))].join('\n')}\n`;
}
