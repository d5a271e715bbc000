import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import {
  appendLeaf,
  consistencyProof,
  consistencyRanges,
  EMPTY_FRONTIER,
  EMPTY_ROOT,
  frontierRoot,
  inclusionProof,
  inclusionRanges,
  leafHash,
  nodeHash,
  rangeKey,
  rootOf,
  splitPoint,
  subtreeFromRanges,
  subtreeOf,
  verifyConsistency,
  verifyInclusion,
  type Frontier,
} from '../../../src/core/evidence/merkle.ts';

const hex = (b: Buffer): string => b.toString('hex');
const hd = (s: string): Buffer => Buffer.from(s, 'hex');

// A naive MTH straight from RFC 9162 §2.1.1, over the leaves' data, to check the real code against.
function naiveRoot(leaves: readonly string[]): Buffer {
  if (leaves.length === 0) return createHash('sha256').digest();
  if (leaves.length === 1) return createHash('sha256').update(Buffer.from([0])).update(leaves[0]!, 'utf8').digest();
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return createHash('sha256').update(Buffer.from([1])).update(naiveRoot(leaves.slice(0, k))).update(naiveRoot(leaves.slice(k))).digest();
}
function naivePath(m: number, leaves: readonly string[]): Buffer[] {
  if (leaves.length <= 1) return [];
  let k = 1;
  while (k * 2 < leaves.length) k *= 2;
  return m < k ? [...naivePath(m, leaves.slice(0, k)), naiveRoot(leaves.slice(k))] : [...naivePath(m - k, leaves.slice(k)), naiveRoot(leaves.slice(0, k))];
}
function naiveSubproof(m: number, leaves: readonly string[], b: boolean): Buffer[] {
  const n = leaves.length;
  if (m === n) return b ? [] : [naiveRoot(leaves)];
  let k = 1;
  while (k * 2 < n) k *= 2;
  return m <= k ? [...naiveSubproof(m, leaves.slice(0, k), b), naiveRoot(leaves.slice(k))] : [...naiveSubproof(m - k, leaves.slice(k), false), naiveRoot(leaves.slice(0, k))];
}

const LEAVES = Array.from({ length: 70 }, (_, i) => `{"kind":"page.opened","n":${i},"d":"葉${i}"}`);
const HASHES = LEAVES.map((l) => leafHash(l));
const ALL = subtreeOf(HASHES);

function flipBit(b: Buffer, bit: number): Buffer {
  const c = Buffer.from(b);
  c[bit >> 3]! ^= 1 << (bit & 7);
  return c;
}

