// nginx started for the benchmark and the proxy test: the reverse-proxy configuration in nginx.conf filled in for an
// app (a site fills in the same placeholders by hand, see README), or any other configuration.
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
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

/** nginx.conf with the app at `upstream` (host:port), nginx's cache and pid files in `prefix`, listening on `listen`. */
export function proxyConfig(upstream: string, prefix: string, listen: string): string {
  return fs.readFileSync(path.join(projectRoot, 'src', 'deploy', 'nginx.conf'), 'utf8')
    .replaceAll('{{PREFIX}}', prefix)
    .replaceAll('{{UPSTREAM}}', upstream)
    .replaceAll('{{LISTEN}}', listen)
    .replaceAll('{{SERVER_NAME}}', 'localhost');
}

/**
 * Writes the configuration made by `config` for a free local port into `prefix` (nginx's working directory), checks
 * it with `nginx -t` (which throws with nginx's message), starts nginx with it and resolves once it answers.
 */
export async function startNginx(prefix: string, config: (listen: string) => string): Promise<{ child: ChildProcess; url: string }> {
  const port = await freePort();
  fs.chmodSync(prefix, 0o777); // nginx's workers run as an unprivileged user
  const file = path.join(prefix, 'nginx.conf');
  fs.writeFileSync(file, config(`127.0.0.1:${port}`));
  execFileSync(NGINX, ['-t', '-q', '-c', file, '-p', prefix], { stdio: 'pipe' });
  const child = spawn(NGINX, ['-c', file, '-p', prefix, '-g', 'daemon off;'], { stdio: 'ignore' });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; ; i++) {
    try {
      await fetch(url);
      return { child, url };
    } catch (err) {
      if (i > 100) throw err;
      await new Promise((resolve) => setTimeout(resolve, 50)); // nginx is starting
    }
  }
}
