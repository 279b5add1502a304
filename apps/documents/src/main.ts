import 'reflect-metadata';
import { runServiceMain } from '@oa/platform';
import { DocumentsModule } from './documents.module';
import { documentsService } from './documents.service-definition';

runServiceMain(documentsService, DocumentsModule);