describe('hashes (RFC 9162 §2.1.1)', () => {
  test('a leaf is SHA-256 of 0x00 and its UTF-8 text; a node SHA-256 of 0x01, left, right', () => {
    assert.equal(hex(leafHash('')), '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d');
    assert.equal(hex(leafHash('é')), hex(createHash('sha256').update(Buffer.from([0, 0xc3, 0xa9])).digest()));
    const l = leafHash('a');
    const r = leafHash('b');
    assert.equal(hex(nodeHash(l, r)), hex(createHash('sha256').update(Buffer.from([1])).update(l).update(r).digest()));
    assert.notEqual(hex(nodeHash(l, r)), hex(nodeHash(r, l)));
  });

  test('the empty tree is SHA-256 of nothing', () => {
    assert.equal(hex(rootOf([])), 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    assert.equal(hex(EMPTY_ROOT), hex(rootOf([])));
  });

  test('the split is the largest power of two below n', () => {
    assert.deepEqual([2, 3, 4, 5, 7, 8, 9, 63, 64, 65, 28937].map(splitPoint), [1, 2, 2, 4, 4, 4, 8, 32, 32, 64, 16384]);
    assert.throws(() => splitPoint(1), RangeError);
  });

  test('rootOf agrees with the naive definition for every size 0..70', () => {
    for (let n = 0; n <= 70; n += 1) assert.equal(hex(rootOf(HASHES.slice(0, n))), hex(naiveRoot(LEAVES.slice(0, n))), `size ${n}`);
  });

  test('a subtree over a range is the root of that range alone', () => {
    for (const [s, e] of [[0, 0], [3, 4], [8, 16], [5, 70], [64, 70]] as const) assert.equal(hex(ALL(s, e)), hex(naiveRoot(LEAVES.slice(s, e))));
    assert.throws(() => ALL(0, 71), RangeError);
    assert.throws(() => ALL(5, 4), RangeError);
  });
});

// The transparency-dev/merkle reference vectors (testonly/constants.go, reference_test.go): eight leaf inputs.
const VECTOR_INPUTS = ['', '00', '10', '2021', '3031', '40414243', '5051525354555657', '606162636465666768696a6b6c6d6e6f'].map(hd);
const VECTOR_HASHES = VECTOR_INPUTS.map((b) => leafHash(b));
const VECTOR_ROOTS = [
  'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855',
  '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
  'fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125',
  'aeb6bcfe274b70a14fb067a5e5578264db0fa9b51af5e0ba159158f329e06e77',
  'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7',
  '4e3bbb1f7b478dcfe71fb631631519a3bca12c9aefca1612bfce4c13a86264d4',
  '76e67dadbcdf1e10e1b74ddc608abd2f98dfb16fbce75277b5232a127f2087ef',
  'ddb89be403809e325750d3d263cd78929c2942b7942a34b77e122c9594a74c8c',
  '5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328',
];

describe('Certificate Transparency test vectors (transparency-dev/merkle)', () => {
  test('leaf hashes and roots of every prefix of the eight leaves', () => {
    assert.deepEqual(VECTOR_HASHES.map(hex), [
      '6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d',
      '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7',
      '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7',
      '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7',
      'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b',
      '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658',
      'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f',
      '46f6ffadd3d06a09ff3c5860d2755c8b9819db7df44251788c7d8e3180de8eb1',
    ]);
    for (let n = 0; n <= 8; n += 1) assert.equal(hex(rootOf(VECTOR_HASHES.slice(0, n))), VECTOR_ROOTS[n], `size ${n}`);
  });

  const inclusion: [number, number, string[]][] = [
    [0, 1, []],
    [0, 2, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7']],
    [1, 2, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d']],
    [2, 3, ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125']],
    [1, 5, ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
    [0, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [5, 8, ['bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  ];
  for (const [index, size, want] of inclusion) {
    test(`inclusion proof of leaf ${index} in a tree of ${size}`, () => {
      const proof = inclusionProof(index, size, subtreeOf(VECTOR_HASHES.slice(0, size)));
      assert.deepEqual(proof.map(hex), want);
      assert.ok(verifyInclusion(VECTOR_HASHES[index]!, index, size, proof, hd(VECTOR_ROOTS[size]!)));
    });
  }

  const consistency: [number, number, string[]][] = [
    [1, 1, []],
    [1, 8, ['96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4']],
    [2, 5, ['5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b']],
    [6, 8, ['0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0', 'd37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7']],
  ];
  for (const [m, n, want] of consistency) {
    test(`consistency proof from ${m} to ${n}`, () => {
      const proof = consistencyProof(m, n, subtreeOf(VECTOR_HASHES.slice(0, n)));
      assert.deepEqual(proof.map(hex), want);
      assert.ok(verifyConsistency(m, n, hd(VECTOR_ROOTS[m]!), hd(VECTOR_ROOTS[n]!), proof));
    });
  }

  test('the frontier after each leaf is the compact range of the reference', () => {
    const nh = [
      ['6e340b9cffb37a989ca544e6bb780a2c78901d3fb33738768511a30617afa01d', '96a296d224f285c67bee93c30f8a309157f0daa35dc5b87e410b78630a09cfc7', '0298d122906dcfc10892cb53a73992fc5b9f493ea4c9badb27b791b4127a7fe7', '07506a85fd9dd2f120eb694f86011e5bb4662e5c415a62917033d4a9624487e7', 'bc1a0643b12e4d2d7c77918f44e0f4f79a838b6cf9ec5b5c283e1f4d88599e6b', '4271a26be0d8a84f0bd54c8c302e7cb3a3b5d1fa6780a40bcce2873477dab658', 'b08693ec2e721597130641e8211e7eedccb4c26413963eee6c1e2ed16ffb1a5f'],
      ['fac54203e7cc696cf0dfcb42c92a1d9dbaf70ad9e621f4bd8d98662f00e3c125', '5f083f0a1a33ca076a95279832580db3e0ef4584bdff1f54c8a360f50de3031e', '0ebc5d3437fbe2db158b9f126a1d118e308181031d0a949f8dededebc558ef6a', 'ca854ea128ed050b41b35ffc1b87b8eb2bde461e9e3b5596ece6b9d5975a0ae0'],
      ['d37ee418976dd95753c1c73862b9398fa2a2cf9b4ff0fdfe8b30cd95209614b7', '6b47aaf29ee3c2af9af889bc1fb9254dabd31177f16232dd6aab035ca39bf6e4'],
      ['5dc9da79a70659a9ad559cb701ded9a2ab9d823aad2f4960cfe370eff4604328'],
    ];
    const compact = [[], [nh[0]![0]], [nh[1]![0]], [nh[1]![0], nh[0]![2]], [nh[2]![0]], [nh[2]![0], nh[0]![4]], [nh[2]![0], nh[1]![2]], [nh[2]![0], nh[1]![2], nh[0]![6]], [nh[3]![0]]];
    let f: Frontier = EMPTY_FRONTIER;
    const nodes = new Map<string, string>();
    for (let i = 0; i < 8; i += 1) {
      const step = appendLeaf(f, VECTOR_HASHES[i]!);
      f = step.frontier;
      for (const c of step.completed) nodes.set(`${c.level}/${c.idx}`, hex(c.hash));
      assert.deepEqual(f.hashes.map(hex), compact[i + 1]);
      assert.equal(hex(frontierRoot(f)), VECTOR_ROOTS[i + 1]);
    }
    for (let level = 1; level < nh.length; level += 1) nh[level]!.forEach((h, idx) => assert.equal(nodes.get(`${level}/${idx}`), h, `node ${level}/${idx}`));
    assert.equal(nodes.size, 7);
  });
});

describe('inclusion proofs against the naive PATH', () => {
  test('every index of every size 1..70: the naive proof, and it verifies', () => {
    for (let size = 1; size <= 70; size += 1) {
      const root = rootOf(HASHES.slice(0, size));
      for (let i = 0; i < size; i += 1) {
        const proof = inclusionProof(i, size, ALL);
        assert.deepEqual(proof.map(hex), naivePath(i, LEAVES.slice(0, size)).map(hex), `leaf ${i} of ${size}`);
        assert.ok(verifyInclusion(HASHES[i]!, i, size, proof, root), `leaf ${i} of ${size}`);
      }
    }
  });

  test('a proof fails for a wrong leaf, index, size or root', () => {
    for (let size = 1; size <= 40; size += 1) {
      const root = rootOf(HASHES.slice(0, size));
      for (let i = 0; i < size; i += 1) {
        const proof = inclusionProof(i, size, ALL);
        const other = HASHES[(i + 1) % 70]!;
        assert.equal(verifyInclusion(other, i, size, proof, root), false, `other leaf at ${i} of ${size}`);
        assert.equal(verifyInclusion(leafHash(LEAVES[i]! + ' '), i, size, proof, root), false);
        for (let j = 0; j < size + 2; j += 1) if (j !== i) assert.equal(verifyInclusion(HASHES[i]!, j, size, proof, root), false, `leaf ${i} claimed at ${j} of ${size}`);
        assert.equal(verifyInclusion(HASHES[i]!, -1, size, proof, root), false);
        // The size is bound by the signed head that carries the root, not by the path alone (leaf 0 of 3 and of 4
        // take the same turns): a proof for one size never verifies against the root of another.
        for (let s = i + 1; s <= 45; s += 1) if (s !== size) assert.equal(verifyInclusion(HASHES[i]!, i, s, proof, rootOf(HASHES.slice(0, s))), false, `leaf ${i}: size ${s} for ${size}`);
        assert.equal(verifyInclusion(HASHES[i]!, i, size, proof, rootOf(HASHES.slice(0, size + 1))), false);
      }
    }
  });

  test('a flipped bit anywhere, a truncated or an extended proof fails', () => {
    for (let size = 2; size <= 40; size += 1) {
      const root = rootOf(HASHES.slice(0, size));
      for (let i = 0; i < size; i += 1) {
        const proof = inclusionProof(i, size, ALL);
        proof.forEach((p, k) => {
          for (const bit of [0, 7, 100, 255]) {
            const bad = proof.map((q, j) => (j === k ? flipBit(q, bit) : q));
            assert.equal(verifyInclusion(HASHES[i]!, i, size, bad, root), false, `bit ${bit} of element ${k}, leaf ${i} of ${size}`);
          }
        });
        assert.equal(verifyInclusion(HASHES[i]!, i, size, proof.slice(0, -1), root), false, `truncated, leaf ${i} of ${size}`);
        assert.equal(verifyInclusion(HASHES[i]!, i, size, proof.slice(1), root), false, `first dropped, leaf ${i} of ${size}`);
        assert.equal(verifyInclusion(HASHES[i]!, i, size, [...proof, HASHES[0]!], root), false, `extended, leaf ${i} of ${size}`);
        assert.equal(verifyInclusion(HASHES[i]!, i, size, [...proof, EMPTY_ROOT], root), false);
        if (proof.length > 1) assert.equal(verifyInclusion(HASHES[i]!, i, size, [...proof].reverse(), root), false, `reversed, leaf ${i} of ${size}`);
      }
    }
    // A tree of one leaf: the leaf is the root and the proof is empty; anything added fails.
    assert.ok(verifyInclusion(HASHES[0]!, 0, 1, [], HASHES[0]!));
    assert.equal(verifyInclusion(HASHES[0]!, 0, 1, [HASHES[1]!], HASHES[0]!), false);
    assert.equal(verifyInclusion(HASHES[0]!, 0, 0, [], EMPTY_ROOT), false);
  });

  test('a proof for an index outside the tree cannot be asked for', () => {
    assert.throws(() => inclusionRanges(5, 5), RangeError);
    assert.throws(() => inclusionRanges(0, 0), RangeError);
    assert.throws(() => inclusionRanges(-1, 3), RangeError);
  });
});

describe('consistency proofs against the naive SUBPROOF', () => {
  test('every pair 0 ≤ m ≤ n ≤ 45: the naive proof, and it verifies', () => {
    for (let n = 0; n <= 45; n += 1) {
      const newRoot = rootOf(HASHES.slice(0, n));
      for (let m = 0; m <= n; m += 1) {
        const proof = consistencyProof(m, n, ALL);
        const want = m === 0 ? [] : naiveSubproof(m, LEAVES.slice(0, n), true);
        assert.deepEqual(proof.map(hex), want.map(hex), `${m} → ${n}`);
        assert.ok(verifyConsistency(m, n, rootOf(HASHES.slice(0, m)), newRoot, proof), `${m} → ${n}`);
      }
    }
  });

  test('a proof fails for wrong roots, wrong sizes, flipped bits, truncation and extension', () => {
    for (let n = 2; n <= 40; n += 1) {
      const newRoot = rootOf(HASHES.slice(0, n));
      for (let m = 1; m < n; m += 1) {
        const oldRoot = rootOf(HASHES.slice(0, m));
        const proof = consistencyProof(m, n, ALL);
        const ctx = `${m} → ${n}`;
        assert.equal(verifyConsistency(m, n, rootOf(HASHES.slice(1, m + 1)), newRoot, proof), false, `old root, ${ctx}`);
        assert.equal(verifyConsistency(m, n, oldRoot, rootOf(HASHES.slice(1, n + 1)), proof), false, `new root, ${ctx}`);
        assert.equal(verifyConsistency(m, n, newRoot, oldRoot, proof), false, `swapped roots, ${ctx}`);
        for (let mm = 1; mm <= n; mm += 1) if (mm !== m) assert.equal(verifyConsistency(mm, n, oldRoot, newRoot, proof), false, `claimed ${mm}, ${ctx}`);
        for (let nn = m; nn <= n + 3; nn += 1) if (nn !== n) assert.equal(verifyConsistency(m, nn, oldRoot, rootOf(HASHES.slice(0, nn)), proof), false, `claimed → ${nn}, ${ctx}`);
        proof.forEach((p, k) => {
          for (const bit of [0, 31, 128, 255]) {
            const bad = proof.map((q, j) => (j === k ? flipBit(q, bit) : q));
            assert.equal(verifyConsistency(m, n, oldRoot, newRoot, bad), false, `bit ${bit} of element ${k}, ${ctx}`);
          }
        });
        assert.equal(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(0, -1)), false, `truncated, ${ctx}`);
        assert.equal(verifyConsistency(m, n, oldRoot, newRoot, proof.slice(1)), false, `first dropped, ${ctx}`);
        assert.equal(verifyConsistency(m, n, oldRoot, newRoot, [...proof, HASHES[0]!]), false, `extended, ${ctx}`);
        assert.equal(verifyConsistency(m, n, oldRoot, newRoot, []), false, `empty, ${ctx}`);
      }
    }
  });

  test('equal sizes need equal roots and no proof; the empty tree precedes every tree; shrinking never verifies', () => {
    const r5 = rootOf(HASHES.slice(0, 5));
    assert.ok(verifyConsistency(5, 5, r5, r5, []));
    assert.equal(verifyConsistency(5, 5, r5, rootOf(HASHES.slice(1, 6)), []), false);
    assert.equal(verifyConsistency(5, 5, r5, r5, [r5]), false);
    assert.ok(verifyConsistency(0, 5, EMPTY_ROOT, r5, []));
    assert.equal(verifyConsistency(0, 5, r5, r5, []), false);
    assert.equal(verifyConsistency(0, 5, EMPTY_ROOT, r5, [r5]), false);
    assert.equal(verifyConsistency(6, 5, r5, r5, []), false);
    assert.throws(() => consistencyRanges(6, 5), RangeError);
  });
});

describe('frontier', () => {
  test('its root equals rootOf for every size 0..70, and it holds one hash per set bit of the size', () => {
    let f: Frontier = EMPTY_FRONTIER;
    assert.equal(hex(frontierRoot(f)), hex(EMPTY_ROOT));
    for (let n = 1; n <= 70; n += 1) {
      f = appendLeaf(f, HASHES[n - 1]!).frontier;
      assert.equal(f.size, n);
      assert.equal(f.hashes.length, n.toString(2).replaceAll('0', '').length);
      assert.equal(hex(frontierRoot(f)), hex(rootOf(HASHES.slice(0, n))), `size ${n}`);
    }
  });

  test('every complete subtree is named once, with its level, index and hash', () => {
    let f: Frontier = EMPTY_FRONTIER;
    const seen = new Map<string, Buffer>();
    for (let n = 1; n <= 70; n += 1) {
      const step = appendLeaf(f, HASHES[n - 1]!);
      f = step.frontier;
      for (const c of step.completed) {
        const key = `${c.level}/${c.idx}`;
        assert.equal(seen.has(key), false, `${key} twice`);
        seen.set(key, c.hash);
        const width = 2 ** c.level;
        assert.equal((c.idx + 1) * width, n, `${key} completes at leaf ${n}`);
        assert.equal(hex(c.hash), hex(ALL(c.idx * width, (c.idx + 1) * width)));
      }
      assert.deepEqual(step.completed.map((c) => c.level), Array.from({ length: step.completed.length }, (_, i) => i + 1));
    }
    // 70 leaves: 35 pairs, 17 quads, 8 of 8, 4 of 16, 2 of 32, 1 of 64.
    assert.equal(seen.size, 35 + 17 + 8 + 4 + 2 + 1);
  });

  test('a frontier whose hashes do not match its size is refused', () => {
    assert.throws(() => appendLeaf({ size: 3, hashes: [HASHES[0]!] }, HASHES[1]!), /frontier of size 3/);
  });
});

describe('proofs from prefetched ranges', () => {
  test('the ranges a proof names are enough to build it', () => {
    for (const [i, size] of [[0, 1], [13, 40], [39, 40], [64, 70]] as const) {
      const known = new Map(inclusionRanges(i, size).map((r) => [rangeKey(r), ALL(r[0], r[1])]));
      assert.deepEqual(inclusionProof(i, size, subtreeFromRanges(known)).map(hex), inclusionProof(i, size, ALL).map(hex));
    }
    for (const [m, n] of [[1, 8], [7, 70], [32, 64], [33, 70]] as const) {
      const known = new Map(consistencyRanges(m, n).map((r) => [rangeKey(r), ALL(r[0], r[1])]));
      assert.deepEqual(consistencyProof(m, n, subtreeFromRanges(known)).map(hex), consistencyProof(m, n, ALL).map(hex));
    }
    assert.throws(() => subtreeFromRanges(new Map())(0, 2), /was not fetched/);
  });
});
