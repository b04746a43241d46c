import { ActivityHandler, type ConversationState, type StatePropertyAccessor, type TurnContext } from 'botbuilder';
import { DialogSet, DialogTurnStatus, type DialogState } from 'botbuilder-dialogs';
import type { OneStoryDialog } from '../dialogs/oneStoryDialog.js';
import type { SessionState } from '../dialogs/dialogServices.js';
import { DialogIds } from '../dialogs/dialogIds.js';

export interface OneStoryBotOptions {
  conversationState: ConversationState;
  dialogState: StatePropertyAccessor<DialogState>;
  session: StatePropertyAccessor<SessionState>;
  dialog: OneStoryDialog;
  /** After this long without a message, the conversation is a new sitting: welcome back. */
  sessionGapMs: number;
  clock: () => Date;
}

/**
 * Turns activities into dialog turns. A person is welcomed when they join (web chat) or on their first
 * message (SMS sends no join event); someone returning after a long gap is welcomed back rather than
 * dropped into the middle of an old question.
 */
export class OneStoryBot extends ActivityHandler {
  private readonly dialogs: DialogSet;

  constructor(private readonly options: OneStoryBotOptions) {
    super();
    this.dialogs = new DialogSet(options.dialogState);
    this.dialogs.add(options.dialog);

    this.onMembersAdded(async (context, next) => {
      const joined = (context.activity.membersAdded ?? []).some((member) => member.id !== context.activity.recipient?.id);
      if (joined) await this.runDialog(context);
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.runDialog(context);
      await next();
    });
  }

  async run(context: TurnContext): Promise<void> {
    await super.run(context);
    await this.options.conversationState.saveChanges(context, false);
  }

  private async runDialog(context: TurnContext): Promise<void> {
    const dc = await this.dialogs.createContext(context);
    const session = await this.options.session.get(context, {});
    const now = this.options.clock();
    const lastSeen = session.lastSeenAt ? Date.parse(session.lastSeenAt) : undefined;
    if (lastSeen !== undefined && now.getTime() - lastSeen > this.options.sessionGapMs) {
      await dc.cancelAllDialogs();
      session.supporter = undefined;
    }
    session.lastSeenAt = now.toISOString();
    const result = await dc.continueDialog();
    // A join event while a conversation is under way is ignored by the waiting prompt, so the welcome
    // starts only when nothing is under way.
    if (result.status === DialogTurnStatus.empty) await dc.beginDialog(DialogIds.root);
  }
}
