import 'reflect-metadata';
import { runServiceMain } from '@oa/platform';
import { DirectoryModule } from './directory.module';
import { directoryService } from './directory.service-definition';

runServiceMain(directoryService, DirectoryModule);
