import {describe, expect, it} from '@jest/globals';
import {parseSetCookie, SESSION_COOKIE_PATTERN} from './cookies.js';

describe('parseSetCookie', () => {
  it('reads the name and attributes and never keeps the value', () => {
    const cookie = parseSetCookie('sid=s3cr3t-value; Path=/; Domain=.Example.com; Secure; HttpOnly; SameSite=Strict');
    expect(cookie).toEqual({name: 'sid', secure: true, httpOnly: true, sameSite: 'Strict', domain: 'example.com', path: '/'});
    expect(JSON.stringify(cookie)).not.toContain('s3cr3t');
  });

  it('matches attribute names and SameSite values case-insensitively, spaces trimmed', () => {
    expect(parseSetCookie(' a = 1 ;SECURE ; HTTPONLY;samesite = nOnE')).toEqual({name: 'a', secure: true, httpOnly: true, sameSite: 'None'});
  });

  it('lets the last valid SameSite win and ignores invalid ones', () => {
    expect(parseSetCookie('a=1; SameSite=Lax; SameSite=bogus')).toMatchObject({sameSite: 'Lax'});
    expect(parseSetCookie('a=1; SameSite=bogus')).toEqual({name: 'a', secure: false, httpOnly: false, invalidSameSite: 'bogus'});
    expect(parseSetCookie('a=1; SameSite=constructor')).toMatchObject({invalidSameSite: 'constructor'});
  });

  it('keeps a Path only when it starts with a slash, and the last one wins', () => {
    expect(parseSetCookie('a=1; Path=app')).not.toHaveProperty('path');
    expect(parseSetCookie('a=1; Path=/a; Path=/')).toMatchObject({path: '/'});
  });

  it('ignores an empty Domain and an attribute value over 1024 characters', () => {
    expect(parseSetCookie('a=1; Domain=')).not.toHaveProperty('domain');
    expect(parseSetCookie(`a=1; Domain=${'x'.repeat(1025)}`)).not.toHaveProperty('domain');
  });

  it('reads a pair without "=" as a nameless cookie', () => {
    expect(parseSetCookie('token; Secure')).toMatchObject({name: '', secure: true});
  });

  it.each([
    ['an empty name and value', '=; Secure'],
    ['a control character', 'a=1\x01; Secure'],
    ['a name and value over 4096 characters', `a=${'x'.repeat(4096)}`],
  ])('drops a header with %s', (_why, header) => {
    expect(parseSetCookie(header)).toBeUndefined();
  });
});

describe('SESSION_COOKIE_PATTERN', () => {
  const session = new RegExp(SESSION_COOKIE_PATTERN, 'i');

  it.each([
    'session',
    'sess',
    '_session',
    'laravel_session',
    'sid',
    'connect.sid',
    'PHPSESSID',
    'JSESSIONID',
    'ASP.NET_SessionId',
    'SSESS0123456789abcdef',
    'auth',
    'auth_token',
    'access_token',
    'token',
    'jwt',
    'remember_web_59ba',
    '__Host-session',
    '__Secure-next-auth.session-token',
  ])('matches %s', (name) => {
    expect(session.test(name)).toBe(true);
  });

  it.each(['theme', '_ga', 'lang', 'sidebar_state', 'consent', 'csrftoken', 'XSRF-TOKEN', 'oauth_state'])('does not match %s', (name) => {
    expect(session.test(name)).toBe(false);
  });
});
