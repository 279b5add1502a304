import type { INestApplication } from '@nestjs/common';
import { DocumentBuilder, SwaggerModule, type OpenAPIObject } from '@nestjs/swagger';
import type { ServiceDefinition } from './runtime';

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;

const problem = (description: string) => ({
  description,
  content: { 'application/problem+json': { schema: { $ref: '#/components/schemas/Problem' } } },
});

/**
 * The service's OpenAPI document, with what every operation shares made explicit: the bearer
 * token (public routes say `security: []`), and the problem+json answers of DOMAIN.md's API
 * shape — 400 with per-field errors, 401, 403 naming the role, 404, 409 on a version conflict.
 */
export function buildOpenApiDocument(app: INestApplication, definition: ServiceDefinition): OpenAPIObject {
  const config = new DocumentBuilder()
    .setTitle(definition.title)
    .setDescription('办公室后台核心服务接口。所有命令为 POST /api/v1/<资源>/{id}/<动作>；读取为 GET。错误均为 application/problem+json。')
    .setVersion('1')
    .setLicense('专有软件 (proprietary)', 'https://example.invalid/license')
    .addServer('/')
    .addBearerAuth()
    .build();
  const document = SwaggerModule.createDocument(app, config);
  document.components = {
    ...document.components,
    schemas: {
      ...document.components?.schemas,
      Problem: {
        type: 'object',
        required: ['code', 'title'],
        properties: {
          code: { type: 'string', description: '稳定的英文错误码，如 SEAL-3、COMMON.VERSION_CONFLICT' },
          title: { type: 'string', description: '中文标题' },
          detail: { type: 'string', description: '中文说明' },
          errors: {
            type: 'array',
            description: '400 时逐字段的错误',
            items: { type: 'object', properties: { field: { type: 'string' }, reasons: { type: 'array', items: { type: 'string' } } } },
          },
        },
      },
    },
  };
  for (const path of Object.values(document.paths)) {
    for (const method of METHODS) {
      const operation = path[method];
      if (!operation) continue;
      const secured = (operation.security?.length ?? 0) > 0;
      if (!secured) operation.security = [];
      operation.responses = {
        ...operation.responses,
        ...(secured && {
          '400': problem('请求不合法（逐字段说明）'),
          '401': problem('未认证：令牌缺失、过期或伪造'),
          '403': problem('无权操作：缺少的角色或违反的规则'),
          '404': problem('未找到（或无权知悉）'),
        }),
        ...(secured && method === 'post' && { '409': problem('版本冲突或状态不允许') }),
        '429': problem('请求过于频繁'),
        ...(!secured && { '503': problem('依赖不可用') }),
      };
    }
  }
  // a service whose routes are all public declares no token scheme it never asks for
  const anySecured = Object.values(document.paths).some((path) => METHODS.some((method) => (path[method]?.security?.length ?? 0) > 0));
  if (!anySecured) delete document.components.securitySchemes;
  return document;
}
