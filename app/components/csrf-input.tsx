import { useRootData } from '~/root'
import { CSRF_FIELD } from '~/utils/forms'

/** The hidden CSRF field every state-changing form carries. */
export function CsrfInput() {
  const data = useRootData()
  return <input type="hidden" name={CSRF_FIELD} value={data?.csrf ?? ''} />
}
