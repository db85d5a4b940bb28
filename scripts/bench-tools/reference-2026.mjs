// The 2026-07-28 reference for scripts/bench: @modelcontextprotocol/server-everything speaks only the initialize
// era (its SDK is v1), so the stateless revision is measured against the official TypeScript SDK v2 server
// (@modelcontextprotocol/server) serving an echo tool like server-everything's, through its own createMcpHandler,
// on node:http at 127.0.0.1:$PORT/mcp. Run from a folder whose node_modules holds @modelcontextprotocol/server.
import { createServer } from 'node:http';
import { Readable } from 'node:stream';
import { McpServer, createMcpHandler, fromJsonSchema } from '@modelcontextprotocol/server';

const echo = fromJsonSchema({ type: 'object', properties: { message: { type: 'string' } }, required: ['message'] });
const handler = createMcpHandler(() => {
  const server = new McpServer({ name: 'reference-2026', version: '1.0.0' });
  server.registerTool('echo', { description: 'Echoes back the input', inputSchema: echo },
    async ({ message }) => ({ content: [{ type: 'text', text: `Echo: ${message}` }] }));
  return server;
});

createServer(async (incoming, outgoing) => {
  const chunks = [];
  for await (const chunk of incoming) chunks.push(chunk);
  const request = new Request(`http://${incoming.headers.host}${incoming.url}`, {
    method: incoming.method,
    headers: Object.entries(incoming.headers).flatMap(([k, v]) => (Array.isArray(v) ? v.map((x) => [k, x]) : [[k, v]])),
    body: ['GET', 'HEAD'].includes(incoming.method) ? undefined : Buffer.concat(chunks),
  });
  const response = await handler.fetch(request);
  outgoing.writeHead(response.status, Object.fromEntries(response.headers));
  if (response.body) {
    Readable.fromWeb(response.body).pipe(outgoing);
  } else {
    outgoing.end();
  }
}).listen(Number(process.env.PORT ?? 3001), '127.0.0.1');
