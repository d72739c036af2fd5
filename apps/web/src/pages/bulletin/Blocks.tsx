import { For, Match, Show, Switch, type JSX } from 'solid-js';
import { Dynamic } from 'solid-js/web';
import type { RouterOutputs } from '../../api/trpc';
import { fill, t } from '../../i18n';
import { blocksUnderTitle, isSafeLink, parseInline, parseMarkdown, type Inline } from './bulletin-view';

export type IssueView = RouterOutputs['bulletin']['issue'];
export type Section = IssueView['sections'][number];
export type Block = Section['blocks'][number];

/** Inline Markdown nodes as elements and text nodes; the source is never parsed as HTML. */
export function InlineNodes(props: { nodes: Inline[] }): JSX.Element {
  return (
    <For each={props.nodes}>
      {(node) => (
        <Switch>
          <Match when={node.type === 'text' && node}>{(n) => n().text}</Match>
          <Match when={node.type === 'code' && node}>{(n) => <code>{n().text}</code>}</Match>
          <Match when={node.type === 'strong' && node}>
            {(n) => (
              <strong>
                <InlineNodes nodes={n().children} />
              </strong>
            )}
          </Match>
          <Match when={node.type === 'em' && node}>
            {(n) => (
              <em>
                <InlineNodes nodes={n().children} />
              </em>
            )}
          </Match>
          <Match when={node.type === 'link' && node}>
            {(n) => (
              <a href={n().href} rel="nofollow noopener">
                <InlineNodes nodes={n().children} />
              </a>
            )}
          </Match>
        </Switch>
      )}
    </For>
  );
}

function Lines(props: { lines: Inline[][] }) {
  return (
    <For each={props.lines}>
      {(line, index) => (
        <>
          <Show when={index() > 0}>
            <br />
          </Show>
          <InlineNodes nodes={line} />
        </>
      )}
    </For>
  );
}

/** The bulletin's Markdown (already sanitized by the server) as structured elements. */
export function Markdown(props: { source: string }) {
  return (
    <For each={parseMarkdown(props.source)}>
      {(node) => (
        <Switch>
          <Match when={node.type === 'heading' && node}>
            {(n) => (
              <h4>
                <InlineNodes nodes={n().text} />
              </h4>
            )}
          </Match>
          <Match when={(node.type === 'ul' || node.type === 'ol') && node}>
            {(n) => (
              <Dynamic component={n().type}>
                <For each={n().items}>
                  {(item) => (
                    <li>
                      <InlineNodes nodes={item} />
                    </li>
                  )}
                </For>
              </Dynamic>
            )}
          </Match>
          <Match when={node.type === 'quote' && node}>
            {(n) => (
              <blockquote>
                <p>
                  <Lines lines={n().lines} />
                </p>
              </blockquote>
            )}
          </Match>
          <Match when={node.type === 'paragraph' && node}>
            {(n) => (
              <p>
                <Lines lines={n().lines} />
              </p>
            )}
          </Match>
        </Switch>
      )}
    </For>
  );
}

type TableBlock = Extract<Block, { kind: 'table' }>;
type FigureBlock = Extract<Block, { kind: 'figure' }>;

