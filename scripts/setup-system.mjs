// Dev and CI only: the Debian packages the tests start for real (the rendering sandbox, a Redis for the queue
// tests, a registry for the oci:// chart tests). Installed when missing and this is root with apt-get, as on
// a fresh machine of this project; otherwise it says what is missing and how to get it.
import { spawnSync } from 'node:child_process';
import { accessSync, constants } from 'node:fs';
import { delimiter, join } from 'node:path';

const NEEDED = [
  { pkg: 'bubblewrap', program: 'bwrap' },
  { pkg: 'redis-server', program: 'redis-server' },
  { pkg: 'docker-registry', program: 'docker-registry' },
];

function onPath(program) {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/usr/sbin', '/bin', '/sbin'];
  return dirs.some((dir) => {
    try {
      accessSync(join(dir, program), constants.X_OK);
      return true;
    } catch {
      return false;
    }
  });
}

const missing = NEEDED.filter((need) => !onPath(need.program)).map((need) => need.pkg);
if (missing.length > 0) {
  if (process.getuid?.() === 0 && onPath('apt-get')) {
    // RUNLEVEL=1: packages do not start their own services (the tests start theirs, on 127.0.0.1 only).
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive', RUNLEVEL: '1' };
    const update = spawnSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    const install =
      update.status === 0
        ? spawnSync('apt-get', ['install', '-y', '-qq', '--no-install-recommends', ...missing], { stdio: 'inherit', env })
        : update;
    console.error(`setup-system: ${install.status === 0 ? 'installed' : 'could not install'} ${missing.join(', ')}`);
  } else {
    console.error(
      `setup-system: ${missing.join(', ')} not installed: the sandbox, queue and oci:// tests need them (apt-get install ${missing.join(' ')})`,
    );
  }
}
