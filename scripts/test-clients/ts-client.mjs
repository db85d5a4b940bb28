// A real MCP client on the official TypeScript SDK (v2, @modelcontextprotocol/client), for scripts/test-http-clients:
// connects over stdio or Streamable HTTP in an era — modern (pinned to 2026-07-28), legacy (initialize, 2025-11-25)
// or auto (the SDK probes with server/discover and must choose 2026-07-28 here) — checks the negotiated revision,
// lists the tools and calls one, lists the resources and, in 2026-07-28, opens and closes a subscriptions/listen
// stream. Prints one JSON line; exits 1 on any failure. Run from a folder whose node_modules holds the SDK.
//   node ts-client.mjs --era modern|legacy|auto --tool NAME (--url URL [--token TOKEN] | --stdio COMMAND [ARG...])
import { Client, StreamableHTTPClientTransport } from '@modelcontextprotocol/client';
import { StdioClientTransport } from '@modelcontextprotocol/client/stdio';

const args = process.argv.slice(2);
const option = (name) => { const i = args.indexOf(name); return i < 0 ? undefined : args[i + 1]; };
const era = option('--era');
const tool = option('--tool');
const url = option('--url');
const token = option('--token');
const stdio = args.indexOf('--stdio');

function fail(message) {
  console.log(JSON.stringify({ ok: false, era, error: message }));
  process.exit(1);
}

if (!['modern', 'legacy', 'auto'].includes(era) || !tool || (!url && stdio < 0)) {
  fail('usage: --era modern|legacy|auto --tool NAME (--url URL [--token TOKEN] | --stdio COMMAND [ARG...])');
}

const transport = url
  ? new StreamableHTTPClientTransport(new URL(url),
      token ? { requestInit: { headers: { Authorization: `Bearer ${token}` } } } : {})
  : new StdioClientTransport({ command: args[stdio + 1], args: args.slice(stdio + 2), env: process.env, stderr: 'ignore' });
const negotiation = { modern: { mode: { pin: '2026-07-28' } }, auto: { mode: 'auto' }, legacy: { mode: 'legacy' } };
const modern = era !== 'legacy';
const client = new Client({ name: 'dynamic-mcp-test', version: '1.0.0' }, { versionNegotiation: negotiation[era] });

try {
  await client.connect(transport);
  const version = client.getNegotiatedProtocolVersion();
  if (modern ? version !== '2026-07-28' : !/^2025-/.test(version ?? '')) {
    fail(`negotiated ${version}`);
  }
  const tools = (await client.listTools()).tools.map((t) => t.name);
  if (!tools.includes(tool)) {
    fail(`no tool ${tool} in ${tools.join(', ')}`);
  }
  const result = await client.callTool({ name: tool, arguments: {} });
  const text = result.content?.[0]?.text ?? '';
  if (result.isError || !text) {
    fail(`${tool} answered ${JSON.stringify(result).slice(0, 300)}`);
  }
  const resources = (await client.listResources()).resources.length;
  let listen;
  if (modern) {
    const subscription = await client.listen({ resourcesListChanged: true });
    listen = subscription.honoredFilter;
    await subscription.close();
  }
  console.log(JSON.stringify({ ok: true, era, version, tools: tools.length, called: tool, answer: text.slice(0, 60),
    resources, listen }));
  await client.close();
  process.exit(0);
} catch (e) {
  fail(String(e?.stack ?? e));
}
