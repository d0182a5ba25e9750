// A deliberately vulnerable server, started beside Clearance during
// `npm run test:security` only, inside the same private network namespace.
// Each scanner must flag it; a scanner that flags nothing here proves
// nothing about Clearance. Never run it anywhere else.
import http from 'node:http'
import Database from 'better-sqlite3'

const port = Number(process.argv[2] ?? 3299)
const db = new Database(':memory:')
db.exec(`CREATE TABLE items (id INTEGER PRIMARY KEY, name TEXT);
  CREATE TABLE secrets (id INTEGER PRIMARY KEY, value TEXT);
  INSERT INTO items (name) VALUES ('alpha'), ('beta'), ('gamma');
  INSERT INTO secrets (value) VALUES ('canary-secret');`)

const page = (body) =>
  `<!doctype html><html><head><title>Canary</title></head><body>${body}</body></html>`

const server = http.createServer((request, response) => {
  const url = new URL(request.url ?? '/', `http://127.0.0.1:${port}`)
  // Version banner on purpose.
  response.setHeader('Server', 'CanaryHTTPd/1.2.3 (Debian) PHP/5.4.1')
  response.setHeader('X-Powered-By', 'PHP/5.4.1')
  if (url.pathname === '/.env') {
    response.setHeader('Content-Type', 'text/plain')
    response.end('DATABASE_PASSWORD=canary\nSECRET_KEY=canary-not-secret\n')
    return
  }
  if (url.pathname === '/item') {
    // String-built SQL: the injection sqlmap must find.
    const id = url.searchParams.get('id') ?? '1'
    try {
      const rows = db.prepare(`SELECT name FROM items WHERE id = ${id}`).all()
      response.setHeader('Content-Type', 'text/html')
      response.end(page(rows.map((row) => `<p>${row.name}</p>`).join('')))
    } catch {
      response.statusCode = 500
      response.end(page('<p>error</p>'))
    }
    return
  }
  if (url.pathname === '/search') {
    // Reflected without encoding: the XSS wapiti must find.
    const q = url.searchParams.get('q') ?? ''
    response.setHeader('Content-Type', 'text/html')
    response.end(page(`<p>Results for ${q}</p>`))
    return
  }
  if (url.pathname !== '/') {
    response.statusCode = 404
    response.end('not found')
    return
  }
  response.setHeader('Content-Type', 'text/html')
  response.setHeader('Set-Cookie', 'canary_session=abc123; Path=/')
  response.end(
    page(
      '<a href="/item?id=1">item</a> <a href="/search?q=hello">search</a>' +
        '<form action="/search" method="get"><input name="q" value="x"><button>Go</button></form>',
    ),
  )
})
server.listen(port, '127.0.0.1')
