import { existsSync } from 'node:fs';
import { UnrecoverableError } from 'bullmq';
import { loadIssueView, saveIssuePdf, type PdfSectionKey, type Sql } from '@most/db';
import { renderIssueHtml } from '@most/domain';
import type { ParsedJob } from '@most/queue';
import type { BulletinWorkerOptions } from './bulletin-options';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Prints HTML documents to A4 PDFs in one headless Chromium; fonts (DejaVu for Cyrillic) are embedded by Chromium. */
export async function printHtmlDocuments(documents: Iterable<{ key: string; html: string }>, chromiumPath: string, onPdf: (key: string, pdf: Buffer) => Promise<void>): Promise<number> {
  if (!existsSync(chromiumPath)) {
    throw new UnrecoverableError(`Chromium is not installed at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  // Loaded on demand: the browser driver is large and only PDF jobs need it.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  let printed = 0;
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    // The documents are self-contained: any request one would make (there should be none) is refused.
    await page.route('**/*', (route) => route.abort());
    for (const { key, html } of documents) {
      await page.setContent(html, { waitUntil: 'load' });
      await onPdf(key, await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } }));
      printed += 1;
    }
  } finally {
    await browser.close();
  }
  return printed;
}

/**
 * The PDFs of a published issue, stored for download: the public edition, and for each agency its
 * own section followed by the public edition (what its signed-in page shows). Re-running replaces them.
 */
export async function processBulletinPdf(job: ParsedJob<'bulletin-pdf'>, sql: Sql, options: BulletinWorkerOptions): Promise<{ issueId: number; bytes: number; agencies: number }> {
  const { issueId } = job.data;
  const view = await loadIssueView(sql, { id: issueId });
  if (!view) throw new UnrecoverableError(`Bulletin issue ${issueId} does not exist`);
  if (view.state !== 'published') throw new UnrecoverableError(`Bulletin issue ${view.slug} is not published`);
  const publicSections = view.sections.filter((s) => s.audience === 'public');
  const agencySections = view.sections.filter((s) => s.organizationId !== null);
  const archive = { archive: `${options.publicUrl}/bulletin` };
  function* documents() {
    yield { key: 'public', html: renderIssueHtml(view!, publicSections, archive) };
    for (const section of agencySections) yield { key: section.key, html: renderIssueHtml(view!, [section, ...publicSections], archive) };
  }
  let bytes = 0;
  let printed = 0;
  const total = 1 + agencySections.length;
  await printHtmlDocuments(documents(), options.chromiumPath, async (key, pdf) => {
    await saveIssuePdf(sql, issueId, pdf, key as PdfSectionKey);
    if (key === 'public') bytes = pdf.length;
    await job.updateProgress(Math.round((100 * ++printed) / total));
  });
  return { issueId, bytes, agencies: agencySections.length };
}
