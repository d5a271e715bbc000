// /verify never vouches for a look-alike: a pasted link is ours only when it leads, as a phone's browser
// would read it, to exactly the scheme, host and port of one of our link bases. Every disguise a
// phishing SMS uses (another TLD, our name in front of theirs, `ours@theirs`, an IDN homograph, http,
// full-width text) is another host; spelling differences a browser ignores (case, one trailing dot,
// full-width ASCII, the default port) are not.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { classifyCheckInput, ourLinkBases } from '../../src/landing/check.ts';
import { hostOfBase, linkBaseOf } from '../../src/core/link-origin.ts';

const CODE = 'AbC12dEf34G';
// The server's base (TODOKU_LINK_BASE) and an old short domain the organisation still lists.
const BASES = ourLinkBases(['https://ours.example/l', 'https://old.example']);
const classify = (q: string) => classifyCheckInput(q, BASES);
const ours = { kind: 'link', code: CODE } as const;

/** Full-width form of ASCII text, as a Japanese IME writes it (space stays). */
const fullWidth = (s: string) => s.replace(/[!-~]/gu, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0));

describe('a link counts as ours only on our link bases', () => {
  test('our own link, with a query, a fragment or a page under it, is ours', () => {
    assert.deepEqual(classify(`https://ours.example/l/${CODE}`), ours);
    assert.deepEqual(classify(`https://ours.example/l/${CODE}?utm_source=sms#top`), ours);
    assert.deepEqual(classify(`https://ours.example/l/${CODE}/verify`), ours);
    assert.deepEqual(classify(`https://ours.example:443/l/${CODE}`), ours);
  });

  test('a listed old domain is ours', () => {
    assert.deepEqual(classify(`https://old.example/${CODE}`), ours);
  });

  test('another TLD is not ours', () => {
    assert.deepEqual(classify(`https://ours.example.com/l/${CODE}`), { kind: 'foreign', host: 'ours.example.com' });
    assert.deepEqual(classify(`https://ours.test/l/${CODE}`), { kind: 'foreign', host: 'ours.test' });
    assert.deepEqual(classify(`https://evil-todoku-pay.example/l/${CODE}`), { kind: 'foreign', host: 'evil-todoku-pay.example' });
  });

  test('our name as a subdomain of theirs is not ours', () => {
    assert.deepEqual(classify(`https://ours.example.evil.test/l/${CODE}`), { kind: 'foreign', host: 'ours.example.evil.test' });
    assert.deepEqual(classify(`ours.example.evil.test/l/${CODE}`), { kind: 'foreign', host: 'ours.example.evil.test' });
  });

  test('`ours.example@evil.test` goes to evil.test, and credentials are never ours', () => {
    assert.deepEqual(classify(`https://ours.example@evil.test/l/${CODE}`), { kind: 'foreign', host: null });
    assert.deepEqual(classify(`ours.example@evil.test/l/${CODE}`), { kind: 'foreign', host: null });
    // Userinfo in front of our own host: a link we send never has any.
    assert.deepEqual(classify(`https://user:pass@ours.example/l/${CODE}`), { kind: 'foreign', host: null });
    assert.deepEqual(classify(`https://ours.example:pw@ours.example/l/${CODE}`), { kind: 'foreign', host: null });
  });

  test('our host in the query or the path of theirs is not ours', () => {
    assert.deepEqual(classify(`https://evil.test/?ours.example/l/${CODE}`), { kind: 'foreign', host: 'evil.test' });
    assert.deepEqual(classify(`https://evil.test/ours.example/l/${CODE}`), { kind: 'foreign', host: 'evil.test' });
    assert.deepEqual(classify(`https://evil.test#https://ours.example/l/${CODE}`), { kind: 'foreign', host: 'evil.test' });
    // A backslash is a slash to a browser: the host ends before it.
    assert.deepEqual(classify(`https://evil.test\\@ours.example/l/${CODE}`), { kind: 'foreign', host: 'evil.test' });
  });

  test('an IDN homograph is another host, compared as punycode', () => {
    // Cyrillic о (U+043E) in place of the Latin o.
    const homograph = classify(`https://\u043eurs.example/l/${CODE}`);
    assert.equal(homograph.kind, 'foreign');
    assert.match((homograph as { host: string }).host, /^xn--/u);
    assert.equal(classify(`https://${new URL('https://\u043eurs.example').hostname}/l/${CODE}`).kind, 'foreign');
    assert.equal(classify(`https://ours.examp\u217Ce/l/${CODE}`).kind, 'link', 'NFKC turns the Roman numeral ⅼ into l, as the browser does');
  });

  test('http where our base is https is not ours', () => {
    assert.deepEqual(classify(`http://ours.example/l/${CODE}`), { kind: 'foreign', host: 'ours.example' });
    assert.deepEqual(classify(`ftp://ours.example/l/${CODE}`).kind, 'foreign');
    assert.equal(classify(`https://ours.example:8443/l/${CODE}`).kind, 'foreign');
  });

  test('one trailing dot names the same host; two do not', () => {
    assert.deepEqual(classify(`https://ours.example./l/${CODE}`), ours);
    assert.equal(classify(`https://ours.example../l/${CODE}`).kind, 'foreign');
  });

  test('upper case in the scheme and host is still ours (the code keeps its case)', () => {
    assert.deepEqual(classify(`HTTPS://OURS.EXAMPLE/l/${CODE}`), ours);
    assert.deepEqual(classify(`Https://Ours.Example/l/${CODE}`), ours);
  });

  test('full-width text: ours written in full width is ours, a look-alike in full width is not', () => {
    assert.deepEqual(classify(fullWidth(`https://ours.example/l/${CODE}`)), ours);
    assert.deepEqual(classify(`https://ours\u3002example/l/${CODE}`), ours, 'the ideographic full stop is a dot to a browser');
    assert.deepEqual(classify(fullWidth(`https://ours.example.evil.test/l/${CODE}`)), { kind: 'foreign', host: 'ours.example.evil.test' });
    assert.deepEqual(classify(fullWidth(`https://ours.example@evil.test/l/${CODE}`)), { kind: 'foreign', host: null });
  });

  test('a bare code is still a code to look up; a link on our host without a code is unreadable', () => {
    assert.deepEqual(classify(CODE), { kind: 'code', code: CODE });
    assert.deepEqual(classify(`/l/${CODE}`), { kind: 'code', code: CODE });
    assert.deepEqual(classify('https://ours.example/'), { kind: 'unreadable' });
    assert.deepEqual(classify(`https://ours.example/other/${CODE}`), { kind: 'unreadable' });
  });

  test('with no base configured nothing pasted is ours', () => {
    assert.equal(classifyCheckInput(`https://ours.example/l/${CODE}`, []).kind, 'foreign');
  });
});

describe('link bases', () => {
  test('a base is read into its origin and the path before the code', () => {
    assert.deepEqual(linkBaseOf('https://Ours.Example./l/'), { origin: 'https://ours.example', path: '/l' });
    assert.deepEqual(linkBaseOf('http://127.0.0.1:3000/l'), { origin: 'http://127.0.0.1:3000', path: '/l' });
    assert.equal(linkBaseOf('https://user@ours.example/l'), null);
    assert.equal(linkBaseOf('https://ours.example/l?x=1'), null);
    assert.equal(linkBaseOf('not a url'), null);
  });

  test('the domain people are told to compare', () => {
    assert.equal(hostOfBase('https://t.toto-u.ac.jp/l'), 't.toto-u.ac.jp');
    assert.equal(hostOfBase('http://localhost:3000/l'), 'localhost:3000');
  });
});
