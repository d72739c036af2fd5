import { existsSync } from 'node:fs';
import { UnrecoverableError, type Job } from 'bullmq';
import { loadIssueView, saveIssuePdf, type Sql } from '@most/db';
import { renderIssueHtml } from '@most/domain';
import { parseJobPayload } from '@most/queue';
import type { BulletinWorkerOptions } from './bulletin-options';

export const CHROMIUM_FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

/** Prints an HTML document to an A4 PDF with headless Chromium; fonts (DejaVu for Cyrillic) are embedded by Chromium. */
export async function renderHtmlToPdf(html: string, chromiumPath: string): Promise<Buffer> {
  if (!existsSync(chromiumPath)) {
    throw new UnrecoverableError(`Chromium is not installed at ${chromiumPath}: apt-get install -y chromium (or set CHROMIUM_PATH)`);
  }
  // Loaded on demand: the browser driver is large and only PDF jobs need it.
  const { chromium } = await import('playwright-core');
  const browser = await chromium.launch({ executablePath: chromiumPath, args: CHROMIUM_FLAGS });
  try {
    const page = await browser.newPage({ javaScriptEnabled: false });
    // The document is self-contained: any request it would make (there should be none) is refused.
    await page.route('**/*', (route) => route.abort());
    await page.setContent(html, { waitUntil: 'load' });
    return await page.pdf({ format: 'A4', printBackground: true, margin: { top: '15mm', bottom: '15mm', left: '12mm', right: '12mm' } });
  } finally {
    await browser.close();
  }
}

/** The public edition of a published issue as a PDF, stored for the archive's download link. */
export async function processBulletinPdf(job: Job, sql: Sql, options: BulletinWorkerOptions): Promise<{ issueId: number; bytes: number }> {
  const { issueId } = parseJobPayload('bulletin-pdf', job.data);
  const view = await loadIssueView(sql, { id: issueId }, ['public']);
  if (!view) throw new UnrecoverableError(`Bulletin issue ${issueId} does not exist`);
  if (view.state !== 'published') throw new UnrecoverableError(`Bulletin issue ${view.slug} is not published`);
  const html = renderIssueHtml(view, view.sections, { archive: `${options.publicUrl}/bulletin` });
  const pdf = await renderHtmlToPdf(html, options.chromiumPath);
  await saveIssuePdf(sql, issueId, pdf);
  return { issueId, bytes: pdf.length };
}
