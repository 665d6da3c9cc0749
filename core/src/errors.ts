/**
 * Core's error registry: every error core returns across a package boundary (HTTP, GraphQL, job
 * records) has a stable code `FH_<AREA>_<PROBLEM>`, an HTTP status and a message template with `{name}`
 * placeholders. The codes are the keys of the object literal below (without the `FH_` prefix); add a
 * line there and a row to `docs/reference/errors.md` (errors.test.ts keeps the two in step).
 *
 * @example
 * throw coreErrors.ALARM_NOT_FOUND({ alarm: '42', city: 'demo' });
 * // CoreError { code: 'FH_ALARM_NOT_FOUND', status: 404, message: 'no alarm 42 in city demo' }
 */
import { defineErrors, FenghuoError } from '@fenghuo/sdk';

/** A coded error raised by core; `code`, `status` and `details` come from {@link FenghuoError}. */
export class CoreError extends FenghuoError {
  constructor(code: string, status: number, message: string, details?: unknown) {
    super(code, status, message, details);
    this.name = 'CoreError';
  }
}

export const coreErrors = defineErrors(
  '',
  {
    // auth
    AUTH_UNAUTHENTICATED: { status: 401, message: 'a valid API token is required (Authorization: Bearer …)' },
    AUTH_FORBIDDEN: { status: 403, message: 'this token may not {action}' },
    // ingest
    INGEST_NO_DECODER: {
      status: 422,
      message: 'sensor {sensor} sends readings, not raw payloads: the inventory names no decoder for it',
    },
    INGEST_DECODER_NOT_LOADED: {
      status: 503,
      message: 'the decoder {decoder} of sensor {sensor} is not loaded',
    },
    INGEST_DECODE_FAILED: {
      status: 422,
      message: 'the payload of sensor {sensor} could not be decoded: {reason}',
    },
    INGEST_MALFORMED_JSON: { status: 400, message: 'the body is not valid JSON: {reason}' },
    INGEST_BODY_INVALID: { status: 400, message: 'the body is not a reading or a batch: {reason}' },
    INGEST_BATCH_TOO_LARGE: { status: 413, message: 'a batch may hold at most {max} readings, got {count}' },
    INGEST_NOTHING_ACCEPTED: { status: 422, message: 'none of the {count} reading(s) was accepted' },
    // ingest, per reading (listed in a response's `rejected`, beside the readings that were stored)
    INGEST_READING_INVALID: { status: 422, message: 'reading {index} is not valid: {reason}' },
    INGEST_UNKNOWN_SENSOR: { status: 422, message: 'no sensor {sensor} in city {city}' },
    INGEST_UNKNOWN_METRIC: { status: 422, message: 'sensor {sensor} has no metric {metric}' },
    INGEST_VALUE_TYPE: { status: 422, message: '{metric} must be a finite number, got {got}' },
    INGEST_VALUE_OUT_OF_RANGE: {
      status: 422,
      message: '{metric} {value} is outside its range [{min}, {max}]',
    },
    INGEST_TS_MISSING: { status: 422, message: '"ts" is required (RFC 3339, e.g. 2026-11-29T08:00:00Z)' },
    INGEST_TS_INVALID: { status: 422, message: '"ts" must be an RFC 3339 date-time with a zone, got {got}' },
    INGEST_TS_FUTURE: { status: 422, message: '"ts" {ts} is more than {seconds} s in the future' },
    INGEST_TS_TOO_OLD: { status: 422, message: '"ts" {ts} is older than the {days} days accepted' },
    // alarms
    ALARM_NOT_FOUND: { status: 404, message: 'no alarm {alarm} in city {city}' },
    ALARM_TRANSITION_FORBIDDEN: {
      status: 409,
      message: 'alarm {alarm} is {status}; it cannot be {action} (allowed from: {allowed})',
    },
    ALARM_NOT_CLEARED: {
      status: 409,
      message: 'alarm {alarm} is still {status}: close it once it has cleared, or force the close',
    },
    // warnings
    WARNING_NOT_FOUND: { status: 404, message: 'no warning {warning} in city {city}' },
    WARNING_ALREADY_LIFTED: { status: 409, message: 'warning {warning} is already lifted' },
    // analysis
    ANALYSIS_PLUGIN_MISSING: {
      status: 422,
      message: 'alarm {alarm} is of risk type {riskType}, for which no plugin is loaded',
    },
    ANALYSIS_TIMEOUT: {
      status: 504,
      message: 'analysis of alarm {alarm} by {riskType} took longer than {ms} ms',
    },
    ANALYSIS_FAILED: { status: 500, message: 'analysis of alarm {alarm} by {riskType} threw: {reason}' },
    ANALYSIS_RESULT_INVALID: {
      status: 422,
      message: 'analysis of alarm {alarm} by {riskType} returned an invalid result: {reason}',
    },
    ANALYSIS_SENSOR_UNKNOWN: {
      status: 404,
      message: 'analysis asked for sensor {sensor}, which is not in city {city}',
    },
    // dispatch
    DISPATCH_WEBHOOK_FAILED: {
      status: 502,
      message: 'webhook delivery {delivery} to unit {unit} failed (attempt {attempt} of {max}): {reason}',
    },
    // jobs
    JOBS_HANDLER_MISSING: { status: 500, message: 'no handler is registered for job "{name}"' },
    // plugins
    PLUGIN_DUPLICATE: {
      status: 409,
      message: 'two plugins declare the id {id}: {first} and {second}',
    },
    PLUGIN_LOAD_FAILED: { status: 500, message: 'cannot load the plugin in {dir}: {reason}' },
    // plugin registry
    PLUGIN_UPLOAD_INVALID: { status: 400, message: 'the plugin upload is not usable: {reason}' },
    PLUGIN_VERSION_EXISTS: {
      status: 409,
      message:
        'plugin {id}@{version} is already installed with other code (SHA-256 {existing}); versions never change: publish a new version',
    },
    PLUGIN_MANIFEST_MISMATCH: {
      status: 422,
      message: 'the manifest of {key} does not describe its bundle: {reason}',
    },
    PLUGIN_NOT_FOUND: { status: 404, message: 'no plugin {id} is installed' },
    PLUGIN_VERSION_NOT_FOUND: {
      status: 404,
      message: 'plugin {id} has no version {version} (installed: {known})',
    },
    PLUGIN_DISABLED: { status: 409, message: 'plugin {id} is disabled for city {city}' },
    PLUGIN_QUARANTINED: {
      status: 423,
      message:
        'plugin {id}@{version} is quarantined for city {city} since {at} after {failures} failures ({code}); an administrator must release it',
    },
    PLUGIN_NO_ROLLBACK: {
      status: 409,
      message: 'plugin {id} has no earlier version to roll back to for city {city} (serving {version})',
    },
    PLUGIN_CONFIG_INVALID: {
      status: 422,
      message: 'the config for plugin {id} is not valid ({count} problem(s)):\n{list}',
    },
    PLUGIN_PUBLISHER_MISMATCH: {
      status: 403,
      message:
        'plugin {id} belongs to the publisher key {owner} ({ownerName}); version {version} is signed by {keyId} ({name})',
    },
    PLUGIN_KEY_INVALID: { status: 400, message: 'cannot trust the publisher key: {reason}' },
    PLUGIN_KEY_NOT_FOUND: { status: 404, message: 'no trusted publisher key {keyId}' },
    // catalog (inventory loader)
    CATALOG_UNREADABLE: { status: 400, message: 'cannot read the inventory {source}: {reason}' },
    CATALOG_INVALID: { status: 400, message: 'the inventory {source} has {count} problem(s):\n{list}' },
    CATALOG_IN_USE: { status: 409, message: 'cannot remove sensors that have alarms: {sensors}' },
    // api (HTTP and GraphQL)
    API_VALIDATION: { status: 400, message: 'the request is not valid: {reason}' },
    API_NOT_FOUND: { status: 404, message: 'no {what} "{id}" in this city' },
    API_BAD_CURSOR: { status: 400, message: 'the cursor "{cursor}" was not made by this list' },
    API_BAD_REQUEST: { status: 400, message: 'bad request: {reason}' },
    API_BODY_TOO_LARGE: { status: 413, message: 'the request body is larger than the limit: {reason}' },
    API_UNSUPPORTED_MEDIA_TYPE: {
      status: 415,
      message:
        'the content type is not accepted (JSON; raw payloads also take application/octet-stream or text/plain; inventories YAML): {reason}',
    },
    API_ROUTE_NOT_FOUND: { status: 404, message: 'no route {method} {url}' },
    API_INTERNAL: {
      status: 500,
      message: 'internal error; the server log has the details (request {requestId})',
    },
  },
  CoreError,
);

/** Every core code, e.g. `FH_ALARM_NOT_FOUND`. */
export type CoreErrorCode = (typeof coreErrors)[keyof typeof coreErrors]['code'];

/** `true` for a coded Fenghuo error (core's or the SDK's). */
export function isCoded(err: unknown): err is FenghuoError {
  return err instanceof FenghuoError;
}
