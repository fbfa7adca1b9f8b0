/** The OpenAPI 3.1 document, generated from the contract's zod schemas (never written by hand). */
import { z } from 'zod';
import { contract, METHOD_NAMES } from './contract.js';
import { ApiErrorSchema, ERROR_STATUS } from './errors.js';

export const buildOpenApi = (version: string): Record<string, unknown> => {
  const errorSchema = z.toJSONSchema(ApiErrorSchema, { io: 'output', unrepresentable: 'any' });
  const errorResponses = Object.fromEntries(
    [...new Set(Object.values(ERROR_STATUS))].map((status) => [
      String(status),
      { description: 'Error', content: { 'application/json': { schema: { $ref: '#/components/schemas/ApiError' } } } },
    ]),
  );
  const paths: Record<string, unknown> = {};
  for (const name of METHOD_NAMES) {
    const spec = contract[name];
    paths[`/api/${name}`] = {
      post: {
        operationId: name,
        summary: spec.summary,
        tags: [name.split('.')[0]],
        'x-roles': spec.roles,
        'x-writes': spec.writes,
        requestBody: {
          required: true,
          content: {
            'application/json': { schema: z.toJSONSchema(spec.input, { io: 'input', unrepresentable: 'any' }) },
          },
        },
        responses: {
          '200': {
            description: 'OK',
            content: {
              'application/json': { schema: z.toJSONSchema(spec.output, { io: 'output', unrepresentable: 'any' }) },
            },
          },
          ...errorResponses,
        },
      },
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: '车档 Chedang core API',
      version,
      description:
        'Every method is POST /api/<method> with a JSON body. Money in integer fen, hours in tenths, quantities in hundredths.',
    },
    paths,
    components: { schemas: { ApiError: errorSchema } },
  };
};
