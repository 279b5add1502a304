import { SetMetadata, applyDecorators } from '@nestjs/common';
import { ApiBearerAuth } from '@nestjs/swagger';
import type { ConfidentialKind } from './access-policy';
import type { Role } from './roles';

export const PUBLIC_KEY = 'oa:auth:public';
export const ROLES_KEY = 'oa:auth:roles';
export const CONFIDENTIAL_KEY = 'oa:auth:confidential';
export const BEFORE_DIRECTORY_KEY = 'oa:auth:before-directory';

/** Open without a token: health checks and the metrics scrape only. Every other route declares @Roles. */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The roles admitted to a route (any one of them), on the handler or its controller. */
export const Roles = (...roles: [Role, ...Role[]]) => applyDecorators(SetMetadata(ROLES_KEY, roles), ApiBearerAuth());

/** COMMON-2: the route reaches something some roles may never see, whatever else they hold. */
export const Confidential = (kind: ConfidentialKind) => SetMetadata(CONFIDENTIAL_KEY, kind);

/** Served while DIRECTORY_REQUIRED holds the rest back: the directory's own bootstrap, which puts it in force (DIR-4). */
export const BeforeDirectory = () => SetMetadata(BEFORE_DIRECTORY_KEY, true);
