/**
 * Raw vendor payloads: a sensor whose inventory row names a `decoder` (a sensor plugin) may send its
 * device's own bytes or JSON to `POST /api/v1/raw/<sensor>` or MQTT `fenghuo/<city>/raw/<sensor>`. The
 * plugin's `decode` runs in the sandbox and its readings then take the normal ingest path.
 */
import { FenghuoError } from '@fenghuo/sdk';
import type { Core } from '../core.js';
import { coreErrors } from '../errors.js';
import { assertRuns } from '../registry/gate.js';

/**
 * Decode one raw payload into reading items `{ sensor, ts, values }` for `validateReadings`. A reading
 * without its own `ts` gets the time the payload was received.
 *
 * @throws FH_INGEST_UNKNOWN_SENSOR, FH_INGEST_NO_DECODER, FH_INGEST_DECODER_NOT_LOADED, FH_PLUGIN_DISABLED,
 *   FH_PLUGIN_QUARANTINED, FH_INGEST_DECODE_FAILED
 */
export async function decodeRaw(
  core: Core,
  city: string,
  sensorId: string,
  payload: Uint8Array | unknown,
  receivedAt: string,
): Promise<{ sensor: string; ts: string; values: Record<string, number> }[]> {
  const sensor = core.sensors.get(city, sensorId);
  if (!sensor) throw coreErrors.INGEST_UNKNOWN_SENSOR({ sensor: sensorId, city });
  if (!sensor.decoder) throw coreErrors.INGEST_NO_DECODER({ sensor: sensorId });
  const plugin = core.plugins.sensor(sensor.decoder, city);
  if (!plugin) throw coreErrors.INGEST_DECODER_NOT_LOADED({ sensor: sensorId, decoder: sensor.decoder });
  assertRuns(core, sensor.decoder, city);
  try {
    const readings = await core.sandbox.decode(plugin.sandboxKey, payload, {
      city,
      sensor: sensorId,
      receivedAt,
    });
    return readings.map((r) => ({ sensor: sensorId, ts: r.ts ?? receivedAt, values: r.values }));
  } catch (err) {
    const code = err instanceof FenghuoError ? err.code : 'FH_SANDBOX_THREW';
    throw coreErrors.INGEST_DECODE_FAILED(
      { sensor: sensorId, reason: err instanceof Error ? err.message : String(err) },
      { cause: code, decoder: plugin.sandboxKey },
    );
  }
}
