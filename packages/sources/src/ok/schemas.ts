import { z } from 'zod';

/** Shapes of the OK REST API answers we use (apiok.ru), validated at the boundary. */

export const okErrorSchema = z.object({ error_code: z.number().int(), error_msg: z.string().default(''), error_data: z.unknown().optional() });

export const okGroupSchema = z.object({
  uid: z.string(),
  name: z.string(),
  description: z.string().optional(),
  shortname: z.string().optional(),
  members_count: z.number().int().nonnegative().optional(),
  homepage_url: z.string().optional(),
  phone: z.string().optional(),
  email: z.string().optional(),
  address: z.string().optional(),
  city: z.string().optional(),
  access_type: z.string().optional(),
  status: z.string().optional(),
  picAvatar: z.string().optional(),
  pic_avatar: z.string().optional(),
  premium: z.boolean().optional(),
  business: z.boolean().optional(),
});
export type OkGroup = z.infer<typeof okGroupSchema>;
export const okGroupInfoSchema = z.array(okGroupSchema);

const mediaItem = z.object({ type: z.string(), text: z.string().optional() });
export const okTopicSchema = z.object({
  id: z.string(),
  created_ms: z.number().int().nonnegative(),
  media: z.array(mediaItem).default([]),
  is_on_top: z.boolean().optional(),
  is_promo: z.boolean().optional(),
  discussion_summary: z.object({ comments_count: z.number().int().nonnegative() }).optional(),
  like_summary: z.object({ count: z.number().int().nonnegative() }).optional(),
  reshare_summary: z.object({ count: z.number().int().nonnegative() }).optional(),
  views_count: z.number().int().nonnegative().optional(),
});
export type OkTopic = z.infer<typeof okTopicSchema>;
export const okTopicsSchema = z.object({
  media_topics: z.array(okTopicSchema).default([]),
  anchor: z.string().optional(),
  has_more: z.boolean().default(false),
});

export const okCommentSchema = z.object({
  id: z.string(),
  author_id: z.string().optional(),
  author_type: z.string().optional(),
  /** "yyyy-MM-dd HH:mm:ss", Moscow time. */
  date: z.string(),
  text: z.string().default(''),
  reply_to_id: z.string().optional(),
  reply_to_comment_id: z.string().optional(),
  deleted: z.boolean().optional(),
});
export type OkComment = z.infer<typeof okCommentSchema>;
export const okCommentsSchema = z.object({
  comments: z.array(okCommentSchema).default([]),
  anchor: z.string().optional(),
  has_more: z.boolean().default(false),
});

/** url.getInfo: what an ok.ru address points to. */
export const okUrlInfoSchema = z.object({ type: z.string().optional(), objectId: z.union([z.number(), z.string()]).optional() });
