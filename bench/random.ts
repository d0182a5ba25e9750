/**
 * A small seeded PRNG (mulberry32) so the same seed always produces the
 * same data set, whatever Node's Math.random does.
 */
export class Random {
  private state: number

  constructor(seed: number) {
    this.state = seed >>> 0
  }

  /** A float in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0
    let t = this.state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }

  /** An integer in [min, max], both included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1))
  }

  chance(probability: number): boolean {
    return this.next() < probability
  }

  pick<T>(items: readonly T[]): T {
    const item = items[Math.floor(this.next() * items.length)]
    if (item === undefined) throw new Error('pick() from an empty list')
    return item
  }

  /** One value from `[value, weight]` pairs, in proportion to the weights. */
  weighted<T>(entries: readonly (readonly [T, number])[]): T {
    const total = entries.reduce((sum, [, weight]) => sum + weight, 0)
    let roll = this.next() * total
    for (const [value, weight] of entries) {
      roll -= weight
      if (roll < 0) return value
    }
    const last = entries[entries.length - 1]
    if (!last) throw new Error('weighted() from an empty list')
    return last[0]
  }

  /** A standard normal deviate (Box-Muller). */
  normal(): number {
    const u = 1 - this.next()
    const v = this.next()
    return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v)
  }

  /** A Poisson-distributed count with the given mean (Knuth). */
  poisson(mean: number): number {
    const limit = Math.exp(-mean)
    let count = 0
    let product = this.next()
    while (product > limit) {
      count += 1
      product *= this.next()
    }
    return count
  }

  /** `count` distinct items (order random). */
  sample<T>(items: readonly T[], count: number): T[] {
    const copy = [...items]
    const result: T[] = []
    while (result.length < count && copy.length > 0) {
      const index = Math.floor(this.next() * copy.length)
      const [item] = copy.splice(index, 1)
      if (item !== undefined) result.push(item)
    }
    return result
  }
}
