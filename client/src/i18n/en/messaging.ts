import type messaging from '../zh-CN/messaging.js';

const en: typeof messaging = {
  messaging: {
    threadTitle: 'Conversation',
    threadLabel: 'Messages',
    none: 'No conversation yet',
    noneHint: 'Once a match is accepted, both sides can talk here.',
    untitled: 'Conversation',
    noMessagesYet: 'No message yet',
    unreadSuffix: ' unread',
    online: 'online',
    kinds: {
      match: 'Match',
      base: 'Incubation base',
      direct: 'Between organizations',
    },
    backToList: 'Back to messages',
    toMatch: 'View match',
    loadOlder: 'Show earlier messages',
    startHint: 'Say hello to start the conversation.',
    write: 'Write a message',
    placeholder: 'Write a message; Enter sends',
    send: 'Send',
    sending: 'Sending',
    sent: 'Sent',
    read: 'Read',
    failed: 'Not sent',
    retry: 'Send again',
    typing: 'The other side is typing…',
    reconnecting: 'Connection lost; reconnecting. Nothing sent meanwhile is lost.',
  },
  notifications: {
    bellUnread: 'Notifications, {count} unread',
    unread: 'unread',
    none: 'No notification',
    noneHint: 'You are told here when someone proposes or accepts a match, or sends you a message.',
    markAllRead: 'Mark all as read',
    named: {
      match: {
        proposed: '{counterpart} proposed a match on your “{listingTitle}”',
        accepted: '{counterpart} accepted your proposal on “{otherListingTitle}”',
        overdue: 'The proposed match of “{listingTitle}” and “{otherListingTitle}” is past its deadline',
        evidenceAttached: '{counterpart} attached new evidence to the match on “{listingTitle}”',
      },
    },
    types: {
      match: {
        proposed: 'Someone proposed a match to you',
        accepted: 'Your match was accepted',
        overdue: 'A match is past its deadline',
        evidenceAttached: 'The other side attached new evidence to a match',
        reminded: 'The base reminds you: a proposed match awaits your answer',
      },
      application: {
        reviewRequested: 'You are on an entry review panel: please score',
        decided: 'Your entry application has been decided',
      },
      residency: { ended: 'Your incubation at the base has ended' },
      message: { offline: '{senderName} sent you a message' },
      savedSearch: { matched: 'A new listing answers your saved search “{savedSearchName}”' },
      event: {
        promoted: 'You moved up from the waiting list: {eventTitle}',
        cancelled: 'An event you signed up for is cancelled: {eventTitle}',
      },
    },
  },
};
export default en;
