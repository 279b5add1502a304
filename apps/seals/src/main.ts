import 'reflect-metadata';
import { runServiceMain } from '@oa/platform';
import { SealsModule } from './seals.module';
import { sealsService } from './seals.service-definition';

runServiceMain(sealsService, SealsModule);
