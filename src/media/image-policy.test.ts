import { describe, it, expect } from 'vitest';
import { imageCreditRequired, imagePolicyOf } from './image-policy.js';

const rights = (license: string | null, usageTerms: string | null = null) => ({ license, licenseUrl: null, usageTerms, copyrightHolder: null });

describe('imagePolicyOf', () => {
  it('rehosts by default, proxies when the terms forbid keeping copies, and keeps the operator\'s choice', () => {
    expect(imagePolicyOf({ imagePolicy: null, rights: rights('CC BY 4.0') })).toBe('rehost');
    expect(imagePolicyOf({ rights: rights('permission on file', 'Republish with credit. Photos: do not store or rehost them.') })).toBe('proxy');
    expect(imagePolicyOf({ imagePolicy: 'link', rights: rights('CC BY 4.0') })).toBe('link');
  });
});

describe('imageCreditRequired', () => {
  it('asks for a credit under every license but CC0 and the public domain', () => {
    expect(imageCreditRequired(rights('CC BY 4.0'))).toBe(true);
    expect(imageCreditRequired(rights(null, 'permission on file'))).toBe(true);
    expect(imageCreditRequired(rights('CC0 1.0'))).toBe(false);
    expect(imageCreditRequired(rights('Public Domain'))).toBe(false);
    // The article's own license wins over the source's.
    expect(imageCreditRequired(rights('CC0 1.0'), rights('CC BY-SA 4.0'))).toBe(true);
  });
});

describe('convey sources add|edit --images', () => {
  it('takes rehost, proxy or link, clears back to the default with "", and refuses anything else', async () => {
    const { sourceChangesOf } = await import('../cli/sources-command.js');
    expect(sourceChangesOf({ images: 'proxy' })).toEqual({ imagePolicy: 'proxy' });
    expect(sourceChangesOf({ images: '' })).toEqual({ imagePolicy: null });
    expect(() => sourceChangesOf({ images: 'copy' })).toThrow(/--images/);
  });
});
