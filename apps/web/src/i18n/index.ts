import { createSignal } from 'solid-js';
import { quantityRu } from '@most/domain/russian';
import { formatNumber } from '../format';
import { en } from './en';
import { ru, type Messages } from './ru';

export type Locale = 'ru' | 'en';
const CATALOGUES: Record<Locale, Messages> = { ru, en };
const STORAGE_KEY = 'most.locale';

function initialLocale(): Locale {
  try {
    const stored = localStorage.getItem(STORAGE_KEY);
    if (stored === 'ru' || stored === 'en') return stored;
  } catch {
    // Storage may be blocked (private mode, embedded frames): fall back to the default.
  }
  return 'ru';
}

const [locale, setLocaleSignal] = createSignal<Locale>(initialLocale());
document.documentElement.lang = locale();

export { locale };

/** The active catalogue; read it inside JSX so text follows the language switch. */
export const t = (): Messages => CATALOGUES[locale()];

export function setLocale(next: Locale): void {
  setLocaleSignal(next);
  document.documentElement.lang = next;
  try {
    localStorage.setItem(STORAGE_KEY, next);
  } catch {
    // Not persisted; the switch still applies to this page.
  }
}

/**
 * Replaces `{name}` placeholders, and `{name|one|few|many}` with the number and its noun form
 * (5 ошибок, 21 день, 65,3 дня); values are plain text, never markup.
 */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)((?:\|[^|{}]*){3})?\}/g, (whole, key: string, forms: string | undefined) => {
    if (!(key in values)) return whole;
    if (!forms) return String(values[key]);
    const [one = '', few = '', many = ''] = forms.slice(1).split('|');
    const value = Number(values[key]);
    return locale() === 'ru' ? quantityRu(value, [one, few, many]) : `${formatNumber(value, 'en')} ${value === 1 ? one : many}`;
  });
}

/** Label for a vocabulary value (sector, kind, …), falling back to the raw code. */
export function label<T extends Record<string, string>>(table: T, code: string | null | undefined): string {
  if (!code) return '';
  return (table as Record<string, string>)[code] ?? code;
}
