// The OSV schema the ossf/malicious-packages repository validates against, read from the shared
// reference folder beside the clone (never copied into the project), with `id` loosened as the
// repository does: a new report may leave it out or set it to "".
import { readFileSync } from 'node:fs';
import path from 'node:path';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';

const repoRoot = path.resolve(__dirname, '../../..');
export const sharedOsv = path.resolve(repoRoot, '..', 'shared', 'osv');

export function readExample(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(path.join(sharedOsv, 'examples', file), 'utf8')) as Record<string, unknown>;
}

let validator: ReturnType<Ajv2020['compile']> | undefined;

/** Schema errors as `instancePath message` lines; empty when the record is valid. */
export function schemaErrors(record: unknown): string[] {
  if (!validator) {
    const schema = JSON.parse(readFileSync(path.join(sharedOsv, 'schema.json'), 'utf8')) as { required: string[]; properties: Record<string, unknown> };
    schema.required = schema.required.filter((key) => key !== 'id');
    schema.properties.id = { anyOf: [schema.properties.id, { const: '' }] };
    const ajv = new Ajv2020({ allErrors: true, strict: false });
    addFormats(ajv);
    validator = ajv.compile(schema);
  }
  return validator(record) ? [] : (validator.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
