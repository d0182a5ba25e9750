import { describe, expect, it } from 'vitest'
import { can, PERMISSIONS, type Permission } from '~/domain/permissions'

describe('Permissions are data', () => {
  it.each([
    ['engineer', 'verify:finding', false],
    ['engineer', 'accept:risk', false],
    ['engineer', 'change:severity', false],
    ['engineer', 'manage:sign-off', false],
    ['engineer', 'fix:finding', true],
    ['viewer', 'edit:finding', false],
    ['viewer', 'comment:finding', false],
    ['viewer', 'sign:assessment', true],
    ['security', 'verify:finding', true],
    ['security', 'manage:users', false],
    ['admin', 'manage:users', true],
  ] as const)('%s may %s: %s', (role, permission, allowed) => {
    expect(can({ role }, permission)).toBe(allowed)
  })

  it('gives a viewer no change but their own signature and their own tokens', () => {
    const viewerPermissions = (Object.keys(PERMISSIONS) as Permission[]).filter(
      (permission) => can({ role: 'viewer' }, permission),
    )
    expect(
      viewerPermissions.filter((permission) => !permission.startsWith('read:')),
    ).toEqual(['sign:assessment', 'export:report', 'manage:own-tokens'])
  })

  it('refuses everything to nobody', () => {
    expect(can(null, 'read:assessment')).toBe(false)
  })
})
