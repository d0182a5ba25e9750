/** The name of the hidden field that carries a form's CSRF token. */
export const CSRF_FIELD = 'csrf'
