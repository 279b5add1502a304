import { RequestMethod, type INestApplicationContext } from '@nestjs/common';
import { METHOD_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import { DiscoveryService, MetadataScanner, ModulesContainer, Reflector } from '@nestjs/core';
import { declarationProblems, type AccessDeclaration, type ConfidentialKind } from './access-policy';
import { BEFORE_DIRECTORY_KEY, CONFIDENTIAL_KEY, PUBLIC_KEY, ROLES_KEY } from './decorators';
import type { Role } from './roles';

/** One HTTP route with what it declares: the row of the access matrix. */
export interface RouteAccess extends AccessDeclaration {
  readonly method: string;
  /** Relative to the global prefix (`api/v1`), with `:param` placeholders. */
  readonly path: string;
  readonly controller: string;
  readonly handler: string;
}

// eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
type Target = Function;

/** The declaration a guard sees for a handler: the handler's own decorators win over its class's. */
export function accessDeclarationOf(reflector: Reflector, handler: Target, controller: Target): AccessDeclaration {
  const targets = [handler, controller];
  const roles = reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, targets);
  const confidential = reflector.getAllAndOverride<ConfidentialKind | undefined>(CONFIDENTIAL_KEY, targets);
  return {
    isPublic: reflector.getAllAndOverride<boolean | undefined>(PUBLIC_KEY, targets) === true,
    ...(roles && { roles }),
    ...(confidential && { confidential }),
    ...(reflector.getAllAndOverride<boolean | undefined>(BEFORE_DIRECTORY_KEY, targets) === true && { beforeDirectory: true }),
  };
}

const asList = (value: string | string[] | undefined): string[] => (Array.isArray(value) ? value : [value ?? '']);
const joinPath = (...parts: string[]) => `/${parts.map((part) => part.replace(/^\/+|\/+$/g, '')).filter(Boolean).join('/')}`;

/**
 * Every route of every controller in the application with its declaration, found through
 * Nest's own registry, so a controller added tomorrow is in the list without anyone adding it.
 */
export function listRoutes(app: INestApplicationContext): RouteAccess[] {
  const discovery = new DiscoveryService(app.get(ModulesContainer));
  const scanner = new MetadataScanner();
  const reflector = new Reflector();
  return discovery.getControllers().flatMap(({ metatype }) => {
    if (!metatype) return [];
    const controller = metatype as Target;
    const prototype = controller.prototype as Record<string, Target>;
    return scanner.getAllMethodNames(prototype).flatMap((name) => {
      const handler = prototype[name]!;
      const handlerPaths = Reflect.getMetadata(PATH_METADATA, handler) as string | string[] | undefined;
      if (handlerPaths === undefined) return [];
      const method = RequestMethod[Reflect.getMetadata(METHOD_METADATA, handler) as RequestMethod] ?? 'GET';
      const declaration = accessDeclarationOf(reflector, handler, controller);
      return asList(Reflect.getMetadata(PATH_METADATA, controller)).flatMap((base) =>
        asList(handlerPaths).map((path) => ({ method, path: joinPath(base, path), controller: controller.name, handler: name, ...declaration })),
      );
    });
  });
}

/** "GET /seals/:id (SealsController.get): 未声明 @Roles() 或 @Public()" for each route at fault. */
export function routeDeclarationProblems(routes: readonly RouteAccess[]): string[] {
  return routes.flatMap((route) =>
    declarationProblems(route).map((problem) => `${route.method} ${route.path} (${route.controller}.${route.handler}): ${problem}`),
  );
}
