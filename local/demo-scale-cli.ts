import { generateScaleData, loadScaleData } from '../data/demo/scale.ts';
import { loadReferenceData } from '../data/reference.ts';
import { SEED_PRINCIPAL } from '../data/seed-loader.ts';
import { RecordService } from '../functions/domain/record-service.ts';
import { definitionForType } from '../functions/records/registry.ts';
import { createDocumentClient } from '../functions/store/client.ts';
import { RecordStore } from '../functions/store/record-store.ts';
import { readCommandLine } from './command-line.ts';

/**
 * `npm run demo:scale -- --services 10000 [--practices 10000] [--records 10000] [--seed N]`: loads a
 * national-scale data set into the DynamoDB Local table `npm start` uses, through the same write
 * path as the API, beside the demo data (docs/local.md, "Data at national scale").
 */
const USAGE = `Usage: npm run demo:scale -- [--services N] [--practices N] [--records N] [--seed N]
  --services   listed services to add (with one organisation for every five), e.g. 10000
  --practices  good practices for the knowledge base
  --records    needs (plain council records), for reading one record among many
  --seed       another seed gives other, equally valid, rows (default 2026)
Environment: DYNAMODB_ENDPOINT (default http://127.0.0.1:8000), TABLE_NAME (default partnership-records)`;

const { values, fail } = readCommandLine(USAGE, {
  services: { type: 'string', default: '0' },
  practices: { type: 'string', default: '0' },
  records: { type: 'string', default: '0' },
  seed: { type: 'string', default: '2026' },
});
const count = (name: 'services' | 'practices' | 'records' | 'seed') => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0 || n > 1_000_000)
    fail(`--${name} must be a whole number from 0 to 1000000, got "${values[name]}"`);
  return n;
};
const options = {
  services: count('services'),
  practices: count('practices'),
  records: count('records'),
  seed: count('seed'),
};
if (options.services + options.practices + options.records === 0)
  fail('Say how many to add: --services, --practices or --records.');

const endpoint = process.env.DYNAMODB_ENDPOINT ?? 'http://127.0.0.1:8000';
const tableName = process.env.TABLE_NAME ?? 'partnership-records';
const client = createDocumentClient({ endpoint, localOnly: true });
const service = new RecordService(new RecordStore(client, tableName));

try {
  // Services and needs name regions and councils: make sure they are there (unchanged if so).
  await loadReferenceData(service, SEED_PRINCIPAL);
  const rows = generateScaleData(options);
  console.log(`Loading ${rows.length} records into ${tableName} at ${endpoint}…`);
  await loadScaleData(service, SEED_PRINCIPAL, rows, (type, counts, ms) => {
    const done = Object.entries(counts)
      .filter(([, n]) => n > 0)
      .map(([status, n]) => `${n} ${status}`)
      .join(', ');
    console.log(`  ${definitionForType(type)!.pluralLabel}: ${done} in ${(ms / 1000).toFixed(1)} s`);
  });
} catch (error) {
  const name = (error as Error).name;
  if (name === 'ResourceNotFoundException' || (error as { code?: string }).code === 'ECONNREFUSED') {
    console.error(
      `Could not reach table "${tableName}" at ${endpoint}: start the local system with "npm start" first (or set DYNAMODB_ENDPOINT and TABLE_NAME).`,
    );
  } else {
    console.error(error);
  }
  process.exitCode = 1;
} finally {
  client.destroy();
}
