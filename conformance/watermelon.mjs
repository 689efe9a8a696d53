// WatermelonDB's own synchronize() against Roledex's /api/v1/me/sync: two
// in-memory databases (LokiJS) of one learner create, grade, tick, edit and
// delete records, meet a conflict and a replacement sync, and end equal to
// each other and to the server.
//
//   node conformance/watermelon.mjs BASE_URL
import { createRequire } from 'node:module'
const require = createRequire(import.meta.url)
const { Database, Model, appSchema, tableSchema } = require('@nozbe/watermelondb')
const LokiJSAdapter = require('@nozbe/watermelondb/adapters/lokijs').default
const { synchronize } = require('@nozbe/watermelondb/sync')
const { schemaMigrations } = require('@nozbe/watermelondb/Schema/migrations')
const { LokiMemoryAdapter } = require('lokijs')

const base = process.argv[2]
const ROLE = 'ai-systems-safety-manager'
// Straight to stderr: console.error is taken over below to collect WatermelonDB's complaints.
const fail = (message) => { process.stderr.write(`FAIL: ${message}\n`); process.exit(1) }
setTimeout(() => fail('no result within 120 s'), 120_000).unref()

// WatermelonDB reports what it finds odd in a sync through console.error.
const complaints = []
const consoleError = console.error
console.error = (...args) => { complaints.push(args.map(String).join(' ')); }
const consoleLog = console.log
console.log = () => {} // its progress lines

const column = (name, type, isOptional = false) => ({ name, type, isOptional })
const schema = appSchema({
  version: 1,
  tables: [
    tableSchema({ name: 'assessments', columns: [column('role', 'string'), column('ratings', 'string'), column('score', 'number', true), column('result', 'string', true), column('created_at', 'number')] }),
    tableSchema({ name: 'qualification_checks', columns: [column('role', 'string'), column('ratings', 'string'), column('score', 'number', true), column('result', 'string', true), column('created_at', 'number')] }),
    tableSchema({ name: 'quiz_attempts', columns: [column('role', 'string'), column('attempt', 'string'), column('answers', 'string'), column('score', 'number', true), column('result', 'string', true), column('created_at', 'number')] }),
    tableSchema({ name: 'sprint_plans', columns: [column('role', 'string'), column('hours_per_week', 'number'), column('start', 'string'), column('certifications', 'string'), column('study_hours', 'string'), column('created_at', 'number')] }),
    tableSchema({ name: 'sprint_tasks', columns: [column('sprint_plan_id', 'string', true), column('key', 'string'), column('week', 'number'), column('starts_on', 'string'), column('kind', 'string'), column('title', 'string'), column('detail', 'string'), column('skill', 'string', true), column('certification', 'string', true), column('hours', 'number'), column('done', 'boolean'), column('done_at', 'number', true)] }),
    tableSchema({ name: 'saved_items', columns: [column('kind', 'string'), column('target', 'string'), column('note', 'string', true), column('created_at', 'number')] }),
  ],
})
const models = schema.tables ? Object.keys(schema.tables).map((table) => class extends Model { static table = table }) : []

function device(name) {
  const adapter = new LokiJSAdapter({
    schema, migrations: schemaMigrations({ migrations: [] }), useWebWorker: false, useIncrementalIndexedDB: false,
    dbName: name, _testLokiAdapter: new LokiMemoryAdapter(),
  })
  return new Database({ adapter, modelClasses: models })
}

async function call(method, path, token, body, headers = {}) {
  const response = await fetch(`${base}${path}`, {
    method,
    headers: { ...(token ? { Authorization: `Bearer ${token}` } : {}), ...(body ? { 'Content-Type': 'application/json' } : {}), ...headers },
    body: body ? JSON.stringify(body) : undefined,
  })
  const text = await response.text()
  return { status: response.status, body: text ? JSON.parse(text) : null }
}

