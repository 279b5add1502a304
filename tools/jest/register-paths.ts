import { join } from 'node:path';
import { register } from 'tsconfig-paths';
import { compilerOptions } from '../../tsconfig.base.json';

// Jest's global setup and teardown run outside its module map: resolve @oa/* aliases for them.
register({ baseUrl: join(__dirname, '..', '..'), paths: compilerOptions.paths });
