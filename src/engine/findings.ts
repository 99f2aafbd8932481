import type { Finding } from './model.js';
import { META_RULES } from './rules/meta.js';
import type { RuleMeta } from './rules/rule.js';
import type { SourceFile } from './source.js';

/** Findings the engine reports about files themselves, rather than rules about their content. */

export function fileFinding(rule: RuleMeta, file: SourceFile, start: number, end: number, message: string, locator: string): Finding {
  return { ruleId: rule.id, severity: rule.severity, layer: rule.layer, path: file.path, range: file.range(start, end), message, locator };
}

export function parseError(file: SourceFile, offset: number, message: string): Finding {
  return fileFinding(META_RULES.parseError, file, offset, offset, message, `parse@${message}`);
}
