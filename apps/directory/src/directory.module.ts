import { Module } from '@nestjs/common';
import { DirectoryController } from './api/directory.controller';
import { PeopleController } from './api/people.controller';
import { UnitsController } from './api/units.controller';
import { PersonAuthorityQueryHandler, PersonListQueryHandler, UnitListQueryHandler } from './application/directory.query-handlers';
import { DirectoryReadStore } from './infrastructure/read-models/directory-read-store';

/** The directory service's own controllers, queries and read models (the platform brings the command path and the rest). */
@Module({
  controllers: [DirectoryController, UnitsController, PeopleController],
  providers: [
    // application
    UnitListQueryHandler,
    PersonListQueryHandler,
    PersonAuthorityQueryHandler,
    // infrastructure
    DirectoryReadStore,
  ],
})
export class DirectoryModule {}
