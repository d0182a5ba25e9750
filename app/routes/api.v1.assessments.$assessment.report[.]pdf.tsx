import { apiReportLoader } from '~/reports/api-export.server'

export const loader = apiReportLoader('pdf')
