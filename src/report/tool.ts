import { readFileSync } from 'node:fs';

/** The tool's name and version as reports record them, read once from package.json. */
export const tool: { name: string; version: string } = readTool();

function readTool(): { name: string; version: string } {
  try {
    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name?: string; version?: string };
    return { name: pkg.name ?? 'jamf-contract', version: pkg.version ?? '0.0.0' };
  } catch {
    return { name: 'jamf-contract', version: '0.0.0' };
  }
}
