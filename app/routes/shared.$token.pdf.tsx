import type { LoaderFunctionArgs } from '@remix-run/node'
import { openShareLink } from '~/models/report-share.server'
import { exportReport } from '~/models/report-export.server'
import { downloadResponse } from '~/reports/download.server'
import { fail } from '~/utils/http.server'
import { logSecurityEvent } from '~/utils/logger.server'
import { getDb } from '#db/client.server'

/** GET /shared/:token/pdf: the PDF through an auditor link. */
export async function loader({ params, context }: LoaderFunctionArgs) {
  const db = getDb()
  const link = openShareLink(db, params.token ?? '', {
    what: 'pdf',
    ipAddress: context.clientIp,
    requestId: context.requestId,
  })
  logSecurityEvent(
    'share_link_used',
    link ? 'success' : 'denied',
    {
      requestId: context.requestId,
      clientIp: context.clientIp,
      route: '/shared',
    },
    { linkId: link?.id ?? null, what: 'pdf' },
  )
  if (!link) fail(404, 'This link does not exist, has expired or was revoked.')

  const file = await exportReport(db, link.assessmentId, 'pdf', {
    userId: null,
    label: `share link ${link.id}`,
    ipAddress: context.clientIp,
    requestId: context.requestId,
    via: 'shared_link',
  })

  return downloadResponse(file)
}
