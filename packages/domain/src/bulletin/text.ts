import type { Block, Section } from './blocks';
import { inlineMarkdownToText, markdownToText } from './markdown';

/** A block as plain text, for the text part of an e-mail. */
export function blockToText(block: Block): string {
  switch (block.kind) {
    case 'heading':
      return block.level === 2 ? `${block.text}\n${'='.repeat(Math.min(block.text.length, 60))}` : `${block.text}\n${'-'.repeat(Math.min(block.text.length, 60))}`;
    case 'paragraph':
      return markdownToText(block.markdown);
    case 'note':
      return `Примечание редакции. ${markdownToText(block.markdown)}`;
    case 'list':
      return block.items.map((item, index) => `${block.ordered ? `${index + 1}.` : '•'} ${inlineMarkdownToText(item)}`).join('\n');
    case 'table': {
      const header = block.columns.map((c) => c.label).join(' | ');
      const rows = block.rows.map((row, index) => {
        const cells = row.map((cell) => (cell === null ? '—' : String(cell))).join(' | ');
        const link = block.rowLinks?.[index];
        return link ? `${cells} (${link})` : cells;
      });
      return [header, ...rows].join('\n');
    }
    case 'figure':
      return `${block.caption}\n${block.bars.map((b) => `${b.label}: ${b.display}`).join('\n')}`;
  }
}

export function sectionsToText(sections: readonly Section[]): string {
  return sections
    .map((section) =>
      section.blocks
        .map(blockToText)
        .filter((text) => text.trim() !== '')
        .join('\n\n'),
    )
    .join('\n\n\n');
}
