import { describe, expect, it } from 'vitest'
import {
  isPhaseOverdue,
  isTaskOverdue,
  phaseDates,
  shiftedPhaseEnds,
  taskDueOn,
  taskProgress,
} from '~/domain/plan'

const now = new Date('2026-12-10T12:00:00Z')
const week1 = { startOffsetDays: 0, endOffsetDays: 6, isOngoing: false }
const ongoing = { startOffsetDays: 0, endOffsetDays: null, isOngoing: true }

describe('Phase dates', () => {
  it('are derived from the remediation start and the offsets, end inclusive', () => {
    expect(phaseDates('2026-12-07', week1)).toEqual({
      startOn: '2026-12-07',
      endOn: '2026-12-13',
    })
    expect(
      phaseDates('2026-12-28', {
        startOffsetDays: 7,
        endOffsetDays: 20,
        isOngoing: false,
      }),
    ).toEqual({ startOn: '2027-01-04', endOn: '2027-01-17' })
  })

  it('give an ongoing phase no end', () => {
    expect(phaseDates('2026-12-07', ongoing).endOn).toBeNull()
  })

  it('make a task due at its phase end unless it has its own day', () => {
    const dates = phaseDates('2026-12-07', week1)
    expect(taskDueOn({ dueOn: null, isOngoing: false }, dates)).toBe(
      '2026-12-13',
    )
    expect(taskDueOn({ dueOn: '2026-12-09', isOngoing: false }, dates)).toBe(
      '2026-12-09',
    )
    expect(taskDueOn({ dueOn: null, isOngoing: true }, dates)).toBeNull()
  })
})

describe('Task progress follows the findings', () => {
  const open = { status: 'open' as const, riskAcceptedUntil: null }
  const verified = { status: 'verified' as const, riskAcceptedUntil: null }
  const expiredAcceptance = {
    status: 'risk_accepted' as const,
    riskAcceptedUntil: '2026-12-01T00:00:00Z',
  }

  it('is complete when every linked finding is closed, whatever the task says', () => {
    expect(taskProgress({ status: 'todo' }, [verified, verified], now)).toBe(
      'complete_by_findings',
    )
    expect(taskProgress({ status: 'done' }, [verified], now)).toBe('done')
  })

  it('flags a task marked done while a linked finding is open', () => {
    expect(taskProgress({ status: 'done' }, [verified, open], now)).toBe(
      'done_but_open',
    )
    expect(taskProgress({ status: 'done' }, [expiredAcceptance], now)).toBe(
      'done_but_open',
    )
  })

  it('keeps its own status while findings are open or when it has none', () => {
    expect(taskProgress({ status: 'doing' }, [open], now)).toBe('doing')
    expect(taskProgress({ status: 'todo' }, [], now)).toBe('todo')
    expect(taskProgress({ status: 'done' }, [], now)).toBe('done')
  })
})

describe('Overdue', () => {
  it('marks a task past its due day unless complete or ongoing', () => {
    const task = { isOngoing: false, dueOn: '2026-12-09' }
    expect(isTaskOverdue(task, 'todo', '2026-12-10')).toBe(true)
    expect(isTaskOverdue(task, 'done_but_open', '2026-12-10')).toBe(true)
    expect(isTaskOverdue(task, 'todo', '2026-12-09')).toBe(false)
    expect(isTaskOverdue(task, 'complete_by_findings', '2026-12-10')).toBe(
      false,
    )
    expect(
      isTaskOverdue({ isOngoing: true, dueOn: null }, 'todo', '2030-01-01'),
    ).toBe(false)
  })

  it('marks a phase once its end has passed with an overdue task, never an ongoing one', () => {
    const dates = { startOn: '2026-12-07', endOn: '2026-12-13' }
    expect(
      isPhaseOverdue(
        { ...dates, isOngoing: false },
        [false, true],
        '2026-12-14',
      ),
    ).toBe(true)
    expect(
      isPhaseOverdue({ ...dates, isOngoing: false }, [false], '2026-12-14'),
    ).toBe(false)
    expect(
      isPhaseOverdue(
        { startOn: '2026-12-07', endOn: null, isOngoing: true },
        [true],
        '2030-01-01',
      ),
    ).toBe(false)
  })
})

describe('Rescheduling', () => {
  it('maps each phase end to the moved one, skipping ongoing phases', () => {
    const ends = shiftedPhaseEnds('2026-12-07', '2026-12-14', [
      { startOffsetDays: 0, endOffsetDays: 0, isOngoing: false },
      week1,
      ongoing,
    ])
    expect([...ends.entries()]).toEqual([
      ['2026-12-07', '2026-12-14'],
      ['2026-12-13', '2026-12-20'],
    ])
  })
})
