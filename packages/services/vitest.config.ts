import { baseTestConfig } from '@most/vitest-config';

export default baseTestConfig;
