import { TELEGRAM_KIT } from './network-kits';
import { describeRateUnderFaults } from './scenarios';

describeRateUnderFaults({
  kit: TELEGRAM_KIT,
  budget: 3,
  handles: ['daily_tr1', 'weekly_tr2', 'irregular_tr3', 'daily_tr4', 'weekly_tr5', 'daily_tr6'],
  world: { postsPerAccount: 50, commentsPerPost: 0 },
});
