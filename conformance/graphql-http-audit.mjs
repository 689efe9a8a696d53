// graphql-http's server audits (the GraphQL-over-HTTP specification's
// conformance checks): every MUST and SHOULD passes, or the run fails.
import { serverAudits } from 'graphql-http';

const url = `${process.argv[2]}/graphql`;
const counts = { ok: 0, warn: 0, error: 0, notice: 0 };
for (const audit of serverAudits({ url })) {
  const result = await audit.fn();
  counts[result.status] = (counts[result.status] ?? 0) + 1;
  if (result.status !== 'ok') {
    const detail = result.response ? ` (HTTP ${result.response.status})` : '';
    console.log(`${result.status.toUpperCase()} ${audit.id} ${audit.name}: ${result.reason}${detail}`);
  }
}
console.log(`graphql-http serverAudits: ${counts.ok} ok, ${counts.error} MUST failures, ` +
  `${counts.warn} SHOULD warnings, ${counts.notice} MAY notices`);
process.exit(counts.error || counts.warn ? 1 : 0);
