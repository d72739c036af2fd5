/**
 * The classifier's reasons (see classify.ts: plain codes, or `lexicon:matched fragment`) in Russian
 * for the monitors' review queue. Unknown codes get a neutral text, never the raw key.
 */
const PLAIN: Record<string, string> = {
  no_words: 'в тексте нет слов',
  mention_only: 'только упоминание пользователя',
  link: 'ссылка в тексте',
  addressed_to_citizen: 'обращение к другому жителю, а не к странице',
  sarcasm: 'похвала с описанием проблемы (сарказм)',
  rhetorical: 'риторический вопрос',
  polite_imperative: 'вежливая просьба',
  question_mark: 'вопросительный знак',
  li_particle: 'вопросительная частица «ли»',
  bare_question: 'короткий вопрос без подробностей',
  no_signal: 'нет явных признаков вопроса, просьбы или жалобы',
};

const LEXICON: Record<string, string> = {
  interrogative: 'вопросительное слово',
  ask: 'просьба ответить',
  request: 'просьба',
  please: 'вежливое слово',
  problem: 'описание проблемы',
  outrage: 'возмущение',
  gratitude: 'благодарность',
  praise: 'похвала',
  greeting: 'приветствие',
  spam: 'признак спама',
  commercial: 'признак рекламы',
  rhetorical: 'риторический оборот',
  opinion: 'мнение',
  peer: 'обращение к другим жителям',
  page: 'обращение к странице',
};

export function describeClassifierReason(reason: string): string | null {
  if (reason.trim() === '') return null;
  const plain = PLAIN[reason];
  if (plain) return plain;
  const colon = reason.indexOf(':');
  if (colon > 0) {
    const lexicon = LEXICON[reason.slice(0, colon)];
    const fragment = reason.slice(colon + 1).trim();
    if (lexicon) return fragment ? `${lexicon}: «${fragment}»` : lexicon;
  }
  return 'другой признак';
}

/** Distinct Russian texts of a classification's reasons, in order. */
export const describeClassifierReasons = (reasons: readonly string[]): string[] => [...new Set(reasons.map(describeClassifierReason).filter((text): text is string => text !== null))];
