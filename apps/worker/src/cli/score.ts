import { exitWithUsage, parseStringOptions } from './args';
import { connectForCli } from './connect';
import { followRescore } from './follow';

/** `npm run score -- --period week|month|quarter [--date YYYY-MM-DD]`: rescore through the queue and wait. */
const USAGE = 'Usage: npm run score -- --period week|month|quarter [--date YYYY-MM-DD] [--timeout <minutes>]';
const values = parseStringOptions(USAGE, ['period', 'date', 'timeout']);
const period = values.period;
const validDate = (text: string) => {
  const day = new Date(`${text}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && !Number.isNaN(day.getTime()) && day.toISOString().startsWith(text);
};
if ((period !== 'week' && period !== 'month' && period !== 'quarter') || (values.date && !validDate(values.date)) || (values.timeout && !/^[1-9]\d*$/.test(values.timeout))) {
  exitWithUsage(USAGE);
}
const cli = await connectForCli();
try {
  const request = await cli.ops.rescore({ periodKind: period, date: values.date });
  console.log(`Queued the rescore of the ${period} holding ${request.date} (job ${request.jobId}, queue: ${cli.queue.kind})`);
  process.exitCode = await followRescore(cli.ops, request.jobId, { print: (line) => console.log(line), timeoutMs: Number(values.timeout ?? 30) * 60_000 });
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await cli.close();
}
