import { createSignal } from 'solid-js';
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

/** Replaces `{name}` placeholders; values are plain text, never markup. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** Label for a vocabulary value (sector, kind, …), falling back to the raw code. */
export function label<T extends Record<string, string>>(table: T, code: string | null | undefined): string {
  if (!code) return '';
  return (table as Record<string, string>)[code] ?? code;
}
