import type { Sql } from '@most/db';
import type { Logger } from '../logger';
import { bindDemoAgencyToBusyOrganization, bindDemoAgencyToRichOrganization } from './demo-agency';
import { publishDemoEditionIfDue } from './demo-edition';

/**
 * Retries the demo's first edition every `everyMs` until one is published (by it or by a monitor).
 * Returns a stop function; the timer never keeps the process alive.
 */
export function startDemoEditionPublisher(sql: Sql, logger: Logger, options: { everyMs?: number; dataDir?: string } = {}): () => void {
  const everyMs = options.everyMs ?? 60_000;
  let timer: NodeJS.Timeout | undefined;
  let stopped = false;
  const attempt = async () => {
    let delay = everyMs;
    try {
      const busy = await bindDemoAgencyToBusyOrganization(sql, options.dataDir);
      if (busy) logger.info(busy, "demo agency user now belongs to an organization with citizens' questions (alerts)");
      const outcome = await publishDemoEditionIfDue(sql, { now: new Date() });
      if (outcome.status === 'published') {
        logger.info(outcome, 'demo ranking edition published');
        const agency = await bindDemoAgencyToRichOrganization(sql, outcome.period, options.dataDir);
        if (agency) logger.info(agency, 'demo agency user now belongs to an organization with scores to show');
      }
      if (outcome.status === 'published' || outcome.status === 'exists') return;
      logger.debug(outcome, 'demo ranking edition not yet due');
      // Scoring the quarter found too little: rescoring it every minute would only repeat the work.
      if (outcome.status === 'not_enough_data') delay = everyMs * 10;
    } catch (error) {
      if (stopped) return;
      logger.warn({ err: error }, 'demo ranking edition failed; will retry');
    }
    if (!stopped) timer = setTimeout(attempt, delay).unref();
  };
  timer = setTimeout(attempt, everyMs).unref();
  return () => {
    stopped = true;
    clearTimeout(timer);
  };
}
