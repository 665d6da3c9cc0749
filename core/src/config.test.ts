import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.js';

describe('loadConfig', () => {
  it('reads the MQTT city filter as a trimmed list and leaves it open when unset', () => {
    expect(loadConfig({ FENGHUO_MQTT_CITIES: ' demo, hz ,,' }).mqttCities).toEqual(['demo', 'hz']);
    expect(loadConfig({}).mqttCities).toBeUndefined();
  });

  it('refuses a port that is not a non-negative integer', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow('PORT must be a non-negative integer');
  });
});
