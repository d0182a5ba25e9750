import { data } from '@remix-run/node'
import { formValues } from '~/domain/plan-forms'

/** The part of an action's answer that every page form shares. */
export interface FormAnswer {
  ok: boolean
  message: string
  errors: Record<string, string>
  values: Record<string, string>
}

/** A positive integer id from a form field, or null. */
export function formId(form: FormData, field: string): number | null {
  const id = Number(form.get(field))
  return Number.isInteger(id) && id > 0 ? id : null
}

/**
 * An action's answer: the outcome, field errors, and on failure the
 * user's input, so the form can be shown again with nothing lost.
 */
export function answerForm<Answer extends FormAnswer>(
  fields: Omit<Answer, keyof FormAnswer>,
  form: FormData,
  status: number,
  message: string,
  errors: Record<string, string> = {},
) {
  return data<Answer>(
    {
      ...fields,
      ok: status < 400,
      message,
      errors,
      values: status < 400 ? {} : formValues(form),
    } as Answer,
    { status },
  )
}
