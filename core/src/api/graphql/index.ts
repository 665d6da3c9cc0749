/**
 * GraphQL at `/graphql` (mercurius): queries, mutations, and subscriptions over websocket at the same
 * path. HTTP callers authenticate with `Authorization: Bearer <token>`; websocket callers send
 * `{ authorization: 'Bearer <token>' }` as the `connection_init` payload. Every field answers for the
 * caller's city only.
 */
import { FenghuoError } from '@fenghuo/sdk';
import type { FastifyInstance } from 'fastify';
import type { ExecutionResult, GraphQLError } from 'graphql';
import mercurius, { type IResolvers, type MercuriusContext, type PubSub } from 'mercurius';
import { authenticate, type Principal } from '../../auth/tokens.js';
import type { Core } from '../../core.js';
import type { AlarmEventPayload, WarningEventPayload } from '../../events.js';
import { type GqlContext, loaders, need } from './context.js';
import { mutationResolvers } from './mutations.js';
import { pluginMutationResolvers, pluginQueryResolvers } from './plugins.js';
import { queryResolvers, typeResolvers } from './resolvers.js';
import { DateTime, JSONScalar } from './scalars.js';
import { typeDefs } from './schema.js';

type SubscriptionContext = GqlContext & { pubsub: PubSub };

const topics = {
  raised: (city: string) => `alarm-raised:${city}`,
  changed: (city: string) => `alarm-changed:${city}`,
  warning: (city: string) => `warning:${city}`,
};

function subscriptionResolvers(core: Core) {
  const subscribe =
    (topic: (city: string) => string) => (_: unknown, __: unknown, ctx: SubscriptionContext) => {
      let p: Principal;
      try {
        p = need(ctx, 'read', 'subscribe to this city');
      } catch (e) {
        // mercurius sends a failed subscribe without the error formatter; graphql copies `extensions` of
        // the thrown error into the error it reports, so the code travels that way.
        if (e instanceof FenghuoError) Object.assign(e, { extensions: { code: e.code } });
        throw e;
      }
      return ctx.pubsub.subscribe(topic(p.city));
    };
  return {
    alarmRaised: {
      subscribe: subscribe(topics.raised),
      resolve: (e: { alarmId: string }, _: unknown, ctx: GqlContext) =>
        loaders(core, ctx).alarm.load(e.alarmId),
    },
    alarmChanged: {
      subscribe: subscribe(topics.changed),
      resolve: (e: { alarmId: string }, _: unknown, ctx: GqlContext) =>
        loaders(core, ctx).alarm.load(e.alarmId),
    },
    warningIssued: {
      subscribe: subscribe(topics.warning),
      resolve: (e: { warningId: string }, _: unknown, ctx: GqlContext) =>
        loaders(core, ctx).warning.load(e.warningId),
    },
  };
}

/** The bearer header a websocket client put in its `connection_init` payload. */
function initAuthorization(payload: unknown): string | undefined {
  if (!payload || typeof payload !== 'object') return undefined;
  const p = payload as Record<string, unknown>;
  const headers = (p['headers'] && typeof p['headers'] === 'object' ? p['headers'] : p) as Record<
    string,
    unknown
  >;
  const v = headers['authorization'] ?? headers['Authorization'];
  return typeof v === 'string' ? v : undefined;
}

/** A GraphQL error as mercurius hands it over: possibly from graphql's CommonJS build, so duck-typed. */
interface GqlErrorLike {
  message: string;
  locations?: readonly { line: number; column: number }[];
  path?: readonly (string | number)[];
  extensions?: Record<string, unknown>;
  originalError?: (Error & { errors?: unknown; code?: unknown }) | null;
}

interface FormattedError {
  message: string;
  locations?: { line: number; column: number }[];
  path?: (string | number)[];
  extensions: Record<string, unknown>;
}

/**
 * Our errors keep their code and details; GraphQL's own (syntax, validation, variable coercion) get
 * FH_API_VALIDATION; anything else is logged and hidden behind FH_API_INTERNAL.
 */
