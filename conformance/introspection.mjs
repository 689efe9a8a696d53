// graphql-js reads Roledex's schema the way GraphiQL and introspection-based
// code generators do: it sends the standard introspection query (the checked-in
// fixture, made by graphql-js getIntrospectionQuery()), builds a client schema
// from the answer and compares it with the committed SDL.
import { readFileSync } from 'node:fs';
import {
  GraphQLSchema, buildClientSchema, buildSchema, findBreakingChanges, findDangerousChanges, lexicographicSortSchema,
  printSchema, specifiedDirectives,
} from 'graphql';

// Built-in directives are each library's own (graphql-js lets @deprecated mark
// directive definitions too); the comparison is about Roledex's types.
const builtIn = new Set(specifiedDirectives.map((d) => d.name));
const ours = (change) => !(change.type.startsWith('DIRECTIVE_') && builtIn.has(change.description.split(' ').pop()?.replace(/\.$/, '')));
const withoutDescription = (schema) => new GraphQLSchema({ ...schema.toConfig(), description: undefined });

const base = process.argv[2];
const fixtures = new URL('../api/tests/fixtures/', import.meta.url);
let failed = false;
for (const name of ['introspection-query.graphql', 'introspection-query-all-options.graphql']) {
  const query = readFileSync(new URL(name, fixtures), 'utf8');
  const response = await fetch(`${base}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query, operationName: 'IntrospectionQuery' }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    console.error(`${name}: HTTP ${response.status}`, JSON.stringify(body.errors));
    failed = true;
    continue;
  }
  const served = withoutDescription(buildClientSchema(body.data));
  const committed = buildSchema(readFileSync(new URL('../schema/schema.graphql', import.meta.url), 'utf8'));
  const changes = [...findBreakingChanges(committed, served), ...findDangerousChanges(committed, served)].filter(ours);
  const same = printSchema(lexicographicSortSchema(served)) === printSchema(lexicographicSortSchema(committed));
  const description = body.data.__schema.description;
  console.log(`${name}: ${served.getTypeMap() ? Object.keys(served.getTypeMap()).length : 0} types, ` +
    `${changes.length} breaking or dangerous differences from schema/schema.graphql, ` +
    `printed schemas ${same ? 'identical' : 'differ'}, description ${JSON.stringify(description)}`);
  for (const change of changes) console.error(`  ${change.type}: ${change.description}`);
  // Only the query that asks for everything (specifiedByURL...) can print the same SDL.
  if (changes.length || (!same && name.includes('all-options'))) failed = true;
  if (description !== undefined && description !== null && /GraphQL Schema defines the capabilities/.test(description)) {
    console.error('  the schema description is the library\'s text');
    failed = true;
  }
}
process.exit(failed ? 1 : 0);
