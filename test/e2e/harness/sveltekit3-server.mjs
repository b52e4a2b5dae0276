// Production server for a built SvelteKit 3 / adapter-node 6 app, used by the
// harness instead of `node build`. Run with the app as cwd, PORT and HOST set.
//
// Why: adapter-node 6 has no ORIGIN variable any more. Without `paths.origin`
// (fixed at build time, when the test's port is not known yet) it builds
// request.url from the Host header and the protocol named by PROTOCOL_HEADER,
// and assumes https when that header is absent. A test client on 127.0.0.1
// talks plain http, so its `Origin: http://127.0.0.1:PORT` would never match
// and kit's CSRF check would answer 403 to every text/plain, form or
// body-less POST/PUT/PATCH/DELETE. This front does what a TLS-terminating
// proxy does: it sets `x-forwarded-proto: http` (unless the client sent one)
// and runs the app with PROTOCOL_HEADER=x-forwarded-proto. Everything else is
// adapter-node's own request handler (build/handler.js), the one `node build`
// uses: same static files, BODY_SIZE_LIMIT, error handling.
import http from 'node:http';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

process.env.PROTOCOL_HEADER = 'x-forwarded-proto';

const { handler } = await import(pathToFileURL(join(process.cwd(), 'build', 'handler.js')).href);

const host = process.env.HOST ?? '127.0.0.1';
const port = Number(process.env.PORT ?? '3000');

const server = http.createServer((req, res) => {
  if (!req.headers['x-forwarded-proto']) req.headers['x-forwarded-proto'] = 'http';
  handler(req, res, () => {
    res.statusCode = 404;
    res.end();
  });
});

server.listen(port, host, () => {
  console.log(`Listening on http://${host}:${port}`);
});

for (const signal of ['SIGTERM', 'SIGINT']) {
  process.on(signal, () => {
    server.close(() => process.exit(0));
    server.closeAllConnections();
    setTimeout(() => process.exit(0), 2000).unref();
  });
}
