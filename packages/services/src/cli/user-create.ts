import { createInterface } from 'node:readline/promises';
import { parseArgs } from 'node:util';
import { isAppError } from '@most/shared';
import { createUser } from '../users/create-user';
import { openForCli } from './connect';

const { values } = parseArgs({
  options: { email: { type: 'string' }, role: { type: 'string' }, org: { type: 'string' }, name: { type: 'string' } },
});
if (!values.email || !values.role) {
  console.error('Usage: npm run user:create -- --email a@b.ru --role admin|monitor|agency|instructor|trainee [--org <organization code>] [--name "Имя"]');
  console.error('The password is read from USER_PASSWORD or asked for interactively.');
  process.exit(64);
}

async function readPassword(): Promise<string> {
  if (process.env.USER_PASSWORD) return process.env.USER_PASSWORD;
  if (!process.stdin.isTTY) throw new Error('Set USER_PASSWORD when not running in a terminal');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const password = await rl.question('Password (at least 10 characters): ');
  rl.close();
  return password;
}

const password = await readPassword();
const database = await openForCli();
try {
  const user = await createUser(database.sql, { email: values.email, role: values.role as never, password, organizationCode: values.org, displayName: values.name }, { label: 'cli:user:create' });
  console.log(`Created ${user.role} ${user.email} (id ${user.id})`);
} catch (error) {
  console.error(isAppError(error) ? error.userMessage : error);
  process.exitCode = 1;
} finally {
  await database.close();
}
