/**
 * The one wording of "this file or folder cannot be used", for every command and the configuration:
 * `cannot read FILE: no such file or folder` rather than a raw `ENOENT: no such file or directory, open ...`.
 */
export function fileProblem(file: string, error: unknown, verb = 'read'): string {
  return `cannot ${verb} ${file}: ${fileReason(error)}`;
}

/** The reason alone: what a system error code means to someone who typed the path. */
export function fileReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or folder';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'it is a folder, not a file';
    case 'ENOTDIR':
      return 'a part of the path is a file, not a folder';
    case 'ELOOP':
      return 'too many symbolic links';
    case 'ENAMETOOLONG':
      return 'the path is too long';
    default:
      return error instanceof Error ? error.message : String(error);
  }
}