export function formatGraphqlError(core: Core, e: GqlErrorLike): FormattedError[] {
  const orig = e.originalError ?? undefined;
  if (orig && Array.isArray(orig.errors)) {
    return orig.errors.flatMap((inner: unknown) =>
      inner && typeof inner === 'object' && 'message' in inner
        ? formatGraphqlError(core, inner as GqlErrorLike)
        : [{ message: String(inner), extensions: { code: 'FH_API_VALIDATION' } }],
    );
  }
  const where = {
    ...(e.locations ? { locations: [...e.locations] } : {}),
    ...(e.path ? { path: [...e.path] } : {}),
  };
  if (orig instanceof FenghuoError) {
    return [
      {
        message: orig.message,
        ...where,
        extensions: { code: orig.code, ...(orig.details === undefined ? {} : { details: orig.details }) },
      },
    ];
  }
  // No original error, or one raised by graphql itself (a scalar's parse, a validation rule).
  if (!orig || orig.name === 'GraphQLError') {
    const code = typeof e.extensions?.['code'] === 'string' ? e.extensions['code'] : 'FH_API_VALIDATION';
    return [{ message: e.message, ...where, extensions: { code } }];
  }
  // mercurius' own refusals (a mutation over GET, a batch when batching is off …).
  if (typeof orig.code === 'string' && orig.code.startsWith('MER_ERR')) {
    return [{ message: orig.message, ...where, extensions: { code: 'FH_API_BAD_REQUEST' } }];
  }
  core.log.error({ err: orig, path: e.path }, 'graphql resolver failed');
  return [
    {
      message: 'internal error; the server log has the details',
      ...where,
      extensions: { code: 'FH_API_INTERNAL' },
    },
  ];
}

export async function registerGraphql(app: FastifyInstance, core: Core): Promise<void> {
  const resolvers = {
    DateTime: {
      serialize: DateTime.serialize,
      parseValue: DateTime.parseValue,
      parseLiteral: DateTime.parseLiteral,
    },
    JSON: {
      serialize: JSONScalar.serialize,
      parseValue: JSONScalar.parseValue,
      parseLiteral: JSONScalar.parseLiteral,
    },
    Query: { ...queryResolvers(core), ...pluginQueryResolvers(core) },
    Mutation: { ...mutationResolvers(core), ...pluginMutationResolvers(core) },
    Subscription: subscriptionResolvers(core),
    ...typeResolvers(core),
  };

  await app.register(mercurius, {
    schema: typeDefs,
    resolvers: resolvers as unknown as IResolvers,
    path: '/graphql',
    graphiql: true,
    queryDepth: 12,
    context: async (req): Promise<GqlContext> => ({
      principal: await authenticate(core.db, req.headers.authorization),
    }),
    subscription: {
      onConnect: async (data: { payload: unknown }): Promise<{ principal: Principal | null }> => ({
        principal: await authenticate(core.db, initAuthorization(data.payload)),
      }),
      keepAlive: 30_000,
    },
    errorFormatter: (
      execution: ExecutionResult & { errors: readonly GraphQLError[] },
      _ctx: MercuriusContext,
    ) => {
      const errors = execution.errors.flatMap((e) => formatGraphqlError(core, e as GqlErrorLike));
      return {
        statusCode: execution.data ? 200 : ((execution as { statusCode?: number }).statusCode ?? 200),
        response: { data: execution.data ?? null, errors },
      };
    },
  });

  // The bus carries what is already stored; subscribers of a city get its events and no other city's.
  const onAlarm = (e: AlarmEventPayload) => {
    const payload = { alarmId: e.id };
    app.graphql.pubsub.publish({ topic: topics.changed(e.city), payload });
    if (e.previousLevel === null && e.status === 'raised')
      app.graphql.pubsub.publish({ topic: topics.raised(e.city), payload });
  };
  const onWarning = (e: WarningEventPayload) => {
    app.graphql.pubsub.publish({ topic: topics.warning(e.city), payload: { warningId: e.id } });
  };
  core.bus.on('alarm', onAlarm);
  core.bus.on('warning', onWarning);
  app.addHook('onClose', async () => {
    core.bus.off('alarm', onAlarm);
    core.bus.off('warning', onWarning);
  });
}
