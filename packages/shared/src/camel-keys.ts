/** `cohort_title` → `cohortTitle`, at the type level. */
export type CamelCase<S extends string> = S extends `${infer Head}_${infer Tail}` ? `${Head}${Capitalize<CamelCase<Tail>>}` : S;

/** A row read with SQL column names, as the API answers it: every key camelCase, dates and values untouched. */
export type CamelKeys<T> = T extends Date
  ? T
  : T extends readonly (infer Item)[]
    ? CamelKeys<Item>[]
    : T extends object
      ? { [K in keyof T as K extends string ? CamelCase<K> : K]: CamelKeys<T[K]> }
      : T;

const camelCase = (key: string) => key.replace(/_([a-z0-9])/g, (_, letter: string) => letter.toUpperCase());

const isPlainObject = (value: unknown): value is Record<string, unknown> => {
  if (value === null || typeof value !== 'object') return false;
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
};

/** Renames the keys of plain objects (deeply, through arrays) to camelCase; dates, buffers and values stay as they are. */
export function camelKeys<T>(value: T): CamelKeys<T> {
  if (Array.isArray(value)) return value.map(camelKeys) as CamelKeys<T>;
  if (!isPlainObject(value)) return value as CamelKeys<T>;
  return Object.fromEntries(Object.entries(value).map(([key, inner]) => [camelCase(key), camelKeys(inner)])) as CamelKeys<T>;
}
