import { isDatabaseUnavailable, storageFailure } from './errors';

const sysError = (code: string, message: string, syscall?: string) => Object.assign(new Error(message), { code, ...(syscall ? { syscall } : {}) });

describe('isDatabaseUnavailable', () => {
  test('a raw socket error from the driver when the server died mid-write is an outage (503, not 500)', () => {
    expect(isDatabaseUnavailable(sysError('EPIPE', 'This socket has been ended by the other party'))).toBe(true);
    expect(isDatabaseUnavailable(sysError('ECONNRESET', 'read ECONNRESET', 'read'))).toBe(true);
    expect(isDatabaseUnavailable(Object.assign(new Error('x'), { cause: sysError('EPIPE', 'broken pipe', 'write') }))).toBe(true);
  });
  test('file system and programming errors are not', () => {
    expect(isDatabaseUnavailable(sysError('EPIPE', 'broken pipe', 'open'))).toBe(false);
    expect(isDatabaseUnavailable(sysError('ENOSPC', 'no space left on device', 'write'))).toBe(false);
    expect(isDatabaseUnavailable(new TypeError('x is undefined'))).toBe(false);
  });
});

describe('storageFailure', () => {
  test('a full disk is 507 STORAGE_FULL, an unusable directory 503 STORAGE_UNAVAILABLE, both with Retry-After', () => {
    expect(storageFailure(sysError('ENOSPC', 'no space left on device', 'write'))).toMatchObject({ status: 507, code: 'STORAGE_FULL', headers: { 'Retry-After': '60' } });
    expect(storageFailure(sysError('ENOTDIR', 'not a directory', 'mkdir'))).toMatchObject({ status: 503, code: 'STORAGE_UNAVAILABLE' });
    expect(storageFailure(sysError('EROFS', 'read-only file system', 'open'))).toMatchObject({ status: 503 });
  });
  test('other errors are not storage failures', () => {
    expect(storageFailure(sysError('ENOENT', 'no such file', 'open'))).toBeNull();
    expect(storageFailure(new Error('boom'))).toBeNull();
    expect(storageFailure(Object.assign(new Error('x'), { code: 'ENOSPC' }))).toBeNull();
  });
});
