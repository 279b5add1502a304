import 'reflect-metadata';
import { runServiceMain } from '@oa/platform';
import { ArchivesModule } from './archives.module';
import { archivesService } from './archives.service-definition';

runServiceMain(archivesService, ArchivesModule);
