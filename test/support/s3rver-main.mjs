// Runs s3rver on 127.0.0.1 (a free port) until its parent closes stdin or ends it; prints {"port":…} once
// listening. Arguments: one JSON object { directory, buckets }. See s3-server.ts for why it is a process.
import S3rver from 's3rver';

const { directory, buckets } = JSON.parse(process.argv[2]);
const server = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory, configureBuckets: buckets.map((name) => ({ name })) });
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
process.stdin.resume();
process.stdin.on('end', () => process.exit(0));
