import { describe, expect, it } from 'vitest';
import { findOffences } from './visible-text';

const kinds = (text: string) => findOffences(text).map((o) => `${o.kind}:${o.match}`);

describe('what a Russian reader must not see', () => {
  it('finds raw keys, English words, ISO dates, decimal points and wrong plural forms', () => {
    expect(kinds('Причина: no_signal, поле hasCover')).toEqual(['identifier:no_signal', 'identifier:hasCover']);
    expect(kinds('Value: --')).toEqual(['english:Value']);
    expect(kinds('Период 2026-10-01, выпуск 2026-11, квартал 2026-Q4, снято 2026-12-05T10:00:00Z')).toEqual([
      'iso-date:2026-10-01',
      'iso-date:2026-12-05T10:00:00Z',
      'iso-date:2026-11',
      'iso-date:2026-Q4',
    ]);
    expect(kinds('перерыв 65,3 дней; 5 день; 21 дней; балл 45.5')).toEqual(['number:45.5', 'plural:65,3 дней', 'plural:5 день', 'plural:21 дней']);
  });

  it('accepts Russian text with the allowed names, links, addresses and dates', () => {
    const text =
      'Страницы VK, OK и Telegram; скачать CSV, JSON, XLSX или PDF; подписка RSS и Atom; API по ссылке https://most.example/api/public_v1/docs; ' +
      'пишите на smm_team@agency.test; IV квартал 2026 г.; опубликован 05.12.2026; перерыв 65,3 дня, 2 дня, 5 дней, в течение 24 часов, 21 день; ' +
      'адрес e-mail для входа; Житель 3FA2B1; запрос 684db176-deee-4cf0-ab17-5c3161cef078; 12 345,6 балла';
    expect(findOffences(text)).toEqual([]);
    // Registry codes are data, like an ИНН.
    expect(kinds('Код: saratov_city, minsoc')).toEqual(['identifier:saratov_city', 'english:minsoc']);
    expect(findOffences('Код: saratov_city, minsoc', new Set(['saratov_city', 'minsoc']))).toEqual([]);
  });
});
