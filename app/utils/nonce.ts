import { createContext, useContext } from 'react'

/** The per-request CSP nonce, for components that render script tags. */
export const NonceContext = createContext<string | undefined>(undefined)

export function useNonce(): string | undefined {
  return useContext(NonceContext)
}
