import type { Random } from '../random'
import type { Insert } from './bulk'

export const BENCH_ADMIN_EMAIL = 'bench-admin@bench.invalid'

export interface People {
  benchAdminId: number
  adminIds: number[]
  securityIds: number[]
  engineerIds: number[]
  viewerIds: number[]
  names: Map<number, string>
}

const FIRST = [
  'Ada',
  'Ben',
  'Chloé',
  'Dara',
  'Emil',
  'Farah',
  'Gus',
  'Hana',
  'Ivo',
  'Jun',
  'Kemal',
  'Lena',
  'Milo',
  'Nora',
  'Omar',
  'Pia',
  'Rui',
  'Sana',
  'Tom',
  'Uma',
  'Vik',
  'Wen',
  'Yara',
  'Zoe',
] as const
const LAST = [
  'Adams',
  'Berg',
  'Costa',
  'Diaz',
  'Eriksen',
  'Fischer',
  'Garcia',
  'Haddad',
  'Ito',
  'Jansen',
  'Kowalski',
  'Laurent',
  'Moreau',
  'Nakamura',
  'Okafor',
  'Petrov',
  'Quinn',
  'Rossi',
  'Silva',
  'Tanaka',
] as const

/**
 * A few hundred users: the bench admin the benchmark signs in as (it has no
 * password: only a session or token created at run time can act as it),
 * some admins and security people, and many engineers and viewers.
 */
export function generatePeople(
  random: Random,
  insert: Insert,
  createdAt: string,
  engineers: number,
): People {
  const people: People = {
    benchAdminId: 1,
    adminIds: [],
    securityIds: [],
    engineerIds: [],
    viewerIds: [],
    names: new Map(),
  }
  let id = 0
  const add = (role: string, name: string, email: string) => {
    id += 1
    insert('users', {
      id,
      email,
      name,
      role,
      created_at: createdAt,
      updated_at: createdAt,
    })
    people.names.set(id, name)
    return id
  }
  add('admin', 'Bench Admin', BENCH_ADMIN_EMAIL)
  const groups: [string, number, number[]][] = [
    ['admin', 4, people.adminIds],
    ['security', 20, people.securityIds],
    ['engineer', engineers, people.engineerIds],
    ['viewer', 30, people.viewerIds],
  ]
  for (const [role, count, ids] of groups)
    for (let index = 0; index < count; index += 1) {
      const name = `${random.pick(FIRST)} ${random.pick(LAST)}`
      ids.push(add(role, name, `${role}${index + 1}@bench.invalid`))
    }
  return people
}
