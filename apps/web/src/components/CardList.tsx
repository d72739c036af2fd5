import type { UseQueryResult } from '@tanstack/solid-query';
import type { JSX } from 'solid-js';
import { QueryList } from './QueryList';

/** One term and its value in a card's fact list (`<dl class="meta">`). */
export function Fact(props: { term: JSX.Element; testId?: string; children: JSX.Element }) {
  return (
    <>
      <dt>{props.term}</dt>
      <dd data-testid={props.testId}>{props.children}</dd>
    </>
  );
}

/** The fact naming a social-network page: its address, as a link that opens the page itself. */
export function PageFact(props: { term: JSX.Element; url: string }) {
  return (
    <Fact term={props.term}>
      <a href={props.url} rel="noopener noreferrer">
        {props.url}
      </a>
    </Fact>
  );
}

/**
 * A query's items as cards: each a heading, an optional lead (text shown before the facts), its facts
 * (`Fact`s) and then its own content (citizens' text, a decision form); with the query's loading, error and empty states.
 */
export function CardList<T>(props: {
  query: UseQueryResult<T[], Error>;
  testId: string;
  itemTestId: string;
  emptyDetail?: string;
  heading: (item: T) => JSX.Element;
  lead?: (item: T) => JSX.Element;
  facts: (item: T) => JSX.Element;
  children?: (item: T) => JSX.Element;
}) {
  return (
    <QueryList query={props.query} class="plain" testId={props.testId} emptyDetail={props.emptyDetail}>
      {(item) => (
        <li class="card" data-testid={props.itemTestId}>
          <h2>{props.heading(item)}</h2>
          {props.lead?.(item)}
          <dl class="meta">{props.facts(item)}</dl>
          {props.children?.(item)}
        </li>
      )}
    </QueryList>
  );
}
