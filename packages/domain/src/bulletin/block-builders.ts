import type { Block, TableBlock, TableColumn } from './blocks';

/** Short builders for generated blocks; each gives the block's fields in the order the schema lists them. */
export const heading = (key: string, level: 2 | 3, text: string): Block => ({ key, kind: 'heading', level, text });

export const paragraph = (key: string, markdown: string): Block => ({ key, kind: 'paragraph', markdown });

export const left = (key: string, label: string): TableColumn => ({ key, label, align: 'left' });

export const right = (key: string, label: string): TableColumn => ({ key, label, align: 'right' });

/** A table without a caption; `rowLinks` (one per row) link its first column. */
export function table(key: string, columns: TableColumn[], rows: TableBlock['rows'], rowLinks?: TableBlock['rowLinks']): TableBlock {
  return { key, kind: 'table', caption: null, columns, rows, ...(rowLinks ? { rowLinks } : {}) };
}