const email = `watermelon-${Date.now()}@example.org`
const password = 'correct horse battery staple watermelon'
const registered = await call('POST', '/api/v1/auth/register', null, { email, password })
if (registered.status !== 201) fail(`register: ${registered.status} ${JSON.stringify(registered.body)}`)
const login = await call('POST', '/api/v1/auth/login', null, { email, password })
if (login.status !== 200) fail(`login: ${login.status} ${JSON.stringify(login.body)}`)
const token = login.body.access_token

const requests = { pulls: 0, pushes: 0, conflicts: 0 }
let beforePush = null
function sync(database) {
  return synchronize({
    database,
    pullChanges: async ({ lastPulledAt, schemaVersion, migration }) => {
      requests.pulls++
      const params = `last_pulled_at=${lastPulledAt}&schema_version=${schemaVersion}&migration=${encodeURIComponent(JSON.stringify(migration))}`
      const response = await fetch(`${base}/api/v1/me/sync?${params}`, { headers: { Authorization: `Bearer ${token}` } })
      if (!response.ok) throw new Error(await response.text())
      return response.json()
    },
    pushChanges: async ({ changes, lastPulledAt }) => {
      if (beforePush) { const hook = beforePush; beforePush = null; await hook() }
      requests.pushes++
      // As the WatermelonDB documentation writes it: a string body, so text/plain.
      const response = await fetch(`${base}/api/v1/me/sync?last_pulled_at=${lastPulledAt}`, {
        method: 'POST', headers: { Authorization: `Bearer ${token}` }, body: JSON.stringify(changes),
      })
      if (response.status === 409) requests.conflicts++
      if (!response.ok) throw new Error(await response.text())
    },
    // Roledex sends every record as `updated` (WatermelonDB creates one it lacks).
    sendCreatedAsUpdated: true,
    migrationsEnabledAtVersion: 1,
  })
}

async function syncUntilDone(database) {
  for (let i = 0; i < 5; i++) {
    try { await sync(database); return } catch (e) { if (!String(e.message).includes('sync_conflict')) throw e }
  }
  fail('no sync got through in 5 tries')
}

async function rows(database, table) {
  const records = await database.get(table).query().fetch()
  return Object.fromEntries(records.map((r) => [r.id, r._raw]))
}

const phone = device('phone')
const tablet = device('tablet')

// On the phone, offline: a self-assessment, a plan and a bookmark.
let bookmark
await phone.write(async () => {
  await phone.get('assessments').create((r) => { r._setRaw('role', ROLE); r._setRaw('ratings', JSON.stringify([{ skill: 'risk-management', level: 2 }])) })
  await phone.get('sprint_plans').create((r) => {
    r._setRaw('role', ROLE); r._setRaw('hours_per_week', 6); r._setRaw('start', '2027-01-04')
    r._setRaw('certifications', JSON.stringify(['aigp'])); r._setRaw('study_hours', '[]')
  })
  bookmark = await phone.get('saved_items').create((r) => { r._setRaw('kind', 'role'); r._setRaw('target', ROLE); r._setRaw('note', 'read first') })
})
await syncUntilDone(phone) // first pull, then the push
await syncUntilDone(phone) // the grade and the plan's tasks come back
const phoneAssessments = Object.values(await rows(phone, 'assessments'))
if (phoneAssessments.length !== 1 || typeof phoneAssessments[0].score !== 'number') fail(`graded assessment on the phone: ${JSON.stringify(phoneAssessments)}`)
const phoneTasks = await rows(phone, 'sprint_tasks')
if (Object.keys(phoneTasks).length === 0) fail('the plan has no tasks on the phone')

// The tablet signs in: its first sync brings everything.
await syncUntilDone(tablet)
const tabletTasks = await rows(tablet, 'sprint_tasks')
if (Object.keys(tabletTasks).length !== Object.keys(phoneTasks).length) fail('the tablet has other tasks')

