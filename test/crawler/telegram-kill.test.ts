import { TELEGRAM_KIT } from './network-kits';
import { describeKillRestart } from './scenarios';

// 100 posts a channel are five preview pages: the kill falls between pages of one channel's history.
describeKillRestart({
  kit: TELEGRAM_KIT,
  budget: 4,
  handles: ['daily_tg_k1', 'weekly_tg_k2', 'irregular_tg_k3', 'daily_tg_k4', 'weekly_tg_k5', 'daily_tg_k6'],
  world: { postsPerAccount: 100, commentsPerPost: 0 },
  killAfter: 60,
});
