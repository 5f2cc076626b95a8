// The reverse-proxy configuration in nginx.conf, filled in and started in front of an app; used by the benchmark and
// the proxy test (a site fills in the same placeholders by hand, see README).
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { projectRoot } from '../config.js';

/** /usr/sbin is not on every user's PATH. */
export const NGINX = fs.existsSync('/usr/sbin/nginx') ? '/usr/sbin/nginx' : 'nginx';

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Writes nginx.conf into `prefix` (nginx's cache and pid directory) with the app at `upstream` (host:port), starts
 * nginx on a free local port and resolves once it answers.
 */
export async function startNginx(upstream: string, prefix: string): Promise<{ child: ChildProcess; url: string; file: string }> {
  const port = await freePort();
  const config = fs.readFileSync(path.join(projectRoot, 'src', 'deploy', 'nginx.conf'), 'utf8')
    .replaceAll('{{PREFIX}}', prefix)
    .replaceAll('{{UPSTREAM}}', upstream)
    .replaceAll('{{LISTEN}}', `127.0.0.1:${port}`)
    .replaceAll('{{SERVER_NAME}}', 'localhost');
  fs.chmodSync(prefix, 0o777); // nginx's workers run as an unprivileged user
  const file = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(file, config);
  const child = spawn(NGINX, ['-c', file, '-p', prefix, '-g', 'daemon off;'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(`${url}/healthz`);
      return { child, url, file };
    } catch (err) {
      if (i > 100) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50)); // nginx is starting
    }
  }
}
