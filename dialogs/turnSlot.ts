import type { TurnContext } from 'botbuilder';

/** One value kept in a turn's state for the length of the turn, set once and read anywhere in it. */
export function turnSlot<T>(name: string, missing: string): { set(context: TurnContext, value: T): void; get(context: TurnContext): T } {
  const key = Symbol(name);
  return {
    set: (context, value) => {
      context.turnState.set(key, value);
    },
    get: (context) => {
      const value = context.turnState.get(key) as T | undefined;
      if (value === undefined) throw new Error(missing);
      return value;
    },
  };
}
