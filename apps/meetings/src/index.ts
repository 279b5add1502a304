// What end-to-end tests and tools start: the service's definition and its module.
export { MeetingsModule } from './meetings.module';
export { meetingsService } from './meetings.service-definition';
