/**
 * CVSS qualitative ratings. Kept apart from the scoring code so pages that
 * only show a band do not ship the CVSS calculator to the browser.
 */
export type CvssRating = 'none' | 'low' | 'medium' | 'high' | 'critical'

/** The qualitative rating of a score, as in the CVSS 3.1 and 4.0 specs. */
export function ratingForScore(score: number): CvssRating {
  if (score === 0) return 'none'
  if (score < 4) return 'low'
  if (score < 7) return 'medium'
  if (score < 9) return 'high'
  return 'critical'
}
