import { redactPath } from './logging.module';

describe('redactPath', () => {
  it('logs token-like path segments as :token and keeps the rest', () => {
    const jwt = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl';
    expect(redactPath(`/api/v1/public/triage/${jwt}`)).toBe('/api/v1/public/triage/:token');
    expect(redactPath(`/api/v1/x/${'a'.repeat(65)}`)).toBe('/api/v1/x/:token');
    const id = '7b0c8f1e-2f6a-4c1e-9a59-0e3b1c2d4e5f';
    expect(redactPath(`/api/v1/chat-requests/${id}/accept`)).toBe(
      `/api/v1/chat-requests/${id}/accept`,
    );
    expect(redactPath('/healthz')).toBe('/healthz');
  });
});
