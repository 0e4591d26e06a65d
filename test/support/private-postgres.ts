import { execFile } from 'node:child_process';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const OWNER = 'postgres';

/** The newest PostgreSQL installed from the distribution's packages, if any. */
function binaries(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!fs.existsSync(root)) return undefined;
  const versions = fs.readdirSync(root).filter((name) => fs.existsSync(path.join(root, name, 'bin', 'pg_ctl'))).sort((a, b) => Number(b) - Number(a));
  return versions[0] === undefined ? undefined : path.join(root, versions[0], 'bin');
}

/** PostgreSQL will not run as root: as root, its commands run as the postgres user. */
const asRoot = process.getuid?.() === 0;

async function pg(bin: string, command: string, args: string[]): Promise<string> {
  const file = path.join(bin, command);
  const { stdout } = asRoot ? await run('runuser', ['-u', OWNER, '--', file, ...args]) : await run(file, args);
  return stdout;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
    server.on('error', reject);
  });
}

/** Why a private server cannot be started here, or undefined when it can. */
export async function privatePostgresUnavailable(): Promise<string | undefined> {
  if (binaries() === undefined) return 'no PostgreSQL server binaries under /usr/lib/postgresql';
  if (!asRoot) return undefined;
  try {
    await run('id', ['-u', OWNER]);
    return undefined;
  } catch {
    return `running as root, and there is no ${OWNER} user to run PostgreSQL as`;
  }
}

/**
 * A PostgreSQL server of the test's own, in a temporary folder on a port of its own, so a test may
 * stop it, kill it and start it again without touching any shared server.
 */
export class PrivatePostgres {
  private constructor(
    private readonly bin: string,
    private readonly folder: string,
    readonly port: number,
  ) {}

  get url(): string {
    return `postgres://postgres@127.0.0.1:${this.port}/postgres`;
  }

  private get data(): string {
    return path.join(this.folder, 'data');
  }

  static async create(): Promise<PrivatePostgres> {
    const bin = binaries();
    if (bin === undefined) throw new Error('no PostgreSQL server binaries');
    const folder = await fsp.mkdtemp(path.join(os.tmpdir(), 'callbase-pg-'));
    if (asRoot) {
      const [uid, gid] = await Promise.all([run('id', ['-u', OWNER]), run('id', ['-g', OWNER])]);
      await fsp.chown(folder, Number(uid.stdout), Number(gid.stdout));
    }
    const server = new PrivatePostgres(bin, folder, await freePort());
    await pg(bin, 'initdb', ['-D', server.data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--no-sync']);
    await server.start();
    return server;
  }

  async start(): Promise<void> {
    const options = `-p ${this.port} -k ${this.folder} -c listen_addresses=127.0.0.1`;
    await pg(this.bin, 'pg_ctl', ['-D', this.data, '-o', options, '-l', path.join(this.folder, 'server.log'), '-w', '-t', '60', 'start']);
  }

  /** A clean stop: sessions are cut, the server goes away, data is kept. */
  async stop(): Promise<void> {
    await pg(this.bin, 'pg_ctl', ['-D', this.data, '-m', 'fast', '-w', 'stop']);
  }

  /** As if the machine lost power to PostgreSQL: SIGKILL to the postmaster and every one of its processes. */
  async kill(): Promise<void> {
    const postmaster = Number((await fsp.readFile(path.join(this.data, 'postmaster.pid'), 'utf8')).split('\n')[0]);
    const children = fs
      .readdirSync('/proc')
      .filter((entry) => /^\d+$/.test(entry))
      .filter((pid) => {
        try {
          return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ')[1] === String(postmaster);
        } catch {
          return false;
        }
      });
    for (const pid of [postmaster, ...children.map(Number)]) {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
    }
    while (fs.existsSync(`/proc/${postmaster}`)) await new Promise((resolve) => setTimeout(resolve, 20));
  }

  async destroy(): Promise<void> {
    await pg(this.bin, 'pg_ctl', ['-D', this.data, '-m', 'immediate', '-w', 'stop']).catch(() => undefined);
    await fsp.rm(this.folder, { recursive: true, force: true });
  }
}
