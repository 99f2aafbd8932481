import { fileTooLarge } from './bulwark/file-too-large.js';
import { notRendered } from './bulwark/not-rendered.js';
import { notScanned } from './bulwark/not-scanned.js';
import { parseError } from './bulwark/parse-error.js';
import { suppressionWithoutReason } from './bulwark/suppression-without-reason.js';

/**
 * Findings the engine itself reports (parse errors, limits, suppressions). Apart from the registry so that
 * readers, which report them, do not load every rule.
 */
export const META_RULES = { parseError, fileTooLarge, suppressionWithoutReason, notRendered, notScanned } as const;
