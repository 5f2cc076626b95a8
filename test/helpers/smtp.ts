// A small SMTP server on 127.0.0.1 for tests: it speaks enough of the protocol for nodemailer, keeps every message
// it accepts, and can refuse the first few with a temporary error to test retries.
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import type { TestContext } from 'node:test';

export type Received = { from: string; to: string[]; data: string };

export async function startSmtpServer(t: TestContext, options: { refuseFirst?: number } = {}) {
  const received: Received[] = [];
  let refusals = options.refuseFirst ?? 0;
  const server = net.createServer((socket) => {
    let buffer = '';
    let inData = false;
    let mail: Received = { from: '', to: [], data: '' };
    const reply = (line: string) => socket.write(`${line}\r\n`);
    reply('220 test.local ESMTP');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('utf8');
      for (let end = buffer.indexOf('\r\n'); end !== -1; end = buffer.indexOf('\r\n')) {
        const line = buffer.slice(0, end);
        buffer = buffer.slice(end + 2);
        if (inData) {
          if (line === '.') {
            inData = false;
            received.push(mail);
            reply('250 2.0.0 queued');
          } else mail.data += `${line.startsWith('..') ? line.slice(1) : line}\n`;
          continue;
        }
        const command = line.slice(0, 4).toUpperCase();
        if (command === 'EHLO') socket.write('250-test.local\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n');
        else if (command === 'HELO') reply('250 test.local');
        else if (command === 'MAIL') {
          if (refusals > 0) {
            refusals--;
            reply('451 4.3.0 try again later');
          } else {
            mail = { from: line.slice(10).trim(), to: [], data: '' };
            reply('250 2.1.0 ok');
          }
        } else if (command === 'RCPT') (mail.to.push(line.slice(8).trim()), reply('250 2.1.5 ok'));
        else if (command === 'DATA') (inData = true, reply('354 go ahead'));
        else if (command === 'RSET' || command === 'NOOP') reply('250 ok');
        else if (command === 'QUIT') (reply('221 bye'), socket.end());
        else reply('502 5.5.2 not implemented');
      }
    });
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  t.after(() => new Promise((resolve) => server.close(resolve)));
  return { port: (server.address() as AddressInfo).port, received };
}
