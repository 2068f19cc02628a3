/** The Electron download allow-list (main/electron/download-policy.ts): only the app's own images and single-use exports. */
import { describe, expect, it } from 'vitest';
import { allowedDownload } from '../../main/electron/download-policy.ts';

describe('Electron download policy', () => {
  it('allows map images from the app page and exports from the download address, each with its own types', () => {
    expect(allowedDownload('blob:tessera://app/1234-5678', 'Plan.png')?.extensions).toEqual(['png']);
    expect(allowedDownload('tessera://app/download/abcDEF_-123', 'demo - Current plan.zip')?.name).toBe('Zipped shapefile');
    for (const ext of ['pdf', 'svg', 'pptx', 'zip', 'geojson', 'gpkg', 'kml', 'csv', 'xlsx']) {
      expect(allowedDownload('tessera://app/download/x', `f.${ext}`)?.extensions, ext).toEqual([ext]);
    }
  });

  it('refuses other origins, other paths and other file types', () => {
    expect(allowedDownload('https://example.com/download/x', 'f.csv')).toBeNull();
    expect(allowedDownload('blob:https://example.com/1234', 'f.png')).toBeNull();
    expect(allowedDownload('tessera://app/assets/x', 'f.csv')).toBeNull();
    expect(allowedDownload('tessera://app/download/x', 'f.exe')).toBeNull();
    expect(allowedDownload('tessera://app/download/x', 'f.png'), 'images come as blobs only').toBeNull();
    expect(allowedDownload('blob:tessera://app/1234', 'f.csv'), 'exports come from main only').toBeNull();
  });
});
