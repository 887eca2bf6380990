// What a path on the command line is, without throwing: a directory expands to its files.
import { stat } from 'node:fs/promises';

export async function inputKind(path: string): Promise<'file' | 'directory' | 'missing' | 'other'> {
  if (path === '-') return 'file';
  try {
    const info = await stat(path);
    return info.isFile() ? 'file' : info.isDirectory() ? 'directory' : 'other';
  } catch {
    return 'missing';
  }
}
