import 'reflect-metadata';
import { runServiceMain } from '@oa/platform';
import { MeetingsModule } from './meetings.module';
import { meetingsService } from './meetings.service-definition';

runServiceMain(meetingsService, MeetingsModule);
