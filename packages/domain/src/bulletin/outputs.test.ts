import { describe, expect, it } from 'vitest';
import { renderAtom, renderRss } from './feed';
import { BULLETIN_FIXTURE } from './fixture';
import { generateBulletinDraft } from './generate';
import { renderArchiveHtml, renderIssueHtml, type IssueView } from './html';
import { sectionsToText } from './text';

const draft = generateBulletinDraft(BULLETIN_FIXTURE);
const view: IssueView = {
  slug: '2026-10',
  title: draft.title,
  periodLabel: draft.periodLabel,
  revision: 1,
  state: 'published',
  publishedAt: '2026-11-02T06:00:00Z',
  correction: null,
  supersededBySlug: null,
  sections: draft.sections,
};

describe('bulletin outputs', () => {
  it('renders an issue page with every agency name and escaped text', () => {
    const html = renderIssueHtml(view, draft.sections, { archive: '/bulletin', pdf: '/bulletin/2026-10.pdf' });
    expect(html.startsWith('<!doctype html>')).toBe(true);
    for (const organization of BULLETIN_FIXTURE.organizations) {
      expect(html).toContain(organization.name.replace(/"/g, '&quot;'));
    }
    expect(html).toContain('опубликован 02.11.2026');
    expect(html).toContain('<a href="https://ok.ru/group/70000001/topic/1" rel="nofollow noopener">');
  });

  it('escapes hostile text in generated blocks and notes', () => {
    const hostile = {
      ...view,
      title: '<script>x</script>',
      sections: [
        {
          key: 'public',
          audience: 'public' as const,
          organizationId: null,
          title: 't',
          blocks: [
            { key: 'a', kind: 'table' as const, caption: '<b>c</b>', columns: [{ key: 'k', label: '<i>', align: 'left' as const }], rows: [['<img src=x>']], rowLinks: ['javascript:alert(1)'] },
            { key: 'b', kind: 'note' as const, markdown: '<iframe>' },
          ],
        },
      ],
    };
    const html = renderIssueHtml(hostile, hostile.sections);
    expect(html).not.toMatch(/<script>|<img|<iframe|<b>c|<i>|javascript:/);
  });

  it('marks a correction and a superseded revision visibly', () => {
    const corrected = renderIssueHtml({ ...view, slug: '2026-10-r2', revision: 2, correction: { note: 'Исправлен балл поликлиники.', correctsSlug: '2026-10' } }, []);
    expect(corrected).toContain('Исправленная редакция (2).');
    expect(corrected).toContain('Исправлен балл поликлиники.');
    expect(renderIssueHtml({ ...view, supersededBySlug: '2026-10-r2' }, [])).toContain('актуальная редакция');
    const archive = renderArchiveHtml([{ slug: '2026-10-r2', title: 'T', periodLabel: 'p', revision: 2, publishedAt: '2026-11-03T00:00:00Z', correctionNote: 'n' }], { base: '/bulletin' });
    expect(archive).toContain('href="/bulletin/2026-10-r2"');
    expect(archive).toContain('исправленная редакция 2');
  });

  it('renders plain text for e-mail', () => {
    const text = sectionsToText(draft.sections.filter((s) => s.key === 'org-4'));
    expect(text).toContain('ГУЗ «Саратовская городская поликлиника № 2»');
    expect(text).toContain('Итоговый балл | 42,0 | 55,5 | −13,5');
    expect(text).not.toContain('<');
  });

  it('renders RSS 2.0 and Atom with escaped entries', () => {
    const channel = { title: 'Бюллетень', siteUrl: 'https://most.example/bulletin', selfUrl: 'https://most.example/bulletin/rss.xml', description: 'Выпуски' };
    const entries = [{ slug: '2026-10', title: 'Октябрь & <итоги>', url: 'https://most.example/bulletin/2026-10', publishedAt: '2026-11-02T06:00:00Z', summary: 's\u0001' }];
    const rss = renderRss(channel, entries);
    expect(rss).toContain('<rss version="2.0"');
    expect(rss).toContain('<title>Октябрь &amp; &lt;итоги&gt;</title>');
    expect(rss).toContain('<pubDate>Mon, 02 Nov 2026 06:00:00 GMT</pubDate>');
    expect(rss).not.toContain('\u0001');
    const atom = renderAtom(channel, entries);
    expect(atom).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(atom).toContain('<updated>2026-11-02T06:00:00.000Z</updated>');
  });
});
