import type { AppLoadContext } from '@remix-run/node'
import type { SafeUser } from './user.server'

/** Who made a change, as the audit trail records it. */
export interface AuditActor {
  userId: number
  label: string
  ipAddress: string | null
  requestId: string | null
}

export function auditActor(
  user: Pick<SafeUser, 'id' | 'name' | 'email'>,
  context?: AppLoadContext,
): AuditActor {
  return {
    userId: user.id,
    label: `${user.name} <${user.email}>`,
    ipAddress: context?.clientIp ?? null,
    requestId: context?.requestId ?? null,
  }
}
