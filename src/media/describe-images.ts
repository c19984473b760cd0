// An article's images as the desk reads them (CLI and admin API): where each came from, what became of it.
import type { ArticleImage } from '../store/media.js';

export interface DeskImage {
  role: 'lead' | 'body';
  sourceUrl: string;
  status: ArticleImage['status'];
  refusalReason: string | null;
  sha256: string | null;
  contentType: string | null;
  width: number | null;
  height: number | null;
  credit: string | null;
  copyright: string | null;
  variants: { key: string; width: number; height: number; contentType: string; bytes: number }[];
}

export function describeArticleImage(image: ArticleImage): DeskImage {
  return {
    role: image.role,
    sourceUrl: image.sourceUrl,
    status: image.status,
    refusalReason: image.refusalReason,
    sha256: image.sha256,
    contentType: image.contentType,
    width: image.width,
    height: image.height,
    credit: image.credit,
    copyright: image.copyright,
    variants: image.variants.map(({ key, width, height, contentType, bytes }) => ({ key, width, height, contentType, bytes })),
  };
}
