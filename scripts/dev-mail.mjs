// Development only: when nothing listens on SMTP_URL's port, `npm start` runs this catcher so mail
// (verification links, notices) can be read without a mail server: each message is saved as an
// .eml file under tmp/mail/ and only its file name is printed (never its recipients or body).
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export function startDevMailCatcher({ host, port, dir = 'tmp/mail' }) {
  mkdirSync(dir, { recursive: true });
  let seq = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    logger: false,
    onData(stream, _session, callback) {
      const chunks = [];
      stream.on('data', (c) => chunks.push(c));
      stream.on('end', () => {
        const file = join(dir, `${new Date().toISOString().replace(/[:.]/g, '-')}-${++seq}.eml`);
        writeFileSync(file, Buffer.concat(chunks));
        console.log(`[dev-mail] saved ${file}`);
        callback();
      });
    },
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => resolve(server));
  });
}
