import { startVkSimulator } from './server';

/** Runs the simulator for manual use: PORT (default 8090), SIM_SEED, SIM_RPS (requests/second per token, "off" to disable). */
const rps = process.env.SIM_RPS;
const simulator = await startVkSimulator({
  port: Number(process.env.PORT ?? 8090),
  host: process.env.HOST ?? '127.0.0.1',
  seed: process.env.SIM_SEED ?? 'most',
  realTime: true,
  requestsPerSecond: rps === 'off' ? null : rps ? Number(rps) : undefined,
});
console.log(`VK API simulator listening on ${simulator.url} (try ${simulator.url}/method/groups.getById?group_ids=minobr64&fields=description,members_count&v=5.199&access_token=demo)`);
const stop = (): void => {
  void simulator.close().then(() => process.exit(0));
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
