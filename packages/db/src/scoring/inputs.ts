import type { ProfileSnapshotInput } from '@most/domain';

/** The normalised profile the crawler stores in account_snapshots.profile (see 0002). */
export interface StoredProfile {
  description?: string | null;
  website?: string | null;
  phones?: string[] | null;
  emails?: string[] | null;
  address?: string | null;
  hasWorkingHours?: boolean | null;
  links?: { url?: string | null; name?: string | null }[] | null;
  membersCount?: number | null;
  wall?: 'open' | 'limited' | 'closed' | 'off' | null;
  hasAvatar?: boolean | null;
  hasCover?: boolean | null;
}

const HEAD_WORDS = /глав[аеыу]|руководител|мэр|губернатор|министр|директор|начальник|председател|заведующ|ректор/i;
const PERSONAL_PAGE = /(?:vk\.(?:com|ru)\/id\d+|ok\.ru\/profile\/\d+)/i;

/** The head's account: a profile link named like a head, or any link to a personal page. */
export function headAccountUrl(profile: StoredProfile): string | null {
  for (const link of profile.links ?? []) {
    const url = link.url ?? '';
    if (url !== '' && (HEAD_WORDS.test(link.name ?? '') || PERSONAL_PAGE.test(url))) return url;
  }
  const inDescription = PERSONAL_PAGE.exec(profile.description ?? '');
  return inDescription ? inDescription[0] : null;
}

export function profileInput(id: number, takenAt: Date, profile: StoredProfile): ProfileSnapshotInput {
  const first = (values: string[] | null | undefined) => values?.find((v) => v.trim() !== '') ?? null;
  return {
    id: String(id),
    takenAt,
    description: profile.description ?? null,
    website: profile.website ?? null,
    phone: first(profile.phones),
    email: first(profile.emails),
    workingHours: profile.hasWorkingHours ? 'указан' : null,
    postalAddress: profile.address ?? null,
    headAccountUrl: headAccountUrl(profile),
    hasAvatar: profile.hasAvatar === true,
    hasCover: profile.hasCover === true,
    commentsOpen: profile.wall === null || profile.wall === undefined ? null : profile.wall === 'open' || profile.wall === 'limited',
    followers: typeof profile.membersCount === 'number' ? profile.membersCount : null,
  };
}
