import { z } from 'zod';

/** The documented shapes of VK API 5.199 answers we rely on; anything else is reported as malformed. */

const flag = z.union([z.number(), z.boolean()]).transform((value) => value === true || value === 1);
const counter = z.object({ count: z.number().int().nonnegative() });

export const envelopeSchema = z.union([
  z
    .object({
      response: z.unknown(),
      /** Only from execute: the errors of failed inner calls, in the order of the `false` results. */
      execute_errors: z.array(z.object({ method: z.string(), error_code: z.number().int(), error_msg: z.string() })).optional(),
    })
    .refine((body) => 'response' in body, 'response is missing'),
  z.object({
    error: z.object({
      error_code: z.number().int(),
      error_msg: z.string(),
      request_params: z.array(z.object({ key: z.string(), value: z.unknown() })).optional(),
    }),
  }),
]);

export const groupSchema = z.object({
  id: z.number().int().positive(),
  name: z.string(),
  screen_name: z.string().optional(),
  is_closed: z.number().int().min(0).max(2).optional(),
  deactivated: z.string().optional(),
  verified: flag.optional(),
  description: z.string().optional(),
  site: z.string().optional(),
  status: z.string().optional(),
  members_count: z.number().int().nonnegative().optional(),
  wall: z.number().int().min(0).max(3).optional(),
  contacts: z.array(z.object({ user_id: z.number().int().optional(), desc: z.string().optional(), phone: z.string().optional(), email: z.string().optional() })).optional(),
  links: z.array(z.object({ id: z.number().int().optional(), url: z.string(), name: z.string().optional(), desc: z.string().optional() })).optional(),
  addresses: z
    .object({
      is_enabled: flag.optional(),
      main_address: z
        .object({
          address: z.string().optional(),
          city: z.object({ title: z.string() }).optional(),
          phone: z.string().optional(),
          timetable: z.record(z.string(), z.unknown()).optional(),
        })
        .optional(),
    })
    .optional(),
  cover: z.object({ enabled: flag }).optional(),
  photo_200: z.string().optional(),
});
export type VkGroup = z.infer<typeof groupSchema>;

/** 5.199 answers `{groups, profiles}`; versions before 5.194 answered a bare array, accepted too. */
export const groupsGetByIdSchema = z.union([
  z.object({ groups: z.array(groupSchema), profiles: z.array(z.unknown()).optional() }),
  z.array(groupSchema).transform((groups) => ({ groups, profiles: [] as unknown[] })),
]);

export const postSchema = z.object({
  id: z.number().int().positive(),
  owner_id: z.number().int(),
  from_id: z.number().int().optional(),
  date: z.number().int().nonnegative(),
  edited: z.number().int().nonnegative().optional(),
  text: z.string().default(''),
  is_pinned: flag.optional(),
  marked_as_ads: flag.optional(),
  comments: z.object({ count: z.number().int().nonnegative(), can_post: flag.optional() }).optional(),
  likes: counter.optional(),
  reposts: counter.optional(),
  views: counter.optional(),
});
export type VkPost = z.infer<typeof postSchema>;

export const wallGetSchema = z.object({ count: z.number().int().nonnegative(), items: z.array(postSchema) });

const commentBase = z.object({
  id: z.number().int().positive(),
  from_id: z.number().int().optional(),
  date: z.number().int().nonnegative(),
  text: z.string().default(''),
  reply_to_user: z.number().int().optional(),
  reply_to_comment: z.number().int().optional(),
  parents_stack: z.array(z.number().int()).optional(),
  deleted: flag.optional(),
});
export type VkComment = z.infer<typeof commentBase>;

export const topCommentSchema = commentBase.extend({
  thread: z.object({ count: z.number().int().nonnegative(), items: z.array(commentBase).default([]) }).optional(),
});

export const wallGetCommentsSchema = z.object({
  count: z.number().int().nonnegative(),
  current_level_count: z.number().int().nonnegative().optional(),
  items: z.array(topCommentSchema),
});
