// What npm run bench and npm run soak share: building the app as npm start does, starting it (or a baseline) as a
// process and waiting until it listens, its memory, and stopping it.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import { projectRoot } from '../config.js';

/** Builds dist/ as `npm start` does; exits the process when the build fails. */
export function build() {
  if (spawnSync('npm', ['run', '-s', 'build'], { cwd: projectRoot, stdio: 'inherit' }).status !== 0) process.exit(1);
}

/**
 * Starts `node ARGS` and resolves once it says where it listens, with the time that took. Until then its output is
 * kept (to explain a failed start); afterwards each chunk goes to `watch`, if given, and is dropped.
 */
export function start(args: string[], env: Record<string, string>, watch?: (chunk: string) => void): Promise<{ child: ChildProcess; port: number; ms: number }> {
  const started = performance.now();
  const child = spawn(process.execPath, args, { cwd: projectRoot, env: { ...process.env, ...env } });
  return new Promise((resolve, reject) => {
    let out = '';
    let listening = false;
    child.stdout!.on('data', (chunk: Buffer) => {
      watch?.(chunk.toString());
      if (listening) return;
      out += chunk;
      const match = /listening (\d+)|on http:\/\/localhost:(\d+)\//.exec(out);
      if (match) {
        listening = true;
        resolve({ child, port: Number(match[1] ?? match[2]), ms: performance.now() - started });
      }
    });
    child.stderr!.on('data', (chunk) => (out += chunk));
    child.on('exit', (code) => reject(new Error(`exited ${code}: ${out}`)));
  });
}

/** A memory figure (VmHWM: peak, VmRSS: now) of a process or its largest child (workers), in MB. */
export function memoryMb(pid: number, field: 'VmHWM' | 'VmRSS'): number {
  const pids = [pid, ...spawnSync('pgrep', ['-P', String(pid)], { encoding: 'utf8' }).stdout.split('\n').filter(Boolean).map(Number)];
  return Math.max(...pids.map((p) => {
    try {
      return Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(fs.readFileSync(`/proc/${p}/status`, 'utf8'))?.[1] ?? 0) / 1024;
    } catch {
      return 0; // the process ended
    }
  }));
}

export async function stop(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM') {
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