// Both edit offline: the phone ticks a task and edits the note; the tablet edits the note too.
const [taskId] = Object.keys(phoneTasks)
await phone.write(async () => {
  const task = await phone.get('sprint_tasks').find(taskId)
  await task.update((r) => { r._setRaw('done', true) })
  const item = await phone.get('saved_items').find(bookmark.id)
  await item.update((r) => { r._setRaw('note', 'from the phone') })
})
await tablet.write(async () => {
  const item = await tablet.get('saved_items').find(bookmark.id)
  await item.update((r) => { r._setRaw('note', 'from the tablet') })
})
// The tablet's push lands between the phone's pull and push: the phone's push conflicts.
beforePush = () => syncUntilDone(tablet)
await syncUntilDone(phone)
if (requests.conflicts < 1) fail('no conflict was met')
await syncUntilDone(tablet)

// A bookmark made and deleted on the tablet disappears everywhere (deleted
// before the tablet pulled its own creation back).
await tablet.write(async () => {
  const extra = await tablet.get('saved_items').create((r) => { r._setRaw('kind', 'certification'); r._setRaw('target', 'aigp'); r._setRaw('note', '') })
  return extra
})
await syncUntilDone(tablet)
await syncUntilDone(phone)
const extraOnPhone = (await phone.get('saved_items').query().fetch()).find((r) => r._raw.target === 'aigp')
if (!extraOnPhone) fail('the tablet\'s bookmark did not reach the phone')
await tablet.write(async () => {
  const extra = (await tablet.get('saved_items').query().fetch()).find((r) => r._raw.target === 'aigp')
  await extra.markAsDeleted()
})
await syncUntilDone(tablet)
await syncUntilDone(phone)

// A replacement sync: the phone's last pull made older than the tombstone horizon.
await phone.adapter.setLocal('__watermelon_last_pulled_at', String(Date.now() - 91 * 86400000))
await syncUntilDone(phone)

// Everyone agrees with each other and with the server.
const server = (await call('GET', '/api/v1/me/sync?last_pulled_at=null', token)).body
for (const table of Object.keys(schema.tables)) {
  if (server.changes[table].created.length) fail(`${table}: records in created`)
  const fromServer = Object.fromEntries(server.changes[table].updated.map((r) => [r.id, r]))
  for (const [name, database] of [['phone', phone], ['tablet', tablet]]) {
    const local = await rows(database, table)
    const ids = (o) => Object.keys(o).sort().join(',')
    if (ids(local) !== ids(fromServer)) fail(`${name}.${table}: ids ${ids(local)} vs the server's ${ids(fromServer)}`)
    for (const [id, record] of Object.entries(fromServer)) {
      for (const [key, value] of Object.entries(record)) {
        if (key in local[id] && local[id][key] !== value) fail(`${name}.${table}/${id}.${key}: ${local[id][key]} vs ${value}`)
      }
      if (local[id]._status !== 'synced') fail(`${name}.${table}/${id} is ${local[id]._status}`)
    }
  }
}
const note = (await rows(phone, "saved_items"))[bookmark.id].note
const done = (await rows(tablet, 'sprint_tasks'))[taskId].done
console.error = consoleError
console.log = consoleLog
const counts = Object.fromEntries(Object.keys(schema.tables).map((t) => [t, server.changes[t].updated.length]))
console.log(`WatermelonDB ${require('@nozbe/watermelondb/package.json').version}: ${requests.pulls} pulls, ${requests.pushes} pushes, ${requests.conflicts} conflict(s) resolved by pulling; phone, tablet and server agree: ${JSON.stringify(counts)}; note "${note}", ticked task done=${done}`)
// WatermelonDB logs every oddity it meets in a sync (a record to create that
// exists, one to update that does not): none is expected.
if (complaints.length) fail(`WatermelonDB complained ${complaints.length} times:\n${complaints.join('\n')}`)
console.log('WatermelonDB complaints: 0')
// LokiJS keeps timers alive: the check ends here, not when the event loop drains.
process.exit(0)
