import 'reflect-metadata';
import { runServiceMain } from '@oa/platform';
import { AffairsModule } from './affairs.module';
import { affairsService } from './affairs.service-definition';

runServiceMain(affairsService, AffairsModule);
