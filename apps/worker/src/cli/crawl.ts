import { getOrganization } from '@most/db';
import { isAppError } from '@most/shared';
import { exitWithUsage, parseStringOptions } from './args';
import { connectForCli } from './connect';
import { followCrawl } from './follow';

/** `npm run crawl [-- --org <code> | --account <id>]`: crawl now through the queue and wait for the result. */
const USAGE = 'Usage: npm run crawl [-- --org <organization code> | --account <account id>] [--timeout <minutes>]';
const values = parseStringOptions(USAGE, ['org', 'account', 'timeout']);
if ((values.org && values.account) || (values.account && !/^[1-9]\d*$/.test(values.account)) || (values.timeout && !/^[1-9]\d*$/.test(values.timeout))) {
  exitWithUsage(USAGE);
}
const cli = await connectForCli();
try {
  const print = (line: string) => console.log(line);
  const timeoutMs = Number(values.timeout ?? 60) * 60_000;
  if (!values.org && !values.account) {
    const { runAts, crawlerRunning } = await cli.ops.crawlRegistry();
    print(`Queued a crawl of every page (profiles run ${runAts[0]}, posts run ${runAts[1]}, queue: ${cli.queue.kind})`);
    process.exitCode = await followCrawl(
      cli.ops,
      runAts.map((runAt) => ({ runAt })),
      crawlerRunning,
      { print, timeoutMs },
    );
  } else {
    const accountIds = values.org ? (await getOrganization(cli.database.sql, { code: values.org })).accounts.map((a) => a.id) : [Number(values.account)];
    const request = await cli.ops.crawlPages(accountIds);
    for (const skip of request.skipped) print(`Account ${skip.accountId} skipped: ${skip.reason === 'removed' ? 'not in the registry' : 'its network is not crawled yet'}`);
    if (request.queued.length === 0) {
      print('Nothing to crawl.');
      process.exitCode = 1;
    } else {
      print(`Queued ${request.queued.length} page(s) under run ${request.runAt} (queue: ${cli.queue.kind})`);
      process.exitCode = await followCrawl(cli.ops, [{ runAt: request.runAt, accountIds: request.queued }], request.crawlerRunning, { print, timeoutMs });
    }
  }
} catch (error) {
  console.error(isAppError(error) ? `Crawl failed: ${error.userMessage}` : error);
  process.exitCode = 1;
} finally {
  await cli.close();
}
