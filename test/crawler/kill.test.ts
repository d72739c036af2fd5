import { VK_KIT } from './network-kits';
import { describeKillRestart } from './scenarios';

describeKillRestart({
  kit: VK_KIT,
  budget: 15,
  handles: ['daily_k1', 'weekly_k2', 'irregular_k3', 'daily_k4', 'weekly_k5', 'daily_k6'],
  world: { postsPerAccount: 4, commentsPerPost: 30 },
  killAfter: 60,
});
