import { z } from 'zod';

/**
 * An issue is ordered sections of ordered typed blocks. Generated blocks carry figures;
 * only `paragraph` and `note` blocks hold Markdown that monitors may edit.
 */
export const BLOCK_KINDS = ['heading', 'paragraph', 'table', 'figure', 'list', 'note'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];
export const EDITABLE_BLOCK_KINDS = ['paragraph', 'note'] as const satisfies readonly BlockKind[];

export const MARKDOWN_MAX_LENGTH = 20_000;
const blockKey = z.string().regex(/^[a-z0-9][a-z0-9-]{0,120}$/);
const cell = z.union([z.string().max(2_000), z.number(), z.null()]);

export const tableColumnSchema = z.object({
  key: z.string().max(40),
  label: z.string().max(200),
  align: z.enum(['left', 'right']).default('left'),
});

export const blockSchema = z.discriminatedUnion('kind', [
  z.object({ key: blockKey, kind: z.literal('heading'), level: z.union([z.literal(2), z.literal(3)]), text: z.string().min(1).max(500) }),
  z.object({ key: blockKey, kind: z.literal('paragraph'), markdown: z.string().max(MARKDOWN_MAX_LENGTH) }),
  z.object({ key: blockKey, kind: z.literal('note'), markdown: z.string().min(1).max(MARKDOWN_MAX_LENGTH) }),
  z.object({
    key: blockKey,
    kind: z.literal('table'),
    caption: z.string().max(500).nullable(),
    columns: z.array(tableColumnSchema).min(1).max(20),
    rows: z.array(z.array(cell)).max(5_000),
    /** Optional link per row (an account, a piece of evidence), rendered on the first column. */
    rowLinks: z.array(z.string().max(2_000).nullable()).optional(),
  }),
  z.object({
    key: blockKey,
    kind: z.literal('figure'),
    caption: z.string().max(500),
    /** Horizontal bars, one per item; signed values draw around a zero axis. */
    bars: z.array(z.object({ label: z.string().max(300), value: z.number(), display: z.string().max(40) })).max(200),
  }),
  z.object({ key: blockKey, kind: z.literal('list'), ordered: z.boolean(), items: z.array(z.string().max(2_000)).max(500) }),
]);
export type Block = z.infer<typeof blockSchema>;
export type TableBlock = Extract<Block, { kind: 'table' }>;
export type TableColumn = z.infer<typeof tableColumnSchema>;

export const SECTION_AUDIENCES = ['public', 'agency'] as const;
export type SectionAudience = (typeof SECTION_AUDIENCES)[number];

export const sectionSchema = z.object({
  /** `public`, or `org-<organizationId>` for an agency's own section. */
  key: z.string().regex(/^(public|org-\d+)$/),
  audience: z.enum(SECTION_AUDIENCES),
  organizationId: z.number().int().positive().nullable(),
  title: z.string().min(1).max(500),
  blocks: z.array(blockSchema),
});
export type Section = z.infer<typeof sectionSchema>;

export interface BulletinDraft {
  title: string;
  periodKey: string;
  periodLabel: string;
  sections: Section[];
  /** Recommendations that the agency sections carry; they become "sent" when the issue is published. */
  recommendationIds: { recommendationId: number; organizationId: number }[];
}

export const isEditableKind = (kind: BlockKind): kind is (typeof EDITABLE_BLOCK_KINDS)[number] => (EDITABLE_BLOCK_KINDS as readonly BlockKind[]).includes(kind);

export const organizationSectionKey = (organizationId: number) => `org-${organizationId}`;
