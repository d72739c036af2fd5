import { VK_KIT } from './network-kits';
import { describeRateUnderFaults } from './scenarios';

describeRateUnderFaults({
  kit: VK_KIT,
  budget: 10,
  handles: ['daily_r1', 'weekly_r2', 'irregular_r3', 'daily_r4', 'weekly_r5', 'daily_r6', 'irregular_r7', 'weekly_r8'],
  world: { postsPerAccount: 3, commentsPerPost: 8 },
  // Error 9 (flood control on one method) once, on top of the random faults.
  scripted: { kind: 'error9', method: 'wall.getComments', counted: '9' },
});
