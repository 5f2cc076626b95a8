// The real server as a process of its own (src/main.ts through tsx, or `npm start`), for tests that signal it, kill
// it, restart it or run it with workers. Resolves once it says where it serves; ended after the test.
import { spawn, type ChildProcess } from 'node:child_process';
import type { TestContext } from 'node:test';
import { projectRoot } from '../../src/config.js';

export type ServerProcess = {
  child: ChildProcess;
  port: number;
  /** http://127.0.0.1:PORT, without a trailing slash. */
  url: string;
  /** Its exit code (null when a signal ended it). */
  exited: Promise<number | null>;
  /** Everything it printed so far. */
  output: () => string;
};

export async function startServer(t: TestContext, env: Record<string, string>, options: { npmStart?: boolean } = {}): Promise<ServerProcess> {
  const spawnOptions = { cwd: projectRoot, env: { ...process.env, PORT: '0', ...env } };
  // npm start runs in a process group of its own, so that npm, its shell and the server end together.
  const child = options.npmStart
    ? spawn('npm', ['start'], { ...spawnOptions, detached: true })
    : spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], spawnOptions);
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  t.after(() => {
    if (child.exitCode === null && child.signalCode === null) {
      if (options.npmStart) process.kill(-child.pid!, 'SIGTERM');
      else child.kill('SIGTERM');
    }
  });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      output += chunk;
      const match = /Serving .* on http:\/\/localhost:(\d+)\//.exec(output);
      if (match) resolve(Number(match[1]));
    });
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { child, port, url: `http://127.0.0.1:${port}`, exited, output: () => output };
}