function TableView(props: { block: TableBlock }) {
  const right = (index: number) => props.block.columns[index]?.align === 'right';
  return (
    // Scrolls sideways when wider than the page: focusable, so keyboards can scroll it too (the caption names it).
    <div class="table-wrap bulletin-table" tabindex="0">
      <table>
        <Show when={props.block.caption}>
          <caption>{props.block.caption}</caption>
        </Show>
        <thead>
          <tr>
            <For each={props.block.columns}>
              {(column, i) => (
                <th scope="col" classList={{ num: right(i()) }}>
                  {column.label}
                </th>
              )}
            </For>
          </tr>
        </thead>
        <tbody>
          <For each={props.block.rows}>
            {(row, rowIndex) => (
              <tr>
                <For each={row}>
                  {(cell, i) => {
                    const text = cell === null ? '—' : String(cell);
                    const link = i() === 0 ? props.block.rowLinks?.[rowIndex()] : null;
                    return (
                      <td classList={{ num: right(i()) }}>
                        <Show when={link && isSafeLink(link) && link} fallback={text}>
                          {(href) => (
                            <a href={href()} rel="nofollow noopener">
                              {text}
                            </a>
                          )}
                        </Show>
                      </td>
                    );
                  }}
                </For>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </div>
  );
}

function FigureView(props: { block: FigureBlock }) {
  const extent = () => Math.max(...props.block.bars.map((b) => Math.abs(b.value)), 1e-9);
  return (
    <figure class="bulletin-figure">
      <ul class="plain bulletin-bars">
        <For each={props.block.bars}>
          {(bar) => {
            const width = () => `${Math.round((Math.abs(bar.value) / extent()) * 1000) / 10}%`;
            return (
              <li class="bulletin-bar">
                <span class="bulletin-bar__label">{bar.label}</span>
                <span class="bulletin-bar__track" aria-hidden="true">
                  <span class="bulletin-bar__half bulletin-bar__half--neg">
                    <Show when={bar.value < 0}>
                      <span class="bulletin-bar__bar bulletin-bar__bar--neg" style={{ width: width() }} />
                    </Show>
                  </span>
                  <span class="bulletin-bar__half">
                    <Show when={bar.value >= 0}>
                      <span class="bulletin-bar__bar bulletin-bar__bar--pos" style={{ width: width() }} />
                    </Show>
                  </span>
                </span>
                <span class="bulletin-bar__value">{bar.display}</span>
              </li>
            );
          }}
        </For>
      </ul>
      <figcaption>{props.block.caption}</figcaption>
    </figure>
  );
}

/** One block of an issue, from its structured data. */
export function BlockView(props: { block: Block }) {
  const b = () => props.block;
  return (
    <Switch>
      <Match when={b().kind === 'heading' && (b() as Extract<Block, { kind: 'heading' }>)}>
        {(h) => (
          <Dynamic component={h().level === 2 ? 'h3' : 'h4'} class="bulletin-heading">
            {h().text}
          </Dynamic>
        )}
      </Match>
      <Match when={b().kind === 'paragraph' && (b() as Extract<Block, { kind: 'paragraph' }>)}>{(p) => <Markdown source={p().markdown} />}</Match>
      <Match when={b().kind === 'note' && (b() as Extract<Block, { kind: 'note' }>)}>
        {(n) => (
          <aside class="bulletin-note" aria-label={t().bulletin.editorsNote}>
            <strong>{t().bulletin.editorsNote}.</strong> <Markdown source={n().markdown} />
          </aside>
        )}
      </Match>
      <Match when={b().kind === 'list' && (b() as Extract<Block, { kind: 'list' }>)}>
        {(l) => (
          <Dynamic component={l().ordered ? 'ol' : 'ul'}>
            <For each={l().items}>
              {(item) => (
                <li>
                  <InlineNodes nodes={parseInline(item)} />
                </li>
              )}
            </For>
          </Dynamic>
        )}
      </Match>
      <Match when={b().kind === 'table' && (b() as TableBlock)}>{(table) => <TableView block={table()} />}</Match>
      <Match when={b().kind === 'figure' && (b() as FigureBlock)}>{(figure) => <FigureView block={figure()} />}</Match>
    </Switch>
  );
}

/** A section with its title and blocks. */
export function SectionView(props: { section: Section; testId?: string }) {
  return (
    <section
      class="bulletin-section"
      classList={{ 'bulletin-section--agency': props.section.audience === 'agency' }}
      aria-labelledby={`section-${props.section.key}`}
      data-testid={props.testId ?? 'bulletin-section'}
    >
      <h2 id={`section-${props.section.key}`}>{props.section.title}</h2>
      <For each={blocksUnderTitle(props.section)}>{(block) => <BlockView block={block} />}</For>
    </section>
  );
}

/** Correction note and "superseded" pointer of an issue, when it has them. */
export function IssueNotices(props: { view: IssueView; issueHref: (slug: string) => string }) {
  return (
    <>
      <Show when={props.view.correction}>
        {(correction) => (
          <div class="notice" data-testid="bulletin-correction">
            <strong>{fill(t().bulletin.correctedRevision, { revision: props.view.revision })}</strong> <Markdown source={correction().note} />
          </div>
        )}
      </Show>
      <Show when={props.view.supersededBySlug}>
        {(slug) => (
          <p class="notice">
            {t().bulletin.superseded} <a href={props.issueHref(slug())}>{t().bulletin.openCurrent}</a>
          </p>
        )}
      </Show>
    </>
  );
}
