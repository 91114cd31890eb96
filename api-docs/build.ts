import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { API_DOCS_FILES, apiDocsFile } from './site.ts';

/** Writes the API reference into `outDir` (the dashboard site's docs/ folder in the cloud). */
export async function writeApiDocs(outDir: string): Promise<void> {
  await mkdir(outDir, { recursive: true });
  await Promise.all(
    API_DOCS_FILES.map(async (name) => writeFile(path.join(outDir, name), (await apiDocsFile(name))!.body)),
  );
}
