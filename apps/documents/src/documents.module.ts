import { Module } from '@nestjs/common';

/** The documents service's own controllers, handlers and read models (the platform brings the rest). */
@Module({})
export class DocumentsModule {}
