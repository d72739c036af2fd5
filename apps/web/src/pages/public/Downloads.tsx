import { For } from 'solid-js';
import type { FileFormat } from '../../api/public';
import { t } from '../../i18n';

export type DownloadFormat = FileFormat | 'pdf';

/**
 * Download buttons of a public page, one per format, each named by its format in words (no sizes,
 * which change with every edition). The group's name says what is downloaded.
 */
export function Downloads(props: { what: 'edition' | 'comparison' | 'organization'; files: { format: DownloadFormat; href: string }[] }) {
  const m = () => t().downloads;
  return (
    <div class="toolbar downloads" role="group" aria-label={m()[props.what]} data-testid={`downloads-${props.what}`}>
      <span class="muted">{m()[props.what]}:</span>
      <For each={props.files}>
        {(file) => (
          <a class="button" href={file.href} download="" data-testid={`download-${file.format}`}>
            {m()[file.format]}
          </a>
        )}
      </For>
    </div>
  );
}
