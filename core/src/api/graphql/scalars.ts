/** The custom scalars: `DateTime` (RFC 3339 with a zone) and `JSON` (any value). */
import { GraphQLError, GraphQLScalarType, Kind, type ValueNode } from 'graphql';

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d{1,9})?(?:Z|[+-]\d{2}:\d{2})$/i;

function parseDateTime(v: unknown): Date {
  if (typeof v !== 'string' || !RFC3339.test(v)) {
    throw new GraphQLError(
      `DateTime must be RFC 3339 with a zone, e.g. 2026-11-29T08:00:00Z; got ${JSON.stringify(v)}`,
      {
        extensions: { code: 'FH_API_VALIDATION' },
      },
    );
  }
  const d = new Date(v);
  if (Number.isNaN(d.getTime())) {
    throw new GraphQLError(`DateTime ${v} is not a real instant`, {
      extensions: { code: 'FH_API_VALIDATION' },
    });
  }
  return d;
}

export const DateTime = new GraphQLScalarType<Date, string>({
  name: 'DateTime',
  serialize(v) {
    const d = v instanceof Date ? v : new Date(v as string);
    if (Number.isNaN(d.getTime())) throw new GraphQLError(`cannot serialise ${String(v)} as DateTime`);
    return d.toISOString();
  },
  parseValue: parseDateTime,
  parseLiteral(ast) {
    if (ast.kind !== Kind.STRING) {
      throw new GraphQLError('DateTime must be a string', { extensions: { code: 'FH_API_VALIDATION' } });
    }
    return parseDateTime(ast.value);
  },
});

function literal(ast: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  switch (ast.kind) {
    case Kind.STRING:
    case Kind.BOOLEAN:
      return ast.value;
    case Kind.INT:
    case Kind.FLOAT:
      return Number(ast.value);
    case Kind.NULL:
      return null;
    case Kind.LIST:
      return ast.values.map((v) => literal(v, variables));
    case Kind.OBJECT:
      return Object.fromEntries(ast.fields.map((f) => [f.name.value, literal(f.value, variables)]));
    case Kind.VARIABLE:
      return variables?.[ast.name.value];
    case Kind.ENUM:
      return ast.value;
  }
}

export const JSONScalar = new GraphQLScalarType({
  name: 'JSON',
  serialize: (v) => v,
  parseValue: (v) => v,
  parseLiteral: (ast, variables) => literal(ast, variables),
});
