import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findLinks, hostOf } from '../../../src/core/lint/links.ts';
import { linkDomainHost } from '../../../src/core/lint/rules/foreign-link.ts';

const hosts = (text: string): string[] => findLinks(text).map((l) => l.host);

test('hosts are lower case, without port or trailing dot', () => {
  assert.deepEqual(hosts('https://Pay.Example.COM:8443/x http://example.org./y'), ['pay.example.com', 'example.org']);
});

test('a host in Japanese letters is read in its punycode form', () => {
  assert.deepEqual(hosts('https://例え.jp/pay'), ['xn--r8jz45g.jp']);
});

test('bare names need a known top-level domain or www.', () => {
  assert.deepEqual(hosts('example.jp node.js ver.2 www.example.zzz e.g. a.m.'), ['example.jp', 'www.example.zzz']);
});

test('links come in the order they are written', () => {
  assert.deepEqual(hosts('bit.ly/a https://x.example.com/ y.example.net'), ['bit.ly', 'x.example.com', 'y.example.net']);
});

test('the link domain may be configured as a host or a URL', () => {
  assert.equal(linkDomainHost('todoku.example.jp'), 'todoku.example.jp');
  assert.equal(linkDomainHost(' https://Todoku.Example.jp/l/ '), 'todoku.example.jp');
  assert.equal(linkDomainHost(''), '');
  assert.equal(hostOf('http://'), '');
});
