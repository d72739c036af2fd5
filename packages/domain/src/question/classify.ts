import {
  ADDRESSED_TO_CITIZEN,
  ADDRESSES_PAGE,
  NOT_INTERROGATIVE,
  ASK_VERBS,
  CITIZEN_TO_CITIZEN,
  GRATITUDE,
  GREETING,
  INTERROGATIVE,
  LI_PARTICLE,
  LINK,
  OPINION,
  OUTRAGE,
  PHONE_LIKE,
  PLEASE,
  POLITE_IMPERATIVE,
  PRAISE,
  PROBLEM,
  REQUEST_VERBS,
  RHETORICAL,
  SCARE_QUOTES,
  SPAM_COMMERCIAL,
  SPAM_STRONG,
  type Lexicon,
} from './lexicon';
import { isMeToo, ME_TOO_REASON } from './me-too';
import { NEEDS_ANSWER_CATEGORIES, type CommentCategory, type CommentClassification } from './types';

/** Longer texts are cut: the opening of a comment carries its intent and the rules stay O(1) per comment. */
const MAX_CHARS = 1_000;
const LETTER = /[а-яёa-zіїєґ]/u;

function matchCode(lex: Lexicon, text: string): string | null {
  const found = lex.find(text);
  return found === null ? null : `${lex.code}:${found.trim()}`;
}

/**
 * An interrogative word that really asks: anywhere when the text has "?", otherwise only among
 * the first three words of a sentence, and never in comparative set phrases («как всегда»).
 */
function findInterrogative(text: string, questionMark: boolean): string | null {
  if (NOT_INTERROGATIVE.test(text) && !questionMark) return null;
  if (questionMark) return matchCode(INTERROGATIVE, text);
  for (const sentence of text.split(/[.!;\n]+/u)) {
    const opening = sentence.trim().split(' ').slice(0, 3).join(' ');
    const found = matchCode(INTERROGATIVE, opening);
    if (found) return found;
  }
  return null;
}

function result(category: CommentCategory, confidence: number, reasons: string[]): CommentClassification {
  return { needsAnswer: NEEDS_ANSWER_CATEGORIES.has(category), category, confidence, reasons };
}

/**
 * Decides whether a Russian comment under an official page needs an answer from the page.
 * Pure rules over lexicons (see lexicon.ts); deterministic and offline. A comment that joins
 * another's question («тоже интересует») also carries the reason `me_too` (see me-too.ts).
 */
export function classifyComment(raw: string): CommentClassification {
  const base = classifyText(raw);
  return isMeToo(raw) ? { ...base, reasons: [...base.reasons, ME_TOO_REASON] } : base;
}

function classifyText(raw: string): CommentClassification {
  const text = raw.slice(0, MAX_CHARS).toLowerCase().replace(/ё/g, 'е').replace(/\s+/g, ' ').trim();
  if (!LETTER.test(text)) return result('other', 0.95, ['no_words']);
  const stripped = text.replace(/\[(?:id|club|public)\d+\|[^\]]*\]/g, ' ').trim();
  if (!LETTER.test(stripped)) return result('other', 0.9, ['mention_only']);

  const reasons: string[] = [];
  const spam = matchCode(SPAM_STRONG, text);
  const commercial = matchCode(SPAM_COMMERCIAL, text);
  const hasLink = LINK.test(text);
  const questionMark = text.includes('?');
  const interrogative = findInterrogative(text, questionMark);
  const ask = matchCode(ASK_VERBS, text);
  const request = matchCode(REQUEST_VERBS, text);
  const problem = matchCode(PROBLEM, text);

  if (spam || (hasLink && !problem) || (commercial && (PHONE_LIKE.test(text) || !questionMark) && !problem && !request && !ask)) {
    return result('spam', spam ? 0.9 : 0.75, [spam ?? commercial ?? 'link'].concat(hasLink ? ['link'] : []));
  }

  if ((ADDRESSED_TO_CITIZEN.test(text) || matchCode(CITIZEN_TO_CITIZEN, text)) && !ADDRESSES_PAGE.find(text) !== null) {
    return result('other', 0.7, ['addressed_to_citizen']);
  }

  const li = LI_PARTICLE.test(text);
  const please = PLEASE.find(text) !== null;
  const politeImperative = please && POLITE_IMPERATIVE.test(text);
  const outrage = matchCode(OUTRAGE, text);
  const rhetorical = matchCode(RHETORICAL, text);
  const gratitude = matchCode(GRATITUDE, text);
  const praise = matchCode(PRAISE, text);
  const opinion = matchCode(OPINION, text);

  // Praise followed by a concrete failure, or thanks with scare quotes/outrage: sarcasm, i.e. a complaint.
  const sarcasticThanks = gratitude && (SCARE_QUOTES.test(text) || outrage !== null);
  if (problem && (praise || sarcasticThanks)) {
    return result('complaint', 0.7, ['sarcasm', praise ?? gratitude ?? '', problem]);
  }
  if (gratitude && !questionMark && !request && !ask) return result('gratitude', 0.9, [gratitude]);

  if (rhetorical && !problem && !request && !ask) {
    return result('opinion', 0.7, ['rhetorical', rhetorical]);
  }

  if (request || politeImperative) {
    reasons.push(request ?? 'polite_imperative');
    if (problem) reasons.push(problem);
    return result('request', request ? 0.85 : 0.7, reasons);
  }

  const asks = questionMark || interrogative !== null || ask !== null || li;
  if (asks) {
    if (questionMark) reasons.push('question_mark');
    if (interrogative) reasons.push(interrogative);
    if (ask) reasons.push(ask);
    if (li) reasons.push('li_particle');
    if (problem) reasons.push(problem);
    const signals = reasons.length;
    // A lone "?" with nothing concrete (no interrogative word, no problem) is usually a reaction.
    if (signals === 1 && questionMark && stripped.split(' ').length <= 3) return result('opinion', 0.55, ['bare_question']);
    if (problem && !interrogative && !ask) return result('complaint', 0.7, reasons);
    return result('question', Math.min(0.95, 0.55 + 0.12 * signals), reasons);
  }

  if (problem) {
    reasons.push(problem);
    if (outrage) reasons.push(outrage);
    return result('complaint', outrage ? 0.85 : 0.75, reasons);
  }

  const greeting = matchCode(GREETING, text);
  if (greeting && stripped.split(' ').length <= 8) return result('greeting', 0.8, [greeting]);
  if (opinion || outrage || praise) return result('opinion', 0.7, [opinion ?? outrage ?? praise ?? '']);
  return result(stripped.split(' ').length <= 3 ? 'other' : 'opinion', 0.5, ['no_signal']);
}
