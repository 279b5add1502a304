import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Inject, Injectable, Logger, type OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyAdapter } from '@nestjs/platform-fastify';
import { REPOSITORY_ROOT } from '@oa/platform';

/** Where `vite build` puts the auditor console (apps/console): dist/console of the repository or the install. */
export const CONSOLE_DIRECTORY = join(REPOSITORY_ROOT, 'dist', 'console');

/**
 * 审计核查台 at /console: the built page and its assets, outside /api/v1 and outside the
 * route guards, since they hold no data — the page asks for the auditor's token, and every
 * API call it makes carries it and is checked like any other. Mounted when the module
 * initializes: after the routes, before Nest's not-found handler.
 */
@Injectable()
export class ConsoleStaticFiles implements OnModuleInit {
  constructor(@Inject(HttpAdapterHost) private readonly adapterHost: HttpAdapterHost) {}

  onModuleInit(): void {
    if (!existsSync(join(CONSOLE_DIRECTORY, 'index.html'))) {
      new Logger('audit').warn(`审计核查台未构建，/console 不可用（先运行 npm run build）: ${CONSOLE_DIRECTORY}`);
      return;
    }
    // /console answers with a redirect to /console/, the base the page's assets are built for
    void (this.adapterHost.httpAdapter as FastifyAdapter).useStaticAssets({ root: CONSOLE_DIRECTORY, prefix: '/console', index: 'index.html', redirect: true });
  }
}
