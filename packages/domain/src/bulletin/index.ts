export * from './dataset';
export * from './blocks';
export * from './period';
export * from './generate';
export * from './html';
export * from './text';
export * from './feed';
export { rankOrganizations, biggestMovers, type RankedOrganization, type Mover } from './ranking';
export { formatScore, formatDelta, formatShare, recommendationStatusLabel, redactContacts } from './format';
export { bulletinSlaFigures } from './sla';
export {
  escapeHtml as escapeBulletinHtml,
  escapeMarkdown,
  isSafeLinkTarget,
  markdownToText,
  renderInlineMarkdown,
  renderMarkdown,
  sanitizeMarkdown,
} from './markdown';
export { BULLETIN_FIXTURE } from './fixture';
