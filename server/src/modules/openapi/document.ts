import { z } from 'zod';
import { errorBodySchema } from '@app/shared';
import { listRoutes, type RouteSpec } from '../../lib/http/registry.js';

type JsonSchema = Record<string, unknown>;

const toSchema = (schema: z.ZodType, io: 'input' | 'output'): JsonSchema =>
  z.toJSONSchema(schema, { target: 'draft-2020-12', io, unrepresentable: 'any' }) as JsonSchema;

const openapiPath = (path: string) => `/api${path.replace(/:([A-Za-z]+)/g, '{$1}')}`;

function parameters(spec: RouteSpec) {
  const out: object[] = [];
  for (const [where, schema] of [
    ['path', spec.params],
    ['query', spec.query],
  ] as const) {
    if (!schema) continue;
    const json = toSchema(schema, 'input') as {
      properties?: Record<string, JsonSchema>;
      required?: string[];
    };
    for (const [name, prop] of Object.entries(json.properties ?? {})) {
      out.push({
        name,
        in: where,
        required: where === 'path' || (json.required ?? []).includes(name),
        schema: prop,
      });
    }
  }
  return out;
}

function operation(spec: RouteSpec) {
  const status = String(spec.status ?? (spec.response ? 200 : 204));
  const errorResponse = {
    description: 'Error',
    content: { 'application/json': { schema: toSchema(errorBodySchema, 'output') } },
  };
  return {
    summary: spec.summary,
    tags: [spec.tag],
    'x-access': spec.access,
    parameters: parameters(spec),
    ...(spec.body
      ? {
          requestBody: {
            required: true,
            content: { 'application/json': { schema: toSchema(spec.body, 'input') } },
          },
        }
      : {}),
    ...(spec.upload
      ? {
          requestBody: {
            required: true,
            content: {
              'multipart/form-data': {
                schema: {
                  type: 'object',
                  properties: { [spec.upload.field]: { type: 'string', format: 'binary' } },
                },
              },
            },
          },
        }
      : {}),
    responses: {
      [status]: spec.response
        ? {
            description: 'OK',
            content: { 'application/json': { schema: toSchema(spec.response, 'output') } },
          }
        : { description: 'No content' },
      default: errorResponse,
    },
  };
}

/** The OpenAPI 3.1 document of every mounted route, generated from the routes' zod schemas. */
export function buildOpenApiDocument(version: string) {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const spec of listRoutes()) {
    const path = openapiPath(spec.path);
    paths[path] = { ...(paths[path] ?? {}), [spec.method]: operation(spec) };
  }
  return {
    openapi: '3.1.0',
    info: { title: 'ResourceLink 资源链 API', version },
    servers: [{ url: '/' }],
    paths,
  };
}
