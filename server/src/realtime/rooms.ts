/** Room names: every socket of a user, of an organization's members, of a base's operators, of a conversation. */
export const rooms = {
  user: (id: string) => `user:${id}`,
  org: (id: string) => `org:${id}`,
  base: (id: string) => `base:${id}`,
  conversation: (id: string) => `conversation:${id}`,
};

export const CONVERSATION_PREFIX = 'conversation:';
