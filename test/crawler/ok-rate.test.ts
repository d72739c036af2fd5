import { OK_KIT } from './network-kits';
import { describeRateUnderFaults } from './scenarios';

describeRateUnderFaults({
  kit: OK_KIT,
  budget: 8,
  handles: ['daily_or1', 'weekly_or2', 'irregular_or3', 'daily_or4', 'weekly_or5', 'daily_or6'],
  world: { postsPerAccount: 4, commentsPerPost: 8 },
});
