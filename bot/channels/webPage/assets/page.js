// One Story's page script: GOV.UK components, the quick exit, and Web Chat over this server's Direct Line.
// It keeps one thing in the browser, the current conversation's id and token, in this tab's
// sessionStorage only (never localStorage or cookies), and removes it on quick exit.
import { Button, ExitThisPage, SkipLink, createAll } from '/assets/govuk/govuk-frontend.min.js';

const STORAGE_KEY = 'one-story:conversation';
const DIRECT_LINE_DOMAIN = `${window.location.origin}/v3/directline`;
const WEB_CHAT_BUNDLE = '/assets/webchat/webchat.js';
const MARKDOWN_BUNDLE = '/assets/markdown/markdown-it.js';
const CONNECTION_FAILED = 4; // botframework-directlinejs ConnectionStatus.FailedToConnect
const CONNECTION_ENDED = 5; // ConnectionStatus.Ended
const QUICK_EXIT_EVENT = 'oneStory.quickExit'; // sent by the bot when "exit" is typed (dialogs/oneStoryDialog.ts)

let directLine;
let leaving = false;

/** Leave at once: forget the conversation, stop talking to the server, replace this history entry. */
function leave(url) {
  leaving = true;
  try {
    window.sessionStorage.clear();
  } catch {
    // Storage can be unavailable (private modes); there is then nothing to clear.
  }
  try {
    directLine?.end();
  } catch {
    // Already ended.
  }
  document.body.classList.add('govuk-exit-this-page-hide-content');
  // replace(), not href =: Back must not return to the chat.
  window.location.replace(url);
}

/** GOV.UK's Exit this page (button and Shift three times), leaving with leave() instead of a new history entry. */
class QuickExit extends ExitThisPage {
  exitPage() {
    leave(this.$button.href);
  }
}

document.body.classList.add('govuk-frontend-supported');
createAll(QuickExit);
createAll(SkipLink);
createAll(Button);

const container = document.getElementById('webchat');
if (container) {
  startChat(container).catch(() => showConnectionLost());
  // A tap focuses its button on the way down: scrolling then would move the button from under the finger
  // before the tap ends, and the tap would be lost. So a tap's scroll waits until the tap has landed.
  let pressing = false;
  container.addEventListener('pointerdown', () => (pressing = true), true);
  window.addEventListener(
    'pointerup',
    () => {
      if (!pressing) return;
      pressing = false;
      window.requestAnimationFrame(() => keepChatInView(container));
    },
    true,
  );
  container.addEventListener('focusin', () => {
    if (!pressing) window.requestAnimationFrame(() => keepChatInView(container));
  });
  window.addEventListener('resize', () => {
    if (container.contains(document.activeElement)) keepChatInView(container);
  });
}

/**
 * While the person is in the chat, keep all of it in the window: its top below Exit this page (sticky at
 * the top of a phone's screen, so whatever scrolls under it is covered) and its send box showing. The
 * browser, and a tap, scroll only as far as the element in focus; this brings the rest of the chat in.
 * page.css makes the chat no taller than the window less the button's band, so it fits.
 */
function keepChatInView(element) {
  const chat = element.getBoundingClientRect();
  const exit = document.querySelector('.govuk-exit-this-page')?.getBoundingClientRect();
  const top = exit && exit.left < chat.right && exit.right > chat.left ? Math.max(exit.bottom, 0) : 0;
  if (chat.top < top || chat.bottom > window.innerHeight) element.scrollIntoView({ block: 'end' });
}

function readSession() {
  try {
    const value = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) ?? 'null');
    if (value && typeof value.conversationId === 'string' && typeof value.token === 'string') return value;
  } catch {
    // Unreadable: start afresh.
  }
  return undefined;
}

function saveSession(conversationId, token) {
  if (leaving || !conversationId || !token) return;
  try {
    window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify({ conversationId, token }));
  } catch {
    // Without storage, a reload starts a new conversation; the story stays on the server.
  }
}

function loadScript(src, loaded) {
  if (loaded()) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const script = document.createElement('script');
    script.src = src;
    script.onload = () => resolve();
    script.onerror = () => reject(new Error(`${src} did not load`));
    document.head.appendChild(script);
  });
}

/**
 * The bot's Markdown as Web Chat's full bundle would show it (headings, bold, lists), for the review laid out
 * by topic. HTML in a message is shown as text, never run; links and images are off (the bot sends none, and
 * a person's words must never become one); a line break stays a line break, as in a plain message.
 */
function markdownRenderer() {
  const markdown = window.markdownit({ html: false, breaks: true, linkify: false, typographer: false }).disable(['link', 'image', 'autolink']);
  return (text) => markdown.render(text);
}

