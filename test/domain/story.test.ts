import { describe, expect, it } from '@jest/globals';
import { getAnswer, hasAnswered, newStory, recordAnswer, removeAnswer, removeTopic, setPosition, setTopicStatus, type Answer } from '../../domain/story.js';

const now = new Date('2026-11-29T10:00:00Z');
const answer = (questionId: string, text: string, topicId = 'housing'): Answer => ({
  topicId,
  questionId,
  status: 'answered',
  text,
  language: 'en',
  withSupport: false,
  answeredAt: now.toISOString(),
});

describe('story rules', () => {
  it('keeps answers verbatim and replaces an answer to the same question', () => {
    let story = recordAnswer(newStory('p1', 'en', now), answer('how-long', 'a few weeks'));
    story = recordAnswer(story, answer('how-long', 'Only till Friday!! 😟'));
    expect(getAnswer(story, 'housing', 'how-long')?.text).toBe('Only till Friday!! 😟');
  });

  it('records a skip without any words', () => {
    const story = recordAnswer(newStory('p1', 'en', now), { ...answer('worries', ''), status: 'skipped', text: undefined });
    expect(hasAnswered(story, 'housing', 'worries')).toBe(false);
    expect(getAnswer(story, 'housing', 'worries')?.status).toBe('skipped');
  });

  it('removes one answer, and a whole topic with its status and place', () => {
    let story = recordAnswer(newStory('p1', 'en', now), answer('how-long', 'weeks'));
    story = recordAnswer(story, answer('worries', 'damp'));
    story = recordAnswer(story, answer('income', 'UC', 'money'));
    story = setTopicStatus(story, 'housing', 'done', now);
    story = setPosition(story, { topicId: 'housing', questionIndex: 1 }, now);
    const withoutOne = removeAnswer(story, 'housing', 'worries', now);
    expect(getAnswer(withoutOne, 'housing', 'worries')).toBeUndefined();
    expect(getAnswer(withoutOne, 'housing', 'how-long')?.text).toBe('weeks');
    const withoutTopic = removeTopic(story, 'housing', now);
    expect(withoutTopic.answers.housing).toBeUndefined();
    expect(withoutTopic.topicStatus.housing).toBeUndefined();
    expect(withoutTopic.position).toBeNull();
    expect(getAnswer(withoutTopic, 'money', 'income')?.text).toBe('UC');
  });
});
