import { execFileSync, spawn, type ChildProcess } from 'node:child_process'
import path from 'node:path'

/**
 * A private mount namespace holding a tiny tmpfs, kept alive by a sleeping
 * process. Commands run inside it through nsenter, so the test can start
 * the server on the small disk, fill it, make it read-only and inspect the
 * file afterwards, without touching the machine's own mounts.
 */
export interface TinyDisk {
  folder: string
  run: (command: string[]) => string
  wrap: string[]
  close: () => void
}

const root = path.resolve(import.meta.dirname, '../..')

export function canMountPrivately(): boolean {
  try {
    execFileSync(
      'unshare',
      ['-m', 'sh', '-c', 'mount -t tmpfs -o size=1m tmpfs /mnt'],
      {
        stdio: 'ignore',
      },
    )
    return true
  } catch {
    return false
  }
}

export async function openTinyDisk(
  folder: string,
  megabytes: number,
): Promise<TinyDisk> {
  const holder: ChildProcess = spawn(
    'unshare',
    [
      '-m',
      '--propagation',
      'private',
      'sh',
      '-c',
      `mount -t tmpfs -o size=${megabytes}m tmpfs "${folder}" && echo mounted && exec sleep 900`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  )
  await new Promise<void>((resolve, reject) => {
    holder.stdout?.once('data', () => resolve())
    holder.once('exit', (code) =>
      reject(new Error(`unshare exited with ${code}`)),
    )
  })
  const wrap = ['nsenter', '-t', String(holder.pid), '-m', `--wd=${root}`, '--']
  return {
    folder,
    wrap,
    run: (command) =>
      execFileSync(wrap[0] ?? 'nsenter', [...wrap.slice(1), ...command], {
        cwd: root,
        encoding: 'utf8',
        env: process.env,
      }),
    close: () => {
      holder.kill('SIGKILL')
    },
  }
}

/** Fills the disk to the last byte; returns how many bytes it wrote. */
export function fillDisk(disk: TinyDisk): void {
  try {
    disk.run(['dd', 'if=/dev/zero', `of=${disk.folder}/filler`, 'bs=4k'])
  } catch {
    // dd stops with "No space left on device": exactly what is wanted.
  }
}
