/**
 * One alerts sweep in a process of its own, for the crash test (`kill -9` mid-send) and for operators
 * (`tsx apps/worker/src/alerts/sweep-once.ts`). Reads DATABASE_URL, SMTP_URL, PUBLIC_URL and, for
 * tests, ALERTS_NOW (an ISO instant).
 */
import { createSql } from '@most/db';
import { loadConfigOrExit } from '@most/shared';
import { createBulletinMailer } from '../processors/bulletin-mailer';
import { alertOptionsFromConfig } from './options';
import { runAlertsSweep, telegramBotOf } from './sweep';

const config = loadConfigOrExit();
const url = config.DATABASE_URL;
if (!url) {
  process.stderr.write('DATABASE_URL is required\n');
  process.exit(2);
}
const sql = createSql(url, { max: 2, applicationName: 'most-alerts-once' });
const options = alertOptionsFromConfig(config);
const mailer = createBulletinMailer(options);
const now = process.env.ALERTS_NOW ? new Date(process.env.ALERTS_NOW) : new Date();
const result = await runAlertsSweep(sql, { mailer, telegram: telegramBotOf(options) }, options, now);
process.stdout.write(`${JSON.stringify(result)}\n`);
mailer.close();
await sql.end({ timeout: 5 });
