import type account from '../zh-CN/account.js';

const en: typeof account = {
  auth: {
    signIn: 'Sign in',
    signInTitle: 'Sign in to ResourceLink',
    register: 'Create account',
    registerTitle: 'Create an account',
    signOut: 'Sign out',
    noAccount: 'No account yet?',
    registerLink: 'Create one',
    haveAccount: 'Already have an account?',
    signInLink: 'Sign in',
    forgotLink: 'Forgot your password?',
    forgotTitle: 'Reset your password',
    forgotIntro:
      'Enter the email you registered with. We will send a link to choose a new password; it works once, within an hour.',
    sendLink: 'Send the link',
    linkSent: 'If this email has an account, the link is on its way: check your mailbox.',
    resetTitle: 'Choose a new password',
    setPassword: 'Save the new password',
    resetDone: 'Your password is reset and every device is signed out. Sign in with the new password.',
    resetNoToken: 'The link is incomplete: open it again from the email, or ask for a new one.',
    roleQuestion: 'How will you use ResourceLink?',
    roleHints: {
      resident:
        'Post community needs, such as meals at home for an elderly neighbour or a venue for a residents’ group',
      organization:
        'A social organization or project team: find funding, venues and people, and offer your services',
      funder: 'An enterprise or foundation: offer funding, venues, volunteers and more',
    },
  },
  account: {
    title: 'Me',
    shortcuts: 'Shortcuts',
    settingsTitle: 'Account settings',
    saveName: 'Save name',
    nameSaved: 'Name saved',
    passwordFields: {
      current: 'Current password',
      new: 'New password',
    },
    changePassword: 'Change password',
    passwordChanged: 'Password changed; other devices are signed out.',
    elderModeRemembered:
      'Elder mode is remembered for your account and stays on when you sign in again on this device.',
  },
  organization: {
    edit: 'Edit the organization',
    save: 'Save changes',
    backToReview:
      'A new name or credit code must be verified by the base again; until then the organization shows as pending and offers for registered organizations only are closed to it.',
    title: 'My organization',
    funderTitle: 'Enterprise or foundation',
    intro:
      'Describe your organization before posting needs and offers. Your incubation base will then verify it.',
    funderIntro: 'Describe your enterprise or foundation before posting offers.',
    create: 'Save organization',
    creditCodeHint: '18 characters; project teams may leave it empty',
    contactPrivacy:
      'Phone and email are shown to the other side only once a match is accepted, and every view is logged.',
    verification: {
      pending: 'Awaiting verification',
      verified: 'Verified',
      rejected: 'Verification refused',
    },
    pendingHint:
      'Your incubation base will verify these details; uploading the registration certificate speeds it up.',
    rejectedBecause: 'Reason: {reason}',
    grade: 'Grade {grade}A',
    documents: 'Registration documents',
    noDocuments: 'No document uploaded yet',
    upload: 'Upload registration certificate',
    uploading: 'Uploading…',
    uploadHint: 'JPG, PNG, WebP or PDF, up to 5 MB.',
    documentMeta: '{size} KB · {date}',
  },
};
export default en;
