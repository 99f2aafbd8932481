import { describe, expect, test } from '@jest/globals';
import { isTerraformParserReady } from './terraform.js';
import { terraformReader } from '../readers/terraform.js';
import { SourceFile } from '../source.js';

// A test file of its own: jest gives each file fresh modules, so the parser here has never been loaded.
describe('terraform reader before initTerraformParser', () => {
  test('passes the file over with a reason instead of throwing', () => {
    expect(isTerraformParserReady()).toBe(false);
    const file = new SourceFile('main.tf', 'resource "a" "b" {}\n');
    const reading = terraformReader.read(file, true, { filesIn: () => [file], cache: new Map() })!;
    expect(reading.skipped).toBe('Terraform parser not initialised');
    expect([...reading.units]).toEqual([]);
    expect(reading.findings).toEqual([]);
  });
});
