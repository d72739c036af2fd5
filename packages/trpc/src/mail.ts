import type { SessionUser } from '@most/db';

const link = (publicUrl: string, path: string, token: string) => `${publicUrl.replace(/\/$/, '')}${path}?token=${encodeURIComponent(token)}`;

export const passwordResetMail = (publicUrl: string, user: SessionUser, token: string) => ({
  to: user.email,
  subject: 'Цифровой мост: восстановление пароля',
  text:
    `Здравствуйте${user.displayName ? `, ${user.displayName}` : ''}!\n\n` +
    `Чтобы задать новый пароль, откройте ссылку (действует 1 час):\n${link(publicUrl, '/reset-password', token)}\n\n` +
    'Если вы не запрашивали восстановление, просто проигнорируйте это письмо.',
});

export const invitationMail = (publicUrl: string, user: SessionUser, token: string) => ({
  to: user.email,
  subject: 'Цифровой мост: приглашение',
  text:
    `Здравствуйте${user.displayName ? `, ${user.displayName}` : ''}!\n\n` +
    `Вас пригласили в платформу «Цифровой мост». Чтобы задать пароль и войти, откройте ссылку (действует 7 дней):\n` +
    `${link(publicUrl, '/accept-invitation', token)}\n`,
});
