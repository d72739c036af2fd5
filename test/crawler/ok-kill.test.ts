import { OK_KIT } from './network-kits';
import { describeKillRestart } from './scenarios';

describeKillRestart({
  kit: OK_KIT,
  budget: 12,
  handles: ['daily_ok_k1', 'weekly_ok_k2', 'irregular_ok_k3', 'daily_ok_k4', 'weekly_ok_k5'],
  world: { postsPerAccount: 4, commentsPerPost: 25 },
  killAfter: 50,
});
