import { parseError } from '../findings.js';
import { addressOf, isTerraformParserReady, isTerraformPath, readTerraformFile } from '../parse/terraform.js';
import { MAX_DEPTH } from '../parse/terraform-ast.js';
import type { Reader, Reading, Unit } from '../reading.js';
import type { SourceFile } from '../source.js';
import type { IacResource } from '../parse/iac.js';

/**
 * `.tf` and `.tf.json` files: one unit per resource, data source and module call, with the file's
 * syntax errors as findings. The parser loads asynchronously (`initTerraformParser`, which the entries
 * await); a reader called before that passes the file over rather than failing the scan.
 */
export const terraformReader: Reader = {
  accepts(path) {
    return isTerraformPath(path) && !path.split('/').includes('.terraform');
  },
  read(file, reviewed, scope) {
    const reading: Reading = { file, units: [], findings: [], suppressions: [] };
    if (!isTerraformParserReady()) return { ...reading, skipped: 'Terraform parser not initialised' };
    if (looksBinary(file)) return { ...reading, skipped: 'binary content, not Terraform text' };
    const terraform = readTerraformFile(file, scope);
    reading.units = terraform.resources.map(unitOf);
    for (const problem of terraform.problems)
      reading.findings.push(parseError(file, problem.offset, `invalid Terraform: ${problem.message}`));
    for (const { offset, name } of terraform.notEvaluated) {
      reading.findings.push(
        parseError(
          file,
          offset,
          `"${name}" was not evaluated in full (nested deeper than ${MAX_DEPTH} levels, or over the size limit for values); rules could not check all of it`,
        ),
      );
    }
    if (reviewed) reading.suppressions = terraform.suppressions;
    return reading;
  },
};

function unitOf(resource: IacResource): Unit<IacResource> {
  return { platform: 'terraform', subject: resource, file: resource.file, root: resource.body, id: `terraform:${addressOf(resource)}` };
}

/** A NUL character in the first few kilobytes: not text, whatever the file is called. */
function looksBinary(file: SourceFile): boolean {
  const head = file.text.length > 8192 ? file.text.slice(0, 8192) : file.text;
  return head.includes('\u0000');
}
