// `convey extract` and `convey fetch`: the extractor and the guarded client, one page at a time.
import { loadConfig } from '../config/config.js';
import { extractCommand } from './extract-command.js';
import { createClient } from './runtime.js';
import { describeResponse, describeFetchError } from '../fetch/describe-response.js';
import { parseCommand, requireString } from './args.js';

export async function extractToolCommand(args: string[]): Promise<number> {
  const config = loadConfig();
  const client = createClient(config);
  return extractCommand(args, {
    stdout: (s) => process.stdout.write(s),
    stderr: (s) => process.stderr.write(s),
    fetchPage: async (url) => {
      const res = await client.fetch(url, { accept: 'html' });
      if (res.status < 200 || res.status >= 300) throw new Error(`HTTP ${res.status} for ${res.url}`);
      return { body: res.body, contentType: res.headers['content-type'] ?? null, url: res.url };
    },
  });
}

export async function fetchCommand(args: string[]): Promise<number> {
  const { positionals } = parseCommand(args, {});
  const url = requireString(positionals[0], 'the URL');
  const client = createClient(loadConfig());
  try {
    const res = await client.fetch(url, { accept: 'any' });
    process.stdout.write(`${describeResponse(res)}\n`);
    return res.status >= 400 ? 1 : 0;
  } catch (error) {
    process.stderr.write(`${describeFetchError(error)}\n`);
    return 1;
  }
}
