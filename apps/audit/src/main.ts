import 'reflect-metadata';
import { runServiceMain } from '@oa/platform';
import { AuditModule } from './audit.module';
import { auditService } from './audit.service-definition';

runServiceMain(auditService, AuditModule);
