/** Dialog ids in one place, so a dialog can start another without importing its class. */
export const DialogIds = {
  root: 'one-story',
  entry: 'entry',
  welcome: 'welcome',
  welcomeBack: 'welcome-back',
  supporter: 'supporter',
  menu: 'menu',
  topic: 'topic',
  review: 'review',
  deleteStory: 'delete-story',
  answerPrompt: 'answer',
  textMessagingSetup: 'text-messaging-setup',
  resumeCode: 'resume-code',
} as const;
