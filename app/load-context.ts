/**
 * What the HTTP server hands every loader and action: the CSP nonce for
 * this response's scripts, an id to correlate log lines, and the client's
 * address (from the proxy only when TRUST_PROXY is set).
 */
export interface ClearanceLoadContext {
  cspNonce: string
  requestId: string
  clientIp: string
}

declare module '@remix-run/node' {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends ClearanceLoadContext {}
}
