import { insertField, insertHclItem, isJsonFile, type YamlValue } from '../../../fix.js';
import type { TextEdit } from '../../../model.js';
import type { IacResource } from '../../../parse/iac.js';
import type { YMap } from '../../../parse/yaml.js';

/** A setting a fix adds: a word, a boolean, a list of words, or a nested block (a CloudFormation map). */
export type SettingValue = boolean | string | readonly string[] | { readonly [name: string]: SettingValue };

/**
 * An edit that adds a missing attribute or nested block to a resource's body (or to a block inside it), in
 * the syntax of the resource's file: HCL in `.tf`, YAML or JSON in CloudFormation. Undefined where no
 * mechanical insertion exists: `.tf.json` files, a CloudFormation resource without `Properties`, and HCL
 * blocks written on one line.
 */
export function addSetting(resource: IacResource, map: YMap, name: string, value: SettingValue): TextEdit | undefined {
  const { file } = resource;
  if (resource.platform === 'terraform') {
    if (!file.path.toLowerCase().endsWith('.tf')) return undefined;
    return insertHclItem(file, map, hclLines(name, value));
  }
  if (map === resource.body && resource.bodyKey === undefined) return undefined;
  return insertField(file, map, name, yamlValue(value, isJsonFile(file)));
}

function hclLines(name: string, value: SettingValue): string[] {
  if (typeof value === 'object' && !Array.isArray(value)) {
    const inner = Object.entries(value as Record<string, SettingValue>).flatMap(([key, v]) => hclLines(key, v));
    return [`${name} {`, ...inner.map((line) => `  ${line}`), '}'];
  }
  return [`${name} = ${scalar(value as boolean | string | readonly string[], true)}`];
}

function yamlValue(value: SettingValue, json: boolean): YamlValue {
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(Object.entries(value as Record<string, SettingValue>).map(([key, v]) => [key, yamlValue(v, json)]));
  }
  return scalar(value as boolean | string | readonly string[], json);
}

/** A scalar or a flow list of words; words are quoted where the syntax needs it (HCL and JSON strings). */
function scalar(value: boolean | string | readonly string[], quoted: boolean): string {
  const word = (text: string) => (quoted ? JSON.stringify(text) : text);
  if (typeof value === 'boolean') return String(value);
  if (typeof value === 'string') return word(value);
  return `[${value.map(word).join(', ')}]`;
}
