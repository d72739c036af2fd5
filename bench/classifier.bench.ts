/**
 * Question-detection throughput: classifies the labelled evaluation comments over and over
 * (with small variations so nothing is cached) and prints comments per second.
 * Run: npx tsx bench/classifier.bench.ts
 */
import { classifyComment, QUESTION_EVAL_SET } from '@most/domain';

const TARGET_PER_SECOND = 50_000;
const TOTAL = 500_000;

export function measureClassifierThroughput(total = TOTAL): { perSecond: number; seconds: number; needsAnswer: number } {
  const texts = QUESTION_EVAL_SET.map(([text]) => text);
  const variants = texts.flatMap((text, i) => [text, `${text} ${i}`, text.toUpperCase(), `${text}!!`]);
  for (let i = 0; i < 20_000; i += 1) classifyComment(variants[i % variants.length]!); // warm-up
  let needsAnswer = 0;
  const started = performance.now();
  for (let i = 0; i < total; i += 1) if (classifyComment(variants[i % variants.length]!).needsAnswer) needsAnswer += 1;
  const seconds = (performance.now() - started) / 1000;
  return { perSecond: total / seconds, seconds, needsAnswer };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { perSecond, seconds, needsAnswer } = measureClassifierThroughput();
  console.log(`classifier: ${TOTAL} comments in ${seconds.toFixed(2)} s = ${Math.round(perSecond)} comments/s (${needsAnswer} need an answer)`);
  console.log(`target ≥ ${TARGET_PER_SECOND} comments/s: ratio ${(perSecond / TARGET_PER_SECOND).toFixed(2)}`);
}
