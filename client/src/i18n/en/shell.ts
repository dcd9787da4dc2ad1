import type shell from '../zh-CN/shell.js';

const en: typeof shell = {
  app: {
    name: 'ResourceLink',
    fullTitle: 'ResourceLink · Resource matching for social organizations',
    tagline: 'Resource matching for social organizations',
    skipToContent: 'Skip to main content',
    footer: 'ResourceLink · serving the social-organization incubation bases of Shanghai',
  },
  nav: {
    main: 'Main navigation',
    tabs: 'Bottom navigation',
    home: 'Home',
    search: 'Search',
    post: 'Post',
    matches: 'Matches',
    messages: 'Messages',
    me: 'Me',
    operator: 'Base operations',
    bureau: 'Oversight',
    bases: 'Bases',
    myListings: 'My listings',
    notifications: 'Notifications',
    unread: '{count} unread',
  },
  prefs: {
    switchLanguage: 'Switch language',
    otherLanguage: '中文',
    elderMode: 'Elder mode',
    elderModeHint: 'Larger text and stronger contrast',
  },
  home: {
    title: 'Good resources, found by the organizations that need them',
    lead: 'ResourceLink connects the incubation bases of every Shanghai district with social organizations, companies and foundations. Post what you need or what you can offer; the platform recommends matches by service domain, street and eligibility, and both sides talk online to make it happen.',
    searchCta: 'Find resources',
    postCta: 'Post a need or an offer',
    welcome: 'Welcome back, {name}.',
    completeOrganization: 'Describe your organization to start posting',
    pointsTitle: 'What the platform does',
    points: {
      post: {
        title: 'Needs and offers',
        text: 'Venues, funding, volunteers, professional services: post what you need or can give.',
      },
      match: {
        title: 'Matching',
        text: 'Scored by service domain, district and eligibility, with the reason behind every recommendation.',
      },
      talk: {
        title: 'Talk online',
        text: 'Once both sides accept a match they can talk here; contact details are shared as agreed.',
      },
    },
  },
  notFound: {
    title: 'Page not found',
    description: 'The page you asked for does not exist or has been removed.',
    backHome: 'Back to home',
  },
  health: {
    label: 'Status',
    database: 'Database',
    search: 'Search',
    realtime: 'Realtime',
    version: 'Version',
    unavailable: 'The server cannot be reached right now',
    engines: {
      embedded: 'embedded',
      mongodb: 'MongoDB',
      meilisearch: 'Meilisearch',
      memory: 'single process',
      redis: 'Redis',
      none: 'off',
    },
  },
};
export default en;
