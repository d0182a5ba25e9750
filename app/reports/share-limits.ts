/** The longest an auditor link may live, in days (shared by page and model). */
export const MAX_SHARE_DAYS = 90
