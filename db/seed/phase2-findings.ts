/**
 * The 19 findings of the Phase 2 backend assessment (2025-11-09) of the
 * trading / ML visualization API. The audit overview fixes the counts
 * (4 critical, 7 high, 6 medium, 2 low), four titles with their scores and
 * the four production blockers; the rest is completed as an auditor of
 * such a backend would write it.
 *
 * Code examples use placeholders and environment lookups only, so that a
 * secret scanner stays quiet on this repository.
 */
import type { Severity } from '../../app/domain/severity'

export interface SeedFinding {
  reference: string
  title: string
  severity: Severity
  cvssVector: string
  cweId: number
  owaspTop10: string
  owaspApiTop10: string
  practice: string
  isBlocker: boolean
  isQuickWin: boolean
  affected: string[]
  description: string
  impact: string
  exploitScenario: string
  remediation: string
  references: string[]
}

const fence = '```'

export const PHASE2_FINDINGS: SeedFinding[] = [
  {
    reference: 'P2-001',
    title: 'Hardcoded credentials in Git',
    severity: 'critical',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H',
    cweId: 798,
    owaspTop10: 'A07',
    owaspApiTop10: 'API8',
    practice: 'secrets_management',
    isBlocker: true,
    isQuickWin: false,
    affected: ['config/database.py', 'docker-compose.yml', 'git history'],
    description:
      'The PostgreSQL user name and password of the production database are written in `config/database.py` and `docker-compose.yml`, and have been in the repository history since its first commits. Anyone with read access to the repository, or to any clone of it, holds working database credentials.',
    impact:
      'Full read and write access to trading data, user accounts and model outputs; the credentials also reach every environment that shares them.',
    exploitScenario:
      'A contractor clones the repository, runs `git log -p -- config/database.py`, and connects to the database from any host allowed by its network rules.',
    remediation: `1. Rotate the database password now: the old value must be treated as public.
2. Read credentials from the environment (later from the secrets manager):

${fence}python
import os

DATABASE_URL = os.environ["DATABASE_URL"]  # injected at deploy time
${fence}

3. Remove the values from history with \`git filter-repo --replace-text\` and force-push; ask every holder of a clone to re-clone.
4. Add a secret scan (git-secrets or similar) as a pre-commit hook and in CI.`,
    references: [
      'https://cwe.mitre.org/data/definitions/798.html',
      'https://owasp.org/Top10/A07_2021-Identification_and_Authentication_Failures/',
    ],
  },
  {
    reference: 'P2-002',
    title: 'SQL injection pattern in query construction',
    severity: 'critical',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    cweId: 89,
    owaspTop10: 'A03',
    owaspApiTop10: 'API8',
    practice: 'input_handling',
    isBlocker: true,
    isQuickWin: false,
    affected: [
      'GET /api/market-data/{symbol}',
      'GET /api/predictions?model=',
      'services/queries.py',
    ],
    description:
      'Several queries are built with f-strings from request parameters (`symbol`, `model`, `order_by`). The pattern repeats across `services/queries.py`, so every new endpoint copies it.',
    impact:
      'An unauthenticated caller can read or change any table, including credentials and orders, and may execute commands where the database user allows it.',
    exploitScenario:
      "`GET /api/market-data/AAPL' UNION SELECT username, password_hash FROM users--` returns the user table in the price series.",
    remediation: `Use bound parameters everywhere, and an allow-list for identifiers such as sort columns:

${fence}python
SORTABLE = {"time", "close", "volume"}

def market_data(session, symbol: str, order_by: str):
    if order_by not in SORTABLE:
        raise ValueError("unsupported sort column")
    statement = text(
        f"SELECT time, close, volume FROM prices WHERE symbol = :symbol ORDER BY {order_by}"
    )
    return session.execute(statement, {"symbol": symbol})
${fence}

Then audit every query (grep for \`execute(f"\` and string concatenation) and add sqlmap to CI.`,
    references: [
      'https://cwe.mitre.org/data/definitions/89.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/Query_Parameterization_Cheat_Sheet.html',
    ],
  },
  {
    reference: 'P2-003',
    title: 'No rate limiting on trading endpoints',
    severity: 'critical',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:H',
    cweId: 770,
    owaspTop10: 'A04',
    owaspApiTop10: 'API4',
    practice: 'rate_limiting',
    isBlocker: true,
    isQuickWin: false,
    affected: ['POST /api/orders', 'POST /api/auth/login', 'POST /api/predict'],
    description:
      'No endpoint limits how often a client may call it. Order placement, login and the model inference endpoint accept unbounded request rates.',
    impact:
      'Order flooding and unintended trades, credential stuffing against login, and exhaustion of the GPU-backed inference workers.',
    exploitScenario:
      'A script sends 5,000 login attempts a minute from one address with a password list, and in parallel floods `/api/predict` until legitimate users time out.',
    remediation: `Add per-client and per-account limits at the edge and in the app, stricter on login and orders:

${fence}python
from slowapi import Limiter
from slowapi.util import get_remote_address

limiter = Limiter(key_func=get_remote_address, storage_uri=os.environ["RATE_LIMIT_STORAGE_URL"])

@app.post("/api/orders")
@limiter.limit("30/minute")
async def place_order(request: Request, order: OrderIn): ...
${fence}

Answer 429 with \`Retry-After\`, and alert on sustained limit hits.`,
    references: [
      'https://cwe.mitre.org/data/definitions/770.html',
      'https://owasp.org/API-Security/editions/2023/en/0xa4-unrestricted-resource-consumption/',
    ],
  },
  {
    reference: 'P2-004',
    title: 'JWT signing key falls back to a hardcoded default',
    severity: 'critical',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H',
    cweId: 321,
    owaspTop10: 'A02',
    owaspApiTop10: 'API2',
    practice: 'secrets_management',
    isBlocker: false,
    isQuickWin: false,
    affected: ['auth/tokens.py'],
    description:
      '`JWT_SECRET` is read with a default value written in the source, and the deployed configuration does not set it, so production tokens are signed with the public default.',
    impact:
      'Anyone who reads the source can mint tokens for any user, administrators included.',
    exploitScenario:
      'An attacker signs `{"sub": "admin", "role": "admin"}` with the default key and calls the admin API.',
    remediation: `Fail at startup when the key is missing or short, and load it from the secrets manager:

${fence}python
secret = os.environ.get("JWT_SECRET", "")
if len(secret) < 32:
    raise RuntimeError("JWT_SECRET must be set to at least 32 random characters")
${fence}

Rotate the key, which invalidates every token issued so far.`,
    references: ['https://cwe.mitre.org/data/definitions/321.html'],
  },
  {
    reference: 'P2-005',
    title: 'No WebSocket authentication',
    severity: 'high',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:N',
    cweId: 306,
    owaspTop10: 'A07',
    owaspApiTop10: 'API2',
    practice: 'authentication',
    isBlocker: true,
    isQuickWin: false,
    affected: ['WS /ws/market-stream', 'WS /ws/predictions', 'WS /ws/orders'],
    description:
      'The WebSocket endpoints accept any connection and never check a token or session, and the handshake does not check `Origin`. The REST API is authenticated; the streams that carry the same data are not.',
    impact:
      'Live positions, order updates and model signals are readable by anyone, and the orders stream accepts commands.',
    exploitScenario:
      "A page on any site opens `wss://api.example.invalid/ws/orders` from a visitor's browser and reads their order flow (cross-site WebSocket hijacking).",
    remediation: `Authenticate in the handshake and check the origin before accepting:

${fence}python
@app.websocket("/ws/orders")
async def orders(websocket: WebSocket):
    if websocket.headers.get("origin") not in settings.allowed_origins:
        await websocket.close(code=1008)
        return
    user = await authenticate_ws(websocket.query_params.get("ticket"))
    if user is None:
        await websocket.close(code=1008)
        return
    await websocket.accept()
${fence}

Use short-lived single-use tickets rather than long-lived tokens in the URL.`,
    references: [
      'https://cwe.mitre.org/data/definitions/306.html',
      'https://cheatsheetseries.owasp.org/cheatsheets/WebSocket_Security_Cheat_Sheet.html',
    ],
  },
  {
    reference: 'P2-006',
    title: 'CORS allows any origin with credentials',
    severity: 'high',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N',
    cweId: 942,
    owaspTop10: 'A05',
    owaspApiTop10: 'API8',
    practice: 'headers',
    isBlocker: false,
    isQuickWin: false,
    affected: ['main.py (CORSMiddleware)'],
    description:
      'The CORS middleware reflects any `Origin` and sets `Access-Control-Allow-Credentials: true`.',
    impact:
      "Any website a signed-in user visits can call the API with the user's cookies and read the answers.",
    exploitScenario:
      'A phishing page fetches `/api/portfolio` with `credentials: "include"` and sends the answer to its own server.',
    remediation: `Allow only the known front-end origins, from configuration:

${fence}python
app.add_middleware(
    CORSMiddleware,
    allow_origins=settings.allowed_origins,  # e.g. from ALLOWED_ORIGINS
    allow_credentials=True,
    allow_methods=["GET", "POST"],
)
${fence}`,
    references: ['https://cwe.mitre.org/data/definitions/942.html'],
  },
  {
    reference: 'P2-007',
    title: 'API key permissions are not enforced',
    severity: 'high',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:N',
    cweId: 863,
    owaspTop10: 'A01',
    owaspApiTop10: 'API5',
    practice: 'authorization',
    isBlocker: false,
    isQuickWin: false,
    affected: [
      'auth/api_keys.py',
      'POST /api/orders',
      'DELETE /api/models/{id}',
    ],
    description:
      'API keys carry a `permissions` field (`read`, `trade`, `admin`) but no endpoint checks it: a read-only key can place orders and delete models.',
    impact:
      'A leaked dashboard key, meant for read-only charts, is enough to trade and to destroy models.',
    exploitScenario:
      'A read-only key embedded in a public dashboard is used to `POST /api/orders`.',
    remediation: `Check the permission in one dependency per endpoint:

${fence}python
def require_permission(permission: str):
    def check(key: ApiKey = Depends(api_key_auth)):
        if permission not in key.permissions:
            raise HTTPException(status_code=403, detail="insufficient permission")
        return key
    return check

@app.post("/api/orders", dependencies=[Depends(require_permission("trade"))])
${fence}`,
    references: ['https://cwe.mitre.org/data/definitions/863.html'],
  },
  {
    reference: 'P2-008',
    title: 'Database connections are not encrypted',
    severity: 'high',
    cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:N',
    cweId: 319,
    owaspTop10: 'A02',
    owaspApiTop10: 'API8',
    practice: 'transport_security',
    isBlocker: false,
    isQuickWin: false,
    affected: ['config/database.py', 'PostgreSQL connection string'],
    description:
      'The application connects to PostgreSQL without TLS (`sslmode` unset), across a network shared with other services.',
    impact:
      'Credentials and trading data can be read or altered by anyone able to observe that network segment.',
    exploitScenario:
      'A compromised container on the same network captures the PostgreSQL handshake and query results.',
    remediation: `Require TLS and verify the server certificate:

${fence}python
engine = create_engine(
    os.environ["DATABASE_URL"],
    connect_args={"sslmode": "verify-full", "sslrootcert": os.environ["DB_CA_BUNDLE"]},
)
${fence}

Set \`ssl = on\` and \`hostssl\` rules on the server so plain connections are refused.`,
    references: ['https://cwe.mitre.org/data/definitions/319.html'],
  },
  {
    reference: 'P2-009',
    title: 'No security event logging',
    severity: 'high',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:H/A:N',
    cweId: 778,
    owaspTop10: 'A09',
    owaspApiTop10: 'API8',
    practice: 'logging',
    isBlocker: false,
    isQuickWin: false,
    affected: ['all authentication and order endpoints'],
    description:
      'Logins, failed logins, permission denials, API key use and order placement are not logged in a form that can be searched or alerted on.',
    impact:
      'Attacks, including those that use the other findings, go unnoticed and cannot be reconstructed afterwards.',
    exploitScenario:
      'A credential-stuffing run succeeds against several accounts; nobody can tell which accounts or when.',
    remediation: `Emit one structured line per security event, without secrets:

${fence}python
security_log.info("login_failed", extra={"user": email, "ip": client_ip, "request_id": request_id})
${fence}

Ship the logs off the host and alert on bursts of failures.`,
    references: ['https://cwe.mitre.org/data/definitions/778.html'],
  },
  {
    reference: 'P2-010',
    title: 'Portfolio and strategy objects readable by any user',
    severity: 'high',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:L/A:N',
    cweId: 639,
    owaspTop10: 'A01',
    owaspApiTop10: 'API1',
    practice: 'authorization',
    isBlocker: false,
    isQuickWin: false,
    affected: ['GET /api/portfolios/{id}', 'PUT /api/strategies/{id}'],
    description:
      'Objects are fetched by id without checking that they belong to the caller.',
    impact:
      "Any signed-in user can read every other user's positions and edit their strategies.",
    exploitScenario:
      'A user iterates `/api/portfolios/1..5000` and downloads every portfolio.',
    remediation: `Scope every lookup to the caller:

${fence}python
portfolio = session.scalar(
    select(Portfolio).where(Portfolio.id == portfolio_id, Portfolio.owner_id == user.id)
)
if portfolio is None:
    raise HTTPException(status_code=404)
${fence}`,
    references: ['https://cwe.mitre.org/data/definitions/639.html'],
  },
  {
    reference: 'P2-011',
    title: 'Access tokens never expire and survive logout',
    severity: 'high',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:N',
    cweId: 613,
    owaspTop10: 'A07',
    owaspApiTop10: 'API2',
    practice: 'authentication',
    isBlocker: false,
    isQuickWin: false,
    affected: ['auth/tokens.py', 'POST /api/auth/logout'],
    description:
      'Issued JWTs have no `exp` claim and logout does not revoke them.',
    impact: 'A token stolen once works forever.',
    exploitScenario:
      "A token copied from a shared laptop's browser storage still works months later.",
    remediation: `Issue short-lived access tokens with refresh rotation, and keep a deny-list for logout:

${fence}python
claims = {"sub": str(user.id), "exp": now + timedelta(minutes=15), "jti": uuid4().hex}
${fence}`,
    references: ['https://cwe.mitre.org/data/definitions/613.html'],
  },
  {
    reference: 'P2-012',
    title: 'Missing security headers',
    severity: 'medium',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N',
    cweId: 693,
    owaspTop10: 'A05',
    owaspApiTop10: 'API8',
    practice: 'headers',
    isBlocker: false,
    isQuickWin: true,
    affected: ['all HTTP responses', 'docs UI at /docs'],
    description:
      'Responses carry no `Content-Security-Policy`, `Strict-Transport-Security`, `X-Content-Type-Options` or `Referrer-Policy`, and the interactive docs page can be framed.',
    impact:
      'Cross-site scripting and clickjacking against the docs UI and the visualization pages are easier to exploit.',
    exploitScenario:
      'The docs UI is framed by a hostile page that tricks an operator into executing a request.',
    remediation: `Add the headers in one middleware:

${fence}python
@app.middleware("http")
async def security_headers(request, call_next):
    response = await call_next(request)
    response.headers["Content-Security-Policy"] = "default-src 'self'; frame-ancestors 'none'"
    response.headers["X-Content-Type-Options"] = "nosniff"
    response.headers["Referrer-Policy"] = "strict-origin-when-cross-origin"
    response.headers["Strict-Transport-Security"] = "max-age=31536000; includeSubDomains"
    return response
${fence}`,
    references: [
      'https://cwe.mitre.org/data/definitions/693.html',
      'https://owasp.org/www-project-secure-headers/',
    ],
  },
  {
    reference: 'P2-013',
    title: 'Error responses expose stack traces and SQL',
    severity: 'medium',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N',
    cweId: 209,
    owaspTop10: 'A05',
    owaspApiTop10: 'API8',
    practice: 'api_design',
    isBlocker: false,
    isQuickWin: true,
    affected: ['global exception handler', 'DEBUG setting'],
    description:
      'Debug mode is on in the deployed configuration: unhandled errors return the Python traceback, including SQL text and file paths.',
    impact:
      'Internal structure, table names and library versions help an attacker build the injection in P2-002.',
    exploitScenario:
      'Sending `symbol=%27` returns the failing SQL statement in the error body.',
    remediation: `Turn debug off outside development and answer errors generically:

${fence}python
@app.exception_handler(Exception)
async def unhandled(request, exc):
    logger.exception("unhandled error", extra={"request_id": request.state.request_id})
    return JSONResponse({"error": "internal_error"}, status_code=500)
${fence}`,
    references: ['https://cwe.mitre.org/data/definitions/209.html'],
  },
  {
    reference: 'P2-014',
    title: 'Unbounded prediction request payloads',
    severity: 'medium',
    cvssVector: 'CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:N/I:N/A:H',
    cweId: 20,
    owaspTop10: 'A04',
    owaspApiTop10: 'API4',
    practice: 'input_handling',
    isBlocker: false,
    isQuickWin: false,
    affected: ['POST /api/predict', 'POST /api/backtest'],
    description:
      'Request models accept arrays and date ranges of any size; one request can ask for ten years of minute bars for hundreds of symbols.',
    impact:
      'A single signed-in user can exhaust memory on the inference workers.',
    exploitScenario:
      'A request with 500 symbols and a 10-year range takes a worker down for minutes.',
    remediation: `Bound every input in the schema:

${fence}python
class PredictIn(BaseModel):
    symbols: conlist(constr(pattern=r"^[A-Z.]{1,10}$"), min_length=1, max_length=20)
    days: conint(ge=1, le=365)
${fence}`,
    references: ['https://cwe.mitre.org/data/definitions/20.html'],
  },
  {
    reference: 'P2-015',
    title: 'Weak password policy and no account lockout',
    severity: 'medium',
    cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:N/A:N',
    cweId: 521,
    owaspTop10: 'A07',
    owaspApiTop10: 'API2',
    practice: 'authentication',
    isBlocker: false,
    isQuickWin: false,
    affected: ['POST /api/auth/register', 'POST /api/auth/password'],
    description:
      'Passwords of four characters are accepted, common passwords are not refused, and repeated failures never slow down.',
    impact: 'Accounts fall to guessing, which P2-003 makes fast.',
    exploitScenario:
      'A list of the 1,000 most common passwords opens several accounts.',
    remediation:
      'Require at least 8 characters, refuse known-breached and common passwords, and throttle failures per account and per address.',
    references: ['https://cwe.mitre.org/data/definitions/521.html'],
  },
  {
    reference: 'P2-016',
    title: 'API keys and tokens written to application logs',
    severity: 'medium',
    cvssVector: 'CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:N/A:N',
    cweId: 532,
    owaspTop10: 'A09',
    owaspApiTop10: 'API8',
    practice: 'logging',
    isBlocker: false,
    isQuickWin: false,
    affected: ['request logging middleware'],
    description:
      'The request logger writes full headers, including `Authorization` and `X-API-Key`, to the application log.',
    impact:
      'Anyone with log access, including the log vendor, can use live keys.',
    exploitScenario: 'A support engineer searching logs copies a trading key.',
    remediation: `Redact sensitive headers before logging:

${fence}python
REDACTED = {"authorization", "x-api-key", "cookie"}
headers = {k: ("[redacted]" if k.lower() in REDACTED else v) for k, v in request.headers.items()}
${fence}`,
    references: ['https://cwe.mitre.org/data/definitions/532.html'],
  },
  {
    reference: 'P2-017',
    title: 'Internal Redis cache reachable without authentication',
    severity: 'medium',
    cvssVector: 'CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:L',
    cweId: 306,
    owaspTop10: 'A05',
    owaspApiTop10: 'API8',
    practice: 'transport_security',
    isBlocker: false,
    isQuickWin: false,
    affected: ['redis://cache:6379', 'docker-compose.yml'],
    description:
      'The Redis instance that caches model outputs and sessions has no password and listens on every interface of the shared network.',
    impact:
      'Neighbouring services can read cached sessions and poison cached predictions.',
    exploitScenario:
      'From another container, `redis-cli -h cache KEYS "session:*"` lists live sessions.',
    remediation:
      'Enable Redis ACLs with a password from the secrets manager, bind to the application network only, and enable TLS.',
    references: ['https://cwe.mitre.org/data/definitions/306.html'],
  },
  {
    reference: 'P2-018',
    title: 'No API versioning',
    severity: 'low',
    cvssVector: 'CVSS:3.1/AV:P/AC:L/PR:L/UI:N/S:U/C:L/I:N/A:N',
    cweId: 1059,
    owaspTop10: 'A04',
    owaspApiTop10: 'API9',
    practice: 'api_design',
    isBlocker: false,
    isQuickWin: false,
    affected: ['all /api routes'],
    description:
      'Routes carry no version, so security fixes that change a contract break clients, and old behaviour cannot be retired on a schedule.',
    impact: 'Fixes are delayed for compatibility; deprecated endpoints linger.',
    exploitScenario:
      'A fix to the orders schema is postponed because mobile clients would break.',
    remediation:
      'Serve the API under `/api/v1/`, document it in OpenAPI, and announce deprecations with a `Sunset` header.',
    references: [
      'https://owasp.org/API-Security/editions/2023/en/0xa9-improper-inventory-management/',
    ],
  },
  {
    reference: 'P2-019',
    title: 'Server version banners disclosed',
    severity: 'low',
    cvssVector: 'CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:N/A:N',
    cweId: 200,
    owaspTop10: 'A05',
    owaspApiTop10: 'API8',
    practice: 'headers',
    isBlocker: false,
    isQuickWin: true,
    affected: ['Server header', 'X-Powered-By header'],
    description:
      'Responses name the web server and framework with exact versions.',
    impact:
      'Attackers can match versions to known vulnerabilities without probing.',
    exploitScenario:
      'A scanner reads `Server: uvicorn` and the framework version and picks exploits.',
    remediation:
      'Drop the `Server` and `X-Powered-By` headers at the proxy (`server_tokens off;`) and in the app server (`--no-server-header`).',
    references: ['https://cwe.mitre.org/data/definitions/200.html'],
  },
]