/**
 * How often the page asks the local Direct Line for the bot's replies (it has no WebSocket): every half
 * second, so an answer shows within half a second of being ready rather than a whole one (Direct Line's
 * default), for one small request more a second per open chat.
 */
const POLLING_MS = 500;

async function startChat(element) {
  await Promise.all([loadScript(WEB_CHAT_BUNDLE, () => window.WebChat), loadScript(MARKDOWN_BUNDLE, () => window.markdownit)]);
  const saved = readSession();
  if (saved) {
    // Same tab, reloaded: reconnect to the same conversation and see it again.
    directLine = window.WebChat.createDirectLine({ domain: DIRECT_LINE_DOMAIN, token: saved.token, conversationId: saved.conversationId, webSocket: false, pollingInterval: POLLING_MS });
  } else {
    const response = await fetch(`${DIRECT_LINE_DOMAIN}/tokens/generate`, { method: 'POST', headers: { accept: 'application/json' } });
    if (!response.ok) throw new Error(`token request answered ${response.status}`);
    const { conversationId, token } = await response.json();
    saveSession(conversationId, token);
    // The locale goes with the start, so the welcome comes in the language chosen on the page.
    directLine = window.WebChat.createDirectLine({ domain: DIRECT_LINE_DOMAIN, token, webSocket: false, pollingInterval: POLLING_MS, conversationStartProperties: { locale: element.dataset.locale } });
  }
  if (leaving) return;

  directLine.connectionStatus$.subscribe((status) => {
    if (status === CONNECTION_FAILED || status === CONNECTION_ENDED) showConnectionLost();
  });
  // The client refreshes its token; keep the newest so a reload still opens the conversation.
  // "exit" typed in the chat: the bot says so with an event, and the page leaves as its button does.
  directLine.activity$.subscribe((activity) => {
    if (activity?.type === 'event' && activity.name === QUICK_EXIT_EVENT && activity.from?.role !== 'user') {
      leave(document.querySelector('.govuk-js-exit-this-page-button')?.href ?? 'about:blank');
      return;
    }
    saveSession(directLine.conversationId, directLine.token);
  });

  window.WebChat.renderWebChat(
    {
      directLine,
      locale: element.dataset.locale,
      // Web Chat's own words (send box, timestamps, "Send failed") in a language it has none for, from locales/.
      overrideLocalizedStrings: webChatStrings(element),
      // Web Chat guesses right to left only for Arabic and Hebrew locales; the page says it for Urdu too.
      dir: element.dataset.dir,
      nonce: element.dataset.nonce,
      role: 'region',
      disableFileUpload: true,
      renderMarkdown: markdownRenderer(),
      styleOptions: {
        accent: '#1d70b8',
        // The page's font for its language (page.css, --one-story-font): Arabic and Urdu need their own.
        primaryFont: window.getComputedStyle(element).getPropertyValue('--one-story-font').trim() || 'arial, sans-serif',
        subtle: '#505a5f',
        bubbleBackground: '#f3f2f1',
        bubbleBorderColor: '#b1b4b6',
        bubbleBorderWidth: 1,
        bubbleTextColor: '#0b0c0c',
        bubbleFromUserBackground: '#1d70b8',
        bubbleFromUserBorderColor: '#1d70b8',
        bubbleFromUserBorderWidth: 1,
        bubbleFromUserTextColor: '#ffffff',
        hideUploadButton: true,
        sendBoxButtonColor: '#505a5f',
        sendBoxButtonColorOnHover: '#0b0c0c',
        suggestedActionLayout: 'flow',
        suggestedActionBackgroundColor: '#ffffff',
        suggestedActionBorderColor: '#1d70b8',
        suggestedActionBorderWidth: 2,
        suggestedActionTextColor: '#1d70b8',
        suggestedActionHeight: 'auto',
      },
    },
    element,
  );
}

/** The page's Web Chat words (data-strings, from locales/<lang>/webchat.json), or none: Web Chat's own then. */
function webChatStrings(element) {
  try {
    return element.dataset.strings ? JSON.parse(element.dataset.strings) : undefined;
  } catch {
    return undefined;
  }
}

function showConnectionLost() {
  if (leaving) return;
  try {
    window.sessionStorage.removeItem(STORAGE_KEY);
  } catch {
    // Nothing to forget.
  }
  const panel = document.getElementById('chat-lost');
  const restart = document.getElementById('chat-restart');
  if (!panel || !restart) return;
  panel.hidden = false;
  restart.addEventListener('click', () => window.location.reload(), { once: true });
}
