import { EnvValidationError, parseEnv } from './env.schema';

describe('env schema', () => {
  it('gives safe development defaults when nothing is set', () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe('development');
    expect(env.DATABASE_URL).toMatch(/^postgres:\/\//);
    expect(env.API_PORT).toBe(3000);
  });

  it('names the variable that is wrong', () => {
    expect(() => parseEnv({ API_PORT: 'eighty' })).toThrow(EnvValidationError);
    expect(() => parseEnv({ API_PORT: 'eighty' })).toThrow(/API_PORT/);
    expect(() => parseEnv({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL/);
  });

  it('refuses the public development secrets in production', () => {
    try {
      parseEnv({ NODE_ENV: 'production' });
      throw new Error('expected a validation error');
    } catch (e) {
      expect(e).toBeInstanceOf(EnvValidationError);
      const vars = (e as EnvValidationError).problems.map((p) => p.variable);
      expect(vars).toEqual(expect.arrayContaining(['JWT_ACCESS_SECRET', 'ENCRYPTION_KEY']));
    }
  });

  it('accepts production with real secrets', () => {
    const env = parseEnv({
      NODE_ENV: 'production',
      JWT_ACCESS_SECRET: 'x'.repeat(40),
      ENCRYPTION_KEY: 'y'.repeat(40),
    });
    expect(env.NODE_ENV).toBe('production');
  });

  it('treats an empty variable as unset', () => {
    expect(parseEnv({ API_PORT: '' }).API_PORT).toBe(3000);
  });
});
