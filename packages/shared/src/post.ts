/** A post as a network adapter reads it and the crawl stores it: one shape from the adapter to the database. */
export interface NetworkPost {
  externalId: string;
  url: string;
  publishedAt: Date;
  editedAt: Date | null;
  text: string;
  isPinned: boolean;
  isAd: boolean;
  likes: number;
  reposts: number;
  comments: number;
  views: number | null;
  commentsOpen: boolean | null;
}
