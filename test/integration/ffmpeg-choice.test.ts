// The ffmpeg a run uses, as the built CLI says it with -v and --dry-run: the one named by
// --ffmpeg, FFMPEG_PATH, the system's on PATH, and a bundled one only when there is none.
import { describe, expect, it } from 'vitest';
import { installedFfmpegs } from '../../src/audio/ffmpeg-locate.js';
import { ffmpegVersion } from '../../src/audio/ffmpeg-version.js';
import { runCli } from '../helpers/run-cli.js';

const DEMO = 'fixtures/tonecode-demo.wav';
const installed = installedFfmpegs();
const system = installed.find((f) => f.source === 'PATH');
const bundled = installed.find((f) => f.source !== 'PATH');
// runCli starts node by its path, so the CLI needs nothing on PATH.
const noFfmpegPath = '/nonexistent';

const firstLine = (text: string) => text.split('\n', 1)[0];

describe('which ffmpeg, said in one line', () => {
  it.runIf(system !== undefined)(
    '-v: the system ffmpeg on PATH, its version, from PATH',
    async () => {
      const result = await runCli([DEMO, '--local', '-v', '--speed', '20', '--no-progress']);
      expect(result.code, result.stderr).toBe(0);
      const version = await ffmpegVersion(system!.path);
      expect(result.stderr.split('\n')).toContain(`ffmpeg: ${system!.path}, version ${version}, from PATH`);
    },
    60_000,
  );

  it.runIf(system !== undefined && bundled !== undefined)(
    '--dry-run: --ffmpeg, else FFMPEG_PATH, else PATH, else the bundled one',
    async () => {
      const sys = system!.path;
      const pkg = bundled!.path;
      const [sysVersion, pkgVersion] = await Promise.all([ffmpegVersion(sys), ffmpegVersion(pkg)]);
      const flag = await runCli(['--dry-run', DEMO, '--ffmpeg', pkg], { env: { FFMPEG_PATH: sys } });
      expect(flag.code, flag.stderr).toBe(0);
      expect(firstLine(flag.stdout)).toBe(`ffmpeg: ${pkg}, version ${pkgVersion}, from --ffmpeg`);
      const env = await runCli(['--dry-run', DEMO], { env: { FFMPEG_PATH: pkg } });
      expect(firstLine(env.stdout)).toBe(`ffmpeg: ${pkg}, version ${pkgVersion}, from FFMPEG_PATH`);
      const path = await runCli(['--dry-run', DEMO]);
      expect(firstLine(path.stdout)).toBe(`ffmpeg: ${sys}, version ${sysVersion}, from PATH`);
      const none = await runCli(['--dry-run', DEMO], { env: { PATH: noFfmpegPath } });
      expect(none.code, none.stderr).toBe(0);
      expect(firstLine(none.stdout)).toBe(`ffmpeg: ${pkg}, version ${pkgVersion}, from the bundled ${bundled!.source}`);
      // The plan follows, after a blank line.
      expect(none.stdout).toContain(`\n\n${DEMO}\n  duration   0:27.70, decoded in full\n`);
    },
    60_000,
  );
});
