import { describe, expect, it } from 'vitest';
import { escapeMarkdown, markdownToText, renderInlineMarkdown, renderMarkdown, sanitizeMarkdown } from './markdown';

describe('bulletin Markdown', () => {
  it('renders the supported subset', () => {
    expect(renderMarkdown('# Итоги\n\nПервая строка\nвторая **жирно** и *курсив* и `код`\n\n- один\n- [два](https://vk.com/x)\n\n1. раз\n2. два\n\n> цитата')).toBe(
      [
        '<h3>Итоги</h3>',
        '<p>Первая строка<br>вторая <strong>жирно</strong> и <em>курсив</em> и <code>код</code></p>',
        '<ul><li>один</li><li><a href="https://vk.com/x" rel="nofollow noopener">два</a></li></ul>',
        '<ol><li>раз</li><li>два</li></ol>',
        '<blockquote><p>цитата</p></blockquote>',
      ].join('\n'),
    );
  });

  it('never passes raw HTML or script links through', () => {
    const hostile = '<script>alert(1)</script> <img src=x onerror=alert(1)> [клик](javascript:alert(1)) [x](JaVaScRiPt:alert(1)) "кавычки" & <b>';
    const html = renderMarkdown(hostile);
    expect(html).not.toMatch(/<script|<img|<b>|href="javascript/i);
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('&quot;кавычки&quot; &amp;');
    expect(renderInlineMarkdown('[a](//evil.example)')).toBe('a');
    expect(renderInlineMarkdown('[a](/bulletin/2026-10)')).toBe('<a href="/bulletin/2026-10" rel="nofollow noopener">a</a>');
    expect(renderInlineMarkdown('[a](https://x.ru/?a=1&b="2")')).toBe('<a href="https://x.ru/?a=1&amp;b=&quot;2&quot;" rel="nofollow noopener">a</a>');
  });

  it('sanitizes text before it is stored', () => {
    expect(sanitizeMarkdown('Текст <script>alert(1)</script> и <a href="https://x.ru">ссылка</a>\u0000\u202e')).toBe('Текст alert(1) и ссылка');
    expect(sanitizeMarkdown('<scr<script>ipt>alert(1)</scr</script>ipt>')).not.toMatch(/<script/i);
    expect(sanitizeMarkdown('[клик](javascript:alert(1)) и [сайт](https://saratov.gov.ru)')).toBe('клик и [сайт](https://saratov.gov.ru)');
    expect(sanitizeMarkdown('[ref]: javascript:alert(1)\nтекст')).toBe('текст');
    expect(sanitizeMarkdown('см. javascript:void(0)')).toBe('см. void(0)');
    expect(sanitizeMarkdown('a < b и c > d')).toBe('a < b и c > d');
  });

  it('escapes names so that they read literally', () => {
    const name = 'МОУ «СОШ № 5» *лучшая* [школа]';
    expect(renderInlineMarkdown(escapeMarkdown(name))).toBe('МОУ «СОШ № 5» *лучшая* [школа]');
  });

  it('turns Markdown into plain text for e-mail', () => {
    expect(markdownToText('**Важно**: [сайт](https://x.ru)\n\n- a\n- b')).toBe('Важно: сайт (https://x.ru)\n\n• a\n• b');
  });
});
