-- A sensor that sends its vendor's raw payloads names the sensor plugin that decodes them.
ALTER TABLE sensors ADD COLUMN decoder text;
