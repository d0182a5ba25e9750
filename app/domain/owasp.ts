/** OWASP Top 10 (2021) and OWASP API Security Top 10 (2023) categories. */
export const OWASP_TOP10_2021: Record<string, string> = {
  A01: 'Broken Access Control',
  A02: 'Cryptographic Failures',
  A03: 'Injection',
  A04: 'Insecure Design',
  A05: 'Security Misconfiguration',
  A06: 'Vulnerable and Outdated Components',
  A07: 'Identification and Authentication Failures',
  A08: 'Software and Data Integrity Failures',
  A09: 'Security Logging and Monitoring Failures',
  A10: 'Server-Side Request Forgery',
}

export const OWASP_API_TOP10_2023: Record<string, string> = {
  API1: 'Broken Object Level Authorization',
  API2: 'Broken Authentication',
  API3: 'Broken Object Property Level Authorization',
  API4: 'Unrestricted Resource Consumption',
  API5: 'Broken Function Level Authorization',
  API6: 'Unrestricted Access to Sensitive Business Flows',
  API7: 'Server Side Request Forgery',
  API8: 'Security Misconfiguration',
  API9: 'Improper Inventory Management',
  API10: 'Unsafe Consumption of APIs',
}

export function owaspTop10Label(code: string | null): string {
  if (!code) return '—'
  const name = OWASP_TOP10_2021[code]
  return name ? `${code}:2021 ${name}` : code
}

export function owaspApiTop10Label(code: string | null): string {
  if (!code) return '—'
  const name = OWASP_API_TOP10_2023[code]
  return name ? `${code}:2023 ${name}` : code
}

/** The best-practice areas of the audit's security scorecard. */
export const PRACTICES: Record<string, string> = {
  secrets_management: 'Secrets management',
  authentication: 'Authentication',
  authorization: 'Authorization',
  input_handling: 'Input handling',
  transport_security: 'Transport security',
  rate_limiting: 'Rate limiting',
  logging: 'Logging and monitoring',
  headers: 'Security headers and CORS',
  api_design: 'API design',
}
